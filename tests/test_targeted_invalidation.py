"""Targeted invalidation of the page cache: a write makes stale only the pages showing
what it changed, here and on every app server sharing the cache, and tells the CDN."""

import datetime
import json
import logging
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from articles.corrections import add_correction
from articles.models import Article
from articles.public import dependencies
from articles.public.content_version import bump_on_commit
from tests import test_multi_server as servers
from tests.factories import (
    make_article,
    make_mention,
    make_person,
    make_quote,
    make_sector,
    make_user,
)

BODY = "Officials met in Halden.\n\n“The quota stays where it is,” the minister said."
QUOTE = "The quota stays where it is,"
OTHER_BODY = "Mills reopened in Varrow.\n\n“Orders are back,” the plant manager said."
OTHER_QUOTE = "Orders are back,"
# A Redis database of its own: the multi-server tests flush theirs.
REDIS_DB = 9


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHE_PURGE_HOOK = ""


@pytest.fixture
def desk():
    """Two unrelated stories: fictional people quoted in fictional places."""
    speaker = make_person(name="Rhea Castellan", title="Trade Minister")
    steel = make_sector(name="steel")
    article = make_article(headline="Quota stays in Halden", body=BODY)
    quote = make_quote(article=article, text=QUOTE, speaker=speaker, sectors=[steel])
    make_mention(article=article, entity=speaker)
    bystander = make_person(name="Tomas Verhoeven", title="Plant manager")
    other = make_article(headline="Varrow mills reopen", body=OTHER_BODY)
    make_quote(article=other, text=OTHER_QUOTE, speaker=bystander)
    return {
        "speaker": speaker,
        "article": article,
        "quote": quote,
        "steel": steel,
        "bystander": bystander,
        "other": other,
    }


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def person_form(person, **changes):
    return {
        "name": person.name,
        "slug": person.slug,
        "short_description": person.short_description,
        "description": "",
        "aliases": "",
        "wikidata_id": "",
        "title": person.title,
        "affiliation": "",
        "country": "",
        **changes,
    }


def speaker_pages(desk):
    """Every page showing the quoted speaker of the first story."""
    return [
        desk["speaker"].get_absolute_url(),
        desk["speaker"].get_absolute_url() + "feed/",
        desk["article"].get_absolute_url(),
        reverse("articles:quote-detail", args=[desk["quote"].pk]),
        "/quotes/",
        "/people/",
        "/",
    ]


purged = []


def record_purge(keys):
    purged.append(keys)


def failing_purge(keys):
    raise ConnectionError("the CDN is down")


