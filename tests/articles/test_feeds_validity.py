"""Every kind of feed is valid (RFC 4287 for Atom, RSS 2.0), readable by feed readers and
rendered as a styled page when a browser opens it.

The RFC 4287 rules are checked here directly; `test_the_w3c_validator_finds_nothing`
also runs the W3C feed validator when `FEEDVALIDATOR_SRC` points at its `src/` directory.
"""

import datetime
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.utils import timezone

from articles.models import Mention
from articles.public.feeds.links import prefers_html
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
from tests.test_wsgi_page_cache import call
from tradewatch.pagecache import CachedPages

pytestmark = pytest.mark.django_db

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
READER = "application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.5, */*;q=0.1"
BODY = (
    "Mills in Hamilton slowed on Monday.\n\n"
    "“Every order we lose is a shift we cancel,” said Vera Lindqvist.\n\n"
    "The desk will follow the talks."
)


@pytest.fixture
def world():
    """A small newsroom: every kind of feed has entries, and the traps the validator
    reported (entries without a byline, two status changes on one day, a quote updated
    when its article is) are all in it."""
    today = timezone.localdate()
    metals = make_sector(name="Metals")
    steel = make_sector(name="Steel", parent=metals)
    lumber = make_sector(name="Lumber")
    canada = make_country(name="Northland")
    union = make_organization(name="Foundry Workers United", country=canada)
    speaker = make_person(name="Vera Lindqvist", affiliation=union, country=canada)
    day = today - datetime.timedelta(days=10)
    tariff = make_event(
        name="Duty on rolled steel",
        kind=Event.Kind.TARIFF_ACTION,
        start_date=day - datetime.timedelta(days=5),
        sectors=[steel],
    )
    tariff.affected_countries.set([canada])
    counter = make_event(
        name="Counter-duty on fasteners",
        kind=Event.Kind.RETALIATION,
        start_date=day - datetime.timedelta(days=4),
        sectors=[steel],
    )
    for event in (tariff, counter):  # Two steps of two measures on one day.
        EventStatusChange.objects.create(event=event, status="in_force", date=day)
    lumber_event = make_event(
        name="Softwood review", kind=Event.Kind.MEETING, start_date=day, sectors=[lumber]
    )

    unsigned = make_article(headline="Mills slow as duty bites", body=BODY, tags=["tariffs"])
    quote = make_quote(
        article=unsigned,
        text="Every order we lose is a shift we cancel",
        speaker=speaker,
        sectors=[steel],
        events=[tariff],
        is_key=True,
    )
    unsigned.save()  # The article changes after its quote: both share an `updated` time.
    make_mention(article=unsigned, entity=union)
    make_mention(article=unsigned, entity=canada)
    make_mention(article=unsigned, entity=steel)
    signed = make_article(
        headline="Sawmills wait on the review",
        byline="Trade desk",
        body="Sawmills waited.\n\n“We wait,” an owner said.",
        publish_at=timezone.now() - datetime.timedelta(hours=3),
    )
    make_quote(
        article=signed,
        text="We wait",
        unnamed_speaker="a sawmill owner",
        sectors=[lumber],
        events=[lumber_event],
        is_key=True,
    )
    make_mention(article=signed, entity=lumber)
    # Two articles without quotes: one about steel, one about lumber naming steel in passing.
    mill = make_article(headline="Rolling mill adds a shift", body="The mill hired.")
    make_mention(article=mill, entity=steel, role=Mention.Role.ABOUT)
    planers = make_article(headline="Planers idle in the interior", body="Steel prices aside.")
    make_mention(article=planers, entity=lumber, role=Mention.Role.ABOUT)
    make_mention(article=planers, entity=steel)
    make_correction(article=unsigned)
    make_correction(article=signed, text="The review starts in spring, not winter.")
    return {
        "metals": metals,
        "steel": steel,
        "lumber": lumber,
        "speaker": speaker,
        "union": union,
        "canada": canada,
        "tariff": tariff,
        "lumber_event": lumber_event,
        "quote": quote,
    }


FEEDS = [
    "/feeds/latest/",
    "/tags/tariffs/feed/",
    "/quotes/feed/",
    "/quotes/feed/?speaker={speaker}&sector={steel}",
    "/quotes/feed/?kind=direct",
    "/people/{speaker}/feed/",
    "/organizations/{union}/feed/",
    "/sectors/{metals}/feed/",
    "/sectors/{steel}/feed/",
    "/events/{tariff}/feed/",
    "/countries/{canada}/feed/",
    "/tracker/feed/",
    "/tracker/feed/?sector={steel}",
    "/corrections/feed/",
]


def address(url, world, fmt=""):
    slugs = {name: value.slug for name, value in world.items() if hasattr(value, "slug")}
    path, sep, query = url.format(**slugs).partition("?")
    return f"{path}{fmt}{sep}{query}"


