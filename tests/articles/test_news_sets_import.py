"""The news evaluation sets import cleanly as bundles, extra annotation keys and all."""

import json
from pathlib import Path

import pytest

from articles.bundles import import_lines
from articles.models import Article, Quote

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "annotation" / "data"


@pytest.mark.parametrize("name", ["news_dev.jsonl", "news_heldout.jsonl"])
def test_news_set_imports_every_article_and_quote(name):
    raw = (DATA / name).read_bytes().splitlines()
    gold = [json.loads(line) for line in raw if line.strip()]
    assert any("phenomena" in q for a in gold for q in a["quotes"])
    assert any(a.get("not_quotes") for a in gold)

    report = import_lines(raw)

    assert report.ok, report.refused
    assert Article.objects.count() == len(gold)
    for article in gold:
        stored = Quote.objects.filter(article__external_id=article["id"])
        expected = {(q["text"], q["kind"]) for q in article["quotes"]}
        assert set(stored.values_list("text", "kind")) == expected
        assert stored.count() == len(article["quotes"])
        unnamed = {q["speaker"] for q in article["quotes"] if not q["speaker_named"]}
        assert (
            set(stored.filter(speaker__isnull=True).values_list("unnamed_speaker", flat=True))
            == unnamed
        )
