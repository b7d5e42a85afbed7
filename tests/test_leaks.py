"""Nothing unpublished is reachable: a crawler walks the public site looking for it.

On top of the demo coverage, three hidden articles are created: a draft, a
scheduled one (publish time in the future) and one in the trash. Each carries
a unique marker word (in headline, dek, body, tag, correction) and a quote by
a person quoted nowhere else. The crawler follows every local link from the
home page, the sitemap, the feeds directory and every feed it meets; no
response may contain a marker, one of those people or their words.
"""

import datetime
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.demo.loader import load_demo
from articles.models import Article
from entities.models import Country, Event, Organization, Sector
from tests.crawl import Crawler
from tests.factories import make_correction, make_mention, make_person, make_quote

CRAWL_LIMIT = 2000

HIDDEN = {
    "draft": {
        "marker": "zorblattine",
        "person": "Ottoline Vandergraaf",
        "quote": "Quiet harbours make for patient negotiators",
    },
    "scheduled": {
        "marker": "quemmerlost",
        "person": "Barnaby Okonkwo-Lindqvist",
        "quote": "Embargoed figures travel slowest of all",
    },
    "trashed": {
        "marker": "vrindlewick",
        "person": "Persephone Haldane-Moss",
        "quote": "Retracted promises leave longer shadows",
    },
}


def make_hidden_article(state, spec, *, sector, event, organization, country):
    marker, now = spec["marker"], timezone.now()
    body = (
        f"OTTAWA — A {marker} briefing on steel was held on Tuesday.\n\n"
        f"“{spec['quote']},” said {spec['person']}, who spoke about the {marker} plan."
    )
    status, publish_at = {
        "draft": (Article.Status.DRAFT, None),
        "scheduled": (Article.Status.PUBLISHED, now + datetime.timedelta(days=3)),
        "trashed": (Article.Status.PUBLISHED, now - datetime.timedelta(days=2)),
    }[state]
    article = Article.objects.create(
        headline=f"The {marker} dossier on steel tariffs",
        dek=f"What the {marker} papers say",
        body=body,
        status=status,
        publish_at=publish_at,
        external_id=f"hidden-{marker}",
    )
    article.tags.add("tariffs", f"{marker}-files")
    person = make_person(
        name=spec["person"],
        title=f"{marker.title()} spokesperson",
        affiliation=organization,
        country=country,
    )
    quote = make_quote(
        article=article, text=spec["quote"], speaker=person, sectors=[sector], events=[event]
    )
    quote.tags.add(f"{marker}-quote")
    make_mention(article=article, entity=person)
    make_correction(article=article, text=f"An earlier {marker} version misnamed the minister.")
    if state == "trashed":
        article.move_to_trash()
    return article, person


@pytest.fixture
def hidden(db):
    load_demo()
    sector = Sector.objects.get(slug="steel")
    event = Event.objects.order_by("start_date", "pk").first()
    organization = Organization.objects.get(name="Government of Canada")
    country = Country.objects.get(name="Canada")
    return {
        state: make_hidden_article(
            state,
            spec,
            sector=sector,
            event=event,
            organization=organization,
            country=country,
        )
        for state, spec in HIDDEN.items()
    }


# Pages and feeds that take a person's slug in their query string.
FILTERED_BY_PERSON = [
    ("/quotes/", "speaker"),
    ("/quotes/feed/", "speaker"),
    ("/quotes/feed/atom/", "speaker"),
    ("/articles/", "person"),
    ("/tracker/", "person"),
    ("/tracker/feed/", "person"),
    ("/sectors/steel/", "person"),
]


def forbidden_strings(hidden):
    """Every marker, hidden person and quote, and the hidden articles' headlines and deks."""
    for spec in HIDDEN.values():
        yield from (spec["marker"], spec["person"], spec["quote"])
    for article, _ in hidden.values():
        yield from (article.headline, article.dek)


def echoes(url, needle):
    """A search page repeats what was searched for: that alone is no leak.

    The headline and dek, which contain the marker, are still looked for there.
    """
    query = parse_qs(urlsplit(url).query).get("q", [""])[0]
    return bool(query) and query.casefold() == needle.casefold()


def crawl_public_site(client, hidden):
    """Crawl from the home page, sitemap, feeds, robots.txt, marker searches and filters."""
    start = [
        reverse("articles:home"),
        reverse("articles:sitemap"),
        reverse("articles:feeds"),
        reverse("articles:robots"),
        reverse("articles:corrections"),
    ]
    for spec in HIDDEN.values():
        start.append(reverse("articles:search") + "?" + urlencode({"q": spec["marker"]}))
        start.append(reverse("articles:search") + "?" + urlencode({"q": spec["person"]}))
    for _, person in hidden.values():
        for url, name in FILTERED_BY_PERSON:
            start.append(f"{url}?{urlencode({name: person.slug})}")
    return Crawler(client, limit=CRAWL_LIMIT).crawl(start)


@pytest.mark.django_db
def test_crawler_finds_no_unpublished_marker_person_or_quote(client, hidden):
    result = crawl_public_site(client, hidden)

    assert not result.truncated, f"the crawl hit its bound of {CRAWL_LIMIT} addresses"
    assert not result.with_status(500)
    ok = [url for url in result.pages if result.pages[url].status == 200]
    # The crawl reached the whole site: articles, every kind of profile, the feeds.
    for prefix in (
        "/articles/20",
        "/people/",
        "/sectors/",
        "/events/",
        "/countries/",
        "/organizations/",
        "/quotes/",
        "/tags/",
        "/tracker/",
        "/feeds/latest/",
        "/corrections/",
    ):
        assert any(url.startswith(prefix) for url in ok), prefix
    assert any("/feed/atom/" in url for url in ok) and any("/feed/json/" in url for url in ok)
    leaks = {
        needle: [url for url in result.find(needle) if not echoes(url, needle)]
        for needle in forbidden_strings(hidden)
    }
    assert not {needle: urls for needle, urls in leaks.items() if urls}
    # The crawl size is part of the closing note.
    assert len(ok) >= 100


@pytest.mark.django_db
def test_hidden_people_have_no_public_quotes(client, hidden):
    for state, (article, person) in hidden.items():
        spec = HIDDEN[state]
        profile = client.get(person.get_absolute_url())
        assert profile.status_code in (200, 404)
        assert spec["quote"] not in profile.content.decode()
        assert spec["marker"] not in profile.content.decode()
        feed = client.get(reverse("entities:person-feed", args=[person.slug]))
        assert spec["quote"] not in feed.content.decode()
        listed = client.get(reverse("articles:quote-list"), {"speaker": person.slug})
        assert listed.status_code in (200, 400)
        assert spec["quote"] not in listed.content.decode()
        quote = article.quotes.get()
        assert client.get(quote.get_absolute_url()).status_code == 404
        assert client.get(article.get_absolute_url()).status_code == 404
