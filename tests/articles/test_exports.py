"""Open data: quote lists as CSV and an article's quotes as W3C Web Annotations."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Quote
from articles.public.exports import articles as exports
from tests.factories import make_article, make_event, make_person, make_quote, make_sector

pytestmark = pytest.mark.django_db

BODY = (
    "Ministers met in Ottawa on steel.\n\n"
    "“We are close to a deal on steel,” said Dana Minister.\n\n"
    "=SUM(A1) was written on a protest sign, a union official said.\n\n"
    "Officials said the aluminum talks would resume next week."
)


@pytest.fixture
def story():
    steel = make_sector(name="Steel")
    talks = make_event(name="Steel talks")
    dana = make_person(name="Dana Minister", title="Minister")
    article = make_article(headline="Ministers meet on steel", body=BODY, outlet="Example Ledger")
    direct = make_quote(
        article=article,
        text="We are close to a deal on steel,",
        speaker=dana,
        speaker_title="Minister of Trade",
        sectors=[steel],
        events=[talks],
    )
    formula = make_quote(
        article=article,
        text="=SUM(A1) was written on a protest sign",
        unnamed_speaker="a union official",
        kind=Quote.Kind.INDIRECT,
    )
    reported = make_quote(
        article=article,
        text="the aluminum talks would resume next week",
        unnamed_speaker="Officials",
        kind=Quote.Kind.INDIRECT,
    )
    draft = make_article(
        headline="Draft on lumber", body="“Lumber is next,” she said.", published=False
    )
    make_quote(article=draft, text="Lumber is next,", speaker=dana)
    return {
        "article": article,
        "direct": direct,
        "formula": formula,
        "reported": reported,
        "draft": draft,
        "dana": dana,
        "steel": steel,
    }


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_quote_csv_lists_every_public_quote_with_its_speaker_and_topics(client, story):
    response = client.get("/quotes/csv/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tradewatch-quotes.csv"'
    rows = read_csv(response)
    assert len(rows) == 3  # the draft's quote never leaks
    by_text = {row["text"]: row for row in rows}
    direct = by_text["We are close to a deal on steel,"]
    assert direct["speaker"] == "Dana Minister"
    assert direct["speaker_title"] == "Minister of Trade"
    assert direct["speaker_url"] == "http://testserver" + story["dana"].get_absolute_url()
    assert direct["quote_url"] == "http://testserver" + story["direct"].get_absolute_url()
    assert direct["sectors"] == "Steel" and direct["events"] == "Steel talks"
    assert direct["article_headline"] == "Ministers meet on steel"
    assert direct["outlet"] == "Example Ledger"
    assert by_text["the aluminum talks would resume next week"]["speaker"] == "Officials"
    assert "Lumber is next," not in by_text


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_defused(client, story):
    rows = read_csv(client.get("/quotes/csv/"))
    assert "'=SUM(A1) was written on a protest sign" in [row["text"] for row in rows]


def test_the_csv_applies_the_quote_list_filters(client, story):
    response = client.get("/quotes/csv/", {"speaker": story["dana"].slug, "sector": "steel"})
    rows = read_csv(response)
    assert [row["text"] for row in rows] == ["We are close to a deal on steel,"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="tradewatch-quotes-{story["dana"].slug}-steel.csv"'
    )
    kinds = read_csv(client.get("/quotes/csv/", {"kind": "indirect"}))
    assert {row["kind"] for row in kinds} == {"indirect"} and len(kinds) == 2


def test_bad_filters_are_a_400_naming_the_field(client, story):
    response = client.get("/quotes/csv/", {"speaker": "nobody-by-that-name", "from": "yesterday"})
    assert response.status_code == 400
    assert b"person" in response.content.lower() or b"speaker" in response.content.lower()


def test_the_csv_reads_in_chunks_not_one_query_per_quote(client, story, monkeypatch):
    article = story["article"]
    for _ in range(12):
        make_quote(article=article, text="Ministers met in Ottawa", speaker=story["dana"])
    monkeypatch.setattr(exports, "CSV_CHUNK", 5)
    with CaptureQueriesContext(connection) as few_chunks:
        rows = read_csv(client.get("/quotes/csv/"))
    assert len(rows) == 15
    # ids, then per chunk of 5: the quotes and their topics (3 chunks), plus the filter form
    assert len(few_chunks) <= 1 + 3 * 2 + 3


def test_web_annotations_of_an_article(client, story):
    article = story["article"]
    response = client.get(f"/articles/{article.pk}/annotations/")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    )
    collection = json.loads(response.content)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 3
    items = collection["first"]["items"]
    first = items[0]
    assert first["type"] == "Annotation"
    assert first["id"] == "http://testserver" + story["direct"].get_absolute_url()
    target = first["target"]
    assert target["source"] == "http://testserver" + article.get_absolute_url()
    quote_selector, position = target["selector"]
    assert quote_selector["type"] == "TextQuoteSelector"
    assert quote_selector["exact"] == "We are close to a deal on steel,"
    assert position["type"] == "TextPositionSelector"
    assert BODY[position["start"] : position["end"]] == quote_selector["exact"]
    assert BODY[: position["start"]].endswith(quote_selector["prefix"])
    assert BODY[position["end"] :].startswith(quote_selector["suffix"])
    sources = {body.get("source") for body in first["body"]}
    assert "http://testserver" + story["dana"].get_absolute_url() in sources
    assert "http://testserver" + story["steel"].get_absolute_url() in sources
    described = next(body for body in first["body"] if body["type"] == "TextualBody")
    assert described["value"] == "Direct quote, Dana Minister, Minister of Trade"


def test_annotations_use_the_address_the_site_is_served_at(client, story, settings):
    settings.ALLOWED_HOSTS = ["news.example"]
    article = story["article"]
    response = client.get(f"/articles/{article.pk}/annotations/", HTTP_HOST="news.example:8400")
    collection = json.loads(response.content)
    assert collection["id"] == f"http://news.example:8400/articles/{article.pk}/annotations/"


def test_a_draft_has_no_annotations_and_an_unknown_number_is_a_404(client, story):
    assert client.get(f"/articles/{story['draft'].pk}/annotations/").status_code == 404
    assert client.get("/articles/999999/annotations/").status_code == 404
