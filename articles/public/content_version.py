"""The site-wide content version: one token that changes whenever the public site does.

Rendered public pages are cached, and their ETags made, under this token (see
`tradewatch.pagecache`), so changing it invalidates every cached page on every
app server at once. It lives in the shared cache, never in the database, and
changes in three ways:

- a write that cannot be targeted at the pages showing what it changed (see
  `articles.public.dependencies`: demo data, generated archives, an unknown kind) calls
  `bump_on_commit()`, which bumps it once the write is committed;
- a scheduled article becomes public at its publish time without any write: the
  stored state carries the next scheduled publish time, and once that time has
  passed the next reader's request bumps the version (one query);
- the local date is part of the token, because the pages list upcoming events.

Reading the version costs one cache lookup and no query, except when the state
is missing (a new or flushed cache) or a scheduled time has passed.
"""

import datetime
import functools
import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from articles.models import Article

STATE_KEY = "content-version"


@dataclass(frozen=True)
class ContentVersion:
    """The public site's current version: a token and when the content last changed."""

    token: str
    changed_at: datetime.datetime


def _next_scheduled(now):
    """The earliest publish time still to come among scheduled articles, as a timestamp."""
    found = Article.objects.scheduled(now).aggregate(next=Min("publish_at"))["next"]
    return found.timestamp() if found else None


def _new_state(now, changed_at, stored=None):
    """A fresh state: a new token and the next scheduled publish time.

    A state another process stored meanwhile may know an earlier scheduled time
    (its query saw a write ours did not): the earlier one is kept, because a time
    that comes too early only costs an extra bump, and one that comes late would
    keep a scheduled article off the cached pages.
    """
    upcoming = [_next_scheduled(now)]
    if stored and stored.get("next") and stored["next"] > now.timestamp():
        upcoming.append(stored["next"])
    upcoming = [value for value in upcoming if value is not None]
    return {
        "token": secrets.token_hex(8),
        "changed": changed_at.timestamp(),
        "next": min(upcoming) if upcoming else None,
    }


def _effective(state, now):
    """The version readers see: the stored token with today's date folded in."""
    return _version(state["token"], state["changed"], timezone.localdate(now))


@functools.lru_cache(maxsize=16)
def _version(token, changed, today):
    midnight = datetime.datetime.combine(
        today, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    changed_at = max(datetime.datetime.fromtimestamp(changed, tz=datetime.UTC), midnight)
    return ContentVersion(token=f"{token}.{today.isoformat()}", changed_at=changed_at)


def current(stored=None):
    """The current content version; `stored` is the state already read from the cache, if any.

    Passing the state lets the page cache read it together with a page in one
    round trip to the cache.
    """
    now = timezone.now()
    state = stored if stored is not None else cache.get(STATE_KEY)
    if state is None:
        state = _new_state(now, now)
        if not cache.add(STATE_KEY, state, timeout=None):
            state = cache.get(STATE_KEY) or state
    elif state.get("next") is not None and state["next"] <= now.timestamp():
        passed = datetime.datetime.fromtimestamp(state["next"], tz=datetime.UTC)
        state = _new_state(now, passed, cache.get(STATE_KEY))
        cache.set(STATE_KEY, state, timeout=None)
    return _effective(state, now)


def bump_content_version():
    """Give the public site a new version: every cached page and ETag becomes stale."""
    now = timezone.now()
    cache.set(STATE_KEY, _new_state(now, now, cache.get(STATE_KEY)), timeout=None)


def bump_site_version():
    """Bump the site-wide version, and tell the CDN (the `site` key every page carries)."""
    from articles.public import dependencies

    bump_content_version()
    dependencies.call_purge_hook([dependencies.SITE_KEY])


def bump_on_commit(*objects):
    """Make the public pages showing `objects` stale once the current transaction commits
    (at once outside one); with no objects, every page (the site-wide version).

    Bumping after the commit matters: a reader who fills the cache between the
    bump and the commit would otherwise store the old content under the new version.
    Pages are targeted through their dependency keys (`articles.public.dependencies`).
    """
    if objects:
        from articles.public import dependencies

        dependencies.changed_on_commit(*objects)
    else:
        transaction.on_commit(bump_site_version)


def on_content_changed(sender, objects=(), **kwargs):
    """The receiver of `entities.changes.content_changed`: what a write changed goes stale."""
    bump_on_commit(*objects)
