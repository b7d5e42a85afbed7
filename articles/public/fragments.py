"""Parts of pages kept in the cache while what they show is unchanged.

A page that builds the same part for many objects (a feed's item for each article and
quote) keeps each part in the cache with the dependency keys of what it was built from
(`dependencies.shown_key` of every tracked object loaded with it: an article's quotes,
their speakers, sectors, events and tags, its corrections) and their versions. The part
is current while those versions hold, so a write makes stale only the parts showing what
it changed, and the page made stale by the write builds just those again. Parts are
stored under the site-wide content version too (`content_version`), and only when no
write was committed while they were read: one racing a write is built again next time.

`FRAGMENT_CACHE_SECONDS` (on by default with a shared cache, page cache or not) says how
long parts are kept; 0 builds every part on every render.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import models

from articles.public import content_version, dependencies

# How far from the object a part is built for its loaded relations are followed: an
# article, its quotes, and their speakers, sectors, events and tags.
DEPTH = 3


def kept(names, build, *, space, also=()):
    """{name: part} for `names` (strings): from the cache the parts still current, the
    others from `build(missing names)`, which returns {name: (part, [objects it shows])}.
    `space` tells these parts from others (and includes whatever else they vary by, such
    as the site address their links use); each part depends on the keys `also` too."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return {name: part for name, (part, _) in build(list(names)).items()}
    writes = dependencies.writes_token()
    prefix = f"fragment:{space}:{content_version.current().token}:"
    found = cache.get_many([prefix + name for name in names])
    stored = {name: found[prefix + name] for name in names if prefix + name in found}
    named = {key for _, deps in stored.values() for key, _ in deps}
    versions, _ = dependencies.read_versions(named)
    parts = {}
    for name, (part, deps) in stored.items():
        if all((versions.get(key) or (None,))[0] == token for key, token in deps):
            parts[name] = part
            dependencies.note_shown(key for key, _ in deps)
    missing = [name for name in names if name not in parts]
    if not missing:
        return parts
    built = build(missing)
    shows = {name: shown_keys(*objects) | set(also) for name, (_, objects) in built.items()}
    versions, written = dependencies.read_versions(set().union(*shows.values()), create=True)
    if written == writes:  # No write committed meanwhile: the versions are those read.
        cache.set_many(
            {
                prefix + name: (part, tuple((key, versions[key][0]) for key in sorted(shows[name])))
                for name, (part, _) in built.items()
            },
            timeout=settings.FRAGMENT_CACHE_SECONDS,
        )
    return parts | {name: part for name, (part, _) in built.items()}


def shown_keys(*objects):
    """The dependency keys of `objects` and of the tracked objects loaded with them (their
    related objects, prefetched and linked relations, and lists of objects set on them),
    within DEPTH steps."""
    keys, seen = set(), set()

    def walk(obj, depth):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        key = dependencies.shown_key(obj)
        if key:
            keys.add(key)
        if depth < DEPTH:
            for related in _loaded_with(obj):
                walk(related, depth + 1)

    for obj in objects:
        walk(obj, 1)
    return keys


def _loaded_with(obj):
    yield from (value for value in obj._state.fields_cache.values() if value is not None)
    for rows in getattr(obj, "_prefetched_objects_cache", {}).values():
        yield from rows._result_cache or ()
    for value in vars(obj).values():
        if isinstance(value, models.Model):
            yield value
        elif isinstance(value, list | tuple):
            yield from (item for item in value if isinstance(item, models.Model))
