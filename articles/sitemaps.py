"""sitemap.xml: published articles, and the profiles that have public coverage."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q

from entities.models import Country, Event, Organization, Person, Sector

from .models import Article, Quote


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
    model = None
    quoted_through = None  # the path from the entity to its public quotes, if any

    def items(self):
        covered = Q(mentions__article__in=Article.objects.published())
        if self.quoted_through:
            covered |= Q(**{f"{self.quoted_through}__in": Quote.objects.public()})
        return (
            self.model.objects.filter(covered)
            .distinct()
            .only("slug", "updated_at")
            .order_by("name", "pk")
        )

    def lastmod(self, entity):
        return entity.updated_at


class PersonSitemap(EntitySitemap):
    model = Person
    quoted_through = "quotes"


class OrganizationSitemap(EntitySitemap):
    model = Organization
    quoted_through = "people__quotes"


class SectorSitemap(EntitySitemap):
    model = Sector
    quoted_through = "quotes"


class EventSitemap(EntitySitemap):
    model = Event
    quoted_through = "quotes"


class CountrySitemap(EntitySitemap):
    model = Country
    quoted_through = "people__quotes"


SITEMAPS = {
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "sectors": SectorSitemap,
    "events": EventSitemap,
    "countries": CountrySitemap,
}