@pytest.mark.django_db
def test_a_write_to_one_article_leaves_an_unrelated_profile_cached(
    client, desk, django_capture_on_commit_callbacks
):
    bystander = desk["bystander"].get_absolute_url()
    article = desk["article"].get_absolute_url()
    stale = [article, desk["speaker"].get_absolute_url(), "/", "/articles/", "/quotes/"]
    warm(client, bystander, desk["other"].get_absolute_url(), *stale)
    etag = client.get(bystander)["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        add_correction(desk["article"], text="The meeting was in Halden, not in Varrow.")

    for url in stale:
        page = client.get(url)
        assert page["X-Page-Cache"] == "miss", url
    assert "not in Varrow" in client.get(article).content.decode()
    unrelated = client.get(bystander)
    assert unrelated["X-Page-Cache"] == "hit"
    assert unrelated["ETag"] == etag
    assert client.get(bystander, headers={"if-none-match": etag}).status_code == 304
    assert client.get(desk["other"].get_absolute_url())["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_write_to_a_person_refreshes_every_page_showing_them(
    client, desk, django_capture_on_commit_callbacks
):
    editor = Client()
    editor.force_login(make_user(role="Editor"))
    speaker = desk["speaker"]
    warm(client, desk["bystander"].get_absolute_url(), desk["other"].get_absolute_url())
    warm(client, *speaker_pages(desk))

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("admin:entities_person_change", args=[speaker.pk]),
            person_form(speaker, name="Rhea Castellan-Ode"),
        )
    assert response.status_code == 302

    for url in speaker_pages(desk):
        page = client.get(url)
        assert page["X-Page-Cache"] == "miss", url
        assert "Castellan-Ode" in page.content.decode(), url
    assert client.get(desk["bystander"].get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get(desk["other"].get_absolute_url())["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_merge_refreshes_the_pages_of_both_people(
    client, desk, django_capture_on_commit_callbacks
):
    editor = Client()
    editor.force_login(make_user(role="Editor"))
    speaker, bystander = desk["speaker"], desk["bystander"]
    unrelated = make_person(name="Ilse Marwood")
    old_profile = bystander.get_absolute_url()
    pages = [speaker.get_absolute_url(), old_profile, desk["other"].get_absolute_url()]
    warm(client, unrelated.get_absolute_url(), desk["article"].get_absolute_url(), *pages)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("admin:entities_person_changelist"),
            {
                "action": "merge_selected",
                "_selected_action": [speaker.pk, bystander.pk],
                "confirm": "1",
                "kept": speaker.pk,
            },
        )
    assert response.status_code == 302

    assert OTHER_QUOTE in client.get(speaker.get_absolute_url()).content.decode()
    assert client.get(old_profile).status_code == 301
    other = client.get(desk["other"].get_absolute_url())
    assert other["X-Page-Cache"] == "miss"
    assert speaker.get_absolute_url() in other.content.decode()
    assert client.get(unrelated.get_absolute_url())["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_quote_moved_to_another_speaker_refreshes_both_profiles(
    client, desk, django_capture_on_commit_callbacks
):
    quote, speaker, bystander = desk["quote"], desk["speaker"], desk["bystander"]
    warm(client, speaker.get_absolute_url(), bystander.get_absolute_url())
    assert QUOTE in client.get(speaker.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        bump_on_commit(quote)  # As the admin does: the links before the save...
        quote.speaker = bystander
        quote.save()
        bump_on_commit(quote)  # ...and after it.

    assert QUOTE not in client.get(speaker.get_absolute_url()).content.decode()
    assert QUOTE in client.get(bystander.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_pages_carry_their_keys_for_a_cdn(client, desk):
    article = desk["article"]
    for _ in range(2):  # Rendered, then from the cache.
        page = client.get(article.get_absolute_url())
        keys = page["Surrogate-Key"].split(" ")
        assert {f"article:{article.pk}", f"person:{desk['speaker'].pk}", "site"} <= set(keys)
        assert f"sector:{desk['steel'].pk}" in keys
        assert page["Cache-Tag"].split(",") == keys
        assert f"person:{desk['bystander'].pk}" not in keys
    home = client.get("/")
    assert set(dependencies.LIST_KEYS) <= set(home["Surrogate-Key"].split(" "))
    assert "article:" not in home["Surrogate-Key"]


@pytest.mark.django_db
def test_the_purge_hook_gets_the_keys_on_commit_and_not_on_rollback(
    desk, settings, django_capture_on_commit_callbacks
):
    settings.CACHE_PURGE_HOOK = "tests.test_targeted_invalidation.record_purge"
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(desk["article"])
            assert purged == []  # Not before the commit.
    assert len(purged) == 1
    keys = set(purged[0])
    assert {f"article:{desk['article'].pk}", f"person:{desk['speaker'].pk}"} <= keys
    assert {f"sector:{desk['steel'].pk}", "list:article", "list:quote"} <= keys
    assert f"person:{desk['bystander'].pk}" not in keys
    assert f"article:{desk['other'].pk}" not in keys

    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            bump_on_commit(desk["article"])
            raise RuntimeError("the save failed")
    assert purged == []


@pytest.mark.django_db
def test_the_purge_hook_can_be_a_url_receiving_the_keys_as_json(
    desk, settings, django_capture_on_commit_callbacks
):
    received = []

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            received.append((self.headers["Content-Type"], json.loads(self.rfile.read(length))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    endpoint = HTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=endpoint.handle_request)
    thread.start()
    try:
        settings.CACHE_PURGE_HOOK = f"http://127.0.0.1:{endpoint.server_port}/purge"
        with django_capture_on_commit_callbacks(execute=True):
            bump_on_commit(desk["bystander"])
        thread.join(timeout=10)
    finally:
        endpoint.server_close()
    [(content_type, body)] = received
    assert content_type == "application/json"
    assert f"person:{desk['bystander'].pk}" in body["keys"]
    assert "list:person" in body["keys"]
    assert f"person:{desk['speaker'].pk}" not in body["keys"]


@pytest.mark.django_db
def test_a_failing_purge_hook_is_logged_and_the_write_stands(
    client, desk, settings, caplog, django_capture_on_commit_callbacks
):
    settings.CACHE_PURGE_HOOK = "tests.test_targeted_invalidation.failing_purge"
    url = desk["speaker"].get_absolute_url()
    warm(client, url)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        bump_on_commit(desk["speaker"])
    assert "purge hook" in caplog.text
    assert client.get(url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_page_rendered_while_a_write_commits_is_not_stored(client, desk):
    url = desk["bystander"].get_absolute_url()

    def write_meanwhile(sender, **kwargs):
        dependencies.bump([f"article:{desk['article'].pk}"])

    template_rendered.connect(write_meanwhile)
    try:
        page = client.get(url)
        assert page["X-Page-Cache"] == "miss"
        # Neither a browser nor a CDN may keep it as the current page.
        assert page["Cache-Control"] == "no-cache"
        assert not page.has_header("ETag") and not page.has_header("Surrogate-Key")
    finally:
        template_rendered.disconnect(write_meanwhile)
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_an_evicted_key_version_makes_its_pages_stale(client, desk):
    url = desk["bystander"].get_absolute_url()
    warm(client, url)
    cache.delete(dependencies.VERSION_PREFIX + f"person:{desk['bystander'].pk}")
    assert client.get(url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_scheduling_an_article_still_publishes_it_on_time(
    client, desk, django_capture_on_commit_callbacks
):
    assert client.get("/")["X-Page-Cache"] == "miss"
    draft = make_article(headline="Copper levy takes effect", published=False)
    when = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=draft.pk).update(status="published", publish_at=when)
        bump_on_commit(draft)
    assert "Copper levy takes effect" not in client.get("/").content.decode()
    with mock.patch("django.utils.timezone.now", return_value=when + datetime.timedelta(minutes=1)):
        assert "Copper levy takes effect" in client.get("/").content.decode()


# Two app servers --------------------------------------------------------------------------


def shared_redis():
    client, _ = servers.redis_client()
    parts = urllib.parse.urlsplit(servers.REDIS_URL)
    url = parts._replace(path=f"/{REDIS_DB}").geturl()
    return client.from_url(url, socket_connect_timeout=1), url


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.skipif(not servers.redis_answers(), reason=f"needs Redis at {servers.REDIS_URL}")
@pytest.mark.skipif(not servers.GUNICORN.exists(), reason="needs gunicorn in the virtualenv")
@pytest.mark.django_db(transaction=True)
def test_a_person_edit_on_one_server_refreshes_their_pages_on_both(tmp_path, desk):
    redis, redis_url = shared_redis()
    redis.flushdb()
    editor_account = make_user(username="desk-editor", role="Editor")
    hasher = servers.PBKDF2PasswordHasher()
    editor_account.password = hasher.encode(servers.PASSWORD, hasher.salt())
    editor_account.save(update_fields=["password"])
    unrelated = [desk["bystander"].get_absolute_url(), desk["other"].get_absolute_url()]

    running = []
    try:
        for name in ("a", "b"):
            port = servers.free_port()
            log = open(tmp_path / f"gunicorn-{name}.log", "wb")
            base = f"http://127.0.0.1:{port}"
            running.append((base, servers.start_server(port, redis_url, log), log))
        for base, process, _ in running:
            servers.wait_until_serving(base, process)
        (a, _, _), (b, _, _) = running

        etags = {}
        for base in (a, b):
            for path in speaker_pages(desk) + unrelated:
                status, headers, text = servers.get(base, path)
                assert status == 200, (base, path)
                assert ("Rhea Castellan" in text) == (path not in unrelated), (base, path)
                etags[base, path] = headers["ETag"]
        for base in (a, b):
            for path in speaker_pages(desk) + unrelated:
                assert servers.get(base, path)[1]["X-Page-Cache"] == "hit", (base, path)

        editor = servers.AdminSession(a)
        editor.log_in("desk-editor", servers.PASSWORD)
        speaker = desk["speaker"]
        status, _ = editor.post(
            f"/{settings.ADMIN_URL}/entities/person/{speaker.pk}/change/",
            person_form(speaker, name="Rhea Castellan-Ode"),
        )
        assert status == 200
        speaker.refresh_from_db()
        assert speaker.name == "Rhea Castellan-Ode"

        for base in (a, b):
            for path in speaker_pages(desk):
                status, headers, text = servers.get(base, path)
                assert status == 200 and "Castellan-Ode" in text, (base, path)
                assert headers["X-Page-Cache"] == "miss", (base, path)
                revalidated = servers.get(base, path, {"If-None-Match": etags[base, path]})
                assert revalidated[0] == 200, (base, path)
            for path in unrelated:
                status, headers, _ = servers.get(base, path)
                assert headers["X-Page-Cache"] == "hit", (base, path)
                assert headers["ETag"] == etags[base, path]
    finally:
        for _, process, _ in running:
            process.terminate()
        for _, process, log in running:
            process.wait(timeout=10)
            log.close()
        redis.flushdb()
