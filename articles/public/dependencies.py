"""What each cached page shows, and which cached pages a write makes stale.

A cached page depends on keys: `article:12`, `quote:40`, `person:5`,
`organization:2`, `sector:3`, `event:7`, `country:1`, `tag:9`, and the list keys
`list:article`, `list:person`, ... Each key has a version in the shared cache; a
page is stored with the versions its keys had, and is current while they still
hold (and the site-wide content version too, see `articles.public.content_version`).

- Detail pages (an article, a quote, a profile) declare their own key with
  `depends_on(request, key)`; every article, quote, entity and tag the page then
  loads from the database is recorded as a key too, so the page depends on exactly
  what it shows, without a query of its own.
- Every other page (home, lists, the tracker, search, feeds, the sitemap, the API,
  a 301 or a 404) shows aggregates over everything and depends on every list key.
- A write (`changed_on_commit`) bumps, once committed, the keys of what it changed
  and of what that is linked to, two links deep: for an article (or one of its
  quotes, mentions or corrections) the article, its quotes, everyone and
  everything they are linked to (speakers, their organizations and countries,
  sectors and their parents, events, tags); for an entity, the entity and what it
  is linked to. It also bumps the list keys: every list for an article or a quote,
  the list of its kind for an entity. Links removed by the write are covered by the
  keys read before it as well as after.

The keys go out as `Surrogate-Key` and `Cache-Tag` headers, and the keys a write
bumps are handed to the `CACHE_PURGE_HOOK` setting, so a CDN can purge the same pages.
"""

import contextlib
import contextvars
import json
import logging
import secrets
import time
import urllib.request
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_init
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

TRACKED = (
    "articles.Article",
    "articles.Quote",
    "entities.Person",
    "entities.Organization",
    "entities.Sector",
    "entities.Event",
    "entities.Country",
    "taggit.Tag",
)
# Changes to these are changes to what they belong to.
PARENTS = {
    "articles.Correction": "article",
    "articles.Mention": "article",
    "articles.Quote": "article",
    "entities.EventStatusChange": "event",
}
LIST_KEYS = tuple(f"list:{label.split('.')[1].lower()}" for label in TRACKED)
# The key every cached page carries in its headers: purging it purges the site.
SITE_KEY = "site"
# A page recording more keys than this depends on every list key instead: cheaper
# to check, and just as correct (every write bumps at least one list key).
MAX_KEYS = 64
VERSION_PREFIX = "pagedep:"
# Changes whenever any key is bumped: a page rendered while it changed is not stored.
WRITES_KEY = "pagedep-writes"

_recorded = contextvars.ContextVar("page_dependencies", default=None)


def tracked_models():
    return [apps.get_model(label) for label in TRACKED]


def key_of(instance):
    """The key of a tracked object, e.g. `person:5`."""
    return f"{instance._meta.model_name}:{instance.pk}"


def list_key(model):
    return f"list:{model._meta.model_name}"


# Pages: what they show --------------------------------------------------------------


def depends_on(request, *keys):
    """Declare that the page answering `request` shows what `keys` name, and that it
    depends on them and on the objects it loads, not on every list."""
    declared = request.__dict__.setdefault("page_dependencies", set())
    declared.update(keys)


def _record(sender, instance, **kwargs):
    found = _recorded.get()
    if found is None or instance.pk is None:
        return
    article_id = instance.__dict__.get("article_id") if sender._meta.model_name == "quote" else None
    # A quote is shown as part of its article, and every change to it bumps the article.
    found.add(f"article:{article_id}" if article_id else key_of(instance))


def connect():
    """Record the objects loaded while a page renders (called once, by `ArticlesConfig`)."""
    for model in tracked_models():
        post_init.connect(_record, sender=model, dispatch_uid=f"page-deps-{model._meta.label}")


@contextlib.contextmanager
def recording():
    """Collect the keys of the tracked objects loaded inside the block."""
    found = set()
    token = _recorded.set(found)
    try:
        yield found
    finally:
        _recorded.reset(token)


def page_dependencies(request, recorded, status):
    """The keys a rendered page depends on, sorted."""
    declared = request.__dict__.get("page_dependencies")
    if status != 200 or not declared:
        return LIST_KEYS
    keys = declared | recorded
    if len(keys) > MAX_KEYS:
        keys = declared | set(LIST_KEYS)
    return tuple(sorted(keys))


def header_keys(keys):
    return (*keys, SITE_KEY)


# Versions -----------------------------------------------------------------------------


def _new_version():
    return (secrets.token_hex(6), time.time())


def read_versions(keys, *, create=False):
    """The current versions of `keys` (key: (token, time)) and the writes token, in one
    round trip. With `create`, missing versions are created; otherwise they stay None."""
    found = cache.get_many([WRITES_KEY, *(VERSION_PREFIX + key for key in keys)])
    versions = {key: found.get(VERSION_PREFIX + key) for key in keys}
    missing = {VERSION_PREFIX + key: _new_version() for key, value in versions.items() if not value}
    if create and missing:
        cache.set_many(missing, timeout=None)
        versions.update({key.removeprefix(VERSION_PREFIX): value for key, value in missing.items()})
    return versions, found.get(WRITES_KEY)


def writes_token():
    return cache.get(WRITES_KEY)


def still_current(stored_versions):
    """Whether the versions a page was stored under still hold (one round trip)."""
    if not stored_versions:
        return True
    keys = [VERSION_PREFIX + key for key, _ in stored_versions]
    found = cache.get_many(keys)
    return all(
        (found.get(VERSION_PREFIX + key) or (None,))[0] == token for key, token in stored_versions
    )


