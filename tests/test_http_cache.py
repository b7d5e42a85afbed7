"""HTTP caching: validators and 304s on every public page, the page cache and its invalidation."""

import datetime
import gzip
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from articles.public.content_version import bump_content_version
from entities.models import Event
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
    make_user,
)
from tradewatch.pagecache import page_key

pytestmark = pytest.mark.django_db

BODY = "Ministers met in Ottawa.\n\n“We are close to a deal on steel,” the minister said."
QUOTE = "We are close to a deal on steel,"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def story():
    person = make_person(name="Dana Minister", title="Minister")
    sector = make_sector(name="steel")
    event = make_event(name="Steel talks", kind=Event.Kind.NEGOTIATION, sectors=[sector])
    country = make_country(name="Canada", iso_code="CA")
    organization = make_organization(name="Steel Union")
    article = make_article(headline="Ministers meet on steel", body=BODY, tags=["tariffs"])
    quote = make_quote(article=article, text=QUOTE, speaker=person, sectors=[sector])
    quote.events.set([event])
    for entity in (person, sector, event, country, organization):
        make_mention(article=article, entity=entity)
    return {
        "article": article,
        "quote": quote,
        "person": person,
        "sector": sector,
        "event": event,
        "country": country,
        "organization": organization,
    }


def public_urls(story):
    return [
        "/",
        "/articles/",
        "/articles/?tag=tariffs",
        story["article"].get_absolute_url(),
        "/quotes/",
        reverse("articles:quote-detail", args=[story["quote"].pk]),
        "/tags/tariffs/",
        "/search/?q=steel",
        "/people/",
        story["person"].get_absolute_url(),
        story["organization"].get_absolute_url(),
        story["sector"].get_absolute_url(),
        story["event"].get_absolute_url(),
        story["country"].get_absolute_url(),
        "/tracker/",
        "/tracker/?sector=steel",
        "/feeds/latest/",
        "/feeds/latest/atom/",
        story["person"].get_absolute_url() + "feed/",
        "/tracker/feed/",
        "/sitemap.xml",
        "/robots.txt",
    ]


@contextmanager
def rendered_templates():
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        yield names
    finally:
        template_rendered.disconnect(record)


@pytest.fixture
def editor_client():
    editor = Client()
    editor.force_login(make_user(role="Editor"))
    return editor


def test_every_public_page_has_validators_and_answers_304(client, story):
    for url in public_urls(story):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["ETag"].startswith('"'), url
        assert first["Last-Modified"], url
        assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"], url
        assert "Cookie" in first["Vary"], url
        by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
        assert by_etag.status_code == 304, url
        assert by_etag.content == b""
        assert by_etag["ETag"] == first["ETag"], url
        by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert by_date.status_code == 304, url


def test_304_renders_no_template_and_runs_at_most_one_query(
    client, story, django_assert_max_num_queries
):
    for url in public_urls(story):
        etag = client.get(url)["ETag"]
        with rendered_templates() as templates, django_assert_max_num_queries(1):
            response = client.get(url, headers={"if-none-match": etag})
        assert response.status_code == 304, url
        assert templates == [], url


def test_304_without_the_page_in_the_cache_runs_no_query(
    client, rf, story, django_assert_num_queries
):
    url = story["article"].get_absolute_url()
    etag = client.get(url)["ETag"]
    cache.delete(page_key(rf.get(url)))  # expired or evicted
    with rendered_templates() as templates, django_assert_num_queries(0):
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304 and templates == []


def test_a_cached_page_is_served_without_rendering_or_queries(
    client, story, django_assert_num_queries
):
    for url in public_urls(story):
        first = client.get(url)
        assert first["X-Page-Cache"] == "miss", url
        with rendered_templates() as templates, django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200, url
        assert again["X-Page-Cache"] == "hit", url
        assert again.content == first.content, url
        assert again["ETag"] == first["ETag"], url
        assert templates == [], url


def test_cached_pages_keep_the_security_headers(client, story):
    url = story["article"].get_absolute_url()
    first = client.get(url)
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert again[header] == first[header], header
    assert again["Content-Type"] == first["Content-Type"]


def test_anonymous_pages_run_no_session_or_auth_query(client, story):
    for url in public_urls(story):
        for _ in range(2):  # rendered, then from the cache
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            touched = " ".join(q["sql"] for q in queries.captured_queries)
            assert "django_session" not in touched, url
            assert "auth_user" not in touched, url


def test_publishing_in_the_admin_shows_at_once(
    client, editor_client, story, django_capture_on_commit_callbacks
):
    draft = make_article(headline="Lumber duties doubled", published=False)
    assert "Lumber duties doubled" not in client.get("/").content.decode()
    old_etag = client.get("/")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_now", "_selected_action": [draft.pk]},
        )
    home = client.get("/", headers={"if-none-match": old_etag})
    assert home.status_code == 200
    assert "Lumber duties doubled" in home.content.decode()
    assert "Lumber duties doubled" in client.get("/feeds/latest/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "unpublish", "_selected_action": [draft.pk]},
        )
    assert "Lumber duties doubled" not in client.get("/").content.decode()


