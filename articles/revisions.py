"""Restoring an earlier version of an article together with its quotes.

django-simple-history keeps the article's versions and each quote's versions in
separate tables. A version of an article is current from its record's time until
the article's next record; restoring it brings back the article's fields and every
quote as it stood at the end of that span: quotes deleted since are re-created (with
their old ids, so their permalinks work again), quotes changed since are put back,
and quotes added since are removed (their history keeps them, so restoring the later
version brings them back). Corrections, mentions and tags are left as they are: a
correction is a public note about the article and is never withdrawn by a restore.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Quote
from entities.changes import announce
from entities.models import Person

# Fields that belong to the article's identity or life cycle, not to a version's content.
KEPT_ARTICLE_FIELDS = {"id", "uid", "version", "created_at", "created_by", "deleted_at"}
KEPT_QUOTE_FIELDS = {"id", "uid", "article", "created_at", "updated_at"}


@dataclass
class Restored:
    article: Article
    when: object
    recreated: int = 0
    reverted: int = 0
    removed: int = 0

    def summary(self):
        return (
            f"Restored the version of {timezone.localtime(self.when):%Y-%m-%d %H:%M}: "
            f"{self.reverted} quote(s) put back as they were, {self.recreated} re-created, "
            f"{self.removed} added since removed."
        )


def quote_records_as_of(article_id, record):
    """The historical quote records of the article at the end of `record`'s span."""
    following = (
        Article.history.filter(id=article_id, history_date__gt=record.history_date)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    # Every version of every quote that was ever in the article; the latest one of each
    # within the span says whether (and how) it was there.
    ever_here = Quote.history.filter(article_id=article_id).values("id")
    records = Quote.history.filter(id__in=ever_here)
    if following is not None:
        records = records.filter(history_date__lt=following)
    latest = (
        records.latest_of_each()
        .filter(article_id=article_id)
        .exclude(history_type="-")
        .select_related("speaker")
        .prefetch_related("historicalquote_sectors_set", "historicalquote_events_set")
        .order_by("start", "id")
    )
    return list(latest)


def _speaker_fields(record):
    """The speaker of a historical quote; a speaker deleted since becomes an unnamed source."""
    if record.speaker_id is None or Person.objects.filter(pk=record.speaker_id).exists():
        return {"speaker_id": record.speaker_id}
    last = Person.history.filter(id=record.speaker_id).order_by("-history_date").first()
    name = last.name if last else "a speaker no longer in the database"
    return {
        "speaker_id": None,
        "unnamed_speaker": record.unnamed_speaker or name,
        "needs_review": True,
        "review_note": f"Restored: the speaker ({name}) has been deleted since.",
    }


def _restore_quote(article, record, user, reason):
    """Put one quote back as `record` has it: "recreated", "reverted" or "" (unchanged)."""
    values = {
        f.attname: getattr(record, f.attname)
        for f in Quote._meta.concrete_fields
        if f.name not in KEPT_QUOTE_FIELDS
    }
    if (
        values["first_appearance_id"]
        and not Quote.objects.filter(pk=values["first_appearance_id"]).exists()
    ):
        values["first_appearance_id"] = None
    values.update(_speaker_fields(record))
    sectors = {row.sector_id for row in record.historicalquote_sectors_set.all()}
    events = {row.event_id for row in record.historicalquote_events_set.all()}

    quote = Quote.objects.filter(pk=record.id).first()
    if quote is None:
        outcome = "recreated"
        quote = Quote(pk=record.id, uid=record.uid)
    elif (
        quote.article_id == article.pk
        and all(getattr(quote, name) == value for name, value in values.items())
        and set(quote.sectors.values_list("pk", flat=True)) == sectors
        and set(quote.events.values_list("pk", flat=True)) == events
    ):
        return ""
    else:
        outcome = "reverted"
    quote.article = article
    for name, value in values.items():
        setattr(quote, name, value)
    quote._history_user = user
    quote._change_reason = reason
    quote.save(force_insert=outcome == "recreated")
    quote.sectors.set(sectors)
    quote.events.set(events)
    return outcome


@transaction.atomic
def restore_article(history_record, user):
    """Bring back the article version `history_record` with its quotes; returns a summary."""
    when = history_record.history_date
    reason = f"Restored the version of {timezone.localtime(when):%Y-%m-%d %H:%M}"
    article = Article.objects.select_for_update().filter(pk=history_record.id).first()
    if article is None:
        article = history_record.instance
        article._state.adding = True
        article.deleted_at = None
    else:
        announce(article)  # The pages showing it as it is now, before the restore.
    for field in Article._meta.concrete_fields:
        if field.name not in KEPT_ARTICLE_FIELDS and field.name != "updated_at":
            setattr(article, field.attname, getattr(history_record, field.attname))
    article.updated_at = timezone.now()
    article.version = (article.version or 0) + 1
    article._history_user = user
    article._change_reason = reason
    article.save()

    records = quote_records_as_of(article.pk, history_record)
    result = Restored(article=article, when=when)
    kept = {r.id for r in records}
    for quote in article.quotes.exclude(pk__in=kept):
        quote._history_user = user
        quote._change_reason = reason
        quote.delete()
        result.removed += 1
    for record in records:
        outcome = _restore_quote(article, record, user, reason)
        if outcome == "recreated":
            result.recreated += 1
        elif outcome == "reverted":
            result.reverted += 1
    announce(article)
    return result
