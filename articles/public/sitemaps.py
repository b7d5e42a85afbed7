"""sitemap.xml: published articles, and the profiles that have public coverage.

Two queries whatever the size of the archive: a page of articles (with their total), and
the covered profiles of every kind.
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, OuterRef, Value, Window

from articles.models import Article, Mention, Quote
from articles.public.coverage import QUOTE_PATHS
from entities.models import Country, Event, Organization, Person, Sector

ENTITY_SECTIONS = {
    "people": Person,
    "organizations": Organization,
    "sectors": Sector,
    "events": Event,
    "countries": Country,
}
# In the models' field order, as `from_db` reads them.
ENTITY_FIELDS = ["id", "name", "slug", "updated_at"]


class TotalPaginator(Paginator):
    """Pages of a queryset whose rows carry `total`, how many rows it has: a page and the
    count come from one query."""

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows and not (number == 1 and self.allow_empty_first_page):
            raise EmptyPage(self.error_messages["no_results"])
        self.count = rows[0].total if rows else 0
        return self._get_page(rows, number, self)


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    @property
    def paginator(self):
        return TotalPaginator(self._items(), self.limit)

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "publish_at", "created_at", "updated_at")
            .annotate(total=Window(Count("pk")))
        )

    def lastmod(self, article):
        return article.updated_at


def covered(model):
    """`model`'s entities that are mentioned in, or quoted by, public coverage."""
    # EXISTS probes per entity, not DISTINCT over every mention and quote of the archive.
    name = model._meta.model_name
    published = Article.objects.published()
    mentioned = Mention.objects.filter(**{name: OuterRef("pk")}, article__in=published)
    quoted = Quote.objects.public().filter(**{QUOTE_PATHS[name]: OuterRef("pk")})
    return model.objects.filter(Exists(mentioned) | Exists(quoted))


class CoveredEntities:
    """The covered entities of every kind, by name, read together on first use."""

    def __init__(self):
        self._found = None

    def of(self, model):
        if self._found is None:
            self._found = self._read()
        return self._found[model]

    def _read(self):
        """`{model: [entity]}` from one UNION ALL query, each list in name order."""
        models = {model._meta.model_name: model for model in ENTITY_SECTIONS.values()}
        parts = [
            covered(model).order_by().values_list(Value(name), *ENTITY_FIELDS)
            for name, model in models.items()
        ]
        rows = parts[0].union(*parts[1:], all=True).order_by("name", "id")
        found = {model: [] for model in models.values()}
        for kind, *values in rows:
            model = models[kind]
            found[model].append(model.from_db(rows.db, ENTITY_FIELDS, values))
        return found


class EntitySitemap(Sitemap):
    """Profiles of one kind of entity that are mentioned in, or quoted by, public coverage."""

    changefreq = "weekly"
    priority = 0.5
    limit = 5000

    def __init__(self, model, entities):
        self.model = model
        self.entities = entities

    def items(self):
        # A list: the sitemap's paginator counts it without a second query.
        return self.entities.of(self.model)

    def lastmod(self, entity):
        return entity.updated_at


class Sections:
    """The sections of sitemap.xml by name, as the sitemap view reads them: made afresh
    each time they are all asked for (once a request), so that the profile sections share
    one read of the covered entities. Compared by identity, as `reverse()` compares it."""

    names = ("articles", *ENTITY_SECTIONS)

    def __contains__(self, name):
        return name in self.names

    def __iter__(self):
        return iter(self.names)

    def __getitem__(self, name):
        return self._made()[name]

    def values(self):
        return self._made().values()

    def items(self):
        return self._made().items()

    def _made(self):
        entities = CoveredEntities()
        sections = {"articles": ArticleSitemap()}
        for name, model in ENTITY_SECTIONS.items():
            sections[name] = EntitySitemap(model, entities)
        return sections


SITEMAPS = Sections()
