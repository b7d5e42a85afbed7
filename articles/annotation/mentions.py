"""Entity mentions: gazetteer matches, new people, surnames, and people's titles."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable
from dataclasses import dataclass, field

from .gazetteer import AliasMatch, Gazetteer
from .lexicon import FUNCTION_WORDS, TITLE_WORDS
from .names import find_new_people
from .proposals import MentionProposal
from .text import Doc, strip_possessive
from .titles import title_gender, title_near


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
    find_new_people(doc, entities, covered)
    _find_surnames(doc, entities)
    firsts: dict[int, PersonSpan] = {}
    for span in entities.person_spans:
        firsts.setdefault(span.person, span)
        if not entities.people[span.person].gender:
            # "Ms Dhillon", "Mr Keble" anywhere in the article
            entities.people[span.person].gender = title_gender(doc, span.start)
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
