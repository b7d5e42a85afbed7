"""Importing a bundle costs the same number of queries whatever the number of quotes."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.bundles import import_lines
from articles.models import Article, Quote
from entities.models import Event, Organization, Person, Sector

pytestmark = pytest.mark.django_db


def bundle_line(size, *, sector="steel"):
    """An article of `size` quotes, each by a speaker of its own, with entities of its own."""
    said = [f"“Offer {size}-{i} is on the table,” Speaker {size}-{i} said." for i in range(size)]
    body = "OTTAWA — Talks resumed.\n\n" + "\n\n".join(said)
    quotes = []
    for i in range(size):
        text = f"Offer {size}-{i} is on the table,"
        start = body.index(text)
        quotes.append(
            {
                "text": text,
                "start": start,
                "end": start + len(text),
                "speaker": f"Speaker {size}-{i}",
                "speaker_title": "Trade negotiator",
                "kind": "direct",
                "sectors": [f"{sector} {size}-{i}"],
                "events": [f"Round {size}-{i}"],
            }
        )
    return json.dumps(
        {
            "id": f"talks-{size}",
            "headline": f"Talks resume with {size} offers",
            "published": "2025-10-21T14:00:00-04:00",
            "tags": [f"talks {size}"],
            "body": body,
            "quotes": quotes,
            "mentions": [
                {"name": f"Union {size}-{i}", "type": "organization", "aliases": [f"U{size}{i}"]}
                for i in range(size)
            ],
        }
    )


@pytest.fixture(autouse=True)
def first_import():
    """A first import, which fills the content types' cache."""
    import_lines([bundle_line(1)])


def queries_to_import(line):
    with CaptureQueriesContext(connection) as queries:
        report = import_lines([line])
    assert report.ok, report.refused
    return len(queries)


def test_new_entities_cost_the_same_for_two_quotes_and_for_six():
    two, six = queries_to_import(bundle_line(2)), queries_to_import(bundle_line(6))

    assert two == six
    article = Article.objects.get(external_id="talks-6")
    assert article.quotes.count() == 6
    assert Person.objects.filter(name__startswith="Speaker 6-").count() == 6
    assert Sector.objects.filter(name__startswith="steel 6-").count() == 6
    assert Event.objects.filter(name__startswith="Round 6-").count() == 6
    assert Organization.objects.filter(name__startswith="Union 6-").count() == 6
    quote = Quote.objects.get(text="Offer 6-5 is on the table,")
    assert quote.speaker.title == "Trade negotiator"
    assert [s.name for s in quote.sectors.all()] == ["steel 6-5"]
    assert quote.history.latest().historicalquote_events_set.count() == 1


def test_reimport_costs_the_same_for_two_quotes_and_for_six():
    import_lines([bundle_line(2)])
    import_lines([bundle_line(6)])

    two = queries_to_import(bundle_line(2, sector="metals"))
    six = queries_to_import(bundle_line(6, sector="metals"))

    assert two == six
    quote = Quote.objects.get(text="Offer 6-5 is on the table,")
    assert [s.name for s in quote.sectors.all()] == ["metals 6-5"]
    assert [s.sector.name for s in quote.history.latest().historicalquote_sectors_set.all()] == [
        "metals 6-5"
    ]
