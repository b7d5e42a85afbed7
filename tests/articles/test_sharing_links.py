"""Pages link to what can be shared and downloaded: cards, embeds, oEmbed, CSV, alerts."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import make_article, make_person, make_quote, make_sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    dana = make_person(name="Dana Minister")
    steel = make_sector(name="Steel")
    article = make_article(
        headline="Steel talks", body="“We are close on steel,” said Dana Minister."
    )
    quote = make_quote(
        article=article, text="We are close on steel,", speaker=dana, sectors=[steel]
    )
    return {"dana": dana, "steel": steel, "article": article, "quote": quote}


def attribute(html, pattern):
    return re.search(pattern, html).group(1).replace("&amp;", "&")


def test_a_quote_page_shares_its_card_and_announces_its_oembed(client, story):
    quote = story["quote"]
    html = client.get(quote.get_absolute_url()).content.decode()
    card = f"http://testserver/quotes/{quote.pk}/card.png"
    assert f'<meta property="og:image" content="{card}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    oembed = attribute(html, r'type="application/json\+oembed" href="([^"]+)"')
    assert parse_qs(urlsplit(oembed).query)["url"] == [
        f"http://testserver{quote.get_absolute_url()}"
    ]
    assert client.get(oembed).json()["type"] == "rich"
    assert f'href="/quotes/{quote.pk}/embed/"' in html


def test_an_article_page_announces_its_oembed_and_web_annotations(client, story):
    article = story["article"]
    html = client.get(article.get_absolute_url()).content.decode()
    oembed = attribute(html, r'type="application/json\+oembed" href="([^"]+)"')
    assert client.get(oembed).json()["title"] == "Steel talks"
    assert f'href="/articles/{article.pk}/annotations/"' in html
    assert client.get(f"/articles/{article.pk}/annotations/").status_code == 200


def test_quote_lists_link_their_csv_with_the_same_filters(client, story):
    html = client.get("/quotes/?sector=steel").content.decode()
    csv_url = attribute(html, r'href="(/quotes/csv/[^"]*)"')
    assert parse_qs(urlsplit(csv_url).query) == {"sector": ["steel"]}
    assert b"We are close on steel," in b"".join(client.get(csv_url).streaming_content)


def test_profiles_link_their_csv_and_email_alerts(client, story):
    dana = story["dana"]
    html = client.get(dana.get_absolute_url()).content.decode()
    csv_url = attribute(html, r'href="(/quotes/csv/[^"]*)"')
    assert parse_qs(urlsplit(csv_url).query) == {"speaker": [dana.slug]}
    alerts = attribute(html, r'href="(/alerts/subscribe/[^"]*)"')
    assert client.get(alerts).status_code == 200
    sector_html = client.get(story["steel"].get_absolute_url()).content.decode()
    assert "/alerts/subscribe/?sector=steel" in sector_html
    assert "/quotes/csv/?sector=steel" in sector_html
