"""What readers see on the public pages: quotation marks, error pages, the tags index,
titles, dates and labels, and pages that fit a phone's width."""

import datetime
import importlib
import re
from html import unescape

import feedparser
import pytest
from django.apps import apps
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import ArticleQuerySet, Quote
from articles.public.views import server_error
from entities.models import Event, Organization
from tests.factories import (
    make_article,
    make_country,
    make_event,
    make_organization,
    make_person,
    make_quote,
    make_sector,
)

pytestmark = pytest.mark.django_db

DIRECT = "We will not sign a bad deal for the mills,"
REPORTED = "the union would wait for the final text before it voted"
BODY = (
    f"“{DIRECT}” Ilse Varga said on Monday in Fernbrook.\n\n"
    f"Varga added that {REPORTED}, according to a statement."
)


def text_of(response):
    return unescape(response.content.decode())


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def og_title_of(html):
    return re.search(r'<meta property="og:title" content="([^"]*)">', html).group(1)


@pytest.fixture
def speech():
    """A fictional union leader quoted directly and in reported speech."""
    union = make_organization(name="Fernbrook Millworkers Union", kind=Organization.Kind.UNION)
    speaker = make_person(
        name="Ilse Varga", title="President, Fernbrook Millworkers Union", affiliation=union
    )
    sector = make_sector(name="paper")
    event = make_event(name="Fernbrook mill talks", start_date=datetime.date(2025, 3, 3))
    article = make_article(headline="Mill talks stall in Fernbrook", body=BODY, tags=["mills"])
    direct = make_quote(
        article=article, text=DIRECT, speaker=speaker, sectors=[sector], events=[event], is_key=True
    )
    reported = make_quote(
        article=article,
        text=REPORTED,
        speaker=speaker,
        kind=Quote.Kind.INDIRECT,
        sectors=[sector],
        events=[event],
        is_key=True,
    )
    direct.tags.add("mills")
    reported.tags.add("mills")
    return {
        "union": union,
        "speaker": speaker,
        "sector": sector,
        "event": event,
        "article": article,
        "direct": direct,
        "reported": reported,
    }


# Reported speech is never shown in quotation marks.


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (Quote.Kind.DIRECT, "“Prices will rise.”"),
        (Quote.Kind.PARTIAL, "“Prices will rise.”"),
        (Quote.Kind.INDIRECT, "Prices will rise."),
    ],
)
def test_only_direct_and_partial_quotes_are_in_quotation_marks(kind, expected):
    assert Quote(text="Prices will rise.", kind=kind).quoted() == expected


def test_a_shortened_quote_keeps_its_marks_outside_the_ellipsis():
    quote = Quote(text="one two three four five", kind=Quote.Kind.DIRECT)
    assert quote.quoted(3) == "“one two three…”"
    assert Quote(text="one two three four", kind=Quote.Kind.INDIRECT).quoted(2) == "one two…"


def test_an_excerpt_gets_the_marks_of_its_quote_and_stays_escaped():
    template = Template("{% load labels %}{{ excerpt|marks_of:quote }}")
    excerpt = mark_safe("prices <mark>will</mark> rise")
    direct = Quote(text="Prices will rise.", kind=Quote.Kind.DIRECT)
    reported = Quote(text="Prices will rise.", kind=Quote.Kind.INDIRECT)
    assert template.render(Context({"excerpt": excerpt, "quote": direct})) == (
        "“prices <mark>will</mark> rise”"
    )
    assert template.render(Context({"excerpt": "a < b", "quote": reported})) == "a &lt; b"


def test_reported_speech_page_has_no_quotation_marks_in_title_or_body(client, speech):
    html = text_of(client.get(speech["reported"].get_absolute_url()))
    assert REPORTED in html
    assert f"“{REPORTED}" not in html
    assert f"{REPORTED}”" not in html
    assert not title_of(html).startswith("“")
    assert title_of(html).startswith("the union would wait")
    assert not og_title_of(html).startswith("“")


def test_direct_quote_page_has_quotation_marks_in_title_and_body(client, speech):
    html = text_of(client.get(speech["direct"].get_absolute_url()))
    assert f"<p>“{DIRECT}”</p>" in html
    assert title_of(html).startswith("“We will not sign")
    assert og_title_of(html).startswith("“We will not sign")


