"""Speakers of transcripts: labelled paragraphs ("KEVIN O'DWYER:") and runs of Q and A."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .refs import Ref
from .text import SpeakerTag

if TYPE_CHECKING:
    from .mentions import PersonSpan
    from .speakers import Resolver

_PUT_TO_RE = re.compile(r"\bput it to (?:him|her|them)\b")
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "prof", "sir", "dame", "judge", "justice"})


def tagged_speaker(resolver: Resolver, tag: SpeakerTag) -> Ref | None:
    """The person a transcript label names: "KEVIN O'DWYER", "O'DWYER", "Mara Tull"."""
    body = resolver.doc.body
    label = body[tag.name_start : tag.name_end]
    words = label.split()
    while len(words) > 2 and words[0].lower().rstrip(".") in _HONORIFICS:
        words = words[1:]  # "DR HELENA TSAKALOS"
    label = " ".join(words)
    key = label.upper()
    if key in ("Q", "QUESTION"):
        return _exchange(resolver, tag)[0]
    if key in ("A", "ANSWER"):
        return _exchange(resolver, tag)[1] or _last_answer(resolver, tag)
    for person in resolver.entities.people:
        name = person.name.upper()
        if name == key or name.endswith(" " + key):
            return resolver.person_ref(person.id)
    name = label.title() if label.isupper() else label
    if len(name.split()) < 2:
        return None
    person = resolver.entities.add_new_person(name, tag.name_start, tag.name_end, False)
    return resolver.person_ref(person.id)


def _exchange(resolver: Resolver, tag: SpeakerTag) -> tuple[Ref | None, Ref | None]:
    """Who asks and who answers in a run of Q and A paragraphs, from the narration
    before it ("Under questioning from Mr Farrant, Ms Dhillon described ...",
    "Cross-examined by X, Y accepted ...", "X put it to him ...") or from the person
    a question addresses ("..., don't you, Mr Keble?")."""
    doc, body = resolver.doc, resolver.doc.body
    first = tag.paragraph
    while first - 1 in doc.speaker_tags:
        first -= 1
    if first == 0:
        return None, None
    ps, pe = doc.paragraphs[first - 1]
    spans = [s for s in resolver.outside_spans(ps, pe) if not s.possessive]
    asker = None
    for s in spans:
        words = body[max(ps, s.start - 24) : s.start].lower().split()
        if words and words[-1].rstrip(".") in _HONORIFICS:
            words = words[:-1]
        if words and words[-1] in ("by", "from"):
            asker = s
            break
    if asker is None and spans and _PUT_TO_RE.search(body, ps, pe):
        asker = spans[0]
    if asker is None:
        return None, None  # an interviewer the article does not name
    answerer = next((s for s in spans if s.person != asker.person), None)
    if answerer is None:
        answerer = _addressed(resolver, first, tag.paragraph)
    answer = resolver.person_ref(answerer.person) if answerer is not None else None
    return resolver.person_ref(asker.person), answer


def _addressed(resolver: Resolver, first: int, last: int) -> PersonSpan | None:
    """The person a question ends by addressing: "..., don't you, Mr Keble?"."""
    body = resolver.doc.body
    for p in range(first, last + 1):
        tag = resolver.doc.speaker_tags.get(p)
        if tag is None or not tag.question:
            continue
        ps, pe = resolver.doc.paragraphs[p]
        for s in resolver.entities.person_spans_between(ps, pe):
            before = body[max(ps, s.start - 8) : s.start].split()
            if before and before[-1].lower().rstrip(".") in _HONORIFICS:
                before = before[:-1]
            if body[pe - 1] == "?" and before and before[-1].endswith(","):
                return s
    return None


def _last_answer(resolver: Resolver, tag: SpeakerTag) -> Ref | None:
    for p in range(tag.paragraph - 1, -1, -1):
        earlier = resolver.doc.speaker_tags.get(p)
        if earlier is not None and earlier.answer:
            label = resolver.doc.body[earlier.name_start : earlier.name_end].upper()
            if label not in ("A", "ANSWER"):
                return tagged_speaker(resolver, earlier)
    # An interview's answers: the person its introduction presents.
    first_tag = min(resolver.doc.speaker_tags)
    intro_end = resolver.doc.paragraphs[first_tag][0]
    for span in resolver.entities.person_spans:
        if span.start >= intro_end:
            break
        if not span.possessive and not resolver.doc.in_quote(span.start):
            return resolver.person_ref(span.person)
    created = resolver.new_speaker(resolver.doc.paragraphs[0][0], intro_end)
    return resolver.person_ref(created.person) if created is not None else None
