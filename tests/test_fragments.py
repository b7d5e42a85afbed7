"""Feed items kept in the cache: each is built again only once a write changes what it
shows, here and for the page cache of the feed that shows it."""

import feedparser
import pytest
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Quote
from articles.public import content_version, dependencies, fragments
from articles.public.content_version import bump_on_commit
from tests.factories import make_article, make_correction, make_person, make_quote, make_sector

BODY = "Officials met in Halden.\n\n“The quota stays where it is,” the minister said."
QUOTE = "The quota stays where it is,"
OTHER_BODY = "Mills reopened in Varrow.\n\n“Orders are back,” the plant manager said."
OTHER_QUOTE = "Orders are back,"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def desk():
    """Two unrelated stories with fictional people quoted in fictional places."""
    minister = make_person(name="Rhea Castellan", title="Trade Minister")
    steel = make_sector(name="steel")
    first = make_article(headline="Quota stays in Halden", body=BODY)
    quote = make_quote(article=first, text=QUOTE, speaker=minister, sectors=[steel])
    manager = make_person(name="Tomas Verhoeven", title="Plant manager")
    second = make_article(headline="Varrow mills reopen", body=OTHER_BODY)
    make_quote(article=second, text=OTHER_QUOTE, speaker=manager)
    return {"minister": minister, "steel": steel, "first": first, "quote": quote, "second": second}


def latest(client):
    """The latest feed as feedparser reads it, and the queries it ran."""
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        body = client.get("/feeds/latest/").content
    return feedparser.parse(body), len(queries)


def entry(feed, headline):
    return next(item for item in feed.entries if item.title == headline)


def committed(write, *announced):
    """Run `write` in a transaction that announces `announced` before it, as the admin does."""
    with transaction.atomic():
        bump_on_commit(*announced)
        write()


def renamed(obj, name):
    """Rename `obj` as an editor does, announced before the write."""
    committed(lambda: type(obj).objects.filter(pk=obj.pk).update(name=name), obj)


def test_a_feed_builds_its_items_once_and_then_reads_them_from_the_cache(client, desk):
    content_version.current()  # the site's version, read once whatever the page
    built, first = latest(client)
    kept, again = latest(client)
    # Built: the articles, their quotes, then what they show; kept: the articles alone.
    assert (first, again) == (3, 1)
    assert [e.title for e in kept.entries] == [e.title for e in built.entries]
    assert [e.summary for e in kept.entries] == [e.summary for e in built.entries]
    assert "Rhea Castellan" in entry(kept, "Quota stays in Halden").content[0].value


def test_a_write_rebuilds_the_items_showing_what_it_changed_and_no_other(
    client, desk, django_capture_on_commit_callbacks
):
    latest(client)
    minister = desk["minister"]
    with django_capture_on_commit_callbacks(execute=True):
        renamed(minister, "Rhea Castellan-Moreau")
    feed, queries = latest(client)
    # The article quoting her is built again (its quotes, then what they show).
    assert queries == 3
    assert "Rhea Castellan-Moreau" in entry(feed, "Quota stays in Halden").content[0].value
    assert "Tomas Verhoeven" in entry(feed, "Varrow mills reopen").content[0].value

    # A correction to the other story: only that item changes.
    with django_capture_on_commit_callbacks(execute=True):
        committed(
            lambda: make_correction(article=desk["second"], text="The mills are in Varrow."),
            desk["second"],
        )
    feed, _ = latest(client)
    assert "The mills are in Varrow." in entry(feed, "Varrow mills reopen").content[0].value
    assert "Rhea Castellan-Moreau" in entry(feed, "Quota stays in Halden").content[0].value


def test_a_sector_renamed_is_renamed_in_the_items_naming_it(
    client, desk, django_capture_on_commit_callbacks
):
    before, _ = latest(client)
    assert "steel" in {tag.term for tag in entry(before, "Quota stays in Halden").tags}
    steel = desk["steel"]
    with django_capture_on_commit_callbacks(execute=True):
        renamed(steel, "flat steel")
    after, _ = latest(client)
    terms = {tag.term for tag in entry(after, "Quota stays in Halden").tags}
    assert "flat steel" in terms and "steel" not in terms


def test_a_part_read_while_a_write_commits_is_not_kept(client, desk):
    names = ["quote:1"]

    def build(missing):
        dependencies.bump(["article:999"])  # a write elsewhere commits meanwhile
        return {name: ("part", [desk["quote"]]) for name in missing}

    assert fragments.kept(names, build, space="test") == {"quote:1": "part"}
    calls = []
    fragments.kept(names, lambda missing: calls.append(missing) or build(missing), space="test")
    assert calls == [names]


def test_what_a_part_shows_is_every_tracked_object_loaded_with_it(desk):
    quote = (
        Quote.objects.select_related("speaker", "article")
        .prefetch_related("sectors")
        .get(pk=desk["quote"].pk)
    )
    keys = fragments.shown_keys(quote)
    assert keys == {
        f"article:{desk['first'].pk}",
        f"person:{desk['minister'].pk}",
        f"sector:{desk['steel'].pk}",
    }


def test_a_cached_feed_page_depends_on_what_its_kept_items_show(
    client, desk, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    url = desk["minister"].get_absolute_url() + "feed/"
    # The items are kept by a first render; the page itself is then rendered from them.
    settings.PAGE_CACHE_SECONDS = 0
    client.get(url)
    settings.PAGE_CACHE_SECONDS = 600
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    steel = desk["steel"]
    with django_capture_on_commit_callbacks(execute=True):
        renamed(steel, "flat steel")
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "flat steel" in page.content.decode()


def cards_rendered(client, url):
    """The page at `url`, and how many quote cards it rendered (not read from the cache)."""
    from django.test.signals import template_rendered

    rendered = []

    def count(sender, template, **kwargs):
        if template.name == "includes/quote.html":
            rendered.append(template)

    template_rendered.connect(count)
    try:
        html = client.get(url).content.decode()
    finally:
        template_rendered.disconnect(count)
    return html, len(rendered)


def test_quote_cards_are_kept_and_rendered_again_once_what_they_show_changes(
    client, desk, django_capture_on_commit_callbacks
):
    _, first = cards_rendered(client, "/quotes/")
    html, again = cards_rendered(client, "/quotes/")
    assert (first, again) == (2, 0)
    assert ">steel</a>" in html

    with django_capture_on_commit_callbacks(execute=True):
        renamed(desk["steel"], "flat steel")
    html, after = cards_rendered(client, "/quotes/")
    # The card naming the sector is rendered again, the other one is read from the cache.
    assert after == 1
    assert ">flat steel</a>" in html and ">steel</a>" not in html
    # The speaker's profile lists the same quote, without its speaker: a card of its own.
    html, _ = cards_rendered(client, desk["minister"].get_absolute_url())
    assert ">flat steel</a>" in html
