"""The tracker as CSV: the filtered timeline, every row, in the tracker's order."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entities.models import Event, EventStatusChange
from tests.factories import make_article, make_event, make_person, make_quote, make_sector

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def world():
    steel = make_sector(name="Steel")
    lumber = make_sector(name="Lumber")
    duty = make_event(
        name="Steel duty",
        kind=Event.Kind.TARIFF_ACTION,
        start_date=datetime.date(2025, 3, 12),
        sectors=[steel],
    )
    EventStatusChange.objects.create(
        event=duty, status="in_force", date=datetime.date(2025, 3, 12), note="25% on all steel"
    )
    make_event(
        name="Lumber review",
        kind=Event.Kind.ANNOUNCEMENT,
        start_date=datetime.date(2025, 5, 2),
        sectors=[lumber],
    )
    dana = make_person(name="Dana Minister")
    article = make_article(
        headline="=Mills slow as duty bites",
        body="“Every order we lose hurts,” said Dana Minister.",
        publish_at=timezone.make_aware(datetime.datetime(2025, 4, 1, 9)),
    )
    make_quote(
        article=article,
        text="Every order we lose hurts,",
        speaker=dana,
        sectors=[steel],
        is_key=True,
    )
    return {"steel": steel, "duty": duty}


def test_the_tracker_csv_has_every_kind_of_row_newest_first(client, world):
    found = rows(client.get("/tracker/csv/"))
    kinds = [row["kind"] for row in found]
    assert {"event", "status", "article", "key quote"} <= set(kinds)
    dates = [row["date"] for row in found]
    assert dates == sorted(dates, reverse=True)
    quote = next(row for row in found if row["kind"] == "key quote")
    assert quote["title"] == "Dana Minister: “Every order we lose hurts,”"
    status = next(row for row in found if row["kind"] == "status")
    assert status["details"] == "25% on all steel"
    assert status["url"] == "http://testserver" + world["duty"].get_absolute_url()
    article = next(row for row in found if row["kind"] == "article")
    assert article["title"] == "'=Mills slow as duty bites"  # never run as a formula


def test_the_tracker_csv_takes_the_trackers_filters(client, world):
    found = rows(client.get("/tracker/csv/?sector=steel&order=oldest"))
    titles = [row["title"] for row in found]
    assert "Lumber review" not in titles and "Steel duty" in titles
    dates = [row["date"] for row in found]
    assert dates == sorted(dates)
    april = rows(client.get("/tracker/csv/?from=2025-04-01&to=2025-04-30"))
    assert {row["date"][:7] for row in april} == {"2025-04"}


def test_the_tracker_page_links_its_csv_with_its_filters(client, world):
    html = client.get("/tracker/?sector=steel").content.decode()
    assert 'href="/tracker/csv/?sector=steel"' in html


def test_events_still_to_come_are_marked_upcoming(client, world):
    make_event(
        name="Review deadline", start_date=timezone.localdate() + datetime.timedelta(days=30)
    )
    found = {row["title"]: row["kind"] for row in rows(client.get("/tracker/csv/"))}
    assert found["Review deadline"] == "upcoming event"
    assert found["Steel duty"] == "event"


def test_bad_tracker_filters_are_a_400(client, world):
    assert client.get("/tracker/csv/?from=2025-05-01&to=2025-04-01").status_code == 400
    assert client.get("/tracker/csv/?sector=no-such-sector").status_code == 400


def test_the_tracker_csv_runs_a_fixed_number_of_queries(client, world):
    with CaptureQueriesContext(connection) as few:
        rows(client.get("/tracker/csv/"))
    for n in range(5):
        make_event(name=f"Extra {n}", start_date=datetime.date(2025, 6, n + 1))
    with CaptureQueriesContext(connection) as more:
        rows(client.get("/tracker/csv/"))
    assert len(more) == len(few)
