"""People, organizations, sectors, events and countries: what the coverage is about."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from entities.addresses import address


def split_aliases(text):
    """The aliases typed one per line (or separated by semicolons), cleaned and de-duplicated."""
    seen = []
    for raw in text.replace(";", "\n").splitlines():
        alias = " ".join(raw.split())
        if alias and alias.casefold() not in {s.casefold() for s in seen}:
            seen.append(alias)
    return seen


class EntityQuerySet(models.QuerySet):
    def matching_name(self, name):
        """Entities whose name or one of whose aliases is `name` (case-insensitive)."""
        wanted = " ".join(name.split()).casefold()
        if not wanted:
            return self.none()
        if wanted.isascii():
            candidates = self.filter(Q(name__iexact=wanted) | Q(aliases__icontains=wanted))
        else:
            # SQLite folds only ASCII case, so compare accented names in Python.
            candidates = self.only("pk", "name", "aliases")
        pks = [e.pk for e in candidates if e.answers_to(wanted)]
        return self.filter(pk__in=pks)


class Entity(models.Model):
    """Fields common to every kind of entity."""

    name = models.CharField(
        "name", max_length=200, help_text="The name as readers know it: “Mark Carney”."
    )
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        help_text="The profile's web address. Changing it leaves a redirect from the old one.",
    )
    uid = models.UUIDField(
        "permanent id",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Never changes, even when the entity is renamed or merged (feed ids use it).",
    )
    short_description = models.CharField(
        "short description",
        max_length=300,
        blank=True,
        help_text="One line shown under the name in lists and cards.",
    )
    description = models.TextField(
        "description", blank=True, help_text="Longer background shown on the profile."
    )
    aliases = models.TextField(
        "aliases",
        blank=True,
        help_text="Other names used in copy, one per line: “Carney”, “Prime Minister Mark Carney”.",
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        help_text="For example Q55658; published as schema.org sameAs.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("updated", auto_now=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        self.aliases = "\n".join(split_aliases(self.aliases))
        if not self.slug:
            self.slug = self.unique_slug(self.name)
        old_slug = None
        if self.pk:
            old_slug = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values_list("slug", flat=True)
                .first()
            )
        super().save(*args, **kwargs)
        if old_slug != self.slug:
            SlugRedirect.slug_changed(self, old_slug)

    @property
    def alias_list(self):
        return split_aliases(self.aliases)

    def answers_to(self, name):
        wanted = " ".join(name.split()).casefold()
        return wanted == self.name.casefold() or wanted in {a.casefold() for a in self.alias_list}

    def add_alias(self, alias):
        alias = " ".join(alias.split())
        if alias and not self.answers_to(alias):
            self.aliases = "\n".join([*self.alias_list, alias])

    @classmethod
    def unique_slug(cls, name):
        base = slugify(name)[:180] or "entity"
        slug, n = base, 2
        while cls._default_manager.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Country(Entity):
    iso_code = models.CharField(
        "ISO code", max_length=2, blank=True, help_text="Two letters: CA, US, MX."
    )

    history = HistoricalRecords()

    class Meta(Entity.Meta):
        verbose_name = "country"
        verbose_name_plural = "countries"

    def get_absolute_url(self):
        return address("entities:country-detail", self.slug)


class Organization(Entity):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government"
        AGENCY = "agency", "Agency or public body"
        COMPANY = "company", "Company"
        UNION = "union", "Union"
        ASSOCIATION = "association", "Association"
        MEDIA = "media", "News outlet"
        OTHER = "other", "Other"

    kind = models.CharField("kind", max_length=20, choices=Kind, default=Kind.OTHER)
    country = models.ForeignKey(
        Country,
        verbose_name="country",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
    )

    history = HistoricalRecords()

    class Meta(Entity.Meta):
        verbose_name = "organization"

    def get_absolute_url(self):
        return address("entities:organization-detail", self.slug)


class Person(Entity):
    title = models.CharField(
        "title",
        max_length=200,
        blank=True,
        help_text="Current role, as copy gives it: “Prime Minister of Canada”.",
    )
    affiliation = models.ForeignKey(
        Organization,
        verbose_name="affiliation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    country = models.ForeignKey(
        Country,
        verbose_name="country",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )

    history = HistoricalRecords()

    class Meta(Entity.Meta):
        verbose_name = "person"
        verbose_name_plural = "people"

    def get_absolute_url(self):
        return address("entities:person-detail", self.slug)

    @property
    def named_affiliation(self):
        """The affiliation to name after the title; none when the title already names it.

        “President, Shieldline Metalworkers Union” is not followed by the union again.
        """
        organization = self.affiliation
        if organization is None or organization.name.casefold() in self.title.casefold():
            return None
        return organization


class Sector(Entity):
    parent = models.ForeignKey(
        "self",
        verbose_name="parent sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="For example metals for steel.",
    )
    hs_chapters = models.CharField(
        "HS chapters",
        max_length=100,
        blank=True,
        help_text="Harmonized System chapters, comma-separated: 72, 73.",
    )

    history = HistoricalRecords()

    class Meta(Entity.Meta):
        verbose_name = "sector"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="sector_not_its_own_parent"
            )
        ]

    def get_absolute_url(self):
        return address("entities:sector-detail", self.slug)


class EventQuerySet(EntityQuerySet):
    def upcoming(self, today):
        return self.filter(start_date__gt=today).order_by("start_date")


class Event(Entity):
    class Kind(models.TextChoices):
        SUMMIT = "summit", "Summit"
        MEETING = "meeting", "Meeting"
        NEGOTIATION = "negotiation", "Negotiation round"
        TARIFF_ACTION = "tariff_action", "Tariff action"
        RETALIATION = "retaliation", "Retaliation"
        AGREEMENT = "agreement", "Agreement"
        DEADLINE = "deadline", "Deadline"
        ANNOUNCEMENT = "announcement", "Announcement"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        ONGOING = "ongoing", "Ongoing"
        CONCLUDED = "concluded", "Concluded"
        CANCELLED = "cancelled", "Cancelled"

    MEASURE_KINDS = (Kind.TARIFF_ACTION, Kind.RETALIATION)
    # Its many-to-many links to other entities.
    LINKS = (
        "participants",
        "organizations",
        "sectors",
        "implementing_countries",
        "affected_countries",
    )

    kind = models.CharField("kind", max_length=20, choices=Kind)
    start_date = models.DateField(
        "start date", help_text="The day it began or takes place (the first of the month if vague)."
    )
    end_date = models.DateField(
        "end date", null=True, blank=True, help_text="Leave empty for a one-day or open event."
    )
    date_is_approximate = models.BooleanField(
        "month only",
        default=False,
        help_text="Tick when only the month is known; pages then show “March 2025”.",
    )
    status = models.CharField("status", max_length=20, choices=Status, default=Status.CONCLUDED)
    location = models.CharField("location", max_length=200, blank=True)
    participants = models.ManyToManyField(
        Person, verbose_name="participants", blank=True, related_name="events"
    )
    organizations = models.ManyToManyField(
        Organization, verbose_name="organizations", blank=True, related_name="events"
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name="sectors", blank=True, related_name="events"
    )
    implementing_countries = models.ManyToManyField(
        Country,
        verbose_name="implementing countries",
        blank=True,
        related_name="implemented_events",
        help_text="Who imposes the measure or hosts the event.",
    )
    affected_countries = models.ManyToManyField(
        Country,
        verbose_name="affected countries",
        blank=True,
        related_name="affected_events",
        help_text="Who the measure targets.",
    )
    rate = models.CharField(
        "rate", max_length=100, blank=True, help_text="Trade measures: “25%”, “10% on energy”."
    )
    legal_basis = models.CharField(
        "legal basis", max_length=200, blank=True, help_text="Trade measures: “Section 232”."
    )

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sectors])

    class Meta(Entity.Meta):
        verbose_name = "event"
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_it_starts",
            )
        ]
        indexes = [
            models.Index(fields=["start_date"]),
            models.Index(fields=["kind", "start_date"], name="event_kind_date"),
        ]

    def get_absolute_url(self):
        return address("entities:event-detail", self.slug)

    def role_of(self, country, *, implements):
        """Which side `country` is on, for its profile: “Imposed by Canada”, “Affects Canada”.

        `implements`: the country is among the implementing countries, else the affected.
        """
        if implements:
            verb = "Imposed by" if self.is_trade_measure else "Hosted or led by"
        else:
            verb = "Affects" if self.is_trade_measure else "Concerns"
        return f"{verb} {country.name}"

    @property
    def is_trade_measure(self):
        return self.kind in self.MEASURE_KINDS

    def is_upcoming(self, today):
        return self.start_date > today


# Each kind of entity by the name bundles, the engine and the API give it.
ENTITY_MODELS = {
    "person": Person,
    "organization": Organization,
    "sector": Sector,
    "event": Event,
    "country": Country,
}


class EventStatusChange(models.Model):
    """One dated step in a trade measure's life: announced, in force, suspended ..."""

    class Status(models.TextChoices):
        THREATENED = "threatened", "Threatened"
        ANNOUNCED = "announced", "Announced"
        IN_FORCE = "in_force", "In force"
        SUSPENDED = "suspended", "Suspended"
        STRUCK_DOWN = "struck_down", "Struck down"
        ENDED = "ended", "Ended"

    event = models.ForeignKey(
        Event, verbose_name="event", on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField("status", max_length=20, choices=Status)
    date = models.DateField("date")
    note = models.CharField("note", max_length=300, blank=True)

    class Meta:
        verbose_name = "status change"
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["date"], name="status_change_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "status", "date"], name="unique_event_status_per_date"
            )
        ]

    def __str__(self):
        return f"{self.get_status_display()} on {self.date:%Y-%m-%d}"