def test_an_edit_in_the_admin_shows_at_once(
    client, editor_client, story, django_capture_on_commit_callbacks
):
    person = story["person"]
    assert client.get(person.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(person.get_absolute_url())["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:entities_person_change", args=[person.pk]),
            {
                "name": "Dana Minister",
                "slug": person.slug,
                "short_description": "Trade minister since the spring.",
                "description": "",
                "aliases": "",
                "wikidata_id": "",
                "title": "Trade Minister",
                "affiliation": "",
                "country": "",
            },
        )
    assert response.status_code == 302
    page = client.get(person.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Trade minister since the spring." in page.content.decode()


def test_a_correction_in_the_admin_shows_at_once(
    client, editor_client, story, django_capture_on_commit_callbacks
):
    article = story["article"]
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_correction_add"),
            {
                "article": article.pk,
                "kind": "correction",
                "text": "An earlier version gave the wrong city.",
                "created_at_0": timezone.localdate().isoformat(),
                "created_at_1": timezone.localtime().strftime("%H:%M:%S"),
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(article.get_absolute_url()).content.decode()
    assert "An earlier version gave the wrong city." in page


def test_moving_an_article_to_the_trash_removes_it_at_once(
    client, editor_client, story, django_capture_on_commit_callbacks
):
    article = story["article"]
    assert client.get(article.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
        )
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Ministers meet on steel" not in client.get("/").content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(
    client, editor_client, story, django_capture_on_commit_callbacks
):
    draft = make_article(headline="Copper tariff takes effect", published=False)
    when = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        # Scheduling is a save in the admin; the queryset update stands in for the form.
        Article.objects.filter(pk=draft.pk).update(status="published", publish_at=when)
        bump_content_version()
    first = client.get("/")
    assert "Copper tariff takes effect" not in first.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"

    later = when + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        again = client.get("/", headers={"if-none-match": first["ETag"]})
        assert again.status_code == 200
        assert "Copper tariff takes effect" in again.content.decode()
        assert again["ETag"] != first["ETag"]
        assert client.get("/")["X-Page-Cache"] == "hit"


def test_admin_and_preview_responses_are_never_cached(client, editor_client, story):
    draft = make_article(headline="Unannounced deal", published=False)
    admin_url = reverse("admin:articles_article_change", args=[draft.pk])
    for _ in range(2):
        response = editor_client.get(admin_url)
        assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get(reverse("admin:login")).headers
    assert "X-Page-Cache" not in client.get("/preview/some-token/").headers


def test_staff_bypass_the_cache_and_see_drafts(client, editor_client, story):
    article = story["article"]
    client.get(article.get_absolute_url())
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_responses_setting_cookies_are_not_cached(client, story, settings):
    # A page that sets a cookie: the CSRF cookie of a page with a form.
    response = client.get(reverse("admin:login"))
    assert response.cookies
    with mock.patch("tradewatch.pagecache.private_prefixes", return_value=("/static/",)):
        first = client.get(reverse("admin:login"))
        assert first.cookies
        assert "X-Page-Cache" not in first
        again = client.get(reverse("admin:login"))
        assert "X-Page-Cache" not in again and again.cookies


def test_post_is_never_answered_from_the_cache(client, story):
    client.get("/search/?q=steel")
    response = client.post("/search/?q=steel")
    assert "X-Page-Cache" not in response


def test_not_found_and_redirects_are_cached_briefly_and_invalidated(
    client, story, django_assert_num_queries
):
    assert client.get("/people/nobody-here/").status_code == 404
    with django_assert_num_queries(0):
        assert client.get("/people/nobody-here/").status_code == 404
    make_person(name="Nobody Here")
    bump_content_version()
    assert client.get("/people/nobody-here/").status_code == 200


def test_bad_requests_are_not_cached(client, story):
    client.get("/tracker/?from=not-a-date")
    response = client.get("/tracker/?from=not-a-date")
    assert response.status_code == 400
    assert "X-Page-Cache" not in response


def test_the_query_string_is_part_of_the_address(client, story):
    steel = client.get("/search/?q=steel")
    other = client.get("/search/?q=copper")
    assert steel.content != other.content
    assert steel["ETag"] != other["ETag"]


def test_a_tag_rename_in_the_admin_invalidates(
    client, editor_client, story, django_capture_on_commit_callbacks
):
    tag = Tag.objects.get(slug="tariffs")
    assert client.get("/tags/tariffs/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:taggit_tag_change", args=[tag.pk]),
            {"name": "duties", "slug": "duties"},
        )
    assert client.get("/tags/duties/").status_code == 200
    assert client.get("/tags/tariffs/").status_code in (301, 404)


def test_the_page_cache_off_leaves_pages_rendered_each_time(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response


def test_a_write_reaches_the_pages_once_the_version_is_bumped(client, story):
    article = story["article"]
    client.get(article.get_absolute_url())
    make_correction(article=article, text="Clarified the date of the talks.")
    assert "Clarified the date" not in client.get(article.get_absolute_url()).content.decode()
    bump_content_version()
    assert "Clarified the date" in client.get(article.get_absolute_url()).content.decode()


def test_gzip_clients_get_the_compressed_copy_from_the_cache(client, story):
    url = "/feeds/latest/"
    plain = client.get(url)
    first = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    assert first["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == plain.content
    assert int(first["Content-Length"]) == len(first.content) < len(plain.content)
    assert first["ETag"] == "W/" + plain["ETag"]
    assert "Accept-Encoding" in first["Vary"] and "Accept-Encoding" in plain["Vary"]
    again = client.get(url, headers={"accept-encoding": "gzip"})
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    revalidated = client.get(
        url, headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]}
    )
    assert revalidated.status_code == 304
    assert "Content-Encoding" not in client.get(url).headers
