"""Suggestions an editor rejected, remembered so they are not proposed again."""

from django.conf import settings
from django.db import models

from articles.models.articles import Article


class RejectedSuggestion(models.Model):
    """A proposal an editor turned down; it is not proposed again for that article."""

    class Kind(models.TextChoices):
        QUOTE = "quote", "Quote"
        MENTION = "mention", "Mention"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="rejected_suggestions"
    )
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.QUOTE)
    signature = models.CharField(
        max_length=64, help_text="What identifies the proposal: its span, or the entity's name."
    )
    text = models.TextField(blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rejected suggestion"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "signature"], name="unique_rejection_per_article"
            )
        ]

    def __str__(self):
        return f"Rejected {self.kind} in {self.article}: {self.text[:60]}"
