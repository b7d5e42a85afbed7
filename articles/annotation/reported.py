"""Reported speech: "X said that ...", "..., X said Tuesday", "according to X"."""

from __future__ import annotations

import re

from .lexicon import (
    BARE_CLAUSE_VERBS,
    DATA_NOUNS,
    FRAMING_VERBS,
    NOUN_LIKE_VERBS,
    QUESTION_VERBS,
    QUESTION_WORDS,
    SKIP_BEFORE_THAT,
    SPEECH_PARTICIPLES,
    SPEECH_VERBS,
    TELL_VERBS,
    TIME_WORDS,
)
from .quotes import Draft, is_speech_verb
from .speakers import Resolver
from .text import Doc, Token

_MODALS = frozenset(
    {
        "would",
        "could",
        "should",
        "might",
        "may",
        "must",
        "will",
        "can",
        "to",
        "shall",
        "not",
        "never",
        "n't",
        "cannot",
        "refused",
        "declined",
    }
)
_PASSIVE = frozenset({"was", "were", "been", "being", "be", "those", "is", "are"})
_VERB_ALT = "|".join(sorted(SPEECH_VERBS | SPEECH_PARTICIPLES, key=len, reverse=True))
_SECOND_VERB_RE = re.compile(
    rf"(?:,? (?:and|but) (?:(?:he|she|they|it) )?(?:also |later |then )?(?:{_VERB_ALT})\b"
    rf"|, (?:according to|{'|'.join(sorted(SPEECH_PARTICIPLES))})\b)"
)
_MIN_CLAUSE_TOKENS = 3
_PUNCT_STOP = re.compile(r"[.;:?!“”\"]")


def _timeish(tokens: list[Token]) -> bool:
    return all(
        t.lower in TIME_WORDS or t.text[0].isdigit() or (t.text[0].isupper() and len(tokens) <= 2)
        for t in tokens
    )


def reported_in_sentence(
    doc: Doc, resolver: Resolver, si: int, used_verbs: set[int]
) -> list[Draft]:
    s_start, s_end = doc.sentences[si]
    tokens = [t for t in doc.tokens_between(s_start, s_end) if not doc.in_quote(t.start)]
    drafts: list[Draft] = []
    covered = s_start
    for i, tok in enumerate(tokens):
        if tok.start < covered or tok.start in used_verbs:
            continue
        draft = None
        if tok.lower == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
            draft = _according(doc, resolver, tokens, i, s_start, s_end)
        elif is_speech_verb(doc, tokens, i) and _finite(tokens, i):
            draft = _trailing(doc, resolver, tokens, i, s_start, s_end)
            if draft is None:
                draft = _leading(doc, resolver, tokens, i, s_start, s_end)
        if draft is not None:
            drafts.append(draft)
            resolver.record(si, draft.ref)
            covered = draft.end
    return drafts


def _finite(tokens: list[Token], i: int) -> bool:
    word = tokens[i].lower
    if i == 0:
        return False  # "Asked whether ..." has no subject
    prev = tokens[i - 1].lower
    if prev in _MODALS or prev.endswith("n't"):
        return False
    if prev in _PASSIVE and word not in SPEECH_PARTICIPLES:
        return False
    return not (i > 1 and prev in ("also", "later") and tokens[i - 2].lower in _MODALS)


def _subject_start(doc: Doc, s_start: int, pos: int) -> int:
    for q in reversed(doc.quotes_between(s_start, pos)):
        if q.close_mark is not None and q.close_mark < pos:
            return q.close_mark + 1
    return s_start


def _trailing(
    doc: Doc, resolver: Resolver, tokens: list[Token], i: int, s_start: int, s_end: int
) -> Draft | None:
    """ "CLAUSE, X said Tuesday." / "CLAUSE, said X." """
    body = doc.body
    verb = tokens[i]
    if doc.in_quote(s_start) or body[s_start] in '“"':
        return None
    comma_after = body.find(",", verb.end, s_end)
    stop = comma_after if comma_after >= 0 else s_end
    after = [t for t in tokens[i + 1 :] if t.end <= stop]
    inverted = body[verb.start - 2 : verb.start] == ", " and _names_a_source(after)
    if inverted:
        comma = verb.start - 2
        subject = (verb.end, s_end)
    else:
        if len(after) > 5 or not _timeish(after):
            return None
        comma = body.rfind(", ", s_start, verb.start)
        if comma < 0 or len(doc.tokens_between(comma, verb.start)) > 10:
            return None
        subject = (comma + 2, verb.start)
    clause_end = _strip_end(body, s_start, comma)
    if clause_end - s_start < 10 or len(doc.tokens_between(s_start, clause_end)) < 4:
        return None
    if any(q.open_mark < clause_end for q in doc.quotes_between(s_start, clause_end)):
        return None
    ref = resolver.subject_in(*subject)
    if ref is None:
        return None
    evidence = body[comma + 2 : stop].strip(" .,")
    conf = 0.8 if ref.final().person is not None else 0.7
    return Draft(s_start, clause_end, "indirect", ref, conf, evidence, verb.start)


_DETS = frozenset({"a", "an", "the", "one", "two", "three", "its", "their"})
_CLAUSE_MARKERS = frozenset(
    {
        "would",
        "will",
        "had",
        "has",
        "have",
        "was",
        "were",
        "is",
        "are",
        "could",
        "can",
        "should",
        "may",
        "might",
        "must",
        "did",
        "does",
    }
)