def text_of(element, name):
    child = element.find(A + name)
    return (child.text or "").strip() if child is not None else ""


def atom_problems(content):
    """What RFC 4287 forbids in an Atom document (plus the validator's duplicate `updated`)."""
    root = ET.fromstring(content)
    problems = []
    if root.tag != A + "feed":
        return [f"root is {root.tag}"]
    for name in ("id", "title", "updated"):
        if not text_of(root, name):
            problems.append(f"feed without {name}")
    feed_author = root.find(f"{A}author/{A}name") is not None
    ids, updates = [], []
    for n, entry in enumerate(root.findall(A + "entry")):
        for name in ("id", "title", "updated"):
            if not text_of(entry, name):
                problems.append(f"entry {n} without {name}")
        if not feed_author and entry.find(f"{A}author/{A}name") is None:
            problems.append(f"entry {n} has no author and the feed none")
        for name in ("updated", "published"):
            value = text_of(entry, name)
            if value and not RFC3339.match(value):
                problems.append(f"entry {n} {name} {value!r} is not RFC 3339")
        ids.append(text_of(entry, "id"))
        updates.append(text_of(entry, "updated"))
    if not RFC3339.match(text_of(root, "updated")):
        problems.append("feed updated is not RFC 3339")
    problems += [f"id {i} twice" for i in set(ids) if ids.count(i) > 1]
    problems += [f"updated {u} twice" for u in set(updates) if updates.count(u) > 1]
    return problems


