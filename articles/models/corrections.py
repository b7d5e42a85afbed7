"""Corrections, clarifications and updates published under an article."""

import uuid

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.models.articles import Article


class CorrectionQuerySet(models.QuerySet):
    def public(self, now=None):
        """Corrections to articles the public may see (the one visibility rule)."""
        return self.filter(article__in=Article.objects.published(now))


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    uid = models.UUIDField(
        "permanent id",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Minted once; the corrections feed uses it as the item's id.",
    )
    article = models.ForeignKey(
        Article, verbose_name="article", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField("kind", max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(
        "text", help_text="What was wrong and what is right now, as readers will see it."
    )
    created_at = models.DateTimeField(
        "time", default=timezone.now, help_text="Shown to readers; the article's update time."
    )

    objects = CorrectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "correction"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at"], name="correction_newest")]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.article}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        """The id of the correction on its article's page."""
        return f"correction-{self.uid}"
