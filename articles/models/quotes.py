"""Quotes: the words an article reports, who said them and when, and their topics."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from articles.anchoring import Anchor, normalize_quote
from articles.models.articles import Article
from articles.models.publishing import publish_day
from entities import linking
from entities.addresses import address
from entities.models import Event, Person, Sector


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

    # What readers see for each kind; the choices above are the editors' words.
    KIND_LABELS = {
        Kind.DIRECT: "Direct quote",
        Kind.INDIRECT: "Reported speech",
        Kind.PARTIAL: "Partial quote",
    }

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
    def kind_label(self):
        """The kind as readers see it: “Direct quote”, “Reported speech”, “Partial quote”."""
        return self.KIND_LABELS.get(self.kind, self.get_kind_display())

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
