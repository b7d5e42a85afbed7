"""Reported speech: "X said that ...", "..., X said Tuesday", "according to X"."""

from __future__ import annotations

import re

from .clauses import (
    CLAUSE_MARKERS,
    MIN_CLAUSE_TOKENS,
    OBJECT_WORDS,
    after_object,
    after_phrase,
    after_that,
    clause_end,
    determiner_that,
    has_verb,
    looks_like_clause,
    strip_end,
)
from .lexicon import (
    BARE_CLAUSE_VERBS,
    DATA_NOUNS,
    HUMAN_NOUNS,
    HUMAN_VERBS,
    NOUN_LIKE_VERBS,
    QUESTION_VERBS,
    QUESTION_WORDS,
    SKIP_BEFORE_THAT,
    SPEECH_PARTICIPLES,
    SPEECH_VERBS,
    TELL_VERBS,
    TIME_WORDS,
    TITLE_HEADS,
)
from .quotes import Draft, is_speech_verb
from .refs import Ref
from .speakers import Resolver
from .text import Doc, QuoteSegment, Token, strip_possessive

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
_NOUN_DETERMINERS = frozenset({"a", "an", "the", "this", "his", "her", "its", "their", "our"})
_PASSIVE = frozenset({"was", "were", "been", "being", "be", "those", "is", "are"})


# Words that open an adverbial clause after an attribution ("X said Tuesday as ...").
_SUBORDINATORS = frozenset(
    "as while when whereas after before during ahead following amid since".split()
)


def _attribution_rest(after: list[Token]) -> bool:
    """What follows the verb of a trailing attribution: a time ("said Tuesday"), possibly
    followed by an adverbial clause ("said Tuesday as his government prepared ...")."""
    if after and after[0].lower in _REST_PREPOSITIONS and len(after) <= 6:
        # "said of the support scheme", "predicted in the merger booklet", "suggested to
        # the jury": a short phrase up to the comma or the end of the sentence
        return True
    if (
        after
        and after[0].lower in OBJECT_WORDS | {"the", "a", "an", "this"}
        and len(after) <= 7
        and not any(t.lower in CLAUSE_MARKERS for t in after)
    ):
        return True  # "he told them", "told this program on condition of anonymity"
    for k in range(min(len(after), 5) + 1):
        if k == len(after) or after[k].lower in _SUBORDINATORS:
            return _timeish(after[:k])
    return False


_REST_PREPOSITIONS = frozenset("of in on to at during via through from".split())


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
            elif (more := _continued(doc, draft, tok, s_end)) is not None:
                # "CLAUSE, he argued, and CLAUSE": both clauses are his
                drafts.append(draft)
                draft = more
        elif _participle(doc.body, tokens, i):
            subject = drafts[-1].ref if drafts else resolver.sentence_speakers.get(si)
            if subject is None:
                subject = _main_subject(doc, resolver, tokens, i, s_start)
            if subject is not None:
                draft = _leading(doc, resolver, tokens, i, s_start, s_end, subject)
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
    if prev in _MODALS or prev.endswith("n't") or prev in _NOUN_DETERMINERS:
        return False  # "would not say", "the claim that ..."
    if prev in _PASSIVE and word not in SPEECH_PARTICIPLES:
        return False
    return not (i > 1 and prev in ("also", "later") and tokens[i - 2].lower in _MODALS)


_PARTICIPLE_LINKS = frozenset({"before", "after", "while", "by"})


def _participle(body: str, tokens: list[Token], i: int) -> bool:
    """ "..., telling the committee that ..." / "..., before adding that ...": a participle
    that attributes a clause to the subject of the sentence."""
    if tokens[i].lower not in SPEECH_PARTICIPLES or i == 0:
        return False
    before = body[tokens[i - 1].end : tokens[i].start]
    if before == ", ":
        return True
    return tokens[i - 1].lower in _PARTICIPLE_LINKS and before == " "


