"""The WSGI wrapper of the page cache: current cached pages answered before Django runs.

`tradewatch.wsgi.application` is `CachedPages` around Django's handler. These tests
call it as a WSGI server does and count the requests that reach Django.
"""

import datetime
import io
import sys

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils import timezone

from articles.public import content_version
from tests.factories import make_article
from tradewatch.pagecache import CachedPages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


class CountingDjango:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def django_app():
    return CountingDjango()


@pytest.fixture
def app(django_app):
    return CachedPages(django_app)


def call(app, path, method="GET", **headers):
    """(status, headers as a dict, body) of one request through the WSGI application."""
    environ = RequestFactory().generic(method, path, **headers).environ
    environ.update({"wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr})
    answered = {}

    def start_response(status, response_headers, exc_info=None):
        answered["status"] = status
        answered["headers"] = dict(response_headers)

    # As Django's test client does, the request signals leave the database connection
    # open: it holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        chunks = app(environ, start_response)
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answered["status"], answered["headers"], body


def test_a_cached_page_is_answered_without_django(app, django_app):
    make_article(headline="Steel talks resume")
    status, first_headers, first = call(app, "/articles/")
    assert status == "200 OK" and django_app.calls == 1
    assert first_headers["X-Page-Cache"] == "miss"

    status, headers, body = call(app, "/articles/")
    assert status == "200 OK" and body == first and b"Steel talks resume" in body
    assert django_app.calls == 1
    assert headers["X-Page-Cache"] == "hit"
    assert headers["ETag"] == first_headers["ETag"]
    # Stored with every header the other middleware adds.
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"):
        assert headers[name] == first_headers[name], name


def test_gzip_and_plain_copies_are_kept_apart(app, django_app):
    make_article(headline="Steel talks resume")
    call(app, "/articles/")  # a miss stores both copies
    _, plain_headers, plain = call(app, "/articles/")
    _, zipped_headers, zipped = call(app, "/articles/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert django_app.calls == 1
    assert plain_headers["X-Page-Cache"] == zipped_headers["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in plain_headers and b"Steel talks resume" in plain
    assert zipped_headers["Content-Encoding"] == "gzip" and zipped[:2] == b"\x1f\x8b"


def test_a_matching_conditional_get_is_a_304_without_django(app, django_app):
    make_article()
    _, headers, _ = call(app, "/")
    status, not_modified, body = call(app, "/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status == "304 Not Modified" and body == b""
    assert not_modified["ETag"] == headers["ETag"]
    assert "Content-Type" not in not_modified and "Content-Length" not in not_modified
    status, _, _ = call(app, "/", HTTP_IF_MODIFIED_SINCE=headers["Last-Modified"])
    assert status == "304 Not Modified"
    assert django_app.calls == 1

    status, _, body = call(app, "/", HTTP_IF_NONE_MATCH='"something-else"')
    assert status == "200 OK" and body
    earlier = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert call(app, "/", HTTP_IF_MODIFIED_SINCE=earlier)[0] == "200 OK"
    assert django_app.calls == 1


def test_head_of_a_cached_page_has_headers_and_no_body(app, django_app):
    make_article()
    _, headers, body = call(app, "/")
    status, head_headers, head_body = call(app, "/", method="HEAD")
    assert status == "200 OK" and head_body == b""
    assert head_headers["Content-Length"] == str(len(body)) == headers["Content-Length"]
    assert django_app.calls == 1


def test_a_change_sends_the_next_request_to_django(app, django_app):
    make_article(headline="Steel talks resume")
    call(app, "/articles/")
    make_article(headline="Aluminum quota agreed")
    content_version.bump_content_version()
    _, headers, body = call(app, "/articles/")
    assert django_app.calls == 2 and headers["X-Page-Cache"] == "miss"
    assert b"Aluminum quota agreed" in body


def test_a_scheduled_article_whose_time_has_come_is_not_answered_from_the_cache(app, django_app):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    make_article(headline="Copper ruling due", publish_at=soon)
    content_version.bump_content_version()
    _, _, body = call(app, "/articles/")
    assert b"Copper ruling due" not in body

    later = soon + datetime.timedelta(minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tradewatch.pagecache.time.time", lambda: later.timestamp())
        patch.setattr("django.utils.timezone.now", lambda: later)
        _, headers, body = call(app, "/articles/")
    assert django_app.calls == 2 and headers["X-Page-Cache"] == "miss"
    assert b"Copper ruling due" in body


def test_readers_with_a_session_and_private_addresses_always_reach_django(
    app, django_app, settings
):
    make_article()
    call(app, "/")
    call(app, "/")
    assert django_app.calls == 1
    call(app, "/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert django_app.calls == 2
    call(app, "/", method="POST")
    assert django_app.calls == 3
    for path in (f"/{settings.ADMIN_URL}/login/", "/preview/some-token/"):
        call(app, path)
        call(app, path)
    assert django_app.calls == 7


def test_a_host_django_refuses_is_never_answered_from_the_cache(app, django_app):
    make_article()
    call(app, "/")
    status, _, _ = call(app, "/", HTTP_HOST="evil.example")
    assert status.startswith("400") and django_app.calls == 2
    status, _, _ = call(app, "/", HTTP_HOST="evil.example")
    assert status.startswith("400") and django_app.calls == 3
