"""People the gazetteer does not know, found by the shape of their names in the text."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from .lexicon import (
    DATA_NOUNS,
    FUNCTION_WORDS,
    HUMAN_NOUNS,
    HUMAN_VERBS,
    NON_PERSON_WORDS,
    ORGANIZATION_NOUNS,
    SPEECH_VERBS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from .text import Doc, Token, strip_possessive
from .titles import has_appositive

if TYPE_CHECKING:
    from .mentions import ArticleEntities

_PARTICLES = frozenset({"de", "da", "van", "von", "der", "del", "la", "le", "du", "dos", "bin"})


def name_runs(doc: Doc, start: int, end: int) -> list[list[Token]]:
    """Runs of capitalised words separated by single spaces (particles allowed)."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    body = doc.body
    for tok in doc.tokens_between(start, end):
        word = tok.text
        joinable = bool(run) and body[run[-1].end : tok.start] == " "
        capital = word[0].isupper() and not any(ch.isdigit() for ch in word)
        if capital or (joinable and word in _PARTICLES):
            if run and not joinable:
                runs.append(run)
                run = []
            run.append(tok)
            if body[tok.end : tok.end + 1] in (",", ";", ":") or _possessive_after(body, tok):
                runs.append(run)
                run = []
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if r]


def _possessive_after(body: str, tok: Token) -> bool:
    return tok.text.endswith(("’s", "'s"))


