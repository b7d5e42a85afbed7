"""Readers' email alerts about a person, sector, event or country."""

import uuid

from django.db import models

from articles.models.mentions import exactly_one_of
from entities.models import Country, Event, Person, Sector

ALERT_ENTITY_FIELDS = ("person", "sector", "event", "country")


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the subscriptions digests go to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    """A reader's email alerts about one person, sector, event or country (see `alerts`)."""

    email = models.EmailField("email address")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    token = models.UUIDField("secret", default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField("asked for", auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmed", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("unsubscribed", null=True, blank=True)
    checked_until = models.DateTimeField(
        "digested until",
        null=True,
        blank=True,
        help_text="Quotes and articles that appeared up to this moment have been considered.",
    )
    last_sent_at = models.DateTimeField("last digest sent", null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = "email alert"
        # No uniqueness on (email, entity): merging two profiles moves both subscriptions to
        # the kept one, and digests are sent once per address and entity.
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of(ALERT_ENTITY_FIELDS),
                name="subscription_follows_one_entity",
            ),
        ]
        indexes = [models.Index(fields=["email"], name="subscription_email")]

    def __str__(self):
        return f"{self.email} follows {self.entity}"

    @property
    def kind(self):
        return next(field for field in ALERT_ENTITY_FIELDS if getattr(self, f"{field}_id"))

    @property
    def entity(self):
        return getattr(self, self.kind)
