"""sitemap.xml: published articles, and the profiles that have public coverage."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from articles.models import Article, Mention, Quote
from articles.public.coverage import QUOTE_PATHS
from entities.models import Country, Event, Organization, Person, Sector


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "publish_at", "created_at", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class EntitySitemap(Sitemap):
    """Profiles of one kind of entity that are mentioned in, or quoted by, public coverage."""

    changefreq = "weekly"
    priority = 0.5
    limit = 5000

    def __init__(self, model):
        self.model = model

    def items(self):
        # EXISTS probes per entity, not DISTINCT over every mention and quote of the archive.
        published = Article.objects.published()
        covered = Exists(
            Mention.objects.filter(
                **{self.model._meta.model_name: OuterRef("pk")}, article__in=published
            )
        )
        path = QUOTE_PATHS[self.model._meta.model_name]
        quoted = Quote.objects.public().filter(**{path: OuterRef("pk")})
        covered |= Exists(quoted)
        # A list: the sitemap's paginator counts it without a second query.
        return list(
            self.model.objects.filter(covered).only("slug", "updated_at").order_by("name", "pk")
        )

    def lastmod(self, entity):
        return entity.updated_at


SITEMAPS = {
    "articles": ArticleSitemap,
    "people": EntitySitemap(Person),
    "organizations": EntitySitemap(Organization),
    "sectors": EntitySitemap(Sector),
    "events": EntitySitemap(Event),
    "countries": EntitySitemap(Country),
}
