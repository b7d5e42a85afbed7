"""What each cached page shows, and which cached pages a write makes stale.

A cached page depends on keys of three kinds, and on the list keys:

- `person:5` (likewise `article:12`, `quote:40`, `organization:2`, `sector:3`,
  `event:7`, `country:1`, `tag:9`): the object as shown wherever it is named, its own
  fields. Only a write to the object itself bumps it (a write to an article or one
  of its quotes, mentions or corrections bumps the article and its quotes).
- `profile:person:5`: what the object's own page shows of what is linked to it (the
  quotes and articles it lists, their counts and charts). A write bumps it for
  everything linked to what it changed, two links deep.
- `mentions:person:5`: which articles mention the entity. A write to an article or
  its mentions bumps it for every entity the article mentions (a write to its quotes
  or corrections alone does not), a write to an entity for the entity.
- `list:article`, `list:person`, ...: a write bumps every list for an article or a
  quote, the list of its kind for an entity.

Each key has a version in the shared cache; a page is stored with the versions its
keys had, and is current while they still hold (and the site-wide content version
too, see `articles.public.content_version`).

- Detail pages (an article, a quote, a profile) declare their own key with
  `depends_on(request, key)`, and depend on it and on its profile key; every
  article, quote, entity and tag the page then loads from the database is recorded
  as a key too, so the page depends on the names it shows without a query of its
  own. A page showing more of what relates to another object declares that too:
  the article page the `mentions:` keys of what it names (its related articles are
  ranked by them), the event page the profile keys of its sectors (its neighbours
  are the events sharing one), the quote page the profile key of its first report
  (the other reports link to it).
- A profile (a page declaring an entity's key) depends on the entity and on the
  entities and tags it names, not on the articles and quotes it lists: each of those
  is linked to the entity within the two links a write to it bumps (a quote by the
  person, on the sector or a sub-sector, about the event, by the organization's or
  the country's people; an article mentioning the entity or quoting on it), so a write
  to it bumps the profile key anyway. Recording them would only push a long profile
  over MAX_KEYS.
- The index pages of people, organizations, sectors, events and countries show every
  entity of a kind with its tallies, and depend on `tallies` alone: every write bumps
  it, save an edit of quotes that leaves what they link to, whether they are key quotes
  and the day they were said as they were (a fix of their words), which changes no
  tally.
- Every other page (home, lists, the tracker, search, feeds, the sitemap, the API,
  a 301 or a 404) shows aggregates over everything and depends on every list key.
- A write (`changed_on_commit`) bumps, once committed, the keys of what it changed
  (for an article, or one of its quotes, mentions or corrections: the article and
  its quotes), the profile keys of that and of what it is linked to, two links deep
  (speakers, their organizations and countries, sectors and their parents, events,
  tags, what the article mentions), the `mentions:` keys (for an article or its
  mentions), and the list keys. Links
  removed by the write are covered by the keys read before it as well as after.

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
KINDS = tuple(label.split(".")[1].lower() for label in TRACKED)
LIST_KEYS = tuple(f"list:{kind}" for kind in KINDS)
PROFILE = "profile:"
MENTIONS = "mentions:"
# Writes that may change which articles mention an entity.
MENTIONS_CHANGE = {"articles.Article", "articles.Mention"}
# What an article's related articles are ranked by.
RELATED_KINDS = ("person", "organization", "sector", "event")
# The key every cached page carries in its headers: purging it purges the site.
SITE_KEY = "site"
# What the index pages show: every entity of a kind with its tallies.
TALLIES_KEY = "tallies"
# What the tallies count of a quote besides its links: whether it is a key quote (the
# tracker offers the people it quotes) and the day it was said (the tracker's months).
TALLIED_QUOTE_FIELDS = ("is_key", "day")
# A page recording more keys than this depends on every list key instead: just as
# correct (every write bumps at least one list key), but stale on every write. A
# profile names up to ~100 entities (its quotes' sectors and events, its lists); a hit
# checks the keys in one round trip either way.
MAX_KEYS = 192
# Kinds a profile need not record: what it lists of them is linked to the entity.
LISTED_ON_PROFILES = ("article", "quote")
VERSION_PREFIX = "pagedep:"
# Changes whenever any key is bumped: a page rendered while it changed is not stored.
WRITES_KEY = "pagedep-writes"

_recorded = contextvars.ContextVar("page_dependencies", default=None)


def tracked_models():
    return [apps.get_model(label) for label in TRACKED]


def key_of(instance):
    """The key of a tracked object, e.g. `person:5`."""
    return f"{instance._meta.model_name}:{instance.pk}"


def tallies_key(instance):
    """The key of what is counted of the object over the archive (its quotes and articles,
    what they are about, who they quote), e.g. `tallies:person:5`: bumped with its profile
    key, save by an edit of quotes leaving their links, key flag and day as they were."""
    return tallies_key_of(key_of(instance))


def tallies_key_of(key):
    return f"{TALLIES_KEY}:{key}"


def profile_key(instance):
    """The key of what the object's own page shows of what is linked to it,
    e.g. `profile:person:5`."""
    return PROFILE + key_of(instance)


def related_keys(mentioned):
    """The keys an article page's related articles depend on: which articles mention
    what it names (`mentioned` as `article_page.mentioned_entities` gives it), save the
    countries, which `article_page.related_articles` leaves out."""
    return [
        MENTIONS + key_of(entity)
        for kind, _, entities in mentioned
        if kind in RELATED_KINDS
        for entity in entities
    ]


def reports_key(quote):
    """The key of the other reports of a quote's words: the profile key of the first
    appearance, which each of them links to."""
    return f"{PROFILE}quote:{quote.first_appearance_id or quote.pk}"


def list_key(model):
    return f"list:{model._meta.model_name}"


def _keys(model, pks, prefix=""):
    return {f"{prefix}{model._meta.model_name}:{pk}" for pk in pks}


# Pages: what they show --------------------------------------------------------------


def depends_on(request, *keys):
    """Declare that the page answering `request` shows what `keys` name, and that it
    depends on them and on the objects it loads, not on every list."""
    declared = request.__dict__.setdefault("page_dependencies", set())
    declared.update(keys)


def depends_only_on(request, *keys):
    """Declare that the page answering `request` changes only when `keys` are bumped,
    whatever objects it loads (an index page: `TALLIES_KEY`)."""
    request.__dict__["page_dependencies_only"] = keys


def shown_key(instance):
    """The key a page showing `instance` depends on; None for a model not tracked."""
    meta = instance._meta.concrete_model._meta
    if instance.pk is None or meta.label not in TRACKED:
        return None
    article_id = instance.__dict__.get("article_id") if meta.model_name == "quote" else None
    # A quote is shown as part of its article, and every change to it bumps the article.
    return f"article:{article_id}" if article_id else key_of(instance)


def _record(sender, instance, **kwargs):
    found = _recorded.get()
    key = shown_key(instance) if found is not None else None
    if key:
        found.add(key)


def note_shown(keys):
    """Record `keys` for the page being rendered, as if it had loaded their objects (what
    it shows from a cached fragment)."""
    found = _recorded.get()
    if found is not None:
        found.update(keys)


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
    only = request.__dict__.get("page_dependencies_only")
    if status == 200 and only:
        return tuple(sorted(only))
    declared = request.__dict__.get("page_dependencies")
    if status != 200 or not declared:
        return LIST_KEYS
    own = {key for key in declared if key.split(":")[0] in KINDS}
    if not any(key.split(":")[0] in LISTED_ON_PROFILES for key in own):
        recorded = {key for key in recorded if key.split(":")[0] not in LISTED_ON_PROFILES}
    declared = declared | {PROFILE + key for key in own}
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


def affected_keys(seeds, *, mentions=True):
    """The keys to bump for a write to the objects in `seeds` ({model: pks}): the lists,
    their own keys, the `mentions:` keys of what they are and (with `mentions`: the write
    may change which articles mention what) of what their articles mention, and the
    profile keys of everything within two links."""
    from articles.models import Article, Mention, Quote
    from entities.models import Sector

    level = defaultdict(set, {model: set(pks) for model, pks in seeds.items()})
    keys = {list_key(model) for model in level}
    mentionable = {
        field.name: field.related_model
        for field in Mention._meta.get_fields()
        if field.many_to_one and field.related_model is not Article
    }
    mentioned = defaultdict(set)
    for model, pks in seeds.items():
        keys |= _keys(model, pks)
        if model in mentionable.values():
            mentioned[model].update(pks)
    articles = level.get(Article)
    if articles:
        keys.update(LIST_KEYS)
        level[Quote].update(Quote.objects.filter(article__in=articles).values_list("pk", flat=True))
        keys |= _keys(Quote, level[Quote])
        rows = Mention.objects.filter(article__in=articles).values_list(*mentionable)
        for row in rows:
            for related, pk in zip(mentionable.values(), row, strict=True):
                if pk is not None:
                    level[related].add(pk)
                    if mentions:
                        mentioned[related].add(pk)
    for model, pks in mentioned.items():
        keys |= _keys(model, pks, MENTIONS)
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
    for model, pks in everything.items():
        keys |= _keys(model, pks, PROFILE)
    return keys


def _scheduled(pks_by_model):
    from django.utils import timezone

    from articles.models import Article

    articles = pks_by_model.get(Article)
    if not articles:
        return False
    return Article.objects.scheduled(timezone.now()).filter(pk__in=articles).exists()


def _tallied_fields(quotes):
    """What the tallies count of `quotes` besides their links, as stored now."""
    from articles.models import Quote

    rows = Quote.objects.filter(pk__in=[quote.pk for quote in quotes])
    return set(rows.values_list("pk", *TALLIED_QUOTE_FIELDS))


def changed_on_commit(*objects):
    """Bump, once the transaction commits, the keys of what a write to `objects` changes.

    The links are read now (before a write that removes links or deletes the objects,
    when called before it) and again at the commit, and the keys of both are bumped.
    Objects of a kind the page cache cannot target make the site-wide version change.
    A new object is announced before it is saved (as the admin does): announced only
    once saved, a new quote would read as an edit leaving its links as they were.
    """
    from articles.public import content_version

    seeds = _seeds(objects)
    if seeds is None:
        content_version.bump_on_commit()
        return
    # Which articles mention what changes with an article or its mentions, not with a
    # write to its quotes or corrections alone.
    mentions = any(type(obj)._meta.concrete_model._meta.label in MENTIONS_CHANGE for obj in objects)
    # An edit of existing quotes changes no tally unless it changes what they link to.
    quote_edit = bool(objects) and all(
        type(obj)._meta.concrete_model._meta.label == "articles.Quote" and obj.pk is not None
        for obj in objects
    )
    before = affected_keys(seeds, mentions=mentions)
    counted = _tallied_fields(objects) if quote_edit else None

    def bump_after_commit():
        now = _seeds(objects)
        for model, pks in seeds.items():
            now[model].update(pks)
        existing = {
            model: set(model._default_manager.filter(pk__in=pks).values_list("pk", flat=True))
            for model, pks in now.items()
        }
        after = affected_keys(existing, mentions=mentions)
        unchanged = quote_edit and after == before and _tallied_fields(objects) == counted
        keys = before | after
        if not unchanged:
            # The tallies, and those of each entity whose profile the write makes stale.
            keys |= {TALLIES_KEY} | {
                tallies_key_of(key.removeprefix(PROFILE)) for key in keys if key.startswith(PROFILE)
            }
        bump(keys)
        if _scheduled(existing):
            # The site-wide version carries the next scheduled publish time.
            content_version.bump_site_version()

    transaction.on_commit(bump_after_commit)
