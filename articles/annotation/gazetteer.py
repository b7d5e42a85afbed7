"""Known entities and their aliases, matched with one Aho-Corasick automaton."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import ahocorasick

ENTITY_TYPES = ("person", "organization", "sector", "event", "country")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A known entity.

    ``key`` is an opaque id for the caller (a database primary key); ``weight`` is a
    prior used to choose between entities sharing an alias (e.g. how many articles
    mention the entity).
    """

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    key: Hashable | None = None
    weight: float = 1.0

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.type!r}")


@dataclass(frozen=True, slots=True)
class AliasMatch:
    start: int
    end: int
    surface: str
    entries: tuple[int, ...]  # indices into Gazetteer.entries


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass
class Gazetteer:
    """Entities and one automaton over all their surface forms.

    Build it once and reuse it for many articles: matching costs one pass over the text.
    """

    entries: list[GazetteerEntry]
    _automaton: ahocorasick.Automaton = field(init=False, repr=False)
    _surnames: dict[str, list[int]] = field(init=False, repr=False)

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self.entries = list(entries)
        forms: dict[str, set[int]] = {}
        for i, entry in enumerate(self.entries):
            for form in (entry.name, *entry.aliases):
                form = form.strip()
                if not form:
                    continue
                forms.setdefault(form, set()).add(i)
                if form[0].islower():
                    forms.setdefault(form[0].upper() + form[1:], set()).add(i)
        automaton = ahocorasick.Automaton()
        for form, ids in forms.items():
            automaton.add_word(form, (len(form), tuple(sorted(ids))))
        if forms:
            automaton.make_automaton()
        self._automaton = automaton
        self._has_forms = bool(forms)

    def __len__(self) -> int:
        return len(self.entries)

    def alias_count(self) -> int:
        return len(self._automaton) if self._has_forms else 0

    def match(self, text: str) -> list[AliasMatch]:
        """Leftmost-longest, non-overlapping whole-word matches of any surface form."""
        if not self._has_forms:
            return []
        found: list[tuple[int, int]] = []
        values: dict[tuple[int, int], tuple[int, ...]] = {}
        n = len(text)
        for last, (length, ids) in self._automaton.iter(text):
            start, end = last + 1 - length, last + 1
            if not _boundary_ok(text, start, end, n):
                continue
            found.append((start, end))
            values[(start, end)] = ids
        found.sort(key=lambda se: (se[0], -se[1]))
        out: list[AliasMatch] = []
        taken_until = -1
        outer: tuple[int, int] | None = None
        nested_until = -1
        for start, end in found:
            if start < taken_until:
                # Inside a descriptive alias ("U.S. tariffs", "steel and aluminum tariffs")
                # the names it contains are mentions too; inside a proper name they are not.
                if outer is None or end > outer[1] or not _descriptive(text, *outer):
                    continue
                if start < nested_until or (start, end) == outer:
                    continue
                nested_until = end
            else:
                outer = (start, end)
                taken_until = end
                nested_until = start
            out.append(AliasMatch(start, end, text[start:end], values[(start, end)]))
        return out


def _descriptive(text: str, start: int, end: int) -> bool:
    return any(word[0].islower() for word in text[start:end].split()[1:])


def _boundary_ok(text: str, start: int, end: int, n: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < n else " "
    if _is_word_char(before) or (_is_word_char(after) and text[end - 1] != "."):
        return False
    capitalised = text[start].isupper()
    # A proper name joined by a hyphen to another proper name ("U.S.-Mexico-Canada",
    # "Windsor-Detroit") is part of a longer name, not a mention of its own.
    if capitalised and after == "-" and end + 1 < n and text[end + 1].isupper():
        return False
    if capitalised and before == "-":
        k = start - 1
        while k > 0 and (_is_word_char(text[k - 1]) or text[k - 1] == "."):
            k -= 1
        if k < start - 1 and text[k].isupper():
            return False
    if after in "’'" and end + 1 < n and text[end + 1].isalpha() and text[end + 1] != "s":
        return False
    return True
