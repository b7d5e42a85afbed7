"""Exporting articles as bundle lines in a fixed shape.

Every live article is written with its keys in one order, so that export, import
into an empty database and export again give the same bytes.
"""

import json

from django.db.models import F
from django.utils import timezone

from articles.anchoring import find_anchor
from articles.bundles.validation import ARTICLE_KEYS
from articles.models import Article, Mention


def _export_time(when):
    return timezone.localtime(when).isoformat() if when else None


def _sorted_names(objects):
    return sorted((o.name for o in objects), key=lambda name: (name.casefold(), name))


def export_quote(quote, body):
    """The quote as a bundle object, or None when its words are no longer in the body."""
    start, end = quote.start, quote.end
    if start is None or body[start:end] != quote.text:
        anchor = find_anchor(body, quote.text, near=start, prefix=quote.prefix, suffix=quote.suffix)
        if anchor is None:
            return None
        start, end = anchor.start, anchor.end
    named = quote.speaker_id is not None
    return {
        "text": quote.text,
        "start": start,
        "end": end,
        "speaker": quote.speaker.name if named else quote.unnamed_speaker,
        "speaker_named": named,
        "speaker_title": quote.speaker_title,
        "kind": quote.kind,
        "sectors": _sorted_names(quote.sectors.all()),
        "events": _sorted_names(quote.events.all()),
    }


def export_article(article, *, skipped=None):
    """The article as a bundle object with keys in a fixed order.

    Quotes whose words cannot be found in the body are left out and, when
    `skipped` is a list, appended to it so the caller can report them.
    """
    quotes = []
    for quote in sorted(article.quotes.all(), key=lambda q: (q.start is None, q.start or 0, q.pk)):
        exported = export_quote(quote, article.body)
        if exported is None:
            if skipped is not None:
                skipped.append(quote)
            continue
        quotes.append(exported)
    quotes.sort(key=lambda q: (q["start"], q["end"]))
    mentions = [
        {"name": m.entity.name, "type": m.entity_type, "aliases": list(m.aliases)}
        for m in article.mentions.all()
        if m.entity is not None
    ]
    values = {
        "id": article.external_id or str(article.uid),
        "headline": article.headline,
        "dek": article.dek,
        "byline": article.byline,
        "outlet": article.outlet,
        "dateline": article.dateline,
        "published": _export_time(article.publish_at),
        "status": article.status,
        "url": article.original_url,
        "tags": _sorted_names(article.tags.all()),
        "body": article.body,
        "quotes": quotes,
        "mentions": mentions,
    }
    return {key: values[key] for key in ARTICLE_KEYS}


def articles_for_export():
    """Live articles, oldest publish time first (drafts without one last), then by id."""
    return (
        Article.objects.alive()
        .order_by(F("publish_at").asc(nulls_last=True), "pk")
        .prefetch_related(
            "tags",
            "quotes__speaker",
            "quotes__sectors",
            "quotes__events",
            *(f"mentions__{name}" for name in Mention.ENTITY_FIELDS),
        )
    )


def export_lines(articles=None, *, skipped=None):
    """One JSON line (with its newline) per article."""
    for article in articles if articles is not None else articles_for_export():
        yield (json.dumps(export_article(article, skipped=skipped), ensure_ascii=False) + "\n")
