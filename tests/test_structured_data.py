"""schema.org NewsArticle data: an image, authors that are people or desks, and the site
as publisher with its logo."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.content_version import bump_content_version
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BYLINE_LOOKUP = re.compile(r'"entities_person"\."name" IN', re.IGNORECASE)


def news_article(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [data] = [json.loads(b) for b in blocks if '"NewsArticle"' in b]
    return data


def png_size(path):
    with open(path, "rb") as image:
        head = image.read(24)
    assert head[:8] == PNG_SIGNATURE
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def test_news_article_has_the_site_image_and_the_site_as_publisher_with_a_logo(client):
    article = make_article(
        headline="Ports brace for quotas", byline="Ines Marlow", outlet="Gulf Ledger"
    )
    data = news_article(client, article)
    [image] = data["image"]
    assert image["url"] == "http://testserver/static/img/share.png"
    assert png_size(finders.find("img/share.png")) == (image["width"], image["height"])
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "TradeWatch"
    assert publisher["url"] == "http://testserver/"
    logo = publisher["logo"]
    assert logo["url"] == "http://testserver/static/img/logo.png"
    assert png_size(finders.find("img/logo.png")) == (logo["width"], logo["height"])
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "Gulf Ledger"}


def test_a_byline_naming_a_known_person_links_their_profile(client):
    reporter = make_person(name="Ines Marlow")
    article = make_article(headline="Ports brace", byline="By Ines Marlow and Tomas Brink")
    assert news_article(client, article)["author"] == [
        {
            "@type": "Person",
            "name": "Ines Marlow",
            "url": f"http://testserver{reporter.get_absolute_url()}",
        },
        {"@type": "Person", "name": "Tomas Brink"},
    ]


@pytest.mark.parametrize(
    ("byline", "outlet", "authors"),
    [
        ("Staff", "", [{"@type": "Organization", "name": "Staff"}]),
        ("Trade desk", "", [{"@type": "Organization", "name": "Trade desk"}]),
        ("TradeWatch", "", [{"@type": "Organization", "name": "TradeWatch"}]),
        ("Harbour Wire", "", [{"@type": "Organization", "name": "Harbour Wire"}]),
        (
            "By Ada Pell, Gulf Ledger",
            "Gulf Ledger",
            [
                {"@type": "Person", "name": "Ada Pell"},
                {"@type": "Organization", "name": "Gulf Ledger"},
            ],
        ),
        ("", "Gulf Ledger", [{"@type": "Organization", "name": "Gulf Ledger"}]),
        ("", "", [{"@type": "Organization", "name": "TradeWatch"}]),
    ],
)
def test_desk_bylines_are_organizations(client, byline, outlet, authors):
    article = make_article(headline="Ports brace", byline=byline, outlet=outlet)
    assert news_article(client, article)["author"] == authors


def test_the_byline_lookup_runs_once_per_content_version(client):
    make_person(name="Ines Marlow")
    article = make_article(headline="Ports brace", byline="Ines Marlow")

    def byline_lookups():
        with CaptureQueriesContext(connection) as captured:
            data = news_article(client, article)
        lookups = [q["sql"] for q in captured.captured_queries if BYLINE_LOOKUP.search(q["sql"])]
        return len(lookups), data["author"][0].get("url", "")

    assert byline_lookups() == (1, "http://testserver/people/ines-marlow/")
    assert byline_lookups() == (0, "http://testserver/people/ines-marlow/")
    make_person(name="Tomas Brink")
    article.byline = "Tomas Brink"
    article.save()
    bump_content_version()  # What every editorial write does once committed.
    assert byline_lookups() == (1, "http://testserver/people/tomas-brink/")


def test_pages_carry_the_share_image_for_link_previews(client):
    html = client.get("/").content.decode()
    assert '<meta property="og:image" content="http://testserver/static/img/share.png">' in html