def split_title(run: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split leading title words ("Finance Minister") from the name that follows."""
    i = 0
    while i < len(run) - 1 and run[i].text.lower().rstrip(".") in TITLE_WORDS:
        i += 1
    return run[:i], run[i:]


def looks_like_name(name: list[Token]) -> bool:
    if not 2 <= len(name) <= 4:
        return False
    first = name[0].text.lower()
    if first in FUNCTION_WORDS or first in TITLE_WORDS:
        return False
    for tok in name:
        word = strip_possessive(tok.text)[0]
        low = word.lower()
        if low in NON_PERSON_WORDS or low in SPEECH_VERBS or low in HUMAN_NOUNS:
            return False
        if word.isupper() and len(word) > 2:
            return False
        if "." in word and not re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", word):
            return False
    return name[-1].text[0].isupper()


def find_new_people(doc: Doc, entities: ArticleEntities, covered: list[tuple[int, int]]) -> None:
    body = doc.body
    covered_starts = sorted(covered)
    starts = [s for s, _ in covered_starts]

    def is_covered(start: int, end: int) -> bool:
        i = bisect_right(starts, end - 1) - 1
        return i >= 0 and covered_starts[i][1] > start

    standalone: dict[str, int] = {}
    for tok in doc.tokens:
        if tok.text[0].isupper():
            base = strip_possessive(tok.text)[0]
            standalone[base] = standalone.get(base, 0) + 1
    longer_names = _short_forms_of_other_names(doc)
    # "Celtic Reach" after "Celtic Reach Offshore": the organization, not a person
    for _, _, name, kind in entities.topic_spans:
        if kind == "organization":
            words = name.split()
            longer_names.update(" ".join(words[:k]) for k in range(2, len(words)))
    for ps, pe in doc.paragraphs:
        for run in name_runs(doc, ps, pe):
            title, name = split_title(run)
            if not looks_like_name(name):
                continue
            start, end = name[0].start, name[-1].end
            last, possessive = strip_possessive(body[name[-1].start : end])
            end = name[-1].start + len(last)
            if is_covered(start, end) or doc.in_quote(start):
                continue
            before = body[max(ps, start - 12) : start].split()[-1:]
            if before in (["in"], ["at"], ["near"]):
                continue  # "in Ann Arbor": a place
            if not title and before and before[0] in _NOT_BEFORE_PEOPLE:
                continue  # "the Fair Trade Coalition", "manager of Lakeshore Mills", "owns X"
            if _followed_by_data(body, end) or _org_appositive(body, end, pe):
                continue  # "according to Statistics Bureau data", "X, a parts maker"
            if body[start:end] in longer_names:
                continue  # the short form of a longer name that is not a person's
            full = body[start:end]
            if any(p.name == full or p.name.endswith(" " + full) for p in entities.people):
                continue  # the surname of someone already named
            if re.search(r", (?:a|an|the) $", body[max(ps, start - 6) : start]):
                continue  # "X, a Michigan Democrat,": a description of X
            titled = any(t.text.lower().rstrip(".") in TITLE_HEADS for t in title)
            if not (
                titled
                or has_appositive(body, end, pe)
                or _role_before(body, ps, start, end)
                or _speaks(doc, end, pe)
                or standalone.get(last, 0) > 1
            ):
                continue
            entities.add_new_person(full, start, end, possessive)


# Words before a capitalised run that make it an organization or a place, not a person.
_NOT_BEFORE_PEOPLE = frozenset(
    """
    the of from owns owned runs ran heads headed leads led chairs founded co-founded joined
    represents represented manages managed acquired bought
    """.split()
)
# Head nouns of an appositive that describe a business, not a person.
_ORG_HEADS = ORGANIZATION_NOUNS | frozenset(
    """
    business coalition co-op cooperative distributor exporter fabricator importer maker
    manufacturer mill operator plant processor producer refiner retailer smelter subsidiary
    supplier
    """.split()
)


_ROLE_LEAD = re.compile(
    r"(?:^|[.;,] )(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[A-Z][\w-]*(?:’s|'s)) ([^.;,]{3,50}), $"
)


def _role_before(body: str, para_start: int, start: int, end: int) -> bool:
    """ "The spokesperson, X, said" / "Its chief executive, X,": a role, then the name."""
    if body[end : end + 1] != "," or body[start - 2 : start] != ", ":
        return False
    m = _ROLE_LEAD.search(body[max(para_start, start - 60) : start])
    if m is None:
        return False
    words = {w.lower() for w in m.group(1).split()}
    return bool(words & (TITLE_HEADS | HUMAN_NOUNS)) and not words & NON_PERSON_WORDS


def _followed_by_data(body: str, end: int) -> bool:
    nxt = body[end : end + 20].split()[:1]
    return bool(nxt) and nxt[0].lower().strip(".,;") in DATA_NOUNS


def _org_appositive(body: str, end: int, limit: int) -> bool:
    """ "X, a heating and ventilation manufacturer in Laval, ...": X is a business."""
    if body[end : end + 2] != ", ":
        return False
    phrase = body[end + 2 : min(limit, end + 80)].split(",")[0]
    m = re.match(r"(?:a|an|the) ([^,]*?)(?: (?:in|at|of|for|that|which|with|based)\b|$)", phrase)
    if not m:
        return False
    words = m.group(1).lower().split()
    return bool(words) and words[-1].rstrip("s") in _ORG_HEADS


def _short_forms_of_other_names(doc: Doc) -> set[str]:
    """ "Lakeshore Precision" when the article also writes "Lakeshore Precision Castings"
    and that longer name does not look like a person's."""
    out: set[str] = set()
    for ps, pe in doc.paragraphs:
        for run in name_runs(doc, ps, pe):
            _, name = split_title(run)
            if len(name) >= 3 and not looks_like_name(name):
                for k in range(2, len(name)):
                    out.add(doc.body[name[0].start : name[k - 1].end])
    return out


def _speaks(doc: Doc, end: int, limit: int) -> bool:
    """Followed by a verb of saying or a verb people do ("X chairs the board")."""
    words = [w.strip(",.:").lower() for w in doc.body[end : min(limit, end + 30)].split()[:2]]
    if not words or doc.body[end : end + 1] not in (" ", ","):
        return False
    if words[0] in ("has", "had", "is", "was") and len(words) > 1:
        return words[1] in HUMAN_VERBS or words[1] in SPEECH_VERBS
    return words[0] in SPEECH_VERBS or words[0] in HUMAN_VERBS
