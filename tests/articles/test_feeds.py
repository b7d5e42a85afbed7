"""The site, tag and quote-filter feeds, read as a feed reader reads them (feedparser)."""

import datetime
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from articles.public.feeds.articles import ARTICLE_FEED_LIMIT, FEED_LIMIT
from tests.factories import (
    make_article,
    make_correction,
    make_person,
    make_quote,
    make_sector,
)
from tests.feeds import ATOM, JSON_FEED, RSS, read

pytestmark = pytest.mark.django_db

BODY = "Talks resumed in Ottawa.\n\n“We are close on steel,” she said.\n\nOfficials were less sure."


def story(*, headline="Canada and US edge toward a metals deal", speaker=None, sector=None, **kw):
    article = make_article(
        headline=headline,
        body=BODY,
        dek="Steel and aluminum lead the talks.",
        byline="Jane Reporter",
        tags=["tariffs"],
        **kw,
    )
    quote = make_quote(
        article=article,
        text="We are close on steel",
        speaker=speaker or make_person(name="Mélanie Jolicoeur"),
        speaker_title="Minister of Industry",
        sectors=[sector] if sector else [],
    )
    return article, quote


def test_site_feeds_in_three_formats_carry_the_article_with_its_quotes(client, settings):
    steel = make_sector(name="Steel")
    article, quote = story(sector=steel)

    rss = read(client, "/feeds/latest/")
    atom = read(client, "/feeds/latest/atom/", ATOM)
    assert rss.feed.title == atom.feed.title == "TradeWatch: latest"
    assert atom.feed.id == "tag:tradewatch,2025:feed/latest"
    for feed in (rss, atom):
        [entry] = feed.entries
        assert entry.title == "Canada and US edge toward a metals deal"
        assert entry.link == "http://testserver" + article.get_absolute_url()
        assert entry.id == f"tag:tradewatch,2025:article/{article.uid}"
        assert entry.summary == "Steel and aluminum lead the talks."
        assert entry.author == "Jane Reporter"
        assert {t.term for t in entry.tags} == {"tariffs", "Steel"}
        published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
        assert published == article.publish_at.replace(microsecond=0)
        content = entry.content[0].value
        assert "Officials were less sure." in content
        assert "We are close on steel" in content
        assert "Mélanie Jolicoeur" in content and "Minister of Industry" in content
        assert "http://testserver" + quote.get_absolute_url() in content
    assert not rss.entries[0].guidislink  # isPermaLink="false": the id is not an address

    response = client.get("/feeds/latest/json/")
    assert response["Content-Type"] == JSON_FEED
    document = json.loads(response.content)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    [item] = document["items"]
    assert item["id"] == rss.entries[0].id
    assert item["title"] == article.headline
    assert "Mélanie Jolicoeur" in item["content_html"]
    assert item["summary"] == article.dek
    assert item["authors"] == [{"name": "Jane Reporter"}]


