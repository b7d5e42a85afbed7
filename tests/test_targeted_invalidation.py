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
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.corrections import add_correction
from articles.models import Article, Quote
from articles.public import dependencies
from articles.public.content_version import bump_on_commit
from tests import test_multi_server as servers
from tests.factories import (
    make_article,
    make_country,
    make_event,
    make_mention,
    make_organization,
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
    settings.FRAGMENT_CACHE_SECONDS = 600
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
    speaker, steel = desk["speaker"].pk, desk["steel"].pk
    assert {f"article:{desk['article'].pk}", f"quote:{desk['quote'].pk}"} <= keys
    assert {f"profile:person:{speaker}", f"profile:sector:{steel}"} <= keys
    assert {f"mentions:person:{speaker}", "list:article", "list:quote"} <= keys
    # The speaker and the sector are not written: pages naming them stay.
    assert not {f"person:{speaker}", f"sector:{steel}"} & keys
    assert f"profile:person:{desk['bystander'].pk}" not in keys
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
    bystander = desk["bystander"].pk
    assert {f"person:{bystander}", f"profile:person:{bystander}"} <= set(body["keys"])
    assert "list:person" in body["keys"]
    assert not [key for key in body["keys"] if key.endswith(f"person:{desk['speaker'].pk}")]


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


# One quote saved, as the editor of the benchmark does ----------------------------------


def save_quote(quote):
    """Save `quote` as the admin does: the links before the save, and after it."""
    with transaction.atomic():
        bump_on_commit(quote)
        quote.save()
        bump_on_commit(quote)


def edit_quote(quote, **changes):
    """Change `quote`'s fields as the admin does: announced before the write."""
    with transaction.atomic():
        bump_on_commit(quote)
        for name, value in changes.items():
            setattr(quote, name, value)
        quote.save()


def long_profile(*, quotes=22, sectors_each=3):
    """A person quoted `quotes` times, each quote in its own story and on sectors of its
    own: the first page of their profile names more than 64 entities and articles."""
    person = make_person(name="Odile Brancato", title="Port director")
    for n in range(quotes):
        article = make_article(headline=f"Berth {n} reopens", body=OTHER_BODY)
        sectors = [make_sector(name=f"berth {n} cargo {k}") for k in range(sectors_each)]
        make_quote(article=article, text=OTHER_QUOTE, speaker=person, sectors=sectors)
    return person


@pytest.mark.django_db
def test_a_profile_depends_on_what_it_names_not_on_every_quote_it_lists(client, desk):
    person = long_profile()
    keys = client.get(person.get_absolute_url())["Surrogate-Key"].split(" ")
    assert f"person:{person.pk}" in keys
    assert len([key for key in keys if key.startswith("sector:")]) > dependencies.MAX_KEYS // 3
    assert not [key for key in keys if key.startswith(("article:", "quote:", "list:"))]
    speaker = client.get(desk["speaker"].get_absolute_url())["Surrogate-Key"].split(" ")
    assert f"sector:{desk['steel'].pk}" in speaker


@pytest.mark.django_db
def test_saving_a_quote_leaves_a_long_unrelated_profile_cached(
    client, desk, django_capture_on_commit_callbacks
):
    person = long_profile()
    page = client.get(person.get_absolute_url())
    assert page.content.decode().count(OTHER_QUOTE) >= 20
    warm(client, person.get_absolute_url(), desk["bystander"].get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        save_quote(desk["quote"])

    assert client.get(person.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get(desk["bystander"].get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get(desk["speaker"].get_absolute_url())["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_saving_a_quote_refreshes_every_page_showing_it(
    client, desk, django_capture_on_commit_callbacks
):
    quote, speaker, steel = desk["quote"], desk["speaker"], desk["steel"]
    speaker.affiliation = make_organization(name="Halden Ministry of Trade")
    speaker.country = make_country(name="Halden")
    speaker.save()
    steel.parent = make_sector(name="metals")
    steel.save()
    pages = [
        desk["article"].get_absolute_url(),
        reverse("articles:quote-detail", args=[quote.pk]),
        speaker.get_absolute_url(),
        steel.get_absolute_url(),
        steel.parent.get_absolute_url(),
        speaker.affiliation.get_absolute_url(),
        speaker.country.get_absolute_url(),
        "/quotes/",
        "/",
    ]
    for url in pages:
        assert QUOTE in client.get(url).content.decode(), url
    warm(client, *pages, desk["other"].get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        save_quote(quote)

    for url in pages:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert client.get(desk["other"].get_absolute_url())["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_an_article_edit_refreshes_the_profiles_listing_its_quotes(
    client, desk, django_capture_on_commit_callbacks
):
    article, steel = desk["article"], desk["steel"]
    pages = [desk["speaker"].get_absolute_url(), steel.get_absolute_url()]
    warm(client, *pages)

    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Quota holds in Halden"
        article.save()
        bump_on_commit(article)

    for url in pages:
        page = client.get(url)
        assert page["X-Page-Cache"] == "miss", url
        assert "Quota holds in Halden" in page.content.decode(), url


# What a page names, and what its own page shows of it ----------------------------------


@pytest.mark.django_db
def test_saving_a_quote_leaves_pages_that_only_name_its_sector_cached(
    client, desk, django_capture_on_commit_callbacks
):
    steel = desk["steel"]
    other = make_article(headline="Varrow steel orders", body=OTHER_BODY)
    other_quote = make_quote(article=other, text=OTHER_QUOTE, speaker=desk["bystander"])
    other_quote.sectors.set([steel])
    naming = [other.get_absolute_url(), reverse("articles:quote-detail", args=[other_quote.pk])]
    showing = [desk["article"].get_absolute_url(), steel.get_absolute_url()]
    warm(client, *naming, *showing)

    with django_capture_on_commit_callbacks(execute=True):
        save_quote(desk["quote"])

    for url in naming:
        assert client.get(url)["X-Page-Cache"] == "hit", url
    for url in showing:
        assert client.get(url)["X-Page-Cache"] == "miss", url


@pytest.mark.django_db
def test_saving_a_quote_leaves_which_articles_mention_what_alone(
    settings, desk, django_capture_on_commit_callbacks
):
    settings.CACHE_PURGE_HOOK = "tests.test_targeted_invalidation.record_purge"
    article, speaker = desk["article"], desk["speaker"]
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        save_quote(desk["quote"])
    keys = set().union(*purged)
    assert {f"quote:{desk['quote'].pk}", f"profile:person:{speaker.pk}"} <= keys
    assert not [key for key in keys if key.startswith(dependencies.MENTIONS)]

    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(article)
            article.save()
            bump_on_commit(article)
    assert f"mentions:person:{speaker.pk}" in set().union(*purged)


@pytest.mark.django_db
def test_a_new_mention_elsewhere_refreshes_the_related_articles(
    client, desk, django_capture_on_commit_callbacks
):
    article, speaker = desk["article"], desk["speaker"]
    url = article.get_absolute_url()
    related = make_article(headline="Castellan tours the mills", body=OTHER_BODY)
    quoted_only = make_article(headline="Castellan answers questions", body=OTHER_BODY)
    warm(client, url)
    assert "Castellan tours the mills" not in client.get(url).content.decode()
    keys = client.get(url)["Surrogate-Key"].split(" ")
    assert f"mentions:person:{speaker.pk}" in keys
    assert f"profile:person:{speaker.pk}" not in keys

    # A quote by the speaker that no article mention names does not relate the story.
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            make_quote(article=quoted_only, text=OTHER_QUOTE, speaker=speaker)
            bump_on_commit(quoted_only)
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(related)
            make_mention(article=related, entity=speaker)
            bump_on_commit(related)
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Castellan tours the mills" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(related)
            related.mentions.all().delete()
            bump_on_commit(related)
    assert "Castellan tours the mills" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_new_speaker_in_their_story_refreshes_a_persons_co_speakers(
    client, desk, django_capture_on_commit_callbacks
):
    speaker, article = desk["speaker"], desk["article"]
    url = speaker.get_absolute_url()
    newcomer = make_person(name="Jonas Aldervik", title="Union steward")
    warm(client, url, newcomer.get_absolute_url())
    assert "Jonas Aldervik" not in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            make_quote(article=article, text="Officials met in Halden.", speaker=newcomer)
            bump_on_commit(article)

    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Jonas Aldervik" in page.content.decode()


@pytest.mark.django_db
def test_another_events_date_or_sectors_refresh_an_events_neighbours(
    client, desk, django_capture_on_commit_callbacks
):
    steel = desk["steel"]
    summit = make_event(name="Halden steel summit", sectors=[steel])
    talks = make_event(name="Varrow quota talks", start_date=datetime.date(2025, 5, 2))
    url = summit.get_absolute_url()
    warm(client, url, talks.get_absolute_url())
    assert "Varrow quota talks" not in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(talks)
            talks.sectors.set([steel])
            bump_on_commit(talks)
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "2 May 2025</time> · Meeting · After" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            talks.start_date = datetime.date(2025, 1, 20)
            talks.save()
            bump_on_commit(talks)
    assert "20 January 2025</time> · Meeting · Before" in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_new_report_of_the_same_words_refreshes_the_other_reports(
    client, desk, django_capture_on_commit_callbacks
):
    first = desk["quote"]
    echo = make_article(headline="Halden quota, a week on", body=BODY)
    second = make_quote(article=echo, text=QUOTE, speaker=desk["speaker"], first_appearance=first)
    url = reverse("articles:quote-detail", args=[second.pk])
    warm(client, url)
    late = make_article(headline="Halden quota, a month on", body=BODY)

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            make_quote(article=late, text=QUOTE, speaker=desk["speaker"], first_appearance=first)
            bump_on_commit(late)

    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Halden quota, a month on" in page.content.decode()


# The index pages: every entity of a kind with its tallies -------------------------------

INDEX_PAGES = ["/people/", "/organizations/", "/sectors/", "/events/", "/countries/"]


@pytest.mark.django_db
def test_editing_a_quotes_words_leaves_the_index_pages_cached(
    client, desk, django_capture_on_commit_callbacks
):
    warm(client, *INDEX_PAGES, "/quotes/")
    quote = desk["quote"]
    with django_capture_on_commit_callbacks(execute=True):
        edit_quote(quote, speaker_title="Former trade minister")

    for url in INDEX_PAGES:
        assert client.get(url)["X-Page-Cache"] == "hit", url
    # The quote list shows the quote itself.
    assert client.get("/quotes/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_quote_on_another_sector_refreshes_the_index_pages(
    client, desk, django_capture_on_commit_callbacks
):
    copper = make_sector(name="copper")
    warm(client, *INDEX_PAGES)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(desk["quote"])
            desk["quote"].sectors.set([copper])

    for url in INDEX_PAGES:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    sectors = " ".join(client.get("/sectors/").content.decode().split())
    assert sectors.count('<td class="num">1</td>') >= 1


@pytest.mark.django_db
def test_a_new_or_deleted_quote_refreshes_the_index_pages(
    client, desk, django_capture_on_commit_callbacks
):
    newcomer = make_person(name="Ines Marchetti", title="Mill owner")
    warm(client, "/people/")
    assert "Ines Marchetti" not in client.get("/people/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            # Announced before it is saved, as the admin does.
            bump_on_commit(Quote(article=desk["other"]))
            quote = make_quote(article=desk["other"], text=OTHER_QUOTE, speaker=newcomer)
    page = client.get("/people/")
    assert page["X-Page-Cache"] == "miss"
    assert "Ines Marchetti" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(quote)
            quote.delete()
    page = client.get("/people/")
    assert page["X-Page-Cache"] == "miss"
    assert "Ines Marchetti" not in page.content.decode()


@pytest.mark.django_db
def test_index_pages_carry_the_tallies_key_for_a_cdn(client, desk):
    page = client.get("/sectors/")
    assert page["Surrogate-Key"].split() == [dependencies.TALLIES_KEY, dependencies.SITE_KEY]


@pytest.mark.django_db
def test_the_quote_lists_options_are_counted_again_only_when_a_tally_changes(
    client, desk, django_capture_on_commit_callbacks, django_assert_num_queries
):
    quote = desk["quote"]
    assert "Rhea Castellan (1 quote)" in client.get("/quotes/").content.decode()

    # An edit of the quote's words: the page is rendered again, its options are not counted.
    with django_capture_on_commit_callbacks(execute=True):
        edit_quote(quote, speaker_title="Former trade minister")
    with django_assert_num_queries(2):
        page = client.get("/quotes/")
    assert page["X-Page-Cache"] == "miss"
    assert "Rhea Castellan (1 quote)" in page.content.decode()

    # The quote moves to another speaker: the counts change with it (the options and
    # the number of quotes are counted again).
    with django_capture_on_commit_callbacks(execute=True):
        edit_quote(quote, speaker=desk["bystander"])
    with django_assert_num_queries(4):
        html = client.get("/quotes/").content.decode()
    assert "Tomas Verhoeven (2 quotes)" in html
    assert "Rhea Castellan (1 quote)" not in html


# The tallies the index pages count, kept in the cache with the page cache off -------------


def sector_row(html, name):
    """The cells of the sectors index row naming `name`, as text."""
    text = " ".join(html.split())
    row = text[text.index(f">{name.capitalize()}</a></th>") :]
    return row[: row.index("</tr>")]


@pytest.mark.django_db
def test_the_index_pages_tallies_are_counted_again_only_for_what_a_write_touched(
    client, desk, settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    metals = make_sector(name="metals")
    steel = desk["steel"]
    steel.parent = metals
    steel.save()
    client.get("/sectors/")
    # Nothing changed: the page is rendered again, its tallies come from the cache.
    with django_assert_num_queries(1):
        html = client.get("/sectors/").content.decode()
    assert '<td class="num">1</td>' in sector_row(html, "metals")

    # A new quote on steel, in the other story: steel and metals (which takes in its
    # sub-sectors) are counted again, and their figures change.
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(Quote(article=desk["other"]))
            make_quote(article=desk["other"], text=OTHER_QUOTE, sectors=[steel])
    with django_assert_num_queries(2):
        html = client.get("/sectors/").content.decode()
    for name in ("steel", "metals"):
        row = sector_row(html, name)
        assert row.count('<td class="num">2</td>') == 2, row  # quotes and articles

    # An edit elsewhere, to a person in no sector: no tally is counted again.
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(desk["bystander"])
            desk["bystander"].title = "Mill owner"
            desk["bystander"].save()
    with django_assert_num_queries(1):
        client.get("/sectors/")

    # A fix of the words of the quote on steel: its sectors' tallies stand.
    with django_capture_on_commit_callbacks(execute=True):
        edit_quote(desk["quote"], speaker_title="Former trade minister")
    with django_assert_num_queries(1):
        client.get("/sectors/")


@pytest.mark.django_db
def test_an_article_going_public_on_schedule_is_counted_on_the_index_pages(
    client, desk, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    copper = make_sector(name="copper")
    draft = make_article(headline="Copper levy takes effect", body=OTHER_BODY, published=False)
    make_quote(article=draft, text=OTHER_QUOTE, speaker=desk["bystander"], sectors=[copper])
    when = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=draft.pk).update(status="published", publish_at=when)
        bump_on_commit(draft)
    row = sector_row(client.get("/sectors/").content.decode(), "copper")
    assert row.count('<td class="num">0</td>') == 3, row  # quotes, articles, events

    # No write when it goes public: the site-wide version changes, and the tallies with it.
    with mock.patch("django.utils.timezone.now", return_value=when + datetime.timedelta(minutes=1)):
        row = sector_row(client.get("/sectors/").content.decode(), "copper")
    assert row.count('<td class="num">1</td>') == 2, row


@pytest.mark.django_db
def test_an_evicted_tally_or_key_version_is_counted_again(client, desk, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/people/")
    cache.delete(dependencies.VERSION_PREFIX + f"tallies:person:{desk['speaker'].pk}")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/people/").content.decode()
    # The page, then the tallies of the one person whose version went.
    assert len(queries) == 2
    assert f"IN ({desk['speaker'].pk})" in queries[1]["sql"]
    assert "Rhea Castellan" in html


@pytest.mark.django_db
def test_the_trackers_people_and_months_follow_key_quotes_and_not_a_fix_of_words(
    client, desk, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    quote = desk["quote"]
    edit_quote(quote, is_key=False)
    option = f'<option value="{desk["speaker"].slug}">'

    def tracker():
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/tracker/").content.decode()
        return html, len(queries)

    html, _ = tracker()
    assert option not in html
    assert "1 key quote" not in html
    # A key quote: its speaker is offered, and its month counts it.
    with django_capture_on_commit_callbacks(execute=True):
        edit_quote(quote, is_key=True)
    html, counted = tracker()
    assert option in html
    assert "1 key quote" in html  # in the title of its month's bar

    # A fix of its words: the people offered and the months are not read again.
    with django_capture_on_commit_callbacks(execute=True):
        edit_quote(quote, speaker_title="Former trade minister")
    html, warm = tracker()
    assert option in html
    assert warm == counted - 2


@pytest.mark.django_db
def test_the_quote_lists_count_is_kept_until_a_quote_is_added(
    client, desk, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    assert "2 quotes in our coverage" in client.get("/quotes/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(Quote(article=desk["other"]))
            make_quote(article=desk["other"], text="Mills reopened", speaker=desk["bystander"])
    assert "3 quotes in our coverage" in client.get("/quotes/").content.decode()


@pytest.mark.django_db
def test_a_filtered_trackers_months_follow_what_the_chosen_people_say(
    client, desk, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    quote = desk["quote"]
    edit_quote(quote, is_key=False)
    url = f"/tracker/?person={desk['speaker'].slug}"
    assert "1 key quote" not in client.get(url).content.decode()

    # Their quote made key: their tracker's months count it.
    with django_capture_on_commit_callbacks(execute=True):
        edit_quote(quote, is_key=True)
    assert "1 key quote" in client.get(url).content.decode()

    # A new key quote by someone else leaves their months as they were, and kept.
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(Quote(article=desk["other"]))
            make_quote(
                article=desk["other"], text="Mills reopened", speaker=desk["bystander"], is_key=True
            )
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert "1 key quote" in html and "2 key quotes" not in html
    assert not any("DATE_TRUNC" in q["sql"] or "django_date_trunc" in q["sql"] for q in queries)


@pytest.mark.django_db
def test_what_a_search_names_is_kept_until_an_entity_changes(
    client, desk, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    speaker = desk["speaker"]

    def profiles(query):
        """The names in the search's Profiles section, and the queries it ran."""
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/search/", {"q": query}).content.decode()
        section = html.partition('class="entity-matches"')[2].partition("</section>")[0]
        return section, len(queries)

    found, first = profiles("Castellan")
    assert "Rhea Castellan" in found
    found, again = profiles("Castellan")
    assert "Rhea Castellan" in found and again < first  # the names read from the cache

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump_on_commit(speaker)
            speaker.name = "Rhea Moreau"
            speaker.save()
    assert "Rhea Moreau" in profiles("Moreau")[0]
    assert "Rhea Castellan" not in profiles("Castellan")[0]