def _names_a_source(after: list[Token]) -> bool:
    """After an inverted verb (", said X."): a name or a short description, not a clause."""
    if not after or len(after) > 8 or any(t.lower in _CLAUSE_MARKERS for t in after):
        return False
    first = after[0]
    if first.lower in _DETS:
        return len(after) <= 6
    return first.text[0].isupper() and first.lower not in ("he", "she", "they", "it")


def _leading(
    doc: Doc, resolver: Resolver, tokens: list[Token], i: int, s_start: int, s_end: int
) -> Draft | None:
    """ "X said (that) CLAUSE" / "X told reporters that CLAUSE" / "X asked whether ..." """
    body = doc.body
    verb = tokens[i]
    word = verb.lower
    rest = tokens[i + 1 :]
    if not rest or body[verb.end : verb.end + 1] in (":", ","):
        return None
    nxt = body[verb.end :].lstrip()[:1]
    if nxt in '“"':
        return None
    start = None
    with_that = False
    if word in QUESTION_VERBS:
        for tok in rest[:4]:
            if tok.lower in QUESTION_WORDS:
                start = tok.start
                break
    elif word in TELL_VERBS:
        start = _after_that(body, verb, rest, 12)
        with_that = start is not None
    elif word in NOUN_LIKE_VERBS and rest[0].lower != "that":
        return None
    elif rest[0].lower == "that":
        start, with_that = rest[0].end + 1, True
    elif rest[0].lower in SKIP_BEFORE_THAT:
        start = _after_that(body, verb, rest, 10)
        with_that = start is not None
    elif word in BARE_CLAUSE_VERBS or word in SPEECH_PARTICIPLES:
        if body[verb.end : rest[0].start] == " ":
            start = rest[0].start
    if start is None or doc.in_quote(start):
        return None
    end = _clause_end(doc, start, s_end)
    if len(doc.tokens_between(start, end)) < _MIN_CLAUSE_TOKENS:
        return None
    subj_start = _subject_start(doc, s_start, verb.start)
    ref = resolver.subject_in(subj_start, verb.start)
    if ref is None and subj_start > s_start:
        ref = resolver.subject_in(s_start, verb.start)  # 'called it "…" and said …'
    if ref is None:
        return None
    evidence = _clip(body, max(subj_start, verb.start - 30), verb.end)
    conf = 0.8 if with_that else 0.7
    if ref.final().person is None:
        conf -= 0.05
    return Draft(start, end, "indirect", ref, conf, evidence, verb.start)


def _clip(body: str, start: int, end: int) -> str:
    """The text between start and end, beginning at a word boundary."""
    while start < end and start > 0 and body[start - 1].isalnum():
        start += 1
    return body[start:end].strip(" ,.")


def _after_that(body: str, verb: Token, rest: list[Token], window: int) -> int | None:
    for tok in rest[:window]:
        if _PUNCT_STOP.search(body, verb.end, tok.start):
            return None
        if tok.lower == "that":
            return tok.end + 1
        if tok.lower in QUESTION_WORDS and tok.lower == "whether":
            return tok.start
    return None


def _clause_end(doc: Doc, start: int, s_end: int) -> int:
    body = doc.body
    end = s_end
    m = _SECOND_VERB_RE.search(body, start, end)
    if m is not None:
        end = m.start()
    for q in doc.quotes_between(start, end):
        comma = max(body.rfind(", ", start, q.open_mark), body.rfind(" and ", start, q.open_mark))
        between = body[comma : q.open_mark].split() if comma > start else []
        if any(w.lower() in FRAMING_VERBS and w.lower() not in ("as", "of") for w in between):
            end = comma
            break
    trailing = _trailing_attribution(body, start, end)
    return _strip_end(body, start, trailing)


def _trailing_attribution(body: str, start: int, end: int) -> int:
    """Cut ", executives and union officials say" off the end of a clause."""
    comma = body.rfind(", ", start, end)
    if comma < 0:
        return end
    words = body[comma + 2 : end].rstrip(" .!?").split()
    for k, w in enumerate(words[:8]):
        if w.lower() in SPEECH_VERBS and k > 0:
            if all(x.lower().strip(",") in TIME_WORDS for x in words[k + 1 :]):
                return comma
    return end


def _strip_end(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1] in " .,;:!?—–":
        end -= 1
    return end


def _according(
    doc: Doc, resolver: Resolver, tokens: list[Token], i: int, s_start: int, s_end: int
) -> Draft | None:
    body = doc.body
    acc = tokens[i]
    np_start = tokens[i + 1].end
    comma = body.find(",", np_start, s_end)
    np_end = comma if comma >= 0 else s_end
    np_words = [w.lower().strip(".,") for w in body[np_start:np_end].split()]
    if not np_words or any(w in DATA_NOUNS for w in np_words):
        return None
    ref = resolver.subject_in(np_start, _strip_end(body, np_start, np_end))
    if ref is None:
        return None
    evidence = body[acc.start : np_end].strip(" .")
    if i == 0:
        if comma < 0:
            return None
        start = comma + 2
        second = body.find(", ", start, s_end)
        if second > 0 and (body[start].islower() or body[start : start + 2] in ("a ", "A ")):
            start = second + 2  # skip the source's title: "According to X, an economist, ..."
        end = _clause_end(doc, start, s_end)
    else:
        if body[acc.start - 2 : acc.start] != ", " or doc.in_quote(s_start):
            return None
        if body[s_start] in '“"':
            return None
        start, end = s_start, _strip_end(body, s_start, acc.start - 2)
    if len(doc.tokens_between(start, end)) < _MIN_CLAUSE_TOKENS:
        return None
    return Draft(start, end, "indirect", ref, 0.75, evidence, acc.start)
