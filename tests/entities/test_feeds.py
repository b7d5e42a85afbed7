"""Profile feeds and the tracker feed, read as a feed reader reads them (feedparser)."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entities.models import Event, EventStatusChange
from tests.factories import (
    make_article,
    make_correction,
    make_country,
    make_event,
    make_mention,
    make_organization,
    make_person,
    make_quote,
    make_sector,
)
from tests.feeds import ATOM, JSON_FEED, read

pytestmark = pytest.mark.django_db

BODY = "Officials met in Ottawa.\n\n“Steel must be part of any deal,” he said.\n\nTalks go on."


def ids(client, url):
    return [entry.id for entry in read(client, url).entries]


def uri(kind, obj):
    return f"tag:tradewatch,2025:{kind}/{obj.uid}"


def quoted(*, speaker, sectors=(), events=(), headline=None, published=True, **fields):
    article = make_article(headline=headline, body=BODY, published=published, **fields)
    quote = make_quote(
        article=article,
        text="Steel must be part of any deal",
        speaker=speaker,
        sectors=sectors,
        events=events,
    )
    return article, quote


def test_person_feed_carries_their_public_quotes_filtered_like_the_profile(client, settings):
    steel, lumber = make_sector(name="Steel"), make_sector(name="Lumber")
    carney = make_person(name="Mark Carney", title="Prime Minister")
    _, on_steel = quoted(speaker=carney, sectors=[steel])
    _, on_lumber = quoted(speaker=carney, sectors=[lumber])
    quoted(speaker=make_person(name="Someone Else"), sectors=[steel])
    _, in_draft = quoted(speaker=carney, sectors=[steel], published=False)

    feed = read(client, f"/people/{carney.slug}/feed/")
    assert feed.feed.title == "TradeWatch: Mark Carney, quotes"
    assert feed.feed.link == "http://testserver" + carney.get_absolute_url()
    assert sorted(e.id for e in feed.entries) == sorted(
        [uri("quote", on_steel), uri("quote", on_lumber)]
    )
    assert uri("quote", in_draft) not in ids(client, f"/people/{carney.slug}/feed/")
    entry = feed.entries[0]
    assert entry.title.startswith("Mark Carney: “Steel must be part")
    assert "Steel must be part of any deal" in entry.content[0].value

    filtered = read(client, f"/people/{carney.slug}/feed/atom/?sector={steel.slug}", ATOM)
    assert filtered.feed.title == "TradeWatch: Mark Carney, quotes on Steel"
    assert [e.id for e in filtered.entries] == [uri("quote", on_steel)]
    assert filtered.feed.id == f"tag:tradewatch,2025:feed/person/{carney.uid}?sector={steel.slug}"

    response = client.get(f"/people/{carney.slug}/feed/json/")
    assert response["Content-Type"] == JSON_FEED
    assert len(response.json()["items"]) == 2


def test_sector_feed_merges_articles_and_quotes_including_sub_sectors(client):
    metals = make_sector(name="Metals")
    steel = make_sector(name="Steel", parent=metals)
    speaker = make_person(name="Dominic LeBlanc")
    article, quote = quoted(speaker=speaker, sectors=[steel], headline="Steel talks")
    about = make_article(headline="Metals outlook", body="Prices rose.")
    make_mention(article=about, entity=metals)
    make_article(headline="Unrelated", body="Weather.")

    feed = read(client, f"/sectors/{metals.slug}/feed/")
    assert feed.feed.title == "TradeWatch: Metals, articles and quotes"
    assert {e.id for e in feed.entries} == {
        uri("article", article),
        uri("quote", quote),
        uri("article", about),
    }
    # An article comes before its own quotes.
    order = [e.id for e in feed.entries]
    assert order.index(uri("article", article)) < order.index(uri("quote", quote))
    # With a quote filter, only the matching quotes remain.
    assert ids(client, f"/sectors/{metals.slug}/feed/?person={speaker.slug}") == [
        uri("quote", quote)
    ]


def test_event_organization_and_country_feeds(client):
    canada = make_country(name="Canada")
    government = make_organization(name="Government of Canada", kind="government", country=canada)
    leblanc = make_person(name="Dominic LeBlanc", affiliation=government, country=canada)
    apec = make_event(name="APEC summit 2025", kind=Event.Kind.SUMMIT)
    article, quote = quoted(speaker=leblanc, events=[apec], headline="Before APEC")
    quoted(speaker=make_person(name="Howard Lutnick"), headline="Washington view")

    expected = {uri("article", article), uri("quote", quote)}
    assert set(ids(client, f"/events/{apec.slug}/feed/")) == expected
    assert set(ids(client, f"/organizations/{government.slug}/feed/")) == expected
    assert set(ids(client, f"/countries/{canada.slug}/feed/")) == expected
    assert read(client, f"/events/{apec.slug}/feed/").feed.title == (
        "TradeWatch: APEC summit 2025, articles and quotes"
    )


def test_old_slug_redirects_to_the_feed_at_the_new_address_and_ids_stay(client):
    person = make_person(name="Mark Carney")
    _, quote = quoted(speaker=person)
    old = person.slug
    person.slug = "prime-minister-carney"
    person.save()

    response = client.get(f"/people/{old}/feed/atom/?sector=")
    assert response.status_code == 301
    assert response["Location"] == "/people/prime-minister-carney/feed/atom/?sector="
    assert ids(client, "/people/prime-minister-carney/feed/") == [uri("quote", quote)]


@pytest.mark.parametrize(
    "url",
    [
        "/people/nobody/feed/",
        "/sectors/nothing/feed/atom/",
        "/events/never/feed/json/",
        "/organizations/none/feed/",
        "/countries/atlantis/feed/",
    ],
)
def test_unknown_profiles_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/people/{person}/feed/?sector=nowhere", "We have no sector at that address."),
        ("/people/{person}/feed/?event=never", "We have no event at that address."),
        ("/tracker/feed/?kind=invasion", "That is not one of the event kinds."),
        ("/tracker/feed/atom/?from=yesterday", "Enter a date as YYYY-MM-DD."),
        ("/tracker/feed/?country=atlantis", "We have no country at that address."),
        ("/tracker/feed/?from=2025-05-01&to=2025-01-01", "comes after"),
        (
            "/tracker/feed/?sector=nowhere&from=yesterday",
            "Sector: We have no sector at that address. From: Enter a date as YYYY-MM-DD.",
        ),
    ],
)
def test_bad_filters_get_a_plain_400(client, url, message):
    person = make_person(name="Mark Carney")
    response = client.get(url.format(person=person.slug))
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()


def tracker_world():
    today = timezone.localdate()
    steel, lumber = make_sector(name="Steel"), make_sector(name="Lumber")
    canada, us = make_country(name="Canada"), make_country(name="United States")
    tariff = make_event(
        name="Section 232 steel tariffs",
        kind=Event.Kind.TARIFF_ACTION,
        start_date=today - datetime.timedelta(days=30),
        sectors=[steel],
        rate="25%",
        legal_basis="Section 232",
    )
    tariff.implementing_countries.set([us])
    tariff.affected_countries.set([canada])
    EventStatusChange.objects.create(
        event=tariff, status="in_force", date=today - datetime.timedelta(days=20)
    )
    lumber_event = make_event(
        name="Lumber duties", kind=Event.Kind.TARIFF_ACTION, start_date=today, sectors=[lumber]
    )
    future = make_event(
        name="USMCA joint review",
        kind=Event.Kind.DEADLINE,
        start_date=today + datetime.timedelta(days=200),
    )
    speaker = make_person(name="Mark Carney", country=canada)
    article, quote = quoted(speaker=speaker, sectors=[steel], headline="Steel answer")
    quote.is_key = True
    quote.save()
    return {
        "steel": steel,
        "tariff": tariff,
        "lumber": lumber_event,
        "future": future,
        "article": article,
        "quote": quote,
        "canada": canada,
    }


def test_tracker_feed_shows_events_status_changes_articles_and_key_quotes(client, settings):
    world = tracker_world()
    feed = read(client, "/tracker/feed/")
    by_id = {entry.id: entry for entry in feed.entries}
    tariff = world["tariff"]
    change = tariff.status_changes.get()

    event_entry = by_id[uri("event", tariff)]
    assert event_entry.title.startswith("Section 232 steel tariffs (tariff action, ")
    assert event_entry.link == "http://testserver" + tariff.get_absolute_url()
    assert "Rate: 25%" in event_entry.content[0].value
    assert "Affecting: Canada" in event_entry.content[0].value
    status_entry = by_id[f"tag:tradewatch,2025:event/{tariff.uid}/status/{change.pk}"]
    assert status_entry.title == "Section 232 steel tariffs: in force"
    assert uri("article", world["article"]) in by_id
    quote_entry = by_id[uri("quote", world["quote"])]
    assert "Mark Carney" in quote_entry.title
    assert uri("event", world["future"]) not in by_id  # the tracker shows what has happened
    # Newest day first, as the tracker's timeline reads.
    days = [
        timezone.localdate(datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC))
        for entry in feed.entries
    ]
    assert days == sorted(days, reverse=True)

    steel_only = ids(client, f"/tracker/feed/?sector={world['steel'].slug}")
    assert uri("event", world["lumber"]) not in steel_only and uri("event", tariff) in steel_only
    kinds = ids(client, "/tracker/feed/?kind=deadline")
    assert uri("event", tariff) not in kinds
    assert read(client, f"/tracker/feed/atom/?country={world['canada'].slug}", ATOM).feed.title == (
        "TradeWatch: Tracker: Canada"
    )


def test_scheduled_events_enter_the_tracker_feed_on_their_day(client):
    world = tracker_world()
    etag = client.get("/tracker/feed/")["ETag"]
    future = world["future"]
    future.start_date = timezone.localdate()
    future.save()
    response = client.get("/tracker/feed/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert uri("event", future) in [e.id for e in feedparser.parse(response.content).entries]


@pytest.mark.parametrize("query", ["", "?sector={sector}&kind=tariff_action"])
def test_tracker_feed_304_reads_only_the_timeline(client, django_assert_num_queries, query):
    world = tracker_world()
    url = "/tracker/feed/" + query.format(sector=world["steel"].slug)
    etag = client.get(url)["ETag"]
    # Events with status changes (and the chosen sector), articles and key quotes: the page
    # read once gives the stamps.
    with django_assert_num_queries(3):
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_tracker_feed_validators_change_with_a_correction_or_a_speaker(client):
    world = tracker_world()
    first = client.get("/tracker/feed/")
    make_correction(article=world["article"])
    corrected = client.get("/tracker/feed/", headers={"if-none-match": first["ETag"]})
    assert corrected.status_code == 200 and corrected["ETag"] != first["ETag"]
    speaker = world["quote"].speaker
    speaker.title = "Prime Minister"
    speaker.save()
    retitled = client.get("/tracker/feed/", headers={"if-none-match": corrected["ETag"]})
    assert retitled.status_code == 200 and retitled["ETag"] != corrected["ETag"]


@pytest.mark.parametrize(
    "url",
    ["/tracker/feed/", "/people/{person}/feed/", "/sectors/{sector}/feed/atom/?person={person}"],
)
def test_conditional_get_on_profile_and_tracker_feeds(client, url):
    world = tracker_world()
    url = url.format(person=world["quote"].speaker.slug, sector=world["steel"].slug)
    first = client.get(url)
    assert first.status_code == 200 and first["Cache-Control"].startswith("public")
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304


def test_profile_304_runs_only_the_lookup_and_stamps_queries(client, django_assert_num_queries):
    world = tracker_world()
    url = f"/people/{world['quote'].speaker.slug}/feed/"
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(2):
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def grow(count, *, sector, person, event):
    for n in range(count):
        article, quote = quoted(
            speaker=person, sectors=[sector], events=[event], headline=f"Story {count} {n}"
        )
        quote.is_key = True
        quote.save()
        make_mention(article=article, entity=sector)
        changed = make_event(
            name=f"Measure {count} {n}",
            kind=Event.Kind.TARIFF_ACTION,
            sectors=[sector],
            start_date=timezone.localdate() - datetime.timedelta(days=n + 1),
        )
        EventStatusChange.objects.create(event=changed, status="announced", date=changed.start_date)


@pytest.mark.parametrize(
    "url",
    [
        "/people/{person}/feed/",
        "/people/{person}/feed/?sector={sector}",
        "/sectors/{sector}/feed/",
        "/events/{event}/feed/atom/",
        "/countries/{country}/feed/json/",
        "/tracker/feed/",
        "/tracker/feed/?sector={sector}",
    ],
)
def test_query_count_is_fixed_whatever_the_data_size(client, django_assert_num_queries, url):
    country = make_country(name="Canada")
    person = make_person(name="Mark Carney", country=country)
    sector, event = make_sector(name="Steel"), make_event(name="APEC summit")
    url = url.format(person=person.slug, sector=sector.slug, event=event.slug, country=country.slug)
    grow(2, sector=sector, person=person, event=event)
    client.get(url)  # warm the content-type cache
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(8, sector=sector, person=person, event=event)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