class SlugRedirect(models.Model):
    """An old address of a profile or article, redirected (301) to the current one."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    old_slug = models.SlugField(max_length=200)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "old_slug"], name="unique_old_slug_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.content_type.model}: {self.old_slug} → #{self.object_id}"

    @classmethod
    def remember(cls, obj, old_slug):
        ct = ContentType.objects.get_for_model(obj)
        cls.objects.update_or_create(
            content_type=ct, old_slug=old_slug, defaults={"object_id": obj.pk}
        )
        # A redirect from the slug `obj` now uses no longer applies.
        cls.objects.filter(content_type=ct, old_slug=obj.slug).delete()

    @classmethod
    def slug_changed(cls, obj, old_slug):
        """Record `old_slug` (if any) as a redirect; free the slug `obj` now uses."""
        if old_slug:
            cls.remember(obj, old_slug)
        else:
            ct = ContentType.objects.get_for_model(obj)
            cls.objects.filter(content_type=ct, old_slug=obj.slug).delete()

    @classmethod
    def target(cls, model, old_slug):
        ct = ContentType.objects.get_for_model(model)
        row = cls.objects.filter(content_type=ct, old_slug=old_slug).first()
        if row is None:
            return None
        return model._default_manager.filter(pk=row.object_id).first()


class MergeRecord(models.Model):
    """What a merge moved, so that nothing is lost without a trace."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    kept_id = models.PositiveBigIntegerField()
    kept_name = models.CharField(max_length=200)
    merged_name = models.CharField(max_length=200)
    merged_slug = models.SlugField(max_length=200)
    moved = models.JSONField(default=dict, help_text="Counts and ids of what was moved.")
    merged_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "merge record"
        ordering = ["-merged_at"]

    def __str__(self):
        return f"{self.merged_name} merged into {self.kept_name}"