def bump(keys):
    """Give `keys` new versions: every page showing them becomes stale, then tell the CDN.

    The writes token changes first, so that a page rendered before the write and
    finishing after it is never stored under the new versions.
    """
    keys = sorted(set(keys))
    if not keys:
        return
    cache.set(WRITES_KEY, secrets.token_hex(6), timeout=None)
    version = _new_version()
    cache.set_many({VERSION_PREFIX + key: version for key in keys}, timeout=None)
    call_purge_hook(keys)


def call_purge_hook(keys):
    """Hand the purged keys to `CACHE_PURGE_HOOK`: a dotted path to a callable taking the
    list of keys, or an http(s) URL that receives a POST of {"keys": [...]} as JSON.
    A failure is logged and never breaks the write."""
    hook = getattr(settings, "CACHE_PURGE_HOOK", "")
    if not hook:
        return
    try:
        if hook.startswith(("http://", "https://")):
            request = urllib.request.Request(
                hook,
                data=json.dumps({"keys": list(keys)}).encode(),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=5) as answer:
                answer.read()
        else:
            import_string(hook)(list(keys))
    except Exception:
        logger.exception("The cache purge hook %s failed for keys %s", hook, keys)


# Writes: what they make stale ------------------------------------------------------------


def _links(model):
    """The forward links of `model` to tracked models (foreign keys and many-to-many)."""
    tracked = set(tracked_models())
    return [
        field.name
        for field in model._meta.get_fields()
        if (field.many_to_one or field.many_to_many)
        and not field.auto_created
        and field.related_model in tracked
    ]


def _linked(pks_by_model):
    """What the given objects link to, as {model: pks}: one query per link."""
    found = defaultdict(set)
    for model, pks in pks_by_model.items():
        if not pks:
            continue
        for name in _links(model):
            related = model._meta.get_field(name).related_model
            rows = model._default_manager.filter(pk__in=pks).values_list(name, flat=True)
            found[related].update(pk for pk in rows if pk is not None)
    return found


def _seeds(objects):
    """The tracked objects a write concerns, as {model: pks}; None if one is not tracked."""
    tracked = set(tracked_models())
    seeds = defaultdict(set)
    for obj in objects:
        model = type(obj)._meta.concrete_model
        parent = PARENTS.get(model._meta.label)
        if parent:
            field = model._meta.get_field(parent)
            pk = getattr(obj, field.attname)
            if pk is not None:
                seeds[field.related_model].add(pk)
            if model in tracked and obj.pk is not None:
                seeds[model].add(obj.pk)
        elif model in tracked:
            if obj.pk is not None:
                seeds[model].add(obj.pk)
        else:
            return None
    return seeds


def affected_keys(seeds):
    """The keys to bump for a write to the objects in `seeds` ({model: pks})."""
    from articles.models import Article, Mention, Quote
    from entities.models import Sector

    level = defaultdict(set, {model: set(pks) for model, pks in seeds.items()})
    lists = {list_key(model) for model in level}
    articles = level.get(Article)
    if articles:
        lists.update(LIST_KEYS)
        level[Quote].update(Quote.objects.filter(article__in=articles).values_list("pk", flat=True))
        entity_fields = [field.name for field in Mention._meta.get_fields() if field.many_to_one]
        rows = Mention.objects.filter(article__in=articles).values_list(*entity_fields)
        for row in rows:
            for name, pk in zip(entity_fields, row, strict=True):
                related = Mention._meta.get_field(name).related_model
                if pk is not None and related is not Article:
                    level[related].add(pk)
    everything = defaultdict(set)
    for depth in range(3):
        for model, pks in level.items():
            everything[model].update(pks)
        if depth < 2:
            level = _linked(level)
    sectors = everything.get(Sector)
    if sectors:
        parents = dict(Sector.objects.values_list("pk", "parent_id"))
        for pk in list(sectors):
            seen = set()
            while parents.get(pk) and pk not in seen:
                seen.add(pk)
                pk = parents[pk]
                sectors.add(pk)
    keys = {f"{model._meta.model_name}:{pk}" for model, pks in everything.items() for pk in pks}
    return keys | lists


def _scheduled(pks_by_model):
    from django.utils import timezone

    from articles.models import Article

    articles = pks_by_model.get(Article)
    if not articles:
        return False
    return Article.objects.scheduled(timezone.now()).filter(pk__in=articles).exists()


def changed_on_commit(*objects):
    """Bump, once the transaction commits, the keys of what a write to `objects` changes.

    The links are read now (before a write that removes links or deletes the objects,
    when called before it) and again at the commit, and the keys of both are bumped.
    Objects of a kind the page cache cannot target make the site-wide version change.
    """
    from articles.public import content_version

    seeds = _seeds(objects)
    if seeds is None:
        content_version.bump_on_commit()
        return
    before = affected_keys(seeds)

    def bump_after_commit():
        now = _seeds(objects)
        for model, pks in seeds.items():
            now[model].update(pks)
        existing = {
            model: set(model._default_manager.filter(pk__in=pks).values_list("pk", flat=True))
            for model, pks in now.items()
        }
        bump(before | affected_keys(existing))
        if _scheduled(existing):
            # The site-wide version carries the next scheduled publish time.
            content_version.bump_site_version()

    transaction.on_commit(bump_after_commit)
