"""Many-to-many links of a list of objects, read in one UNION query.

`prefetch_related("sectors", "events")` runs a query per relation and builds a related
manager's query for each object and relation; `link` reads every relation in one query
and gives each object `obj.<relation>.all()` from memory. The linked entities carry what
lists and structured data show of them: id, name, slug, Wikidata id, and for events
their dates and place.
"""

from operator import attrgetter

from django.db import models

from entities.models import Event

ENTITY_FIELDS = ("id", "name", "slug", "wikidata_id")
EXTRA_FIELDS = {Event: ("start_date", "end_date", "location")}
EXTRA_TYPES = (models.DateField(), models.DateField(), models.CharField())


def row_of(name, owner, entity, extra=()):
    """The columns of one part of the UNION: the relation's name, the owner's id, the
    target's `entity` columns (id, name, slug, Wikidata id) and `extra` columns, each
    group padded with NULLs of the right type to the common width."""

    def null(field):
        return models.Value(None, output_field=field)

    entity = [*entity, *(null(models.CharField()) for _ in ENTITY_FIELDS[len(entity) :])]
    extra = [*extra, *(null(field) for field in EXTRA_TYPES[len(extra) :])]
    return [models.Value(name), owner, *entity, *extra]


def relation_part(model, name, ids):
    """The link table of `model.<name>` for the owners `ids`, as UNION columns."""
    field = model._meta.get_field(name)
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    related = field.related_model
    entity = [target, *(f"{target}__{f}" for f in ENTITY_FIELDS[1:])]
    extra = [f"{target}__{f}" for f in EXTRA_FIELDS.get(related, ())]
    links = field.remote_field.through.objects.filter(**{f"{owner}__in": ids}).order_by()
    columns = row_of(name, owner, entity, extra)
    return related, [*ENTITY_FIELDS, *EXTRA_FIELDS.get(related, ())], links.values_list(*columns)


def in_model_order(model, rows):
    """`rows` sorted as the model's Meta.ordering sorts them (by name when it has none)."""
    for key in reversed(model._meta.ordering or ["name"]):
        rows.sort(key=attrgetter(key.lstrip("-")), reverse=key.startswith("-"))
    return rows


def link(objects, relations, *, extra=None):
    """Give each of `objects` its `relations` (many-to-many field names) from one query.

    `extra` maps more relation names to (model, loaded field names, a values_list query
    with the same columns as `relation_part` gives), for links that are not a plain
    many-to-many field (tags).
    """
    if not objects:
        return
    owner_model = type(objects[0])
    ids = [obj.pk for obj in objects]
    parts = {name: relation_part(owner_model, name, ids) for name in relations}
    parts.update(extra or {})
    queries = [query for _, _, query in parts.values()]
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    found = {(name, pk): [] for name in parts for pk in ids}
    for name, owner, *values in rows:
        model, fields, _ = parts[name]
        found[(name, owner)].append(model.from_db(rows.db, fields, values[: len(fields)]))
    # One query object per model, shared: a Linked list is never narrowed, so never changes it.
    shared = {name: models.sql.Query(model) for name, (model, _, _) in parts.items()}
    for obj in objects:
        cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        for name, (model, _, _) in parts.items():
            rows_of = in_model_order(model, found[(name, obj.pk)])
            cache[name] = Linked(model=model, query=shared[name], rows=rows_of)


class Linked(models.QuerySet):
    """What `link` read for one object and relation: a list to show.

    `obj.sectors.all()` returns it, and iterating, counting or testing it reads nothing.
    It cannot be narrowed (filter, order_by, ...): that would query the whole table, not
    the object's own links, so it refuses; read such an object without linking it.
    """

    def __init__(self, model=None, query=None, using=None, hints=None, rows=None):
        super().__init__(model, query, using, hints)
        if rows is not None:
            self._result_cache = rows
            self._prefetch_done = True

    def _chain(self):
        raise TypeError("Linked relations are a list: read the object without linking it.")
