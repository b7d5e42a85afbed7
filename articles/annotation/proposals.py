"""What the engine returns: quote and mention proposals, as plain dataclasses."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class QuoteProposal:
    """A proposed quote: ``body[start:end] == text``."""

    text: str
    start: int
    end: int
    kind: str  # "direct" | "indirect" | "partial"
    speaker: str = ""
    speaker_named: bool = False
    speaker_key: Hashable | None = None
    speaker_is_new: bool = False
    speaker_title: str = ""
    sectors: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    confidence: float = 0.5
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sectors"] = list(self.sectors)
        data["events"] = list(self.events)
        return data


@dataclass(frozen=True, slots=True)
class MentionProposal:
    """A proposed entity mention with every span where the article names it."""

    name: str
    type: str
    key: Hashable | None = None
    is_new: bool = False
    aliases: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        data["spans"] = [list(span) for span in self.spans]
        return data


@dataclass(frozen=True, slots=True)
class Annotation:
    quotes: list[QuoteProposal] = field(default_factory=list)
    mentions: list[MentionProposal] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quotes": [q.to_dict() for q in self.quotes],
            "mentions": [m.to_dict() for m in self.mentions],
        }
