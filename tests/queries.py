"""Counting the SQL a page runs, and holding it steady as the archive grows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url):
    """The SQL of one GET of `url`, which must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return [q["sql"] for q in captured.captured_queries]


def assert_same_queries_at_both_sizes(client, url, grow, expected, *, at_most=None):
    """`url` runs `expected` queries (and no more than `at_most`), as many again once
    `grow()` has enlarged the archive, and none of them reads the session or the user
    (public pages are the same for all)."""
    client.get(url)  # warm per-process caches
    small = queries_of(client, url)
    grow()
    large = queries_of(client, url)
    assert len(large) == len(small), "\n".join(large)
    if at_most is not None:
        assert len(small) <= at_most, f"{len(small)} queries, over {at_most}:\n" + "\n".join(small)
    assert len(small) == expected, f"{len(small)} queries:\n" + "\n".join(small)
    assert not [sql for sql in small if "django_session" in sql or "auth_user" in sql]