def test_feeds_show_only_visible_articles_and_a_scheduled_one_once_its_time_comes(client):
    now = timezone.now()
    story(headline="Visible story")
    make_article(headline="A draft", published=False)
    make_article(headline="In the trash", deleted_at=now)
    scheduled = make_article(
        headline="Embargoed story", publish_at=now + datetime.timedelta(hours=2)
    )

    for url in ("/feeds/latest/", "/feeds/latest/atom/", "/tags/tariffs/feed/"):
        titles = [e.title for e in read(client, url, ATOM if "atom" in url else RSS).entries]
        assert "A draft" not in titles and "In the trash" not in titles
        assert "Embargoed story" not in titles
    etag = client.get("/feeds/latest/")["ETag"]

    scheduled.publish_at = now - datetime.timedelta(minutes=1)
    scheduled.save()
    response = client.get("/feeds/latest/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Embargoed story" in [e.title for e in feedparser.parse(response.content).entries]


def test_item_id_survives_an_edit_of_headline_and_slug(client):
    article, quote = story()
    before = read(client, "/feeds/latest/atom/", ATOM).entries[0]
    quote_before = read(client, "/quotes/feed/").entries[0]

    article.headline = "Deal on metals within reach"
    article.slug = "deal-on-metals"
    article.save()
    quote.speaker.name = "Melanie Jolicoeur"
    quote.speaker.slug = "melanie-joly-2"
    quote.speaker.save()

    after = read(client, "/feeds/latest/atom/", ATOM).entries[0]
    assert after.title == "Deal on metals within reach"
    assert after.link != before.link and after.link.endswith("/deal-on-metals/")
    assert after.id == before.id
    quote_after = read(client, "/quotes/feed/").entries[0]
    assert quote_after.id == quote_before.id == f"tag:tradewatch,2025:quote/{quote.uid}"
    assert quote_after.title.startswith("Melanie Jolicoeur: ")


def test_a_correction_appears_in_the_item_and_moves_its_updated_date(client):
    article, _ = story()
    article.updated_at = article.publish_at
    article.save()
    atom_before = read(client, "/feeds/latest/atom/", ATOM).entries[0]
    etag = client.get("/feeds/latest/")["ETag"]

    make_correction(
        article=article,
        text="An earlier version gave the wrong minister.",
        created_at=timezone.now(),
    )

    atom_after = read(client, "/feeds/latest/atom/", ATOM).entries[0]
    assert atom_after.id == atom_before.id
    assert atom_after.updated_parsed > atom_before.updated_parsed
    assert "An earlier version gave the wrong minister." in atom_after.content[0].value
    assert "An earlier version gave the wrong minister." not in atom_before.content[0].value
    response = client.get("/feeds/latest/", headers={"if-none-match": etag})
    assert response.status_code == 200
    rss_entry = feedparser.parse(response.content).entries[0]
    assert "An earlier version gave the wrong minister." in rss_entry.content[0].value


def test_conditional_get_answers_304_without_building_the_feed(client, django_assert_num_queries):
    story()
    first = client.get("/feeds/latest/")
    assert first["Cache-Control"] == "public, max-age=300, s-maxage=300"
    assert first["ETag"].startswith('"') and first["Last-Modified"]

    with django_assert_num_queries(1):  # the stamps query, nothing else
        again = client.get("/feeds/latest/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]

    since = client.get("/feeds/latest/", headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    other = client.get("/feeds/latest/", headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200
    # Each format is its own representation, with its own validator.
    assert client.get("/feeds/latest/atom/")["ETag"] != first["ETag"]


def test_an_edit_changes_the_etag(client):
    article, quote = story()
    etag = client.get("/feeds/latest/")["ETag"]
    article.headline = "A new headline"
    article.save()
    assert client.get("/feeds/latest/")["ETag"] != etag
    etag = client.get("/feeds/latest/")["ETag"]
    quote.speaker.name = "Hon. Mélanie Jolicoeur"  # the article's item names its speakers
    quote.speaker.save()
    assert client.get("/feeds/latest/")["ETag"] != etag
    etag = client.get("/quotes/feed/")["ETag"]
    quote.speaker_title = "Minister of Foreign Affairs"
    quote.save()
    assert client.get("/quotes/feed/")["ETag"] != etag


def _stories(count):
    steel = make_sector(name=f"Steel {count}")
    for n in range(count):
        article, _ = story(headline=f"Story {count}-{n}", sector=steel)
        make_correction(article=article)


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/latest/",
        "/feeds/latest/atom/",
        "/feeds/latest/json/",
        "/tags/tariffs/feed/",
        "/quotes/feed/",
        "/quotes/feed/?kind=direct",
    ],
)
def test_query_count_is_fixed_whatever_the_data_size(client, django_assert_num_queries, url):
    _stories(2)
    client.get(url)  # warm the content-type cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _stories(7)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(feedparser.parse(response.content).entries) > 2 or url.endswith("json/")


def test_feeds_hold_a_bounded_number_of_items(client):
    speaker = make_person(name="Dominic LeBlanc")
    for n in range(FEED_LIMIT + 3):
        story(headline=f"Bulletin {n}", speaker=speaker)
    # Full-text articles: fewer of them (only the articles carry the tag); quotes: FEED_LIMIT.
    assert len(read(client, "/feeds/latest/").entries) == ARTICLE_FEED_LIMIT
    assert len(read(client, "/quotes/feed/").entries) == FEED_LIMIT
    assert len(read(client, "/tags/tariffs/feed/").entries) == ARTICLE_FEED_LIMIT


def test_quote_feed_items_and_filters(client, settings):
    steel, lumber = make_sector(name="Steel"), make_sector(name="Lumber")
    carney, leblanc = make_person(name="Mark Carney"), make_person(name="Dominic LeBlanc")
    article = make_article(
        headline="Talks advance",
        body="“We’re in ongoing discussions with the Americans, and I wouldn’t overplay it,” "
        "he said.\n\n“We’re making progress,” LeBlanc said.\n\nLeBlanc added that lumber "
        "talks continue.",
    )
    steel_quote = make_quote(
        article=article,
        text="We’re in ongoing discussions with the Americans, and I wouldn’t overplay it",
        speaker=carney,
        speaker_title="Prime Minister",
        sectors=[steel],
        said_on=datetime.date(2025, 10, 21),
    )
    make_quote(article=article, text="We’re making progress", speaker=leblanc, sectors=[steel])
    make_quote(
        article=article,
        text="lumber talks continue",
        speaker=leblanc,
        sectors=[lumber],
        kind="indirect",
    )
    draft = make_article(headline="Draft", body="“Secret words,” he said.", published=False)
    make_quote(article=draft, text="Secret words", speaker=carney, sectors=[steel])

    feed = read(client, f"/quotes/feed/?speaker={carney.slug}&sector={steel.slug}")
    assert feed.feed.title == "TradeWatch: Quotes by Mark Carney on Steel"
    [entry] = feed.entries
    assert entry.title == "Mark Carney: “We’re in ongoing discussions with the Americans, and…”"
    assert entry.link == "http://testserver" + steel_quote.get_absolute_url()
    assert entry.id == f"tag:tradewatch,2025:quote/{steel_quote.uid}"
    body = entry.content[0].value
    assert "I wouldn’t overplay it" in body
    assert "Prime Minister" in body and "21 October 2025" in body
    assert "http://testserver" + article.get_absolute_url() in body
    atom_entry = read(client, f"/quotes/feed/atom/?speaker={carney.slug}", ATOM).entries[0]
    related = [link.href for link in atom_entry.links if link.rel == "related"]
    assert related == ["http://testserver" + article.get_absolute_url()]

    def texts(url):
        return [e.summary.rsplit(" — ", 1)[0].strip("“”") for e in read(client, url).entries]

    assert sorted(texts(f"/quotes/feed/?sector={steel.slug}")) == [
        "We’re in ongoing discussions with the Americans, and I wouldn’t overplay it",
        "We’re making progress",
    ]
    assert texts(f"/quotes/feed/?speaker={leblanc.slug}&kind=indirect") == ["lumber talks continue"]
    assert texts(f"/quotes/feed/?sector={lumber.slug}&speaker={carney.slug}") == []
    assert "Secret words" not in str(texts("/quotes/feed/"))


def test_tag_feed_carries_tagged_articles_and_quotes(client):
    article, quote = story()
    quote.tags.add("metals")
    other = make_article(headline="Unrelated", tags=["energy"])
    feed = read(client, "/tags/metals/feed/")
    assert feed.feed.title == "TradeWatch: tagged metals"
    assert [e.id for e in feed.entries] == [f"tag:tradewatch,2025:quote/{quote.uid}"]
    ids = {e.id for e in read(client, "/tags/tariffs/feed/").entries}
    assert ids == {f"tag:tradewatch,2025:article/{article.uid}"}
    assert f"tag:tradewatch,2025:article/{other.uid}" not in ids


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/quotes/feed/?speaker=nobody-at-all", "No person with that address"),
        ("/quotes/feed/?sector=nowhere", "No sector with that address"),
        ("/quotes/feed/?kind=shouted", "Kind must be direct, indirect or partial."),
        ("/quotes/feed/atom/?from=2025-13-45", "YYYY-MM-DD"),
        ("/quotes/feed/json/?from=2025-06-01&to=2025-01-01", "must not be after"),
    ],
)
def test_bad_filters_get_a_plain_400(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()


def test_unknown_tag_is_a_404(client):
    assert client.get("/tags/no-such-tag/feed/").status_code == 404
    assert client.get("/tags/no-such-tag/feed/atom/").status_code == 404


def test_feeds_carry_a_stylesheet_that_explains_how_to_subscribe(client):
    story()
    for url in ("/feeds/latest/", "/feeds/latest/atom/"):
        head = client.get(url).content.decode()[:300]
        instruction = head.split("<?xml-stylesheet ", 1)[1].split("?>", 1)[0]
        assert 'href="/static/feeds/feed.xsl"' in instruction and 'type="text/xsl"' in instruction
    path = finders.find("feeds/feed.xsl")
    stylesheet = ET.parse(path).getroot()
    assert stylesheet.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    text = open(path, encoding="utf-8").read()
    assert "How to subscribe" in text and "copy this address into your feed reader" in text
    assert finders.find("feeds/feed.css")


def test_feed_index_lists_every_kind_of_feed(client):
    steel = make_sector(name="Steel")
    speaker = make_person(name="Mark Carney")
    silent = make_person(name="Nobody Quoted")
    story(speaker=speaker, sector=steel)
    draft = make_article(headline="Draft", body="“Hush,” he said.", published=False)
    make_quote(article=draft, text="Hush", speaker=silent)

    response = client.get("/feeds/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/feeds/latest/"' in page and 'href="/tracker/feed/"' in page
    assert f'href="/sectors/{steel.slug}/feed/"' in page
    assert f'href="/people/{speaker.slug}/feed/"' in page
    assert f"/people/{silent.slug}/feed/" not in page
    assert 'href="/tags/tariffs/feed/"' in page
    assert "/quotes/feed/?speaker=" in page
    assert 'href="/feeds/sectors.opml"' in page and 'href="/feeds/people.opml"' in page
    assert 'rel="alternate" type="application/rss+xml"' in page


def test_opml_lists_sector_and_people_feeds(client, settings):
    steel, lumber = make_sector(name="Steel"), make_sector(name="Lumber")
    speaker = make_person(name="Mark Carney")
    make_person(name="Nobody Quoted")
    story(speaker=speaker, sector=steel)

    response = client.get("/feeds/sectors.opml")
    assert response["Content-Type"] == "text/x-opml; charset=utf-8"
    assert response["ETag"] and response["Cache-Control"]
    outlines = ET.fromstring(response.content).findall("./body/outline")
    assert [(o.get("text"), o.get("xmlUrl")) for o in outlines] == [
        ("Lumber", f"http://testserver/sectors/{lumber.slug}/feed/"),
        ("Steel", f"http://testserver/sectors/{steel.slug}/feed/"),
    ]
    assert all(o.get("type") == "rss" for o in outlines)
    people = ET.fromstring(client.get("/feeds/people.opml").content).findall("./body/outline")
    assert [o.get("text") for o in people] == ["Mark Carney"]
    assert client.get("/feeds/planets.opml").status_code == 404
    again = client.get("/feeds/sectors.opml", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_reported_speech_is_never_in_quotation_marks_in_feeds(client):
    speaker = make_person(name="Dana Minister")
    article = make_article(headline="Talks resume", body="Dana Minister said talks would resume.")
    make_quote(article=article, text="talks would resume", speaker=speaker, kind="indirect")
    quotes = read(client, "/quotes/feed/")
    entry = quotes.entries[0]
    assert entry.title == "Dana Minister: talks would resume"
    assert "“" not in entry.summary and "“" not in entry.content[0].value
    articles = read(client, "/feeds/latest/")
    assert "talks would resume" in articles.entries[0].content[0].value
    assert "<q>" not in articles.entries[0].content[0].value
    assert "“talks" not in articles.entries[0].content[0].value


def test_direct_quotes_keep_their_quotation_marks_in_feeds(client):
    story()
    entry = read(client, "/quotes/feed/").entries[0]
    assert entry.title == "Mélanie Jolicoeur: “We are close on steel”"
    assert "“We are close on steel”" in entry.content[0].value


@pytest.mark.django_db
def test_the_quote_feed_lists_the_newest_quotes_of_the_whole_archive(client):
    from articles.demo.fakedata import generate
    from articles.models import Quote
    from articles.public.feeds.items import QUOTE_ORDER

    generate(articles=30, entities=100, seed=3, until=datetime.date.today())
    make_article(headline="A story quoting no one")  # the newest article has no quote
    newest = Quote.objects.public().order_by(*QUOTE_ORDER)[:FEED_LIMIT]
    expected = [f"tag:tradewatch,2025:quote/{quote.uid}" for quote in newest]
    assert len(expected) == FEED_LIMIT
    entries = read(client, "/quotes/feed/").entries
    assert [entry.id for entry in entries] == expected
