"""Preview links: secret, expiring addresses of unpublished articles."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.models.articles import Article


def new_preview_token():
    return secrets.token_urlsafe(32)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        """Links that still open their article: not revoked, not expired, article not trashed."""
        return self.filter(
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
            article__deleted_at__isnull=True,
        )


class PreviewLink(models.Model):
    """A secret, expiring address showing one unpublished article to someone without an account."""

    token = models.CharField(
        "token", max_length=64, unique=True, default=new_preview_token, editable=False
    )
    article = models.ForeignKey(
        Article, verbose_name="article", on_delete=models.CASCADE, related_name="preview_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    expires_at = models.DateTimeField(
        "expires", help_text="After this moment the link shows only that it has expired."
    )
    revoked_at = models.DateTimeField("revoked", null=True, blank=True, editable=False)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "preview link"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        until = timezone.localtime(self.expires_at)
        return f"Preview of “{self.article}” until {until:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("articles:preview", args=[self.token])

    @property
    def is_active(self):
        return (
            self.revoked_at is None
            and self.expires_at > timezone.now()
            and self.article.deleted_at is None
        )
