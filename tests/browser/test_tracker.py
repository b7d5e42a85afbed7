"""The tracker in headless Chromium: filtering by sector and by a date range."""

import datetime

import pytest
from django.urls import reverse

from entities.models import Event
from tests.factories import make_event, make_sector

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dispute():
    steel = make_sector(name="steel")
    lumber = make_sector(name="lumber")
    make_event(
        name="Steel duty doubled",
        kind=Event.Kind.TARIFF_ACTION,
        start_date=datetime.date(2025, 6, 4),
        sectors=[steel],
    )
    make_event(
        name="Steel talks open",
        kind=Event.Kind.NEGOTIATION,
        start_date=datetime.date(2025, 3, 12),
        sectors=[steel],
    )
    make_event(
        name="Lumber duty starts",
        kind=Event.Kind.TARIFF_ACTION,
        start_date=datetime.date(2025, 10, 14),
        sectors=[lumber],
    )


def entry_titles(page):
    return page.locator(".timeline .entry-event").all_inner_texts()


def test_filter_the_tracker_by_sector_then_by_date_range(live_server, page, dispute):
    page.goto(live_server.url + reverse("entities:tracker"))
    assert any("Lumber duty starts" in t for t in entry_titles(page))

    page.select_option("#id_sector", "steel")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/tracker/?*sector=steel*")
    titles = " ".join(entry_titles(page))
    assert "Steel duty doubled" in titles and "Steel talks open" in titles
    assert "Lumber duty starts" not in titles

    page.fill("#id_from", "2025-05-01")
    page.fill("#id_to", "2025-12-31")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/tracker/?*from=2025-05-01*")
    assert "sector=steel" in page.url  # the filters combine in one shareable address
    titles = " ".join(entry_titles(page))
    assert "Steel duty doubled" in titles
    assert "Steel talks open" not in titles and "Lumber duty starts" not in titles

    page.goto(page.url)  # the shared address shows the same view
    assert " ".join(entry_titles(page)) == titles
