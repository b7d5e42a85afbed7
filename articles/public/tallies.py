"""Figures counted over the whole archive, kept in the cache until what they count changes.

The index pages show each entity with its tallies (its public quotes, its articles), and
the quote list offers each entity with its count of quotes. Counting them means reading
every link of every entity listed: seconds for the sectors, whose tallies take in
their sub-sectors. With `FRAGMENT_CACHE_SECONDS` set (the default with a shared cache), they
are kept in the cache, page cache or not:

- An entity's tallies (`entity_tallies`) are stored under the version of its tallies key
  (`dependencies.tallies_key`), which a write bumps with the entity's profile key (for
  what it changed and what is linked to that, two links deep) unless it leaves every
  tally as it was (a fix of a quote's words). A page made stale by a write counts again
  the few entities the write touched, not the others.
- The quote list's options (`tallied_rows`) are stored under the version of
  `dependencies.TALLIES_KEY`, which every write bumps save an edit of quotes leaving
  their links as they were (a fix of a quote's words).
- Both are stored under the site-wide content version as well (`content_version`), which
  changes when a scheduled article goes public without a write, and every day.

The versions are read before counting: a write committed meanwhile bumps them after, so
nothing older than a version is ever stored under it.
"""

from django.conf import settings
from django.core.cache import cache

from articles.public import content_version, dependencies


def tallied_rows(name, compute):
    """`compute()`, or what it returned since the tallies last changed."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return compute()
    versions, _ = dependencies.read_versions([dependencies.TALLIES_KEY], create=True)
    token = versions[dependencies.TALLIES_KEY][0]
    key = f"tallied:{name}:{content_version.current().token}:{token}"
    rows = cache.get(key)
    if rows is None:
        rows = compute()
        cache.set(key, rows, timeout=settings.FRAGMENT_CACHE_SECONDS)
    return rows


def entity_tallies(entities, annotations):
    """Set on each of `entities` (of one model) the tallies `annotations` give (name:
    expression on `OuterRef("pk")`), and return them: those still current from the cache,
    the others counted in one query for just those entities."""
    if not entities:
        return entities
    model = type(entities[0])
    names = sorted(annotations)
    stored = {}
    if settings.FRAGMENT_CACHE_SECONDS:
        tallied = {entity.pk: dependencies.tallies_key(entity) for entity in entities}
        versions, _ = dependencies.read_versions(list(tallied.values()), create=True)
        token = content_version.current().token
        # The names are part of the key: a page counting other tallies stores its own.
        counted = ",".join(names)
        keys = {
            pk: f"tally:{key}:{counted}:{versions[key][0]}:{token}" for pk, key in tallied.items()
        }
        found = cache.get_many(list(keys.values()))
        stored = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [entity.pk for entity in entities if entity.pk not in stored]
    if missing:
        rows = model._default_manager.filter(pk__in=missing).annotate(**annotations)
        fresh = {pk: values for pk, *values in rows.values_list("pk", *names)}
        stored |= fresh
        if settings.FRAGMENT_CACHE_SECONDS:
            cache.set_many(
                {keys[pk]: values for pk, values in fresh.items()},
                timeout=settings.FRAGMENT_CACHE_SECONDS,
            )
    for entity in entities:
        for name, value in zip(names, stored[entity.pk], strict=True):
            setattr(entity, name, value)
    return entities
