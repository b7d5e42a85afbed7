"""Integrity of the news evaluation sets in tests/annotation/data/.

The sets are hand-annotated gold data for measuring the annotation engine on published-news
genres. These checks keep the files consistent as they are edited: every offset points at
its text, quotes are in body order and never overlap, named speakers are person mentions,
and bodies are normalised the way the bundle importer expects.
"""

import json
import unicodedata
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
FILES = ("news_dev.jsonl", "news_heldout.jsonl")
FIELDS = (
    "id",
    "headline",
    "dek",
    "byline",
    "outlet",
    "dateline",
    "published",
    "url",
    "tags",
    "body",
    "quotes",
    "mentions",
)
QUOTE_FIELDS = (
    "text",
    "start",
    "end",
    "speaker",
    "speaker_named",
    "speaker_title",
    "kind",
    "sectors",
    "events",
)
KINDS = {"direct", "indirect", "partial"}
MENTION_TYPES = {"person", "organization", "sector", "event", "country"}
PHENOMENA = {
    "speaker-after-quote",
    "speaker-far-before",
    "role-speaker",
    "organization-speaker",
    "unnamed-speaker",
    "split",
    "multi-sentence",
    "multi-paragraph",
    "headline-colon",
    "qa-transcript",
    "verb-beyond-say",
    "according-to",
    "pronoun-chain",
    "continuation",
    "nested-quote",
    "long-article",
    "curly-marks",
    "straight-marks",
    "single-marks",
    "dash-or-ellipsis",
}
NOT_QUOTE_REASONS = {
    "report title",
    "book title",
    "film title",
    "plan title",
    "document title",
    "document excerpt",
    "according-to-document",
    "sign",
    "banner slogan",
    "slogan",
    "scare quotes",
    "nickname",
    "notice text",
    "chalked message",
}


def _articles(name):
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


ARTICLES = [
    pytest.param(article, id=article["id"]) for name in FILES for article in _articles(name)
]


def test_both_sets_are_present_and_disjoint():
    ids = {name: [a["id"] for a in _articles(name)] for name in FILES}
    dev, heldout = ids["news_dev.jsonl"], ids["news_heldout.jsonl"]
    assert len(dev) >= 2 * len(heldout) - 2 and len(heldout) >= 10
    assert len(set(dev)) == len(dev) and len(set(heldout)) == len(heldout)
    assert not set(dev) & set(heldout)
    bodies = [a["body"] for name in FILES for a in _articles(name)]
    assert len(set(bodies)) == len(bodies)


@pytest.mark.parametrize("article", ARTICLES)
def test_article_has_every_field(article):
    assert all(field in article for field in FIELDS)
    assert all(
        isinstance(article[f], str) for f in FIELDS if f not in ("tags", "quotes", "mentions")
    )
    assert article["headline"] and article["body"] and article["outlet"]
    assert article["url"].split("/")[2].endswith(".example")
    assert all(isinstance(tag, str) and tag for tag in article["tags"])


@pytest.mark.parametrize("article", ARTICLES)
def test_body_is_normalised(article):
    body = article["body"]
    assert unicodedata.normalize("NFC", body) == body
    assert body == body.strip()
    assert "\r" not in body and "\t" not in body
    for paragraph in body.split("\n\n"):
        assert paragraph, "paragraphs are separated by exactly one blank line"
        assert "\n" not in paragraph
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph


@pytest.mark.parametrize("article", ARTICLES)
def test_quote_offsets_point_at_their_text(article):
    body = article["body"]
    assert article["quotes"]
    for quote in article["quotes"]:
        assert all(field in quote for field in QUOTE_FIELDS)
        assert 0 <= quote["start"] < quote["end"] <= len(body)
        assert body[quote["start"] : quote["end"]] == quote["text"]
        assert quote["text"] == quote["text"].strip()
        assert "\n" not in quote["text"], "a span never crosses a paragraph break"
        assert quote["kind"] in KINDS


@pytest.mark.parametrize("article", ARTICLES)
def test_quotes_are_in_body_order_and_do_not_overlap(article):
    spans = [(q["start"], q["end"]) for q in article["quotes"]]
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start


@pytest.mark.parametrize("article", ARTICLES)
def test_speakers_are_mentions(article):
    people = {m["name"] for m in article["mentions"] if m["type"] == "person"}
    for quote in article["quotes"]:
        assert quote["speaker"]
        assert isinstance(quote["speaker_named"], bool)
        if quote["speaker_named"]:
            assert quote["speaker"] in people, quote["speaker"]
        else:
            assert quote["speaker_title"] == ""


@pytest.mark.parametrize("article", ARTICLES)
def test_mentions_are_well_formed(article):
    body = article["body"]
    listed = {(m["type"], m["name"]) for m in article["mentions"]}
    assert len(listed) == len(article["mentions"])
    for mention in article["mentions"]:
        assert mention["type"] in MENTION_TYPES
        for alias in mention["aliases"]:
            assert alias in body, f"alias {alias!r} of {mention['name']!r} is not in the body"
        if mention["type"] not in ("sector", "event"):
            assert mention["name"].lower() in body.lower()
    for quote in article["quotes"]:
        assert {("sector", s) for s in quote["sectors"]} <= listed
        assert {("event", e) for e in quote["events"]} <= listed


@pytest.mark.parametrize("article", ARTICLES)
def test_phenomenon_labels_are_known(article):
    for quote in article["quotes"]:
        labels = quote.get("phenomena", [])
        assert len(set(labels)) == len(labels)
        assert set(labels) <= PHENOMENA, set(labels) - PHENOMENA
        assert ("unnamed-speaker" in labels) == (not quote["speaker_named"])


@pytest.mark.parametrize("article", ARTICLES)
def test_not_quotes_point_at_their_text_and_stay_clear_of_quotes(article):
    body = article["body"]
    spans = [(q["start"], q["end"]) for q in article["quotes"]]
    for item in article.get("not_quotes", []):
        assert body[item["start"] : item["end"]] == item["text"]
        assert item["reason"] in NOT_QUOTE_REASONS
        assert all(item["end"] <= start or item["start"] >= end for start, end in spans)