@pytest.mark.parametrize(
    "page",
    ["person", "sector", "event", "quotes", "home", "tag", "tracker"],
)
def test_lists_show_reported_speech_without_marks_and_quotes_with_them(client, speech, page):
    urls = {
        "person": speech["speaker"].get_absolute_url(),
        "sector": speech["sector"].get_absolute_url(),
        "event": speech["event"].get_absolute_url(),
        "quotes": reverse("articles:quote-list"),
        "home": reverse("articles:home"),
        "tag": reverse("articles:tag-detail", args=["mills"]),
        "tracker": reverse("entities:tracker"),
    }
    html = text_of(client.get(urls[page]))
    assert REPORTED in html
    assert f"“{REPORTED}" not in html
    assert f"“{DIRECT}”" in html


def test_no_stylesheet_adds_quotation_marks_around_quotes():
    for name in ("css/site.css", "css/entities.css"):
        with open(finders.find(name), encoding="utf-8") as css:
            assert not re.search(r'content:\s*"[“”]"', css.read()), name


# Error pages, the icon and the tags index.


def test_404_is_styled_with_the_site_navigation(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    html = text_of(response)
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert 'class="site-nav"' in html
    assert 'rel="canonical"' not in html
    assert '<meta name="robots" content="noindex">' in html


def test_500_page_renders_without_database_or_request(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    html = text_of(response)
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert 'class="site-nav"' in html
    assert "TradeWatch" in title_of(html)


def test_a_refused_host_gets_the_styled_400_page(settings, django_assert_num_queries):
    settings.DEBUG = False
    with django_assert_num_queries(0):
        response = Client(headers={"host": "elsewhere.example"}).get(reverse("articles:home"))
    html = text_of(response)
    assert response.status_code == 400
    assert "We could not use that request" in html
    assert 'class="site-nav"' in html


def test_a_failing_database_gets_the_styled_500_page(monkeypatch, settings):
    settings.DEBUG = False

    def broken(self, now=None):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(ArticleQuerySet, "published", broken)
    response = Client(raise_request_exception=False).get(reverse("articles:home"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in text_of(response)


def test_favicon_is_linked_and_answered(client, speech):
    icon = finders.find("favicon.svg")
    assert icon
    with open(icon, encoding="utf-8") as svg:
        assert svg.read().startswith("<svg")
    html = text_of(client.get(reverse("articles:home")))
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"


def test_tags_index_lists_public_tags_with_counts(client, speech):
    speech["direct"].tags.add("Paper prices")
    make_article(headline="A draft", published=False, tags=["secret plans"])
    make_article(headline="More about mills", tags=["mills"])
    response = client.get(reverse("articles:tags"))
    html = text_of(response)
    assert response.status_code == 200
    assert re.search(r'href="/tags/mills/">mills</a> <span[^>]*>2 articles, 2 quotes<', html)
    assert re.search(r'href="/tags/paper-prices/">Paper prices</a> <span[^>]*>1 quote<', html)
    assert "secret plans" not in html
    assert html.index(">mills<") < html.index(">Paper prices<")  # by name, any case
    assert f'href="{reverse("articles:tags")}"' in text_of(client.get(reverse("articles:home")))


def test_tags_index_is_paginated(client, monkeypatch):
    monkeypatch.setattr("articles.public.views.TAGS_PER_PAGE", 2)
    make_article(tags=["alpha", "beta", "gamma"])
    first, second = client.get("/tags/"), client.get("/tags/?page=2")
    assert ">alpha<" in text_of(first) and ">gamma<" not in text_of(first)
    assert ">gamma<" in text_of(second) and 'rel="prev"' in text_of(second)
    assert client.get("/tags/?page=3").status_code == 404
    assert client.get("/tags/?page=x").status_code == 400


# Visible slips.


def test_a_title_naming_the_affiliation_does_not_repeat_it(client, speech):
    union = "Fernbrook Millworkers Union"
    profile = text_of(client.get(speech["speaker"].get_absolute_url()))
    role = re.search(r'<p class="profile-role">(.*?)</p>', profile, re.S).group(1)
    assert role.count(union) == 1
    listing = text_of(client.get(reverse("entities:person-list")))
    assert listing.count(union) == 1
    quote_page = text_of(client.get(speech["direct"].get_absolute_url()))
    speaker_row = re.search(r"<dt>Speaker</dt><dd>(.*?)</dd>", quote_page, re.S).group(1)
    assert speaker_row.count(union) == 1


def test_named_affiliation_is_kept_when_the_title_does_not_name_it():
    union = Organization(name="Fernbrook Millworkers Union")
    assert make_person(title="President", affiliation=None).named_affiliation is None
    person = make_person(title="President")
    person.affiliation = union
    assert person.named_affiliation is union
    person.title = "President, fernbrook millworkers union"
    assert person.named_affiliation is None


def _on(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def repeated():
    """The same words in March, then in a June article that repeats them."""
    speaker = make_person(name="Ilse Varga")
    march = make_article(
        headline="March mill story", body=BODY, publish_at=_on(datetime.date(2025, 3, 5))
    )
    june = make_article(
        headline="June mill story", body=BODY, publish_at=_on(datetime.date(2025, 6, 5))
    )
    first = make_quote(article=march, text=DIRECT, speaker=speaker)
    repeat = make_quote(article=june, text=DIRECT, speaker=speaker)
    repeat.first_appearance = first
    repeat.save(update_fields=["first_appearance"])
    return first, repeat


def test_a_repeated_quote_is_dated_no_later_than_its_first_report(client, repeated):
    first, repeat = repeated
    repeat.refresh_from_db()
    assert repeat.day == datetime.date(2025, 3, 5)
    html = text_of(client.get(repeat.get_absolute_url()))
    said = re.search(r"<dt>Said</dt><dd>(.*?)</dd>", html, re.S).group(1)
    assert "5 March 2025" in said
    assert "First reported in" in html and "5 March 2025" in html


def test_the_migration_redates_repeats_stored_with_their_own_article_day(repeated):
    first, repeat = repeated
    Quote.objects.filter(pk=repeat.pk).update(day=datetime.date(2025, 6, 5))
    migration = importlib.import_module(
        "articles.migrations.0011_date_repeated_quotes_by_first_report"
    )
    migration.date_repeats_by_first_report(apps, None)
    repeat.refresh_from_db()
    first.refresh_from_db()
    assert repeat.day == first.day == datetime.date(2025, 3, 5)


def test_moving_the_first_report_moves_its_repeats(repeated):
    first, repeat = repeated
    march = first.article
    march.publish_at = _on(datetime.date(2025, 2, 20))
    march.save()
    repeat.refresh_from_db()
    assert repeat.day == datetime.date(2025, 2, 20)
    # A date set on the repeat itself that is earlier than the first report is kept.
    repeat.said_on = datetime.date(2025, 1, 9)
    repeat.save(update_fields=["said_on"])
    repeat.refresh_from_db()
    assert repeat.day == datetime.date(2025, 1, 9)


def test_country_pages_say_which_side_of_an_event_the_country_is_on(client):
    canada, usa = make_country(name="Canada"), make_country(name="United States")
    tariff = make_event(name="Steel tariff", kind=Event.Kind.TARIFF_ACTION)
    tariff.implementing_countries.set([usa])
    tariff.affected_countries.set([canada])
    summit = make_event(name="Leaders' summit", kind=Event.Kind.SUMMIT)
    summit.implementing_countries.set([canada])
    canada_page = text_of(client.get(canada.get_absolute_url()))
    usa_page = text_of(client.get(usa.get_absolute_url()))
    assert "Imposes or hosts" not in canada_page + usa_page
    assert "Affects Canada" in canada_page
    assert "Hosted or led by Canada" in canada_page
    assert "Imposed by United States" in usa_page


def test_feeds_page_example_is_a_feed_with_items(client, speech):
    # Alphabetically first person and sector, who have no quote together.
    make_person(name="Aaron Abbott")
    make_sector(name="aardvark farming")
    html = text_of(client.get(reverse("articles:feeds")))
    href = re.search(r'for example <a href="([^"]+)">', html).group(1)
    assert "speaker=ilse-varga" in href and "sector=paper" in href
    feed = feedparser.parse(client.get(href).content)
    assert len(feed.entries) >= 1
