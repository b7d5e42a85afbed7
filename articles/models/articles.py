"""Articles, the quotes in them, their entity mentions and corrections."""

import secrets
import uuid
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from articles.anchoring import Anchor, normalize_body, normalize_quote, reanchor
from entities import linking
from entities.addresses import address
from entities.models import Country, Event, Organization, Person, Sector, SlugRedirect


def publish_day(publish_at):
    """The day of a publish time, in the newsroom's time zone (None for no time)."""
    return timezone.localdate(publish_at) if publish_at else None


class ArticleQuerySet(models.QuerySet):
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
        counts = (
            Quote.objects.filter(article=models.OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(quote_count=Coalesce(models.Subquery(counts), 0))


class Article(models.Model):
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
    dateline = models.CharField("dateline", max_length=100, blank=True, help_text="OTTAWA")
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
            repeats = Quote.objects.filter(
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

    def move_to_trash(self):
        """Soft delete: the article leaves the public site; an editor can restore it."""
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at"])

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


class QuoteQuerySet(models.QuerySet):
    # What `with_topics` asked for: () or the relations to link once the rows are read.
    _topics = ()

    def public(self, now=None):
        """Quotes whose article the public may see (the one visibility rule)."""
        return self.filter(article__in=Article.objects.published(now))

    def in_sector(self, sector):
        """Quotes on `sector` or one of its sub-sectors (one `pk IN` over the links)."""
        links = Quote.sectors.through.objects.filter(Q(sector=sector) | Q(sector__parent=sector))
        return self.filter(pk__in=links.values("quote"))

    def needing_review(self):
        return self.filter(needs_review=True)

    def with_topics(self, *, tags=False):
        """Quotes read with their sectors and events (and tags) in one more query, not one
        per relation: what `prefetch_related("sectors", "events", "tags")` gives, for lists
        (see `link_topics` for what is loaded of them)."""
        clone = self._chain()
        clone._topics = TOPICS + (("tags",) if tags else ())
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._topics = self._topics
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._topics:
            link_topics([q for q in self._result_cache if isinstance(q, Quote)], self._topics)


TOPICS = ("sectors", "events")


def link_topics(quotes, relations=TOPICS):
    """Fill the `relations` of `quotes` ("sectors", "events", "tags") from one UNION query
    (`entities.linking.link`): each quote's `quote.sectors.all()` then reads from memory."""
    if not quotes:
        return
    extra = None
    if "tags" in relations:
        tagged = TaggedItem.objects.filter(
            content_type__app_label="articles",
            content_type__model="quote",
            object_id__in=[quote.pk for quote in quotes],
        ).order_by()
        columns = linking.row_of("tags", "object_id", ["tag", "tag__name", "tag__slug"])
        extra = {"tags": (Tag, ["id", "name", "slug"], tagged.values_list(*columns))}
    linking.link(quotes, [name for name in relations if name != "tags"], extra=extra)


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        INDIRECT = "indirect", "Indirect (reported speech)"
        PARTIAL = "partial", "Partial"

    uid = models.UUIDField("permanent id", default=uuid.uuid4, unique=True, editable=False)
    article = models.ForeignKey(
        Article, verbose_name="article", on_delete=models.CASCADE, related_name="quotes"
    )
    text = models.TextField(
        "quote",
        help_text="Exactly as in the body. Paste the words; the position is found for you.",
    )
    start = models.PositiveIntegerField(
        "start", null=True, blank=True, help_text="Character offset in the body (computed)."
    )
    end = models.PositiveIntegerField("end", null=True, blank=True)
    prefix = models.CharField("text before", max_length=64, blank=True, editable=False)
    suffix = models.CharField("text after", max_length=64, blank=True, editable=False)
    kind = models.CharField("kind", max_length=10, choices=Kind, default=Kind.DIRECT)
    speaker = models.ForeignKey(
        Person,
        verbose_name="speaker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
    )
    unnamed_speaker = models.CharField(
        "unnamed source",
        max_length=200,
        blank=True,
        help_text="When the speaker is not named: “Canadian officials”, “a senior source”.",
    )
    speaker_title = models.CharField(
        "speaker's title then",
        max_length=200,
        blank=True,
        help_text="The role when the words were said, as the article gives it.",
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name="sectors", blank=True, related_name="quotes"
    )
    events = models.ManyToManyField(Event, verbose_name="events", blank=True, related_name="quotes")
    said_on = models.DateField(
        "date said", null=True, blank=True, help_text="Leave empty to use the article's date."
    )
    # The day the words were said: `said_on`, else the article's publish day (local time).
    # Kept by `save` here and on the article, so lists sort and filter on an index.
    day = models.DateField("day", null=True, blank=True, editable=False)
    first_appearance = models.ForeignKey(
        "self",
        verbose_name="first reported as",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
        help_text="The same words reported earlier in another article.",
    )
    is_key = models.BooleanField(
        "key quote", default=False, help_text="Shown on the tracker's timeline."
    )
    needs_review = models.BooleanField(
        "needs review",
        default=False,
        db_index=True,
        help_text="Set when an edit moved or removed the quoted words.",
    )
    review_note = models.CharField("review note", max_length=500, blank=True)
    position = models.PositiveIntegerField("order", default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    tags = TaggableManager("tags", blank=True)

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sectors, events])

    class Meta:
        verbose_name = "quote"
        ordering = ["article", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__gt=models.F("start")),
                name="quote_starts_before_it_ends",
            ),
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | ~Q(unnamed_speaker=""),
                name="quote_has_a_speaker",
            ),
        ]
        indexes = [
            models.Index(fields=["speaker", "said_on"], name="quote_speaker_date"),
            models.Index(fields=["said_on"], name="quote_date"),
            models.Index(fields=["article", "start"], name="quote_article_order"),
            # The tracker's key quotes: a small share of all quotes.
            models.Index(fields=["article"], condition=Q(is_key=True), name="quote_key"),
            # Quote lists, latest first: all quotes, a speaker's, the key quotes.
            models.Index(fields=["-day", "-id"], name="quote_latest"),
            models.Index(fields=["speaker", "-day", "-id"], name="quote_speaker_latest"),
            models.Index(fields=["-day", "-id"], condition=Q(is_key=True), name="quote_key_latest"),
        ]

    def __str__(self):
        words = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"“{words}” — {self.speaker_label}"

    def save(self, *args, **kwargs):
        self.text = normalize_quote(self.text)
        self.day = self.said_day()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"said_on", "first_appearance"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "day"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("articles:quote-detail", self.pk)

    @property
    def speaker_label(self):
        return self.speaker.name if self.speaker_id else self.unnamed_speaker

    def said_day(self):
        """The day the words were said: the date set on the quote, else its article's day.

        Words reported again in a later article were said no later than their first report,
        so a repeat is never dated after the quote it repeats.
        """
        day = self.said_on or publish_day(self.article.publish_at)
        first = self.first_appearance
        if first is not None and first.day and (day is None or first.day < day):
            return first.day
        return day

    @property
    def is_verbatim(self):
        """Direct and partial quotes are the speaker's own words; reported speech is not."""
        return self.kind != self.Kind.INDIRECT

    def quoted(self, words=None):
        """The words as readers see them: in quotation marks, except reported speech.

        `words` shortens them to that many words (for titles and link labels).
        """
        return self.in_marks(Truncator(self.text).words(words) if words else self.text)

    def in_marks(self, text):
        """`text` taken from this quote (all of it, or an excerpt) in the marks it gets."""
        return f"“{text}”" if self.is_verbatim else text

    @property
    def date(self):
        if self.day:
            return self.day
        when = self.article.publish_at or self.article.created_at
        return timezone.localtime(when).date()

    def set_anchor(self, anchor: Anchor):
        self.start, self.end = anchor.start, anchor.end
        self.prefix, self.suffix = anchor.prefix, anchor.suffix


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
