"""Many-to-many links of a list of objects, read in one UNION query.

`prefetch_related("sectors", "events")` runs a query per relation and builds a related
manager's query for each object and relation; `link` reads every relation in one query
and gives each object `obj.<relation>.all()` from memory. The linked entities carry what
lists and structured data show of them: id, name, slug, Wikidata id, and for events
their dates and place. `link_together` does the same for several lists of objects, of
different models, in one query.
"""

from operator import attrgetter
from typing import NamedTuple

from django.db import models
from django.db.models.functions import Cast
from taggit.models import Tag, TaggedItem

from entities.models import Event

ENTITY_FIELDS = ("id", "name", "slug", "wikidata_id")
EXTRA_FIELDS = {Event: ("start_date", "end_date", "location")}
# Two dates and a place (an event's), a moment (when a linked row was made) and a
# position (the order rows were linked in).
EXTRA_TYPES = (
    models.DateField(),
    models.DateField(),
    models.CharField(),
    models.DateTimeField(),
    models.IntegerField(),
)


class Part(NamedTuple):
    """One part of the UNION.

    `query` is a values_list of `row_of` columns: its label, the owner's id, then the
    columns of the linked rows, which are `model` instances loading `fields` (one name per
    column, None for a column they do not load; a name that is not one of the model's
    fields is set as a plain attribute). `label` is the label of its rows when it
    is not the relation's name; `ordering` sorts each owner's rows (the model's
    Meta.ordering when empty); `owner_field`, for rows pointing back at their owner (a
    reverse foreign key), is set to the owner.
    """

    model: type
    fields: tuple
    query: models.QuerySet
    label: str | None = None
    ordering: tuple = ()
    owner_field: str | None = None


def row_of(name, owner, entity, extra=()):
    """The columns of one part of the UNION: its label `name`, the owner's id, the
    target's `entity` columns (id, name, slug, Wikidata id) and `extra` columns (two
    dates, a place, a moment, a position), each group padded with NULLs of the right type to the
    common width. None in `entity` or `extra` is a NULL column too."""

    def column(value, field):
        # Typed, so that a UNION whose first parts all leave a column NULL still matches
        # (PostgreSQL types an untyped NULL column as text).
        return Cast(models.Value(None), output_field=field) if value is None else value

    entity = [*entity, *(None for _ in ENTITY_FIELDS[len(entity) :])]
    extra = [*extra, *(None for _ in EXTRA_TYPES[len(extra) :])]
    return [
        models.Value(name),
        owner,
        *(column(value, models.CharField()) for value in entity),
        *(column(value, field) for value, field in zip(extra, EXTRA_TYPES, strict=True)),
    ]


def relation_part(model, name, ids, label=None):
    """The link table of `model.<name>` for the owners `ids`, as a `Part` (labelled `label`,
    else `name`)."""
    field = model._meta.get_field(name)
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    related = field.related_model
    entity = [target, *(f"{target}__{f}" for f in ENTITY_FIELDS[1:])]
    extra = [f"{target}__{f}" for f in EXTRA_FIELDS.get(related, ())]
    links = field.remote_field.through.objects.filter(**{f"{owner}__in": ids}).order_by()
    columns = row_of(label or name, owner, entity, extra)
    fields = (*ENTITY_FIELDS, *EXTRA_FIELDS.get(related, ()))
    return Part(related, fields, links.values_list(*columns), label)


def tags_part(model, ids, label=None, *, as_tagged=False):
    """The tags (taggit) of the `model` objects `ids`, as a `Part` (labelled `label`, else
    "tags"): by name, or `as_tagged`, in the order they were added (as `obj.tags.all()`
    gives them)."""
    meta = model._meta
    tagged = TaggedItem.objects.filter(
        content_type__app_label=meta.app_label,
        content_type__model=meta.model_name,
        object_id__in=ids,
    ).order_by()
    position = (None, None, None, None, "id") if as_tagged else ()
    columns = row_of(label or "tags", "object_id", ["tag", "tag__name", "tag__slug"], position)
    fields = ("id", "name", "slug", *((None,) * 5 + ("tagged_order",) if as_tagged else ()))
    ordering = ("tagged_order",) if as_tagged else ()
    return Part(Tag, fields, tagged.values_list(*columns), label, ordering)


def in_model_order(model, rows, ordering=()):
    """`rows` sorted by `ordering`, else as the model's Meta.ordering sorts them (by name
    when it has none)."""
    for key in reversed(ordering or model._meta.ordering or ["name"]):
        rows.sort(key=attrgetter(key.lstrip("-")), reverse=key.startswith("-"))
    return rows


def link(objects, relations, *, extra=None):
    """Give each of `objects` its `relations` (many-to-many field names) from one query.

    `extra` maps more relation names to a `Part` (or a tuple of its first fields: model,
    loaded field names, a values_list query with the same columns as `relation_part`
    gives), for links that are not a plain many-to-many field (tags).
    """
    link_together((objects, relations, extra))


def link_together(*groups):
    """`link` for several lists of objects in one query: each group is (objects,
    relations, extra), as `link` takes them. Relations of a group after the first are
    labelled `<group>.<name>`; labels of `extra` parts must differ across groups."""
    parts, lists = {}, []
    for index, (objects, relations, extra) in enumerate(groups):
        if not objects:
            continue
        ids = [obj.pk for obj in objects]
        model = type(objects[0])
        named = {
            name: relation_part(model, name, ids, f"{index}.{name}" if index else None)
            for name in relations
        }
        named.update({name: Part(*part) for name, part in (extra or {}).items()})
        for name, part in named.items():
            label = part.label or name
            if label in parts:
                raise ValueError(f"Two parts of the UNION are labelled {label!r}.")
            parts[label] = (name, part, ids)
        lists.append((objects, named))
    if parts:
        _store(lists, _read(parts))


def _read(parts):
    """{(label, owner id): [linked rows]} of every part, from one query."""
    queries = [part.query for _, part, _ in parts.values()]
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    found = {(label, pk): [] for label, (_, _, ids) in parts.items() for pk in ids}
    for label, owner, *values in rows:
        _, part, _ = parts[label]
        values = zip(part.fields, values[: len(part.fields)], strict=True)
        loaded = [(f, value) for f, value in values if f is not None]
        known = {field.attname for field in part.model._meta.concrete_fields}
        fields = [(f, value) for f, value in loaded if f in known]
        row = part.model.from_db(rows.db, [f for f, _ in fields], [v for _, v in fields])
        for name, value in loaded:
            if name not in known:
                setattr(row, name, value)
        found[(label, owner)].append(row)
    return found


def _store(lists, found):
    # One query object per model, shared: a Linked list is never narrowed, so never changes it.
    shared = {}
    for objects, named in lists:
        for name, part in named.items():
            query = shared.setdefault(part.model, models.sql.Query(part.model))
            label = part.label or name
            for obj in objects:
                rows = in_model_order(part.model, found[(label, obj.pk)], part.ordering)
                if part.owner_field:
                    for row in rows:
                        setattr(row, part.owner_field, obj)
                cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
                cache[name] = Linked(model=part.model, query=query, rows=rows)


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
