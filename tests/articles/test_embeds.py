"""Sharing: quote cards, the embeddable quote page and oEmbed."""

import io
from urllib.parse import urlencode

import pytest
from PIL import Image

from articles.models import Quote
from articles.public import cards
from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db

BODY = (
    "Ministers met in Ottawa.\n\n"
    "“We are close to a deal on steel,” said Dana Minister.\n\n"
    "Officials said the aluminum talks would resume next week."
)


@pytest.fixture
def story():
    dana = make_person(name="Dana Minister", title="Minister")
    article = make_article(headline="Ministers meet on steel", body=BODY, byline="Sam Writer")
    direct = make_quote(article=article, text="We are close to a deal on steel,", speaker=dana)
    reported = make_quote(
        article=article,
        text="the aluminum talks would resume next week",
        unnamed_speaker="Officials",
        kind=Quote.Kind.INDIRECT,
    )
    draft = make_article(headline="Lumber draft", body="“Lumber next,” she said.", published=False)
    hidden = make_quote(article=draft, text="Lumber next,", speaker=dana)
    return {"article": article, "direct": direct, "reported": reported, "hidden": hidden}


def test_a_quote_card_is_a_png_of_open_graph_size_kept_in_the_cache(client, story):
    url = f"/quotes/{story['direct'].pk}/card.png"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1200, 630)
    assert "public" in response["Cache-Control"]
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_a_card_is_drawn_once_and_redrawn_when_the_words_change(client, story, monkeypatch):
    drawn = []
    real_render = cards.render
    monkeypatch.setattr(cards, "render", lambda card: drawn.append(card) or real_render(card))
    url = f"/quotes/{story['direct'].pk}/card.png"
    first = client.get(url)
    client.get(url)
    assert len(drawn) == 1
    quote = story["direct"]
    quote.speaker_title = "Minister of Trade"
    quote.save()
    second = client.get(url)
    assert len(drawn) == 2 and drawn[1].title == "Minister of Trade"
    assert second["ETag"] != first["ETag"]


def test_reported_speech_is_drawn_without_quotation_marks(story):
    from articles.public.embeds import card_for

    assert card_for(story["direct"]).quoted is True
    reported = card_for(story["reported"])
    assert reported.quoted is False and reported.speaker == "Officials"


def test_card_words_shrink_then_are_cut_with_an_ellipsis():
    image = Image.new("RGB", (10, 10))
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    short = cards.fit_words(draw, "Steel is back.", 1000, 400)
    long = cards.fit_words(draw, "word " * 400, 1000, 400)
    assert short[0].size > long[0].size
    assert long[1][-1].endswith("…")
    assert len(long[1]) * long[2] <= 400


def test_cards_and_embeds_of_a_draft_are_404(client, story):
    pk = story["hidden"].pk
    assert client.get(f"/quotes/{pk}/card.png").status_code == 404
    assert client.get(f"/quotes/{pk}/embed/").status_code == 404


def test_only_the_embed_page_may_be_framed(client, story):
    embed = client.get(f"/quotes/{story['direct'].pk}/embed/")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    text = embed.content.decode()
    assert "“We are close to a deal on steel,”" in text and "Dana Minister" in text
    assert 'target="_blank"' in text
    page = client.get(story["direct"].get_absolute_url())
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_the_embed_of_reported_speech_has_no_quotation_marks(client, story):
    text = client.get(f"/quotes/{story['reported'].pk}/embed/").content.decode()
    assert "the aluminum talks would resume next week" in text
    assert "“the aluminum" not in text


def oembed(client, url, **params):
    return client.get("/oembed/?" + urlencode({"url": url, **params}))


def test_oembed_of_a_quote_is_a_rich_iframe(client, story):
    quote = story["direct"]
    response = oembed(client, f"http://testserver{quote.get_absolute_url()}", maxwidth=400)
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["provider_name"] == "TradeWatch"
    assert data["author_name"] == "Dana Minister"
    assert data["width"] == 400
    assert f'src="http://testserver/quotes/{quote.pk}/embed/"' in data["html"]
    assert data["thumbnail_url"] == f"http://testserver/quotes/{quote.pk}/card.png"


def test_oembed_of_an_article_is_a_link(client, story):
    article = story["article"]
    data = oembed(client, f"http://testserver{article.get_absolute_url()}").json()
    assert data["type"] == "link" and data["title"] == "Ministers meet on steel"
    assert data["author_name"] == "Sam Writer"


def test_oembed_answers_bad_requests_clearly(client, story):
    assert client.get("/oembed/").status_code == 400
    assert oembed(client, "not a url").status_code == 400
    assert oembed(client, "http://testserver/quotes/1/", maxwidth="wide").status_code == 400
    quote_url = f"http://testserver{story['direct'].get_absolute_url()}"
    assert oembed(client, quote_url, format="xml").status_code == 501
    assert oembed(client, "http://elsewhere.example/quotes/1/").status_code == 404
    assert oembed(client, "http://testserver/tracker/").status_code == 404
    hidden = f"http://testserver{story['hidden'].get_absolute_url()}"
    assert oembed(client, hidden).status_code == 404
    assert oembed(client, "http://testserver/articles/2025/02/30/nothing/").status_code == 404
