"""Query conditions the public pages, feeds and exports share.

A sector covers its direct sub-sectors (metals covers steel); an article covers an
entity when it mentions it or quotes someone on it. Each condition is one `IN` test
that the database answers from an index.
"""

from django.db.models import IntegerField, OuterRef, Q, Subquery

from articles.models import Article, Mention, Quote
from entities.models import Sector


def in_sector(sector, path="sectors"):
    """A sector and its direct sub-sectors (metals covers steel).

    One `IN (sector and children)` test on the link itself, which the database answers
    from the index on the sector column (an OR across a join to the sector table cannot
    use it). `sector` may be an `OuterRef` to a sector of the enclosing query.
    """
    ref = OuterRef(sector) if isinstance(sector, OuterRef) else getattr(sector, "pk", sector)
    family = Sector.objects.filter(Q(pk=ref) | Q(parent=ref)).values("pk")
    return Q(**{f"{path}__in": family})


def quotes_in_sector(sector):
    """Quotes on a sector or its sub-sectors: one `pk IN` over the quote-sector links."""
    links = Quote.sectors.through.objects.filter(in_sector(sector, "sector"))
    return Q(pk__in=links.values("quote"))


# The path from a quote to each kind of entity: who said it, or what it is about.
QUOTE_PATHS = {
    "person": "speaker",
    "organization": "speaker__affiliation",
    "country": "speaker__country",
    "sector": "sectors",
    "event": "events",
}


def covering(entity):
    """Articles that mention `entity` or quote words by it or on it."""
    kind = entity._meta.model_name
    return coverage(Q(**{kind: entity}), Q(**{QUOTE_PATHS[kind]: entity}))


def coverage(mention, quote):
    """Articles with a mention matching `mention` or a quote matching `quote`.

    One `pk IN` per table, each answered from that table's indexes; an OR across the
    joins of both would pair every article's mentions with all its quotes first.
    """
    return Q(pk__in=Mention.objects.filter(mention).values("article")) | Q(
        pk__in=Quote.objects.filter(quote).values("article")
    )


class RowCount(Subquery):
    """How many rows a subquery (which may be a UNION, and may refer to an `OuterRef`)
    returns, as a scalar subquery."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def coverage_count(mention, quote=None):
    """How many published articles have a mention matching `mention` or a quote matching
    `quote` (conditions on `OuterRef("pk")`): a count over the UNION of their article ids.

    Each side reads only the entity's own rows from its index, so an index page costs
    about one probe per link it counts; a COUNT(DISTINCT) over a join of an article's
    mentions with its quotes would pair them all first.
    """
    published = Article.objects.published().values("pk")
    ids = Mention.objects.filter(mention, article__in=published).order_by().values("article")
    if quote is None:
        return RowCount(ids.distinct())
    quoted = Quote.objects.filter(quote, article__in=published).order_by().values("article")
    return RowCount(ids.union(quoted))


def narrow(queryset, condition):
    """`queryset` restricted to rows matching `condition`, without duplicate rows from joins."""
    return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))
