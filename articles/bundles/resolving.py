"""Finding the entities a bundle article names, by name or alias, or creating them.

All the names of one article are looked up together, a few queries per kind of
entity whatever their number; the entities created or changed are written
together at the end.
"""

import string
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from entities.models import SlugRedirect, split_aliases

# Names looked up in one query: SQLite refuses conditions nested deeper than 1,000.
CHUNK = 300
# What SQLite's LIKE folds: ASCII letters only.
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# The fields an import changes on an entity that exists.
SAVED_FIELDS = {"name", "aliases", "title", "updated_at"}


def _wanted(name):
    return " ".join(name.split()).casefold()


def _chunks(items):
    items = list(items)
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def _answers_to(entity, wanted):
    """Whether the entity is found by `matching_name` for `wanted` (a casefolded name)."""
    if not wanted:
        return False
    if wanted.isascii():
        # The database's condition (case folded for ASCII letters), then the exact check.
        in_database = entity.name.translate(ASCII_LOWER) == wanted or (
            wanted in entity.aliases.translate(ASCII_LOWER)
        )
        if not in_database:
            return False
    return entity.answers_to(wanted)


def _candidates(model, names):
    """Every stored entity of `model` that one of `names` may resolve to, by primary key."""
    wanted = {_wanted(name) for name in names} - {""}
    accented = {w for w in wanted if not w.isascii()}
    pks = []
    if accented:
        # SQLite folds only ASCII case, so accented names are compared in Python.
        pks = [
            e.pk
            for e in model.objects.only("pk", "name", "aliases")
            if any(e.answers_to(w) for w in accented)
        ]
    conditions = [Q(pk__in=pks)] if pks else []
    conditions += [Q(name__iexact=w) | Q(aliases__icontains=w) for w in sorted(wanted - accented)]
    conditions += [Q(name__in=chunk) for chunk in _chunks(sorted(set(names)))]
    found = {}
    for chunk in _chunks(conditions):
        found.update((e.pk, e) for e in model.objects.filter(reduce(or_, chunk)))
    return [found[pk] for pk in sorted(found)]


class Entities:
    """The entities one bundle article names, found or created in memory, then written.

    `get` answers as a query by name would at that moment, counting the entities
    created and changed so far; `save` stands for a save; `write` stores it all.
    """

    def __init__(self, names, versions):
        """`names`: the names to look up, by model; `versions`: where changes are recorded."""
        self.known = {model: _candidates(model, names) for model, names in names.items() if names}
        self.created = {model: [] for model in self.known}
        self.changed = {model: {} for model in self.known}
        self.versions = versions

    def get(self, model, name, *, defaults=None):
        """The entity of `model` answering to `name` (name or alias), created if there is none."""
        pool = self.known[model] + self.created[model]
        wanted = _wanted(name)
        matches = [e for e in pool if _answers_to(e, wanted)]
        # SQLite folds the case of ASCII letters only; an exact match covers “Ána” there too.
        matches = matches or [e for e in pool if e.name == name]
        exact = [e for e in matches if e.name.casefold() == name.casefold()]
        if exact or matches:
            return (exact or matches)[0]
        entity = model(name=name, **(defaults or {}))
        self._clean(entity)
        self.created[model].append(entity)
        self.versions.record(entity, "+")
        return entity

    def save(self, entity):
        """Keep the entity's changes, to be written with the others."""
        self._clean(entity)
        model = type(entity)
        if entity.pk is not None:
            entity.updated_at = timezone.now()
            self.changed[model][entity.pk] = entity
        self.versions.record(entity, "~")

    @staticmethod
    def _clean(entity):
        entity.name = " ".join(entity.name.split())
        entity.aliases = "\n".join(split_aliases(entity.aliases))

    def write(self):
        """Store the entities created and changed."""
        for model, created in self.created.items():
            if created:
                self._create(model, created)
        for model, changed in self.changed.items():
            if changed:
                fields = [f.name for f in model._meta.concrete_fields if f.name in SAVED_FIELDS]
                model.objects.bulk_update(list(changed.values()), fields)

    @staticmethod
    def _create(model, created):
        bases = [slugify(entity.name)[:180] or "entity" for entity in created]
        taken = set()
        for chunk in _chunks(sorted(set(bases))):
            starts = reduce(or_, (Q(slug__startswith=base) for base in chunk))
            taken.update(model._default_manager.filter(starts).values_list("slug", flat=True))
        for entity, base in zip(created, bases, strict=True):
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            entity.slug = slug
            taken.add(slug)
        model.objects.bulk_create(created)
        # An old address that a new entity now uses no longer redirects.
        content_type = ContentType.objects.get_for_model(model)
        for chunk in _chunks(entity.slug for entity in created):
            SlugRedirect.objects.filter(content_type=content_type, old_slug__in=chunk).delete()
