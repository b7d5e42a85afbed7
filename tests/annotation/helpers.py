"""Small builders shared by the annotation tests."""

from __future__ import annotations

from articles.annotation import Annotation, Gazetteer, GazetteerEntry, QuoteProposal, annotate


def gazetteer(*entries: tuple[str, str, tuple[str, ...]]) -> Gazetteer:
    return Gazetteer(
        GazetteerEntry(name=name, type=type_, aliases=aliases, key=i)
        for i, (name, type_, aliases) in enumerate(entries, start=1)
    )


EMPTY = Gazetteer([])


def run(body: str, gaz: Gazetteer = EMPTY) -> Annotation:
    result = annotate(body, gaz)
    for q in result.quotes:
        assert body[q.start : q.end] == q.text
    return result


def quote(result: Annotation, fragment: str) -> QuoteProposal:
    found = [q for q in result.quotes if fragment in q.text]
    assert len(found) == 1, f"{fragment!r} in {[q.text for q in result.quotes]}"
    return found[0]


def texts(result: Annotation) -> list[str]:
    return [q.text for q in result.quotes]
