"""Speakers described without a name: "a senior government source", "the council"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import (
    ANONYMITY_MARKERS,
    AUXILIARIES_BEFORE_SPEECH,
    DATA_NOUNS,
    HUMAN_NOUNS,
    LABEL_DROP,
    ORGANIZATION_NOUNS,
    PLURAL_GROUP_NOUNS,
    TITLE_HEADS,
)
from .refs import Ref

if TYPE_CHECKING:
    from .speakers import Resolver

_RELATIVE_RE = re.compile(r",? (?:who|whose|which|speaking|testifying|writing)\b|, ")
_PERSON_NOUNS = frozenset({"man", "woman", "person"})
_ROLE_NOUNS = TITLE_HEADS | {"official", "executive", "aide", "source", "spokesperson"}
# Gazetteer entities that speak as one: "the Growers Council said", "China said".
_SPEAKING_BODIES = frozenset({"organization", "country"})


def description(resolver: Resolver, start: int, end: int) -> Ref | None:
    """A speaker described without a name: "a senior government source"."""
    body = resolver.doc.body
    text = body[start:end]
    org = _organization_at(resolver, start, end)
    if org is not None:
        return org
    m = _RELATIVE_RE.search(text)
    np_text = text[: m.start()] if m else text
    if re.match(r"\s*(?:[Oo]ne|[Ee]ach|[Ss]ome|[Tt]wo|[Bb]oth|[Mm]ost) of them\b", np_text):
        # "one of them said": a member of the group last described
        plural = [ref for ref in resolver.labels if ref.plural]
        return plural[-1] if plural else resolver.unnamed_source("one of them", False, start)
    # "one of the officials" speaks for the group already described
    np_text = re.sub(r"^\s*(?:[Oo]ne|[Ee]ach|[Aa]nother) of (?:the|those|these) ", "the ", np_text)
    words = np_text.split()
    while words and words[-1].lower().strip(",") in AUXILIARIES_BEFORE_SPEECH:
        words.pop()
    if not words or len(words) > 12:
        return None
    lowered = [w.lower().strip(",.") for w in words]
    if any(w in DATA_NOUNS for w in lowered):
        return None
    head_i = next((i for i, w in enumerate(lowered) if w in HUMAN_NOUNS), None)
    if head_i is None:
        head_i = _group_head(words)
    if head_i is None:
        head_i = _organization_head(lowered)
    if head_i is None:
        return None
    while head_i + 1 < len(lowered) and lowered[head_i + 1] in HUMAN_NOUNS:
        head_i += 1
    head = lowered[head_i]
    pos = start + len(text) - len(text.lstrip())
    sentence = resolver.doc.sentences[resolver.doc.sentence_index(start)]
    context = body[start : sentence[1]].lower()
    anonymous = any(marker in context for marker in ANONYMITY_MARKERS)
    plural = head in PLURAL_GROUP_NOUNS or "and" in lowered[: head_i + 1]
    plural = plural or (head not in HUMAN_NOUNS and head.endswith(_AGENT_PLURALS))
    first = lowered[0]
    label_words = words[: head_i + 1]
    label_words = label_words[_drop_count(label_words) :]
    if head in ("people", "person", "those") or "familiar" in lowered:
        label_words = words[_drop_count(words) :]
    elif plural and "and" in lowered:
        label_words = words[_drop_count(words) :]
        for k, w in enumerate(label_words):
            if k > 0 and w.lower() in ("familiar", "with", "from", "at", "in", "of"):
                label_words = label_words[:k]
                break
    label = " ".join(label_words).strip(",.")
    if not label:
        return None
    if head in ORGANIZATION_NOUNS and not plural:
        # "Kenya's largest association of tea farmers claimed": not a person
        return resolver.unnamed_source(label, False, pos, organization=True)
    # "the man who runs the mill" introduces someone; "the official" refers back.
    restrictive = m is not None and m.group().startswith((" who", " whose"))
    if first == "the" and len(lowered) <= 3 and not restrictive:
        return _definite(resolver, head, pos, label, plural)
    if plural or anonymous or first in ("a", "an") and head not in _ROLE_NOUNS | _PERSON_NOUNS:
        return resolver.unnamed_source(label, plural, pos)
    phrase = " ".join(words[_drop_count(words) :]).strip(",.")
    ref = Ref(label=label, plural=False, pending_head=head, pos=pos, phrase=phrase)
    resolver.pending.append(ref)
    return ref


def _organization_at(resolver: Resolver, start: int, end: int) -> Ref | None:
    """ "The Lakes Growers Council, which ..., said": an organization speaking as one
    is an unnamed source labelled with its name."""
    body = resolver.doc.body
    lead = len(body[start:end]) - len(body[start:end].lstrip())
    bare = pos = start + lead
    if body[pos : pos + 4] in ("The ", "the "):
        pos += 4
    for s_start, s_end, name, kind in resolver.entities.topic_spans:
        if s_start > pos:
            break
        if s_start in (pos, bare) and kind in _SPEAKING_BODIES and s_end <= end:
            if body[s_end : s_end + 2] in ("’s", "'s"):
                return None  # "the council's president"
            return resolver.unnamed_source(name, False, pos, organization=True)
    return None


def _definite(resolver: Resolver, head: str, pos: int, label: str, plural: bool = False) -> Ref:
    """ "the official said": the source already described, or a titled person."""
    stem = head.rstrip("s")
    for ref in reversed(resolver.labels):
        if any(w.rstrip("s") == stem for w in ref.label.lower().split()):
            return ref
    if plural:
        return resolver.unnamed_source(label, True, pos)
    for person in resolver.entities.people:
        if person.first_pos < pos and head in person.title.lower():
            return resolver.person_ref(person.id)
    for ref in reversed(resolver.labels):
        if not ref.plural and not ref.organization:
            return ref
    for ref in reversed(resolver.pending):
        if ref.pending_head == head:
            return ref
    if head in _ROLE_NOUNS:
        # "the spokesperson said" before "The spokesperson, X, ...": named later.
        ref = Ref(label=label, pending_head=head, pos=pos, phrase=label)
        resolver.pending.append(ref)
        return ref
    return resolver.unnamed_source(label, False, pos)


def description_title(label: str) -> str:
    """ "chief executive of Harbourline Glass" -> "Chief executive, Harbourline Glass"."""
    m = re.match(r"(.+?) (?:of|at) (?:the )?([A-Z].*)$", label)
    text = f"{m.group(1)}, {m.group(2)}" if m else label
    return text[:1].upper() + text[1:]


_AGENT_PLURALS = ("ers", "ors", "ists", "ians", "ants", "ents")


def _group_head(words: list[str]) -> int | None:
    """ "Bakers", "local florists": a short plural noun phrase naming people by what they
    do, when the word is not in the lexicon."""
    if len(words) > 4:
        return None
    last = words[-1].strip(",.")
    if last.islower() and last.endswith(_AGENT_PLURALS) and len(last) > 5:
        return len(words) - 1
    if len(words) == 1 and words[0][:1].isupper() and words[0].endswith(_AGENT_PLURALS):
        return 0
    return None


def _organization_head(lowered: list[str]) -> int | None:
    """ "the council", "the Health Ministry": an organization speaking as one."""
    if len(lowered) <= 6 and lowered[-1] in ORGANIZATION_NOUNS:
        return len(lowered) - 1
    return None


def _drop_count(words: list[str]) -> int:
    """How many leading articles and quantifiers a label leaves out: "the", "two", "its"."""
    n = 0
    while n < len(words) and words[n].lower() in LABEL_DROP:
        n += 1
    return n
