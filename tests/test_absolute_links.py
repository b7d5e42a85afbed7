"""Absolute links use the address the site is served at: the request's scheme and host,
and `settings.SITE_URL` only outside a request."""

import re

import feedparser
import pytest
from django.urls import reverse

from articles.models import Article, PreviewLink
from articles.public.feeds.items import article_item, newest_articles
from entities.addresses import absolute, site_root
from tests.factories import (
    make_article,
    make_event,
    make_mention,
    make_person,
    make_quote,
    make_sector,
    make_user,
)

pytestmark = pytest.mark.django_db

HOST = "localhost:8400"
SERVED = f"http://{HOST}"
BODY = "Smelters met in Baie-Comeau.\n\n“Ingots wait at the border,” he said.\n\nTalks go on."


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    settings.SITE_URL = "https://news.example"


@pytest.fixture
def story():
    aluminum = make_sector(name="Aluminum")
    speaker = make_person(name="Rafe Okonkwo")
    event = make_event(name="Ingot quota talks", sectors=[aluminum])
    article = make_article(headline="Ingots pile up", body=BODY, tags=["quotas"])
    quote = make_quote(
        article=article,
        text="Ingots wait at the border",
        speaker=speaker,
        sectors=[aluminum],
        events=[event],
        is_key=True,
    )
    make_mention(article=article, entity=aluminum)
    return {"article": article, "quote": quote, "speaker": speaker, "sector": aluminum}


def links_in(content):
    """Every absolute http(s) address in a document (attributes, elements, escaped HTML)."""
    text = content.decode().replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    return set(re.findall(r"https?://[^\s\"'<>]+", text))


FEEDS = [
    "/feeds/latest/",
    "/quotes/feed/",
    "/tags/quotas/feed/",
    "/corrections/feed/",
    "/tracker/feed/",
    "/people/{speaker}/feed/",
    "/sectors/{sector}/feed/",
]


@pytest.mark.parametrize("fmt", ["", "atom/", "json/"])
@pytest.mark.parametrize("url", FEEDS)
def test_feed_links_point_at_the_host_that_served_the_feed(client, story, url, fmt):
    url = url.format(speaker=story["speaker"].slug, sector=story["sector"].slug) + fmt
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    found = {
        link for link in links_in(response.content) if "localhost" in link or "example" in link
    }
    assert found, "the feed has links"
    assert {link for link in found if not link.startswith(SERVED + "/")} == set()
    if fmt != "json/":
        feed = feedparser.parse(response.content)
        assert feed.feed.link.startswith(SERVED + "/")
        for entry in feed.entries:
            assert entry.link.startswith(SERVED + "/")


def test_the_self_link_is_the_address_asked_for(client, story):
    url = f"/quotes/feed/atom/?speaker={story['speaker'].slug}"
    feed = feedparser.parse(client.get(url, HTTP_HOST=HOST).content)
    [self_link] = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_link == SERVED + url


def test_https_requests_get_https_links(client, story):
    feed = feedparser.parse(client.get("/feeds/latest/atom/", secure=True).content)
    assert feed.entries[0].link.startswith("https://testserver/")


def test_each_host_has_its_own_validators_and_cached_copy(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/feeds/latest/", HTTP_HOST=HOST)
    other = client.get("/feeds/latest/", HTTP_HOST="testserver")
    assert first["ETag"] != other["ETag"]
    assert b"http://testserver/" in other.content and SERVED.encode() not in other.content
    again = client.get("/feeds/latest/", HTTP_HOST=HOST)
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    # A copy still current for one host is a 304 there, not on the other.
    assert (
        client.get("/feeds/latest/", HTTP_HOST=HOST, HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )
    assert (
        client.get(
            "/feeds/latest/", HTTP_HOST="testserver", HTTP_IF_NONE_MATCH=first["ETag"]
        ).status_code
        == 200
    )


def test_opml_lists_point_at_the_host_that_served_them(client, story):
    for kind in ("sectors", "people"):
        response = client.get(reverse("articles:opml", args=[kind]), HTTP_HOST=HOST)
        assert response.status_code == 200
        links = links_in(response.content)
        assert links and all(link.startswith(SERVED + "/") for link in links), links


def test_sitemap_points_at_the_host_that_served_it(client, story):
    response = client.get("/sitemap.xml", HTTP_HOST=HOST)
    links = {
        link for link in links_in(response.content) if "localhost" in link or "example" in link
    }
    assert links and all(link.startswith(SERVED + "/") for link in links), links


def test_json_ld_of_profiles_and_articles_uses_the_host(client, story):
    pages = [
        story["speaker"].get_absolute_url(),
        story["sector"].get_absolute_url(),
        story["article"].get_absolute_url(),
        story["quote"].get_absolute_url(),
    ]
    for page in pages:
        html = client.get(page, HTTP_HOST=HOST).content.decode()
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert blocks, page
        links = {link for block in blocks for link in links_in(block.encode())}
        links = {link for link in links if "schema.org" not in link and "wikidata" not in link}
        assert links and all(link.startswith(SERVED + "/") for link in links), (page, links)


def test_templates_get_the_site_address_of_the_request(client, story):
    # A quote's `cite` on a profile is made from the SITE_URL of the template context.
    html = client.get(story["speaker"].get_absolute_url(), HTTP_HOST=HOST).content.decode()
    assert f'cite="{SERVED}{story["article"].get_absolute_url()}"' in html


def test_preview_links_use_the_host_the_editor_is_on(client):
    article = make_article(headline="Quota draft", published=False)
    client.force_login(make_user(role="Editor"))
    client.post(
        reverse("admin:articles_article_preview_link", args=[article.pk]),
        {"days": 3},
        HTTP_HOST=HOST,
    )
    link = PreviewLink.objects.get(article=article)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]), HTTP_HOST=HOST)
    assert f"{SERVED}/preview/{link.token}/" in page.content.decode()
    listing = client.get(reverse("admin:articles_previewlink_changelist"), HTTP_HOST=HOST)
    assert f"{SERVED}/preview/{link.token}/" in listing.content.decode()


def test_outside_a_request_links_use_site_url(story):
    assert site_root() == "https://news.example"
    assert absolute("/feeds/") == "https://news.example/feeds/"
    [article] = newest_articles(Article.objects.filter(pk=story["article"].pk))
    item = article_item(article)
    assert item.link == "https://news.example" + story["article"].get_absolute_url()
    assert 'href="https://news.example/people/' in item.content
