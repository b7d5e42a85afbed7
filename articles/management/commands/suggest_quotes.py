"""Print the annotation engine's proposals for every article of a bundle, as JSON lines."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from articles.annotation import Gazetteer, annotate
from articles.annotation.evaluate_corpus import gazetteer_from_mentions
from articles.suggestions import gazetteer_entries


def read_bundle(path):
    """The bundle's articles; a clear error for a missing file or a bad line."""
    try:
        handle = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
    articles = []
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CommandError(f"Line {number}: not valid JSON ({exc.msg}).") from exc
                if not isinstance(data, dict) or not isinstance(data.get("body"), str):
                    raise CommandError(f"Line {number}: an article needs a text 'body'.")
                articles.append(data)
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text.") from exc
    return articles


def bundle_gazetteer(articles):
    """The newsroom's entities plus the mentions the bundle itself lists."""
    from_file = gazetteer_from_mentions(articles).entries
    return Gazetteer(gazetteer_entries(extra=from_file))


class Command(BaseCommand):
    help = (
        "Propose quotes, speakers and mentions for each article of FILE.jsonl (any gold "
        "quotes in it are ignored) and print one JSON line per article."
    )

    def add_arguments(self, parser):
        parser.add_argument("bundle", help="a .jsonl bundle, or - for standard input")

    def handle(self, *args, bundle, **options):
        articles = read_bundle(bundle)
        gazetteer = bundle_gazetteer(articles)
        for article in articles:
            result = annotate(article["body"], gazetteer)
            line = {
                "id": article.get("id", ""),
                "quotes": [
                    {
                        "text": q.text,
                        "start": q.start,
                        "end": q.end,
                        "speaker": q.speaker,
                        "speaker_named": q.speaker_named,
                        "speaker_title": q.speaker_title,
                        "kind": q.kind,
                        "confidence": round(q.confidence, 3),
                    }
                    for q in result.quotes
                ],
                "mentions": [{"name": m.name, "type": m.type} for m in result.mentions],
            }
            self.stdout.write(json.dumps(line, ensure_ascii=False))