def _main_subject(
    doc: Doc, resolver: Resolver, tokens: list[Token], i: int, s_start: int
) -> Ref | None:
    """The subject of the first finite verb before a participle."""
    for tok in tokens[1:i]:
        word = tok.lower
        if word in SPEECH_VERBS or word in HUMAN_VERBS:
            return resolver.subject_in(s_start, tok.start)
    return None


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
        if not _attribution_rest(after):
            return None
        comma = body.rfind(", ", s_start, verb.start)
        if comma >= 0 and comma + 2 == verb.start:
            comma = _appositive_subject(doc, s_start, comma)
        if comma < 0 or len(doc.tokens_between(comma, verb.start)) > 10:
            return None
        subject = (comma + 2, verb.start)
    clause_end = strip_end(body, s_start, comma)
    clause = doc.tokens_between(s_start, clause_end)
    if clause_end - s_start < 10 or len(clause) < 3:
        return None
    if len(clause) == 3 and not any(t.lower in CLAUSE_MARKERS for t in clause):
        return None  # "Targets could help, she said" is a clause; "Not now, Sir" is not
    if any(not _inside_sentence(body, q) for q in doc.quotes_between(s_start, clause_end)):
        return None  # a direct quotation, not a reported clause
    resolver.attribution_floor = subject[0]
    ref = resolver.subject_in(*subject)
    resolver.attribution_floor = -1
    if ref is None:
        return None
    evidence = body[comma + 2 : stop].strip(" .,")
    conf = 0.8 if ref.final().person is not None else 0.7
    return Draft(s_start, clause_end, "indirect", ref, conf, evidence, verb.start)


_CONTINUATION_RE = re.compile(
    r"[^,.;:?!“”\"]{0,40}?, (?:(?:and|though|although) |but (?!(?:would|could|had|was|were|"
    r"should|might|must|will|can|did)\b)|(?=but |which |who ))"
)


def _continued(doc: Doc, first: Draft, verb: Token, s_end: int) -> Draft | None:
    """The clause after an attribution in the middle of a sentence: "CLAUSE, he argued, and
    CLAUSE" / "CLAUSE, she acknowledged, which ..." reports more of the same words."""
    body = doc.body
    if first.end > verb.start:
        return None
    m = _CONTINUATION_RE.match(body, verb.end, s_end)
    if m is None:
        return None
    start = m.end()
    end = clause_end(doc, start, s_end)
    if doc.quotes_between(start, end) or len(doc.tokens_between(start, end)) < MIN_CLAUSE_TOKENS:
        return None
    clause = doc.tokens_between(start, end)[:8]
    if any(t.lower in SPEECH_VERBS for t in clause[:3]):
        return None  # "..., and she denied that ...": a report of its own
    if not any(t.lower in CLAUSE_MARKERS for t in clause):
        # Reported speech shifts its tense ("would", "had been"); after a verb in the
        # present ("growers say, and this morning they parked ...") the writer resumes.
        if verb.lower in _PRESENT or not has_verb(clause) or body[m.end() - 5 : m.end()] != " and ":
            return None
    return Draft(
        start, end, "indirect", first.ref, first.confidence - 0.05, first.evidence, verb.start
    )


_NP_END_WORDS = frozenset("who whose which that from at in on with".split())


def _inside_sentence(body: str, q: QuoteSegment) -> bool:
    """A fragment quoted inside the writer's clause: 'was taken ‘with reluctance’ after'."""
    return q.open_mark > 1 and body[q.open_mark - 1] == " " and body[q.open_mark - 2].isalpha()


def _appositive_subject(doc: Doc, s_start: int, comma: int) -> int:
    """ "CLAUSE, Council's Director of Infrastructure, Dr X, confirmed.": the comma before
    a subject made of a title and a name, each between commas."""
    body = doc.body
    found = -1
    for _ in range(3):
        prev = body.rfind(", ", s_start, comma)
        if prev < 0:
            break
        words = body[prev + 2 : comma].split()
        named = doc.tokens_between(prev + 2, comma)
        if not words or len(named) > 8:
            break
        lowered = {strip_possessive(w.strip(",."))[0].lower() for w in words}
        if not (lowered & (TITLE_HEADS | HUMAN_NOUNS) or all(w[:1].isupper() for w in words)):
            break
        found = comma = prev
    return found


_DETS = frozenset({"a", "an", "the", "one", "two", "three", "its", "their"})


