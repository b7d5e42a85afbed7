"""Entity mentions: gazetteer matches, new people, surnames, and people's titles."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable
from dataclasses import dataclass, field

from .gazetteer import AliasMatch, Gazetteer
from .lexicon import (
    DATA_NOUNS,
    FUNCTION_WORDS,
    HUMAN_NOUNS,
    HUMAN_VERBS,
    NON_PERSON_WORDS,
    ORGANIZATION_NOUNS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from .proposals import MentionProposal
from .text import Doc, Token, strip_possessive

_PARTICLES = frozenset({"de", "da", "van", "von", "der", "del", "la", "le", "du", "dos", "bin"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "prof"})
_GENDER_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "sir": "m", "dame": "f"}


@dataclass
class Person:
    id: int
    name: str
    key: Hashable | None
    is_new: bool
    first_pos: int
    title: str = ""
    gender: str = ""


@dataclass(frozen=True, slots=True)
class PersonSpan:
    start: int
    end: int
    person: int
    possessive: bool


@dataclass
class _Mention:
    name: str
    type: str
    key: Hashable | None
    is_new: bool
    surfaces: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.9


@dataclass
class ArticleEntities:
    people: list[Person]
    person_spans: list[PersonSpan]
    topic_spans: list[tuple[int, int, str, str]]  # start, end, canonical name, type
    mentions: list[_Mention]
    _span_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._span_starts = [s.start for s in self.person_spans]

    def person_spans_between(self, start: int, end: int) -> list[PersonSpan]:
        i = bisect_right(self._span_starts, start - 1)
        out = []
        while i < len(self.person_spans) and self.person_spans[i].start < end:
            if self.person_spans[i].end <= end:
                out.append(self.person_spans[i])
            i += 1
        return out

    def person_at(self, start: int, end: int) -> PersonSpan | None:
        spans = self.person_spans_between(start, end)
        return spans[0] if spans else None

    def add_new_person(self, name: str, start: int, end: int, possessive: bool) -> Person:
        person = Person(len(self.people), name, None, True, start)
        self.people.append(person)
        self.mentions.append(_Mention(name, "person", None, True, [name], [(start, end)], 0.7))
        self._insert_span(PersonSpan(start, end, person.id, possessive))
        return person

    def _insert_span(self, span: PersonSpan) -> None:
        i = bisect_right(self._span_starts, span.start)
        self.person_spans.insert(i, span)
        self._span_starts.insert(i, span.start)

    def proposals(self) -> list[MentionProposal]:
        return [
            MentionProposal(
                name=m.name,
                type=m.type,
                key=m.key,
                is_new=m.is_new,
                aliases=tuple(dict.fromkeys(s for s in m.surfaces if s != m.name)),
                spans=tuple(sorted(m.spans)),
                confidence=m.confidence,
            )
            for m in self.mentions
        ]


def _choose_entries(matches: list[AliasMatch], gazetteer: Gazetteer) -> list[int]:
    """One entity per match: an alias shared by several entities goes to the one the
    article names unambiguously elsewhere, else to the one with the highest prior."""
    sure = {m.entries[0] for m in matches if len(m.entries) == 1}
    chosen = []
    for m in matches:
        if len(m.entries) == 1:
            chosen.append(m.entries[0])
            continue
        supported = [i for i in m.entries if i in sure]
        pool = supported or list(m.entries)
        chosen.append(max(pool, key=lambda i: (gazetteer.entries[i].weight, -i)))
    return chosen


def find_entities(doc: Doc, gazetteer: Gazetteer) -> ArticleEntities:
    body = doc.body
    matches = gazetteer.match(body)
    chosen = _choose_entries(matches, gazetteer)
    people: list[Person] = []
    person_of_entry: dict[int, int] = {}
    spans: list[PersonSpan] = []
    topics: list[tuple[int, int, str, str]] = []
    mentions: dict[tuple[str, str], _Mention] = {}
    covered: list[tuple[int, int]] = []
    for m, idx in zip(matches, chosen, strict=True):
        entry = gazetteer.entries[idx]
        covered.append((m.start, m.end))
        if entry.type == "country" and _inside_longer_name(body, m.start):
            continue  # "Statistics Canada", "Bank of Canada": not the country
        mention = mentions.setdefault(
            (entry.type, entry.name), _Mention(entry.name, entry.type, entry.key, False)
        )
        mention.surfaces.append(m.surface)
        mention.spans.append((m.start, m.end))
        if entry.type == "person":
            if idx not in person_of_entry:
                person_of_entry[idx] = len(people)
                people.append(Person(len(people), entry.name, entry.key, False, m.start))
            possessive = body[m.end : m.end + 2] in ("’s", "'s")
            spans.append(PersonSpan(m.start, m.end, person_of_entry[idx], possessive))
        else:
            topics.append((m.start, m.end, entry.name, entry.type))
    entities = ArticleEntities(people, spans, topics, list(mentions.values()))
    _find_new_people(doc, entities, covered)
    _find_surnames(doc, entities)
    firsts: dict[int, PersonSpan] = {}
    for span in entities.person_spans:
        firsts.setdefault(span.person, span)
        if not entities.people[span.person].gender:
            # "Ms Dhillon", "Mr Keble" anywhere in the article
            entities.people[span.person].gender = _title_gender(doc, span.start)
    for person in entities.people:
        first = firsts[person.id]
        person.title = person.title or title_near(doc, first.start, first.end)
    return entities


def _inside_longer_name(body: str, start: int) -> bool:
    words = body[max(0, start - 40) : start].split()
    if words and words[-1] == "of":
        words = words[:-1]
    if not words or body[start - 1 : start] != " ":
        return False
    prev = words[-1]
    if not prev[0].isupper() or prev[-1] in ".,;:’'" or prev.lower() in FUNCTION_WORDS:
        return False
    return prev.lower().rstrip(".") not in TITLE_WORDS


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


def _find_new_people(doc: Doc, entities: ArticleEntities, covered: list[tuple[int, int]]) -> None:
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
                or _has_appositive(body, end, pe)
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


def _has_appositive(body: str, end: int, limit: int) -> bool:
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


def _speaks(doc: Doc, end: int, limit: int) -> bool:
    """Followed by a verb of saying or a verb people do ("X chairs the board")."""
    words = [w.strip(",.:").lower() for w in doc.body[end : min(limit, end + 30)].split()[:2]]
    if not words or doc.body[end : end + 1] not in (" ", ","):
        return False
    if words[0] in ("has", "had", "is", "was") and len(words) > 1:
        return words[1] in HUMAN_VERBS or words[1] in SPEECH_VERBS
    return words[0] in SPEECH_VERBS or words[0] in HUMAN_VERBS


def _spoken_of(body: str, start: int, para_start: int) -> bool:
    words = body[max(para_start, start - 30) : start].split()[-2:]
    words = [w.strip(",").lower() for w in words]
    return bool(words) and (words[-1] in SPEECH_VERBS or words == ["according", "to"])


def _find_surnames(doc: Doc, entities: ArticleEntities) -> None:
    """Single-word references to a person already named in full."""
    by_last: dict[str, list[int]] = {}
    for person in entities.people:
        parts = person.name.split()
        if len(parts) >= 2:
            by_last.setdefault(parts[-1], []).append(person.id)
            if len(parts) >= 3:
                by_last.setdefault(" ".join(parts[1:]), []).append(person.id)
    if not by_last:
        return
    taken = [(s.start, s.end) for s in entities.person_spans]
    taken += [(s, e) for s, e, _, _ in entities.topic_spans]
    taken.sort()
    taken_starts = [s for s, _ in taken]
    for tok in doc.tokens:
        if not tok.text[0].isupper():
            continue
        base, possessive = strip_possessive(tok.text)
        ids = by_last.get(base)
        if not ids:
            continue
        start, end = tok.start, tok.start + len(base)
        i = bisect_right(taken_starts, end - 1) - 1
        if i >= 0 and taken[i][1] > start:
            continue
        before = [pid for pid in ids if entities.people[pid].first_pos < start]
        if not before:
            continue
        pid = max(before, key=lambda p: entities.people[p].first_pos)
        person = entities.people[pid]
        entities._insert_span(PersonSpan(start, end, pid, possessive))
        for m in entities.mentions:
            if m.type == "person" and m.name == person.name:
                m.surfaces.append(base)
                m.spans.append((start, end))
                break


def _title_gender(doc: Doc, start: int) -> str:
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
