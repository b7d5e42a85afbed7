"""Articles: their states (draft, in review, scheduled, published, in the trash) and saving."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from articles.anchoring import normalize_body, reanchor
from articles.models.publishing import Publishable, PublishingQuerySet, publish_day
from entities.models import SlugRedirect


class ArticleQuerySet(PublishingQuerySet):
    def published(self, now=None):
        """What the public may see: published, publish time reached, not in the trash.

        Decided at query time, so a scheduled article appears when its time comes
        without any job running. Every public page, feed, count and sitemap uses it.
        """
        return self.filter(
            status=Article.Status.PUBLISHED,
            publish_at__lte=now or timezone.now(),
            deleted_at__isnull=True,
        )

    def scheduled(self, now=None):
        return self.filter(
            status=Article.Status.PUBLISHED,
            publish_at__gt=now or timezone.now(),
            deleted_at__isnull=True,
        )

    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def in_review(self):
        """Articles a reporter submitted and an editor has yet to publish (not in the trash)."""
        return self.filter(status=Article.Status.REVIEW, deleted_at__isnull=True)

    def with_quote_count(self):
        """Each article with `quote_count`, counted for the rows fetched only (no GROUP BY)."""
        Quote = self.model._meta.get_field("quotes").related_model
        counts = (
            Quote.objects.filter(article=models.OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(quote_count=Coalesce(models.Subquery(counts), 0))


class Article(Publishable, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    uid = models.UUIDField(
        "permanent id",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Minted once; feed item ids use it, so they never change.",
    )
    external_id = models.CharField(
        "bundle id",
        max_length=200,
        blank=True,
        help_text="The article's id in imported or exported bundles.",
    )
    headline = models.CharField("headline", max_length=300)
    slug = models.SlugField(
        "slug",
        max_length=200,
        help_text="The last part of the web address. Changing it leaves a redirect behind.",
    )
    dek = models.CharField(
        "dek", max_length=500, blank=True, help_text="The one-sentence summary under the headline."
    )
    byline = models.CharField("byline", max_length=200, blank=True)
    outlet = models.CharField(
        "outlet", max_length=200, blank=True, help_text="Where the story first ran."
    )
    dateline = models.CharField(
        "dateline",
        max_length=100,
        blank=True,
        help_text="Where the story was filed, as printed before its first line, e.g. OTTAWA.",
    )
    original_url = models.URLField(
        "original URL", max_length=500, blank=True, help_text="The story on the outlet's site."
    )
    body = models.TextField(
        "body",
        help_text="Plain text; leave a blank line between paragraphs. Quotes are anchored in it.",
    )
    status = models.CharField(
        "status", max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text=(
            "A published article is public from this moment; a future time schedules it. "
            "Left empty, publishing sets it to now."
        ),
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField(
        "updated", default=timezone.now, help_text="Shown to readers as the last update."
    )
    deleted_at = models.DateTimeField("in trash since", null=True, blank=True, editable=False)
    version = models.PositiveIntegerField("version", default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    tags = TaggableManager("tags", blank=True, help_text="Topics, separated by commas.")

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "article"
        ordering = ["-publish_at", "-pk"]
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]
        constraints = [
            models.UniqueConstraint(fields=["slug", "publish_at"], name="unique_slug_per_time"),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="unique_bundle_id",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="published_has_publish_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_visibility"),
            # Public lists, newest first: only what `published()` can return.
            models.Index(
                fields=["-publish_at", "-id"],
                condition=Q(status="published", deleted_at__isnull=True),
                name="article_public_newest",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = normalize_body(self.body)
        if not self.slug:
            self.slug = slugify(self.headline)[:190] or "article"
        self.publish_now_if_unset()
        old_slug, old_publish_at = None, None
        if self.pk:
            old_slug, old_publish_at = type(self).objects.filter(pk=self.pk).values_list(
                "slug", "publish_at"
            ).first() or (None, None)
        super().save(*args, **kwargs)
        if old_slug != self.slug:
            SlugRedirect.slug_changed(self, old_slug)
        if old_publish_at != self.publish_at:
            # Quotes without a date of their own are dated by the article; repeats of
            # earlier reports (here, or of this article's quotes elsewhere) are dated again.
            self.quotes.filter(said_on__isnull=True).update(day=publish_day(self.publish_at))
            repeats = self.quotes.model.objects.filter(
                Q(article=self, first_appearance__isnull=False) | Q(first_appearance__article=self)
            ).select_related("article", "first_appearance")
            for quote in repeats:
                quote.save(update_fields=["day"])

    def get_absolute_url(self):
        day = timezone.localtime(self.publish_at or self.created_at)
        return reverse(
            "articles:detail",
            kwargs={
                "year": f"{day.year:04d}",
                "month": f"{day.month:02d}",
                "day": f"{day.day:02d}",
                "slug": self.slug,
            },
        )

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.deleted_at is None
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def state_label(self):
        """Where the article stands, as the newsroom says it."""
        if self.deleted_at:
            return "In trash"
        if self.is_scheduled:
            return "Scheduled"
        return self.get_status_display()

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    def clean(self):
        # Forms check the constraints before saving: an empty publish time means now.
        self.publish_now_if_unset()

    def publish_now_if_unset(self):
        """A published article without a publish time is public from now."""
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()

    def paragraphs(self):
        """(start offset, text) of each paragraph of the body."""
        out, pos = [], 0
        for para in self.body.split("\n\n"):
            out.append((pos, para))
            pos += len(para) + 2
        return out

    def quoted_words(self):
        """The words each anchored quote marks in the body, by quote id."""
        spans = self.quotes.filter(start__isnull=False).values_list("pk", "start", "end")
        return {pk: self.body[start:end] for pk, start, end in spans}

    def note_quoted_words_changed(self, before, now=None):
        """Move the update time when the words of a quote differ from `before` (quoted_words).

        Changing what someone is quoted as saying is an update readers are told about;
        an edit elsewhere in the body, which only moves the quotes, is not. A queryset
        update, like a correction's: no new revision and no edit conflict. True if moved.
        """
        after = self.quoted_words()
        if all(after.get(pk, words) == words for pk, words in before.items()):
            return False
        now = now or timezone.now()
        type(self).objects.filter(pk=self.pk, updated_at__lt=now).update(updated_at=now)
        self.updated_at = max(self.updated_at, now)
        return True

    def reanchor_quotes(self):
        """Find every quote again in the (edited) body; flag the ones that moved or vanished.

        Returns the quotes that now need an editor's review. Nothing is deleted.
        """
        flagged = []
        for quote in self.quotes.all():
            result = reanchor(
                self.body,
                text=quote.text,
                start=quote.start,
                prefix=quote.prefix,
                suffix=quote.suffix,
            )
            if result.anchor is None:
                quote.needs_review = True
                quote.review_note = "The quote's words are no longer in the body."
            else:
                if result.needs_review:
                    quote.review_note = (
                        f"Matched approximately after an edit; the text was: {quote.text}"
                    )
                    quote.needs_review = True
                    quote.text = result.text
                quote.set_anchor(result.anchor)
            quote.save()
            if quote.needs_review:
                flagged.append(quote)
        return flagged
