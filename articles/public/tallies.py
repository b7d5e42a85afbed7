"""Figures that change only when a tally does, kept beside the page cache.

With the page cache on, what a page counts over the whole archive (the quote list's
options with their quote counts) is stored under the current versions of the content
(`content_version`) and of `dependencies.TALLIES_KEY`, which every write bumps save an
edit of quotes leaving their links as they were. A page made stale by such an edit
(a fix of a quote's words) is rendered again without counting the archive again.
"""

from django.conf import settings
from django.core.cache import cache

from articles.public import content_version, dependencies


def tallied_rows(name, compute):
    """`compute()`, or what it returned since the tallies last changed."""
    if not settings.PAGE_CACHE_SECONDS:
        return compute()
    # Read before computing: a write committed meanwhile bumps the version after it, so
    # nothing older than its version is ever stored under it.
    versions, _ = dependencies.read_versions([dependencies.TALLIES_KEY], create=True)
    token = versions[dependencies.TALLIES_KEY][0]
    key = f"tallied:{name}:{content_version.current().token}:{token}"
    rows = cache.get(key)
    if rows is None:
        rows = compute()
        cache.set(key, rows, timeout=settings.PAGE_CACHE_SECONDS)
    return rows
