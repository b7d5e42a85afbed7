"""Score the engine on an annotated bundle.

    python -m articles.annotation.evaluate_corpus PATH/TO/dev.jsonl \
        [--gazetteer-from-mentions] [--errors]

``--errors`` counts the errors by class (missed, spurious, boundary, wrong speaker, wrong
kind) and, when gold quotes carry ``phenomena`` labels, per phenomenon, then lists them.

Gold quotes are ignored when annotating. With ``--gazetteer-from-mentions`` the gazetteer
is built from the file's mentions (names and aliases, plus the sector and event names used
on quotes), as the app has them in its database; without it the gazetteer is empty (a cold
start: every speaker is a new person).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from .engine import annotate
from .evaluation import KINDS, error_report, evaluate
from .gazetteer import Gazetteer, GazetteerEntry


def load_bundle(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gazetteer_from_mentions(articles: list[dict[str, Any]]) -> Gazetteer:
    aliases: dict[tuple[str, str], set[str]] = {}
    weight: Counter[tuple[str, str]] = Counter()
    for article in articles:
        seen = set()
        for m in article.get("mentions", []):
            key = (m["type"], m["name"])
            aliases.setdefault(key, set()).update(m.get("aliases", []))
            seen.add(key)
        for q in article.get("quotes", []):
            for name in q.get("sectors", []):
                aliases.setdefault(("sector", name), set())
            for name in q.get("events", []):
                aliases.setdefault(("event", name), set())
        weight.update(seen)
    entries = [
        GazetteerEntry(
            name=name,
            type=type_,
            aliases=tuple(sorted(forms)),
            key=f"{type_}:{name}",
            weight=float(weight[(type_, name)]),
        )
        for (type_, name), forms in sorted(aliases.items())
    ]
    return Gazetteer(entries)


def _row(label: str, s: dict[str, float]) -> str:
    return (
        f"{label:<22}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}"
        f"{s['predicted']:>7}{s['gold']:>7}"
    )


def _say(line: str) -> None:
    print(line)  # noqa: T201


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument(
        "--gazetteer-from-mentions",
        action="store_true",
        help="build the gazetteer from the file's mentions",
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="count errors by class and by phenomenon, then list every error",
    )
    args = parser.parse_args(argv)
    articles = load_bundle(args.bundle)
    gazetteer = gazetteer_from_mentions(articles) if args.gazetteer_from_mentions else Gazetteer([])
    predictions = {a["id"]: annotate(a["body"], gazetteer) for a in articles}
    scores = evaluate(articles, predictions)
    _say(f"{'':<22}{'precision':>10}{'recall':>10}{'F1':>8}{'pred':>7}{'gold':>7}")
    for kind in (*KINDS, "all"):
        _say(_row(f"span {kind}", scores["spans"][kind]))
    _say(_row("span strict (exact)", scores["strict"]))
    _say(_row("end-to-end", scores["end_to_end"]))
    _say(_row("mentions", scores["mentions"]))
    _say(
        f"speaker accuracy on {scores['matched']} matched quotes: {scores['speaker_accuracy']:.3f}"
    )
    if args.errors:
        for line in error_report(scores):
            _say(line)
        for err in scores["errors"]:
            _say(json.dumps(err, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
