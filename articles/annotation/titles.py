"""People's titles as the text gives them: "Finance Minister X", "X, chief executive of Y"."""

from __future__ import annotations

import re

from .lexicon import HUMAN_NOUNS, TITLE_ABBREVIATIONS, TITLE_HEADS, TITLE_WORDS
from .text import Doc, Token

_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "prof"})
_GENDER_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "sir": "m", "dame": "f"}


def has_appositive(body: str, end: int, limit: int) -> bool:
    """A role given right after a name: "X, a welder at the yard," / "X is the trade minister"."""
    copula = _COPULA_TITLE.match(body, end, limit)
    if copula is not None:
        # "X is the trade minister": a role, as in an appositive
        phrase = re.split(r"[,.;]", body[copula.end() : min(limit, copula.end() + 60)])[0]
        words = phrase.lower().split()
        return words[:1] in (["a"], ["an"], ["the"]) and bool(
            set(words[1:5]) & (HUMAN_NOUNS | TITLE_HEADS)
        )
    if body[end : end + 2] != ", ":
        return False
    rest = body[end + 2 : min(limit, end + 60)]
    first = rest.split(" ", 1)[0].strip(",")
    if not first:
        return False
    if first in ("who", "whose"):
        return True
    if re.match(r"(?:a|an|the) [\w-]+(?: [\w-]+)? (?:at|of|for|with|in|from) ", rest):
        return True  # "a welder at the yard"
    if re.match(r"(?:a|an) (?:[\w.-]+ ){0,2}[\w.-]+,", rest):
        return True  # "a Michigan Democrat,"
    head = {w.lower().strip(",.") for w in rest.split(",")[0].split()[:5]}
    if head & (HUMAN_NOUNS | TITLE_HEADS):
        return True
    return bool(re.match(r"[A-Z]\w*(?:’s|'s) ", rest))


def title_gender(doc: Doc, start: int) -> str:
    """The gender an honorific before a name gives: "Ms Dhillon", "Mr Keble"."""
    words = doc.body[max(0, start - 6) : start].split()
    if words:
        return _GENDER_TITLES.get(words[-1].lower().rstrip("."), "")
    return ""


def title_near(doc: Doc, start: int, end: int) -> str:
    """The title given with a name: "Finance Minister X", "X, chief executive of Y"."""
    body = doc.body
    para_start = doc.paragraphs[doc.paragraph_index(start)][0]
    before = doc.tokens_between(max(para_start, start - 80), start)
    title_toks: list[Token] = []
    for tok in reversed(before):
        gap = body[tok.end : title_toks[0].start if title_toks else start]
        if gap.strip(". ") or tok.text.lower().rstrip(".") not in TITLE_WORDS:
            break
        title_toks.insert(0, tok)
    while title_toks and title_toks[0].text.lower() in ("the", "of", "and", "for"):
        title_toks.pop(0)
    if any(t.text.lower().rstrip(".") in TITLE_HEADS - _HONORIFICS for t in title_toks):
        title = body[title_toks[0].start : start].strip()
        for abbr, full in TITLE_ABBREVIATIONS.items():
            if title.startswith(abbr):
                title = full + title[len(abbr) :]
        return title[0].upper() + title[1:]
    tail = body[end:]
    if tail.startswith(("’s", "'s")):
        return ""
    # "Canada's trade minister, Hélène Marchetti, said"
    lead = body[para_start:start]
    m = re.search(r"(?:^|[.;,] )([^.;,]{3,60}), $", lead)
    if m and any(w.lower() in TITLE_HEADS | HUMAN_NOUNS for w in m.group(1).split()):
        text = re.sub(r"^(?:The|the|A|a|An|an) ", "", m.group(1))
        return text[0].upper() + text[1:]
    if tail.startswith(", "):
        title = _appositive_title(tail[2:])
        if title:
            return title
    # "X is the trade minister", "X, who is a police spokesperson,"
    m = _COPULA_TITLE.match(tail)
    if m:
        return _appositive_title(tail[m.end() :])
    return ""


_COPULA_TITLE = re.compile(r"(?:,? who)? (?:is|was|has been|had been|became|serves as) (?=[a-z])")


_ROLE_OF = re.compile(
    r"^(?P<role>[^,]*?\b(?:of|at|for|with)) (?:the )?(?P<org>(?:[A-Z][\w’'.&-]*[ ]?)+"
    r"(?:(?:of|for|and|de|du) (?:[A-Z][\w’'.&-]*[ ]?)+)*)"
)


def _appositive_title(text: str) -> str:
    m = re.match(r"(.+?)(?:,|;| who | which | whose |\.\s|\.$|$)", text)
    if not m:
        return ""
    phrase = m.group(1).strip()
    if not phrase or phrase.split()[0] in ("who", "whose", "which", "where", "speaking"):
        return ""
    phrase = re.sub(r"^(?:a|an|the) ", "", phrase)
    if not phrase or (phrase[0].isupper() and phrase.split()[0].lower() not in TITLE_WORDS):
        if not re.match(r"[A-Z]\w*(?:’s|'s) ", phrase):
            return ""
    phrase = re.sub(r" in [A-Z][\w.’' -]*$", "", phrase)
    words = {w.lower().strip(",.") for w in phrase.split()}
    if not words & (TITLE_HEADS | HUMAN_NOUNS) and not _ROLE_OF.match(phrase):
        return ""
    rm = _ROLE_OF.match(phrase)
    if rm and rm.group("org").strip():
        role = rm.group("role").rsplit(" ", 1)[0]
        phrase = f"{role}, {rm.group('org').strip()}"
    return phrase[0].upper() + phrase[1:]
