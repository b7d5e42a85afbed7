"""Where a reported clause begins and ends: "said (that) CLAUSE", "told reporters CLAUSE"."""

from __future__ import annotations

import re

from .lexicon import (
    FRAMING_VERBS,
    QUESTION_WORDS,
    SKIP_BEFORE_THAT,
    SPEECH_PARTICIPLES,
    SPEECH_VERBS,
    TIME_WORDS,
)
from .text import Doc, Token

_VERB_ALT = "|".join(sorted(SPEECH_VERBS | SPEECH_PARTICIPLES, key=len, reverse=True))
_PARTICIPLE_ALT = "|".join(sorted(SPEECH_PARTICIPLES))
_SECOND_VERB_RE = re.compile(
    rf"(?:,? (?:and|but) (?:(?:he|she|they|it) )?(?:also |later |then )?(?:{_VERB_ALT})\b"
    rf"|, (?:according to|(?:(?:before|after|while) )?(?:{_PARTICIPLE_ALT}))\b)"
)
MIN_CLAUSE_TOKENS = 3
_PUNCT_STOP = re.compile(r"[.;:?!“”\"]")
CLAUSE_MARKERS = frozenset(
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

OBJECT_WORDS = frozenset(
    """
    me him her us them you reporters journalists lawmakers legislators members mps
    senators delegates investors analysts shareholders employees workers staff listeners
    viewers readers supporters farmers growers customers
    """.split()
)
_CLAUSE_OPENERS = frozenset(
    """
    a an the this that these those his her its their our my your he she it they we i
    there some many most few no every each all any both neither one two three
    """.split()
)
_VERB_SIGNALS = CLAUSE_MARKERS | frozenset(
    """
    would will could can should may might must did does do had has have now still already
    also never no longer just
    """.split()
)
_QUANTIFIER_PHRASES = (("at", "least"), ("at", "most"))
_TIME_NOUNS = frozenset(
    """
    afternoon april august briefing call conference december e-mail email evening february
    friday interview january july june march may monday month morning night november
    october phone post release saturday september speech statement sunday telephone
    thursday today tonight tuesday video wednesday week weekend year yesterday
    """.split()
)
# Nouns that, after "said that", are the subject of the clause without a determiner
# ("said that steel would ..."), so "that" is the complementizer.
_BARE_NOUNS = frozenset(
    """
    aluminum aluminium business copper dairy demand employment everyone everything growth
    inflation investment lumber money nobody nothing production progress shipping someone
    something steel time trade work
    """.split()
)


def determiner_that(rest: list[Token]) -> bool:
    """ "that decision would ...": "that" opens a noun phrase, not a clause."""
    if len(rest) < 3:
        return False
    noun, verb = rest[1].lower, rest[2].lower
    if noun[0].isupper() or rest[1].text[0].isupper() or noun in _CLAUSE_OPENERS:
        return False
    if noun.endswith(("s", "ing")) or noun in _BARE_NOUNS or noun in _VERB_SIGNALS:
        return False
    return verb in CLAUSE_MARKERS


_PLACE_APPOSITIVE = re.compile(r", (?:[A-Z][\w.’'-]*\s?){1,3},")


def _comma_between(body: str, start: int, end: int) -> bool:
    """A comma that closes a phrase ("said on Monday the plant would close, adding"),
    not the one around a place ("from his farm near Renfrew, Ontario, that")."""
    i = body.find(", ", start, end)
    while i >= 0:
        m = _PLACE_APPOSITIVE.match(body, i)
        if m is None:
            return True
        i = body.find(", ", m.end(), end)
    return False


def looks_like_clause(tokens: list[Token]) -> bool:
    """A clause has a finite verb near its start; a noun phrase has none."""
    if len(tokens) < MIN_CLAUSE_TOKENS:
        return False
    first = tokens[0]
    if not (first.lower in _CLAUSE_OPENERS or first.text[0].isupper() or first.text[0].isdigit()):
        return False
    return has_verb(tokens)


def has_verb(tokens: list[Token]) -> bool:
    for k, tok in enumerate(tokens[1:8], start=1):
        word = tok.lower
        if word in _VERB_SIGNALS or (word.endswith("ed") and k > 1):
            return True
    return False


def after_object(body: str, rest: list[Token]) -> int | None:
    """Where the clause starts after the object of "told": "told the Observer her ..."."""
    candidates: list[int] = []
    first = rest[0]
    if first.lower in OBJECT_WORDS:
        candidates.append(1)
    elif first.lower in ("the", "a", "an", "his", "her", "its", "their", "our"):
        k = 1
        while k < len(rest) and rest[k].text[0].isupper() and k < 6:
            k += 1
        candidates.extend([k] if k > 1 else [2, 3])
    elif first.text[0].isupper():
        k = 1
        while k < len(rest) and rest[k].text[0].isupper() and k < 4:
            k += 1
        candidates.append(k)
    for k in candidates:
        if k >= len(rest) or _PUNCT_STOP.search(body, rest[0].start, rest[k].start):
            continue
        if body[rest[k - 1].end : rest[k].start] != " ":
            continue
        if looks_like_clause(rest[k : k + 8]):
            return rest[k].start
        if rest[k].lower in SKIP_BEFORE_THAT:
            return after_phrase(body, rest[k:])  # "told the Herald on Monday the deal ..."
    return None


def after_phrase(body: str, rest: list[Token]) -> int | None:
    """Where a clause starts after a short phrase that follows a verb of saying."""
    if tuple(t.lower for t in rest[:2]) in _QUANTIFIER_PHRASES:
        return rest[0].start if has_verb(rest[1:10]) else None
    # "on Tuesday", "in a statement", "by phone", "earlier this week"
    k = 1
    while k < len(rest) and k <= 4 and rest[k].lower in ("a", "an", "the", "this", "last"):
        k += 1
    if k < len(rest) and rest[k].lower in _TIME_NOUNS:
        k += 1
    elif rest[0].lower in ("earlier", "later", "again", "also", "then", "repeatedly"):
        k = 1
    else:
        return None
    if k >= len(rest) or body[rest[k - 1].end : rest[k].start] != " ":
        return None
    return rest[k].start if looks_like_clause(rest[k : k + 8]) else None


def after_that(body: str, verb: Token, rest: list[Token], window: int) -> int | None:
    for tok in rest[:window]:
        between = (body, verb.end, tok.start)
        if _PUNCT_STOP.search(*between) or _comma_between(*between):
            return None  # "said on Monday the plant would close, adding that ..."
        if tok.lower in SPEECH_VERBS or tok.lower in SPEECH_PARTICIPLES:
            return None
        if tok.lower == "that":
            return tok.end + 1
        if tok.lower in QUESTION_WORDS and tok.lower == "whether":
            return tok.start
    return None


def clause_end(doc: Doc, start: int, s_end: int) -> int:
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
    return strip_end(body, start, trailing)


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


def strip_end(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1] in " .,;:!?—–":
        end -= 1
    return end
