"""A speaker as the article refers to it, shared by every step that attributes quotes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(eq=False)
class Ref:
    """A speaker as the article refers to it: a person, or an unnamed-source label."""

    person: int | None = None
    label: str = ""
    plural: bool = False
    pending_head: str = ""  # a description that a later paragraph may name
    phrase: str = ""  # the description as written, for a title once named
    pos: int = 0
    target: Ref | None = None
    organization: bool = False  # an organization speaking as one

    def final(self) -> Ref:
        ref = self
        while ref.target is not None:
            ref = ref.target
        return ref