def _names_a_source(after: list[Token]) -> bool:
    """After an inverted verb (", said X."): a name or a short description, not a clause."""
    if not after or len(after) > 8 or any(t.lower in CLAUSE_MARKERS for t in after):
        return False
    first = after[0]
    if first.lower in _DETS:
        return len(after) <= 6
    return first.text[0].isupper() and first.lower not in ("he", "she", "they", "it")


def _leading(
    doc: Doc,
    resolver: Resolver,
    tokens: list[Token],
    i: int,
    s_start: int,
    s_end: int,
    subject: Ref | None = None,
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
        start = after_that(body, verb, rest, 12)
        with_that = start is not None
        if start is None and word in _TELL_BARE:
            start = after_object(body, rest)  # "told reporters the plant would close"
    elif word in NOUN_LIKE_VERBS and rest[0].lower != "that":
        return None
    elif rest[0].lower == "that" and len(rest) > 1 and rest[1].lower in CLAUSE_MARKERS:
        return None  # "the man who said that has worked here": "that" is the object
    elif rest[0].lower == "that":
        with_that = not determiner_that(rest)  # "said that decision would rest with ..."
        start = rest[0].end + 1 if with_that else rest[0].start
    elif rest[0].lower in SKIP_BEFORE_THAT:
        start = after_that(body, verb, rest, 10)
        with_that = start is not None
        if start is None and word in BARE_CLAUSE_VERBS:
            start = after_phrase(body, rest)  # "said on Tuesday the plant would close"
    elif word in BARE_CLAUSE_VERBS or (word in SPEECH_PARTICIPLES and subject is None):
        if body[verb.end : rest[0].start] == " " and (word in _SAY or looks_like_clause(rest[:8])):
            start = rest[0].start  # "added that", not "added an amendment"
    elif word == "saying" and body[verb.end : rest[0].start] == " ":
        start = rest[0].start
    if start is None or doc.in_quote(start):
        return None
    end = clause_end(doc, start, s_end)
    if len(doc.tokens_between(start, end)) < MIN_CLAUSE_TOKENS:
        return None
    subj_start = _subject_start(doc, s_start, verb.start)
    ref = subject or resolver.subject_in(subj_start, verb.start)
    if ref is None and subj_start > s_start:
        ref = resolver.subject_in(s_start, verb.start)  # 'called it "…" and said …'
    if ref is None:
        return None
    evidence = _clip(body, max(subj_start, verb.start - 30), verb.end)
    conf = 0.8 if with_that else 0.7
    if ref.final().person is None:
        conf -= 0.05
    return Draft(start, end, "indirect", ref, conf, evidence, verb.start)


_SAY = frozenset({"say", "says", "said", "saying"})
_PRESENT = frozenset(w for w in SPEECH_VERBS if w.endswith("s") or w in ("say", "tell", "warn"))
_TELL_BARE = frozenset({"tell", "tells", "told", "telling"})


def _clip(body: str, start: int, end: int) -> str:
    """The text between start and end, beginning at a word boundary."""
    while start < end and start > 0 and body[start - 1].isalnum():
        start += 1
    return body[start:end].strip(" ,.")


def _according(
    doc: Doc, resolver: Resolver, tokens: list[Token], i: int, s_start: int, s_end: int
) -> Draft | None:
    body = doc.body
    acc = tokens[i]
    np_start = tokens[i + 1].end
    comma = body.find(",", np_start, s_end)
    np_end = comma if comma >= 0 else s_end
    np_words = [w.lower().strip(".,") for w in body[np_start:np_end].split()]
    head_words = []
    for w in np_words:
        if w in _NP_END_WORDS:
            break  # "observers ... who watched the count": the count is not the source
        head_words.append(w)
    if not np_words or any(w in DATA_NOUNS for w in head_words):
        return None
    ref = resolver.subject_in(np_start, strip_end(body, np_start, np_end))
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
        end = clause_end(doc, start, s_end)
    else:
        if body[acc.start - 2 : acc.start] != ", " or doc.in_quote(s_start):
            return None
        if body[s_start] in '“"':
            return None
        start, end = s_start, strip_end(body, s_start, acc.start - 2)
    if len(doc.tokens_between(start, end)) < MIN_CLAUSE_TOKENS:
        return None
    return Draft(start, end, "indirect", ref, 0.75, evidence, acc.start)
