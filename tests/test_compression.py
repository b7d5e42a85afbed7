"""Compression: pages, feeds and JSON gzip-encoded with the page cache off (the embedded
default) as with it on; static files collected with gzip and brotli copies."""

import gzip
import json

import brotli
import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db

BODY = "Ministers met in Ottawa.\n\n“We are close to a deal on steel,” the minister said."
GZIP = {"accept-encoding": "gzip, deflate, br"}


@pytest.fixture
def article():
    article = make_article(headline="Ministers meet on steel", body=BODY)
    make_quote(
        article=article,
        text="We are close to a deal on steel,",
        speaker=make_person(name="Dana Minister", title="Minister"),
    )
    return article


def public_addresses(article):
    return [
        "/",
        article.get_absolute_url(),
        "/quotes/",
        "/feeds/latest/",
        "/feeds/latest/atom/",
        "/feeds/latest/json/",
        "/sitemap.xml",
    ]


@pytest.mark.parametrize("page_cache_seconds", [0, 600])
def test_pages_feeds_and_json_are_gzip_encoded_for_clients_that_accept_it(
    client, settings, article, page_cache_seconds
):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    for url in public_addresses(article):
        plain = client.get(url)
        zipped = client.get(url, headers=GZIP)
        assert plain.status_code == zipped.status_code == 200, url
        assert "Content-Encoding" not in plain, url
        assert zipped["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in zipped["Vary"], url
        assert len(zipped.content) < len(plain.content), url
        assert gzip.decompress(zipped.content) == plain.content, url


def test_the_json_feed_decompresses_to_valid_json(client, article):
    response = client.get("/feeds/latest/json/", headers=GZIP)
    assert response["Content-Encoding"] == "gzip"
    feed = json.loads(gzip.decompress(response.content))
    assert feed["items"][0]["title"] == "Ministers meet on steel"


def test_a_compressed_feed_still_answers_a_conditional_get(client, article):
    first = client.get("/feeds/latest/", headers=GZIP)
    assert first["Content-Encoding"] == "gzip"
    again = client.get("/feeds/latest/", headers={**GZIP, "if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_tiny_responses_and_clients_without_gzip_get_plain_bytes(client, article):
    assert "Content-Encoding" not in client.get("/robots.txt", headers=GZIP)
    assert "Content-Encoding" not in client.get("/", headers={"accept-encoding": "identity"})


def test_collected_static_files_are_served_brotli_and_gzip_encoded(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    stylesheets = sorted(tmp_path.glob("css/*.css"))
    assert any(path.with_name(path.name + ".br").exists() for path in stylesheets)

    css = next(path for path in stylesheets if path.with_name(path.name + ".br").exists())
    url = settings.STATIC_URL + css.relative_to(tmp_path).as_posix()
    client = Client()  # a new client loads whitenoise over the files just collected

    def fetch(accept_encoding):
        response = client.get(url, headers={"accept-encoding": accept_encoding})
        assert response.status_code == 200
        return response

    plain = b"".join(fetch("identity").streaming_content)
    as_brotli = fetch("gzip, deflate, br")
    assert as_brotli["Content-Encoding"] == "br"
    assert brotli.decompress(b"".join(as_brotli.streaming_content)) == plain
    as_gzip = fetch("gzip")
    assert as_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(as_gzip.streaming_content)) == plain
