"""Mentions: the people, organizations and topics an article names."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q

from articles.models.articles import Article
from articles.models.quotes import Quote
from entities.models import Country, Event, Organization, Person, Sector

MENTION_ENTITY_FIELDS = ("person", "organization", "sector", "event", "country")


def exactly_one_of(fields):
    """A condition that holds when exactly one of the nullable `fields` is set."""
    return reduce(or_, (Q(**{f"{f}__isnull": f != chosen for f in fields}) for chosen in fields))


class Mention(models.Model):
    """An entity named in an article, with the role it plays there."""

    ENTITY_FIELDS = MENTION_ENTITY_FIELDS

    class Role(models.TextChoices):
        ABOUT = "about", "The article is about it"
        MENTIONS = "mentions", "Mentioned"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    role = models.CharField("role", max_length=10, choices=Role, default=Role.MENTIONS)
    aliases = models.JSONField(
        "forms used", default=list, blank=True, help_text="How the article names it."
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "mention"
        ordering = ["article", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of(MENTION_ENTITY_FIELDS),
                name="mention_names_exactly_one_entity",
            )
        ]
        # A profile's articles: the entity's mentions, read without visiting the table.
        indexes = [
            models.Index(fields=[field, "article"], name=f"mention_{field}_article")
            for field in MENTION_ENTITY_FIELDS
        ]

    def __str__(self):
        return f"{self.entity} in {self.article}"

    @property
    def entity_type(self):
        for field in self.ENTITY_FIELDS:
            if getattr(self, f"{field}_id"):
                return field
        return ""

    @property
    def entity(self):
        kind = self.entity_type
        return getattr(self, kind) if kind else None


def people_in_public_coverage(now=None):
    """People quoted in, or mentioned by, what the public may see.

    Someone named only in a draft, a scheduled or a trashed article is not among
    them: public lists, filters and search never reveal that person.
    """
    # Per person, EXISTS probes the speaker and mention indexes; `pk IN (...) OR pk IN (...)`
    # would build both sets over the whole archive first.
    published = Article.objects.published(now)
    quoted = Quote.objects.public(now).filter(speaker=models.OuterRef("pk"))
    mentioned = Mention.objects.filter(person=models.OuterRef("pk"), article__in=published)
    return Person.objects.filter(models.Exists(quoted) | models.Exists(mentioned))
