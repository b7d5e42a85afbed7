"""schema.org NewsArticle data: an image, authors that are people or desks, and the site
as publisher with its logo."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_mention, make_person

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def news_article(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [data] = [json.loads(b) for b in blocks if '"NewsArticle"' in b]
    return data


def png_size(response):
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    head = response.content[:24]
    assert head[:8] == PNG_SIGNATURE
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def test_news_article_has_the_site_image_and_the_site_as_publisher_with_a_logo(client):
    article = make_article(
        headline="Ports brace for quotas", byline="Ines Marlow", outlet="Gulf Ledger"
    )
    data = news_article(client, article)
    [image] = data["image"]
    assert image["url"] == "http://testserver/share.png"
    assert png_size(client.get("/share.png")) == (image["width"], image["height"])
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "TradeWatch"
    assert publisher["url"] == "http://testserver/"
    logo = publisher["logo"]
    assert logo["url"] == "http://testserver/logo.png"
    assert png_size(client.get("/logo.png")) == (logo["width"], logo["height"])
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "Gulf Ledger"}


def test_a_byline_naming_a_person_of_the_page_links_their_profile(client):
    reporter = make_person(name="Ines Marlow")
    article = make_article(headline="Ports brace", byline="By Ines Marlow and Tomas Brink")
    make_mention(article=article, entity=reporter)  # An op-ed by someone in our coverage.
    make_person(name="Tomas Brink")  # Someone else of that name, not on this page.
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


def test_the_byline_costs_no_query(client, django_assert_num_queries):
    reporter = make_person(name="Ines Marlow")
    by_person = make_article(headline="Ports brace", byline="Ines Marlow")
    make_mention(article=by_person, entity=reporter)
    by_desk = make_article(headline="Docks wait", byline="Trade desk")
    make_mention(article=by_desk, entity=make_person(name="Tomas Brink"))
    with CaptureQueriesContext(connection) as desk_queries:
        client.get(by_desk.get_absolute_url())
    with django_assert_num_queries(len(desk_queries)):
        news_article(client, by_person)


def test_pages_carry_the_share_image_for_link_previews(client):
    html = client.get("/").content.decode()
    assert '<meta property="og:image" content="http://testserver/share.png">' in html
