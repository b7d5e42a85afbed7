"""A page a write made stale is rendered again by one request; its other readers meanwhile
get the stale copy, marked as such, instead of each rendering it too."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.test.signals import template_rendered

from articles.public import content_version
from tests.factories import make_article
from tests.test_wsgi_page_cache import CountingDjango, call
from tradewatch import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_STALE_SECONDS = 10


def rendering(path):
    """The entry a request holds while it renders the page at `path` again."""
    return pagecache.rendering_key(pagecache.environ_key(RequestFactory().get(path).META))


def stale_list(client):
    """The article list cached, then made stale by a new article."""
    make_article(headline="Steel talks resume")
    first = client.get("/articles/")
    make_article(headline="Aluminum quota agreed")
    content_version.bump_content_version()
    return first


def test_a_reader_meanwhile_gets_the_stale_copy_without_rendering(
    client, django_assert_num_queries
):
    first = stale_list(client)
    cache.add(rendering("/articles/"), 1, 10)
    with django_assert_num_queries(0):
        page = client.get("/articles/")
    assert page.status_code == 200 and page["X-Page-Cache"] == "stale"
    assert page.content == first.content
    # Neither a browser nor a CDN keeps it as the current page.
    assert page["Cache-Control"] == "no-cache"
    assert page["ETag"] == first["ETag"]

    cache.delete(rendering("/articles/"))
    fresh = client.get("/articles/")
    assert fresh["X-Page-Cache"] == "miss" and b"Aluminum quota agreed" in fresh.content
    assert client.get("/articles/")["X-Page-Cache"] == "hit"


def test_the_reader_who_finds_the_page_stale_renders_it_and_lets_it_go(client):
    stale_list(client)
    seen_during_render = []

    def another_reader(sender, **kwargs):
        if not seen_during_render:
            seen_during_render.append(client.get("/articles/")["X-Page-Cache"])

    template_rendered.connect(another_reader)
    try:
        page = client.get("/articles/")
    finally:
        template_rendered.disconnect(another_reader)
    assert page["X-Page-Cache"] == "miss" and b"Aluminum quota agreed" in page.content
    assert seen_during_render == ["stale"]
    assert cache.get(rendering("/articles/")) is None
    assert client.get("/articles/")["X-Page-Cache"] == "hit"


def test_a_page_never_cached_is_rendered_by_every_reader(client):
    make_article(headline="Steel talks resume")
    cache.add(rendering("/articles/"), 1, 10)
    page = client.get("/articles/")
    assert page["X-Page-Cache"] == "miss" and b"Steel talks resume" in page.content


def test_with_no_stale_seconds_every_reader_renders_a_stale_page(client, settings):
    settings.PAGE_CACHE_STALE_SECONDS = 0
    stale_list(client)
    cache.add(rendering("/articles/"), 1, 10)
    page = client.get("/articles/")
    assert page["X-Page-Cache"] == "miss" and b"Aluminum quota agreed" in page.content


def test_the_wsgi_wrapper_answers_the_stale_copy_and_its_304_without_django():
    django_app = CountingDjango()
    app = pagecache.CachedPages(django_app)
    make_article(headline="Steel talks resume")
    _, first_headers, first = call(app, "/articles/")
    make_article(headline="Aluminum quota agreed")
    content_version.bump_content_version()
    cache.add(rendering("/articles/"), 1, 10)

    _, headers, body = call(app, "/articles/")
    assert django_app.calls == 1 and body == first
    assert headers["X-Page-Cache"] == "stale" and headers["Cache-Control"] == "no-cache"
    status, _, _ = call(app, "/articles/", HTTP_IF_NONE_MATCH=first_headers["ETag"])
    assert status == "304 Not Modified" and django_app.calls == 1

    cache.delete(rendering("/articles/"))
    _, headers, body = call(app, "/articles/")
    assert django_app.calls == 2 and headers["X-Page-Cache"] == "miss"
    assert b"Aluminum quota agreed" in body
    # The request that rendered the page let it go.
    assert cache.get(rendering("/articles/")) is None
    assert call(app, "/articles/")[1]["X-Page-Cache"] == "hit"
