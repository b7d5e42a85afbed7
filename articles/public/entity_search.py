"""Site search's profile matches: entities whose name or an alias has the words of a query.

People (in public coverage only), organizations, sectors, events and countries, each kind's
best few, read in one UNION ALL query; and the condition on quotes by people so named.
"""

from django.db.models import Case, CharField, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber

from articles.models import Quote, people_in_public_coverage
from entities.models import Country, Event, Organization, Person, Sector

ENTITY_LIMIT = 4
MIN_ENTITY_QUERY = 2


def _public_quote_count(relation):
    return Count(relation, filter=Q(**{f"{relation}__in": Quote.objects.public()}), distinct=True)


# Each kind, with the path from it to the quotes it counts.
ENTITY_SEARCHES = (
    (Person, "quotes"),
    (Organization, "people__quotes"),
    (Sector, "quotes"),
    (Event, "quotes"),
    (Country, "people__quotes"),
)


def searchable(model):
    """The entities of `model` that search may name: people only when in public coverage."""
    return people_in_public_coverage() if model is Person else model.objects.all()


def _names(texts):
    """Entities whose name, or aliases, contain every word of one of `texts`.

    Word by word, so that “counter tariffs” finds “Canadian counter-tariffs”.
    """
    found = Q()
    for text in texts:
        words = text.split()
        found |= Q(*(Q(name__icontains=w) for w in words))
        found |= Q(*(Q(aliases__icontains=w) for w in words))
    return found


def match_entities(query, *, also=(), limit=ENTITY_LIMIT):
    """People, organizations, sectors, events and countries whose name or an alias matches.

    `also` are other spellings of the query (its correction, found by similarity). Exact
    name or alias matches come first. Each carries `public_quote_count` (quotes in our
    coverage by or about it) and `kind` (its verbose name). One query for all kinds.
    """
    if len(query) < MIN_ENTITY_QUERY:
        return []
    texts = [query, *also]
    parts = [_entity_part(*search, texts, query, limit) for search in ENTITY_SEARCHES]
    rows = parts[0].union(*parts[1:], all=True)
    models = {model._meta.model_name: model for model, _ in ENTITY_SEARCHES}
    kinds = list(models)
    found = []
    for kind, *values, count, _rank in sorted(rows, key=lambda r: (kinds.index(r[0]), r[-1])):
        entity = _entity_of(models[kind], values, rows.db)
        entity.public_quote_count = count
        entity.kind = entity._meta.verbose_name
        entity.is_exact = any(entity.answers_to(text) for text in texts)
        found.append(entity)
    found.sort(key=lambda e: (not e.is_exact, -e.public_quote_count))
    return found


# In the models' field order, as `from_db` reads them.
ENTITY_FIELDS = ["id", "name", "slug", "short_description", "aliases"]
PERSON_FIELDS = ["title", "affiliation_id", "affiliation__name"]
NO_PERSON = [CharField(), IntegerField(), CharField()]


def _entity_part(model, relation, texts, query, limit):
    """The UNION columns of `model`'s best `limit` matches of `texts`: its model name, the
    ENTITY_FIELDS, the PERSON_FIELDS (NULL for other kinds), the public quote count and
    the rank among them (exact name matches first, then the most quoted, then by name)."""
    exact = Case(When(name__iexact=query, then=Value(1)), default=Value(0))
    matching = model.objects.filter(_names(texts)).annotate(
        public_quote_count=_public_quote_count(relation),
        exact=exact,
    )
    order = [F("exact").desc(), F("public_quote_count").desc(), F("name").asc()]
    best = matching.filter(pk__in=searchable(model).values("pk"))
    best = best.order_by(*order).values("pk")[:limit]
    person = PERSON_FIELDS if model is Person else [Value(None, f) for f in NO_PERSON]
    return (
        matching.filter(pk__in=best)
        .order_by()
        .values_list(
            Value(model._meta.model_name),
            *ENTITY_FIELDS,
            *person,
            "public_quote_count",
            Window(RowNumber(), order_by=order),
        )
    )


def _entity_of(model, values, db):
    """An entity from its UNION columns (without the kind, count and rank)."""
    entity = model.from_db(db, ENTITY_FIELDS, values[: len(ENTITY_FIELDS)])
    if model is Person:
        entity.title, affiliation, name = values[len(ENTITY_FIELDS) :]
        entity.affiliation_id = affiliation
        if affiliation is not None:
            entity.affiliation = Organization.from_db(db, ["id", "name"], [affiliation, name])
    return entity


def quotes_by_people_named(texts):
    """A condition on quotes: their speaker's name or an alias contains one of `texts`."""
    texts = [text for text in texts if len(text) >= MIN_ENTITY_QUERY]
    if not texts:
        return Q(pk__in=[])
    return Q(speaker__in=Person.objects.filter(_names(texts)).values("pk"))
