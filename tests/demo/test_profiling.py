"""The page profiler splits a render's time into SQL, templates and the rest, honestly."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.demo.profiling import Profile, profile_pages, profile_table
from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    speaker = make_person(name="Ana Lindqvist")
    article = make_article(body="“Steel talks resume on Monday,” said Ana Lindqvist.")
    make_quote(article=article, text="Steel talks resume on Monday,", speaker=speaker)
    return speaker


def test_a_profile_counts_the_queries_the_page_runs(client, person):
    path = person.get_absolute_url()
    (profile,) = profile_pages([path], repeat=3)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    assert profile.status == 200
    assert profile.queries == len(captured.captured_queries)


def test_the_parts_of_a_render_add_up_to_no_more_than_its_time(person):
    (profile,) = profile_pages([person.get_absolute_url()], repeat=3)
    assert profile.sql_ms > 0
    assert profile.templates_ms > 0
    assert profile.sql_ms + profile.templates_ms <= profile.total_ms
    assert profile.python_ms == pytest.approx(
        profile.total_ms - profile.sql_ms - profile.templates_ms
    )


def test_a_missing_page_is_profiled_with_its_status():
    (profile,) = profile_pages(["/people/nobody-at-all/"], repeat=1)
    assert profile.status == 404


def test_the_table_names_the_largest_part():
    profiles = [
        Profile("/a/", 200, 3, total_ms=10.0, sql_ms=6.0, templates_ms=1.0),
        Profile("/b/", 200, 2, total_ms=10.0, sql_ms=1.0, templates_ms=2.0),
    ]
    table = profile_table(profiles, {"/a/": "page a"}).splitlines()
    assert table[2] == "| page a (`/a/`) | 3 | 10.0 ms | 6.0 ms | 1.0 ms | 3.0 ms | SQL | – |"
    assert table[3].endswith("| 7.0 ms | Python | – |")


def test_index_pages_are_timed_with_their_tallies_kept_and_counted_afresh(settings, person):
    settings.FRAGMENT_CACHE_SECONDS = 600
    (kept,) = profile_pages(["/people/"], repeat=3)
    settings.FRAGMENT_CACHE_SECONDS = 0
    (counted,) = profile_pages(["/people/"], repeat=3)
    # With the parts kept, the page reads its tallies from the cache; built afresh, it runs
    # the queries that count them.
    assert kept.queries < counted.queries
    assert kept.afresh_ms is not None and counted.afresh_ms is not None
    table = profile_table([kept], {}).splitlines()
    assert table[2].endswith(f"| {kept.afresh_ms:.1f} ms |")