@pytest.mark.parametrize("url", FEEDS)
def test_atom_feeds_follow_rfc_4287_and_parse_cleanly(client, world, url):
    response = client.get(address(url, world, "atom/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert atom_problems(response.content) == []
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.entries, "every feed has entries in this world"
    for entry in feed.entries:
        assert entry.get("author") or feed.feed.get("author"), entry.id


@pytest.mark.parametrize("url", FEEDS)
def test_rss_feeds_parse_cleanly_with_unique_guids(client, world, url):
    response = client.get(address(url, world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    guids = [entry.id for entry in feed.entries]
    assert guids and len(guids) == len(set(guids))
    channel = ET.fromstring(response.content).find("channel")
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), name


def test_entries_without_a_byline_name_the_site_as_author(client, world):
    feed = feedparser.parse(client.get("/corrections/feed/atom/").content)
    assert feed.feed.author == "TradeWatch"
    tracker = ET.fromstring(client.get("/tracker/feed/atom/").content)
    assert tracker.findtext(f"{A}author/{A}name") == "TradeWatch"


def test_shared_updated_times_are_made_distinct_and_keep_their_day(client, world):
    root = ET.fromstring(client.get(f"/tracker/feed/atom/?sector={world['steel'].slug}").content)
    steps = [
        text_of(entry, "updated")
        for entry in root.findall(A + "entry")
        if "/status/" in text_of(entry, "id")
    ]
    assert len(steps) == 2 and steps[0] != steps[1]
    assert steps[0][:10] == steps[1][:10]  # Still the day the measures came into force.


# Point 16: a tracker feed filtered by sector -----------------------------------------------


def test_tracker_feed_by_sector_carries_that_sector_and_its_sub_sectors_only(client, world):
    def titles(url):
        return [entry.title for entry in feedparser.parse(client.get(url).content).entries]

    for sector in ("steel", "metals"):
        found = titles(f"/tracker/feed/?sector={world[sector].slug}")
        assert any(t.startswith("Duty on rolled steel") for t in found), found
        assert any("Every order we lose" in t for t in found), found
        assert "Mills slow as duty bites" in found  # It quotes someone on steel.
        assert "Rolling mill adds a shift" in found  # It is about steel.
        assert "Planers idle in the interior" not in found  # It names steel in passing.
        assert not [t for t in found if "Softwood" in t or "Sawmill" in t or "We wait" in t]
    lumber = titles(f"/tracker/feed/?sector={world['lumber'].slug}")
    assert "Planers idle in the interior" in lumber
    assert not [t for t in lumber if "steel" in t.lower() or "Mills slow" in t], lumber


# Point 14: browsers get a page to read, feed readers a feed --------------------------------


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        (BROWSER, True),
        ("text/html", True),
        ("text/html;q=0.5, application/rss+xml", False),
        (READER, False),
        ("application/atom+xml", False),
        ("*/*", False),
        ("", False),
        (None, False),
        ("text/*", False),  # text/xml as much as text/html
        ("garbage, ;;, text/html;q=oops", False),
    ],
)
def test_prefers_html_reads_accept_like_a_browser_and_a_reader(accept, html):
    assert prefers_html(accept) is html


@pytest.mark.parametrize(
    ("url", "feed_type"),
    [("/feeds/latest/", "application/rss+xml"), ("/tracker/feed/atom/", "application/atom+xml")],
)
def test_a_browser_gets_xml_it_renders_and_a_reader_gets_the_feed(client, world, url, feed_type):
    as_browser = client.get(url, HTTP_ACCEPT=BROWSER)
    as_reader = client.get(url, HTTP_ACCEPT=READER)
    plain = client.get(url)
    assert as_browser["Content-Type"] == "application/xml; charset=utf-8"
    assert as_reader["Content-Type"] == plain["Content-Type"] == f"{feed_type}; charset=utf-8"
    for response in (as_browser, as_reader, plain):
        assert "Accept" in response["Vary"]
        assert b'<?xml-stylesheet href="/static/feeds/feed.xsl"' in response.content
    assert as_browser.content == as_reader.content
    assert as_browser["ETag"] != as_reader["ETag"]  # Two representations.
    again = client.get(url, HTTP_ACCEPT=BROWSER, HTTP_IF_NONE_MATCH=as_browser["ETag"])
    assert again.status_code == 304 and "Accept" in again["Vary"]
    crossed = client.get(url, HTTP_ACCEPT=READER, HTTP_IF_NONE_MATCH=as_browser["ETag"])
    assert crossed.status_code == 200


def test_json_feed_keeps_its_type_for_everyone(client, world):
    response = client.get("/feeds/latest/json/", HTTP_ACCEPT=BROWSER)
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"


def test_the_stylesheet_is_served_as_xsl(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # Served from static/, as `runserver` does.
    response = client.get("/static/feeds/feed.xsl")
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] in ("text/xsl", "application/xslt+xml")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_the_page_cache_keeps_a_browser_and_a_reader_copy_of_a_feed(client, world, page_cache):
    first_browser = client.get("/feeds/latest/", HTTP_ACCEPT=BROWSER)
    first_reader = client.get("/feeds/latest/", HTTP_ACCEPT=READER)
    assert first_browser["X-Page-Cache"] == first_reader["X-Page-Cache"] == "miss"
    browser = client.get("/feeds/latest/", HTTP_ACCEPT=BROWSER)
    reader = client.get("/feeds/latest/", HTTP_ACCEPT=READER)
    assert browser["X-Page-Cache"] == reader["X-Page-Cache"] == "hit"
    assert browser["Content-Type"].startswith("application/xml")
    assert reader["Content-Type"].startswith("application/rss+xml")
    assert "Accept" in browser["Vary"] and "Accept" in reader["Vary"]


def test_the_wsgi_fast_path_answers_each_variant_from_its_own_copy(world, page_cache):
    app = CachedPages(WSGIHandler())
    for accept, content_type in ((BROWSER, "application/xml"), (READER, "application/rss+xml")):
        status, headers, _ = call(app, "/feeds/latest/", HTTP_ACCEPT=accept)
        assert status == "200 OK" and headers["X-Page-Cache"] == "miss"
        status, headers, _ = call(app, "/feeds/latest/", HTTP_ACCEPT=accept)
        assert headers.get("X-Page-Cache") == "hit"
        assert headers["Content-Type"].startswith(content_type)
    cache.clear()


# The W3C feed validator, when it is there ---------------------------------------------------


VALIDATOR = os.environ.get("FEEDVALIDATOR_SRC")
# The Python that has the validator's dependencies (its own virtualenv), if not this one.
VALIDATOR_PYTHON = os.environ.get("FEEDVALIDATOR_PYTHON", sys.executable)


@pytest.mark.skipif(
    not VALIDATOR, reason="FEEDVALIDATOR_SRC (the W3C feed validator's src/) is not set"
)
@pytest.mark.parametrize("fmt", ["", "atom/"])
def test_the_w3c_validator_finds_nothing(client, world, tmp_path, fmt):
    for n, url in enumerate(FEEDS):
        saved = tmp_path / f"feed{n}.xml"
        saved.write_bytes(client.get(address(url, world, fmt)).content)
        result = subprocess.run(
            [VALIDATOR_PYTHON, "demo.py", str(saved), "AA"],
            cwd=VALIDATOR,
            capture_output=True,
            text=True,
            timeout=120,
        )
        # Saved to a file, a feed's self link cannot match where it is read from.
        lines = [
            line
            for line in result.stdout.splitlines()
            if line.startswith("line ") and "Self reference" not in line
        ]
        assert lines == [], f"{url}{fmt}: {lines}"


def test_the_tracker_page_by_sector_lists_the_same_articles_as_its_feed(client, world):
    page = client.get(f"/tracker/?sector={world['steel'].slug}").content.decode()
    assert "Mills slow as duty bites" in page and "Rolling mill adds a shift" in page
    assert "Planers idle in the interior" not in page
