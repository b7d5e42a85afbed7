"""Throughput of the engine on one core.

    python -m articles.annotation.bench PATH/TO/bundle.jsonl [--aliases 50000] [--words 600]

Articles of about ``--words`` words are assembled from the bundle's paragraphs; the
gazetteer holds the bundle's entities plus generated filler entities up to ``--aliases``
surface forms.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from .engine import annotate
from .evaluate_corpus import gazetteer_from_mentions, load_bundle
from .gazetteer import Gazetteer, GazetteerEntry

_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "ten",
    "vor",
    "sel",
    "dun",
    "bri",
    "quel",
    "has",
    "tor",
    "wen",
    "pal",
    "gri",
    "mos",
    "zan",
    "fel",
    "ur",
    "ost",
)
_ORG_WORDS = ("Holdings", "Metals", "Logistics", "Institute", "Council", "Partners", "Mills")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize()


def filler_entries(count: int, seed: int = 7) -> list[GazetteerEntry]:
    """Fake people and organizations giving about ``count`` surface forms."""
    rng = random.Random(seed)
    entries: list[GazetteerEntry] = []
    seen: set[str] = set()
    while len(seen) < count:
        first, last = _word(rng), _word(rng)
        if first in seen or last in seen:
            continue
        seen.update((first, last))
        if rng.random() < 0.6:
            name = f"{first} {last}"
            entries.append(
                GazetteerEntry(
                    name=name, type="person", aliases=(last,), key=f"filler:{len(entries)}"
                )
            )
        else:
            name = f"{first} {last} {rng.choice(_ORG_WORDS)}"
            entries.append(
                GazetteerEntry(
                    name=name, type="organization", aliases=(first,), key=f"filler:{len(entries)}"
                )
            )
    return entries


def build_articles(bodies: list[str], words: int, count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    paragraphs = [p for body in bodies for p in body.split("\n\n")]
    articles = []
    for _ in range(count):
        chosen: list[str] = []
        n = 0
        while n < words:
            para = rng.choice(paragraphs)
            chosen.append(para)
            n += len(para.split())
        articles.append("\n\n".join(chosen))
    return articles


def _say(line: str) -> None:
    print(line)  # noqa: T201


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--aliases", type=int, default=50_000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args(argv)
    bundle = load_bundle(args.bundle)
    base = gazetteer_from_mentions(bundle).entries
    t0 = time.perf_counter()
    gazetteer = Gazetteer([*base, *filler_entries(args.aliases)])
    build = time.perf_counter() - t0
    articles = build_articles([a["body"] for a in bundle], args.words, args.articles)
    for body in articles[:20]:
        annotate(body, gazetteer)  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    quotes = 0
    for body in articles:
        quotes += len(annotate(body, gazetteer).quotes)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    mean_words = sum(len(a.split()) for a in articles) / len(articles)
    _say(
        f"gazetteer: {len(gazetteer)} entities, {gazetteer.alias_count()} surface forms, "
        f"built in {build:.2f} s"
    )
    _say(
        f"articles: {len(articles)}, {mean_words:.0f} words on average, "
        f"{quotes / len(articles):.1f} quotes each"
    )
    _say(
        f"throughput: {len(articles) / cpu:.0f} articles per CPU-second "
        f"({1000 * cpu / len(articles):.2f} ms CPU per article, one core); "
        f"wall clock {len(articles) / elapsed:.0f} articles/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
