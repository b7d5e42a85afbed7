"""Importing bundle lines: each article written in its own transaction.

An article imported before (matched by its bundle id) is updated in place instead
of duplicated. Entities named in a bundle are reused by name or alias, or created.
A new event created only because a bundle names it gets the kind "announcement",
the article's date as its start date and "month only" ticked, so editors can spot
and complete it.
"""

import json
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.bundles.validation import (
    ENTITY_MODELS,
    MAX_LINE_BYTES,
    TEXT_FIELDS,
    BundleError,
    clean_article,
)
from articles.models import Article, Mention, Quote
from entities.changes import announce
from entities.models import Event, Person, Sector


@dataclass
class ImportReport:
    imported: list = field(default_factory=list)  # (line number, bundle id) of new articles
    updated: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (line number, bundle id, message)

    @property
    def ok(self):
        return not self.refused

    def summary(self):
        return (
            f"{len(self.imported)} imported, {len(self.updated)} updated, "
            f"{len(self.refused)} refused"
        )


def _entity(model, name, *, defaults=None):
    """The entity of `model` answering to `name` (name or alias), created if there is none."""
    matches = list(model.objects.matching_name(name).order_by("pk"))
    # SQLite folds the case of ASCII letters only; an exact match covers “Ána” there too.
    matches = matches or list(model.objects.filter(name=name).order_by("pk"))
    exact = [e for e in matches if e.name.casefold() == name.casefold()]
    if exact or matches:
        return (exact or matches)[0]
    return model.objects.create(name=name, **(defaults or {}))


def _article_date(article):
    return timezone.localdate(article.publish_at) if article.publish_at else timezone.localdate()


def _entity_defaults(model, article):
    if model is Event:
        return {
            "kind": Event.Kind.ANNOUNCEMENT,
            "start_date": _article_date(article),
            "date_is_approximate": True,
        }
    return {}


def _free_slug(headline, publish_at, exclude_pk=None):
    base = slugify(headline)[:190] or "article"
    slug, n = base, 2
    taken = Article.objects.filter(publish_at=publish_at).exclude(pk=exclude_pk)
    while publish_at is not None and taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _matching_quote(existing, cleaned):
    """The stored quote that a bundle quote updates: same words at the same place, else anywhere."""
    same_text = [q for q in existing if q.text == cleaned["text"]]
    at_start = [q for q in same_text if q.start == cleaned["anchor"].start]
    match = (at_start or same_text or [None])[0]
    if match is not None:
        existing.remove(match)
    return match


def _write_quotes(article, quotes):
    """Make the article's quotes those of the bundle, keeping the ids of unchanged ones."""
    existing = list(article.quotes.all())
    kept = []
    for position, cleaned in enumerate(sorted(quotes, key=lambda q: q["anchor"].start)):
        quote = _matching_quote(existing, cleaned) or Quote(article=article)
        quote.text = cleaned["text"]
        quote.set_anchor(cleaned["anchor"])
        quote.kind = cleaned["kind"]
        quote.speaker_title = cleaned["speaker_title"]
        quote.position = position
        quote.needs_review, quote.review_note = False, ""
        if cleaned["speaker_named"]:
            person = _entity(Person, cleaned["speaker"])
            if not person.title and cleaned["speaker_title"]:
                person.title = cleaned["speaker_title"]
                person.save()
            quote.speaker, quote.unnamed_speaker = person, ""
        else:
            quote.speaker, quote.unnamed_speaker = None, cleaned["speaker"]
        quote.save()
        kept.append(quote.pk)
        quote.sectors.set([_entity(Sector, name) for name in cleaned["sectors"]])
        defaults = _entity_defaults(Event, article)
        quote.events.set([_entity(Event, name, defaults=defaults) for name in cleaned["events"]])
    article.quotes.exclude(pk__in=kept).delete()


def _write_mentions(article, mentions):
    article.mentions.all().delete()
    for position, cleaned in enumerate(mentions):
        model = ENTITY_MODELS[cleaned["type"]]
        entity = _entity(model, cleaned["name"], defaults=_entity_defaults(model, article))
        before = entity.aliases
        for alias in cleaned["aliases"]:
            entity.add_alias(alias)
        if entity.aliases != before:
            entity.save()
        Mention.objects.create(
            article=article,
            role=cleaned["role"],
            aliases=cleaned["aliases"],
            position=position,
            **{cleaned["type"]: entity},
        )


def import_article(data, *, user=None):
    """Import one bundle article (a parsed line); return (article, created).

    The line is checked in full first (BundleError lists the problems), then
    written in one transaction: nothing of a refused line is kept. An article
    with the same bundle id is updated in place.
    """
    cleaned = clean_article(data)
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(external_id=cleaned["id"]).first()
        created = article is None
        if created:
            article = Article(external_id=cleaned["id"], created_by=user)
        body_changed = article.body != cleaned["body"]
        article.headline = cleaned["headline"]
        article.body = cleaned["body"]
        for key, name in TEXT_FIELDS.items():
            setattr(article, name, cleaned[key])
        article.publish_at = cleaned["published"]
        if cleaned["status"]:
            article.status = cleaned["status"]
        elif created:
            article.status = Article.Status.DRAFT
        if article.status == Article.Status.PUBLISHED and article.publish_at is None:
            raise BundleError(
                "a published article needs a “published” time", article_id=cleaned["id"]
            )
        if created:
            article.slug = _free_slug(article.headline, article.publish_at)
            # An archived story was last updated when it ran, not when it was imported.
            article.updated_at = article.publish_at or timezone.now()
        elif (
            article.publish_at is not None
            and Article.objects.filter(slug=article.slug, publish_at=article.publish_at)
            .exclude(pk=article.pk)
            .exists()
        ):
            article.slug = _free_slug(article.headline, article.publish_at, article.pk)
        if user is not None:
            article._history_user = user
        article.save()
        article.tags.set(cleaned["tags"])
        if cleaned["quotes"] is not None:
            _write_quotes(article, cleaned["quotes"])
        elif body_changed and not created:
            article.reanchor_quotes()
        if cleaned["mentions"] is not None:
            _write_mentions(article, cleaned["mentions"])
    return article, created


def parse_line(raw):
    """A bundle line (bytes or str) as a Python object; BundleError when it is not JSON."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BundleError(f"the line is not valid UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BundleError(f"the line is not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise BundleError("the line is not valid JSON: it is nested too deeply") from None
    except ValueError as exc:  # a number of thousands of digits, for one
        raise BundleError(f"the line is not valid JSON: {exc}") from None


@dataclass
class OversizedLine:
    """Stands for a line longer than MAX_LINE_BYTES, which was skipped without being kept."""

    size: int


def read_lines(stream, limit=MAX_LINE_BYTES):
    """The lines of a stream, never holding more than `limit` bytes or characters of one."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= limit or line.endswith(newline):
            yield line
            continue
        size, rest = len(line), line
        while rest and not rest.endswith(newline):
            rest = stream.readline(limit)
            size += len(rest)
        yield OversizedLine(size)


def import_lines(lines, *, user=None):
    """Import bundle lines (an iterable of bytes or str, or a stream); return an ImportReport.

    Blank lines are skipped; a refused line does not stop the following ones. A
    stream is read line by line, and a line over MAX_LINE_BYTES is refused unread.
    """
    report = ImportReport()
    if hasattr(lines, "readline"):
        lines = read_lines(lines)
    for number, raw in enumerate(lines, 1):
        if isinstance(raw, OversizedLine) or len(raw) > MAX_LINE_BYTES:
            size = raw.size if isinstance(raw, OversizedLine) else len(raw)
            report.refused.append(
                (
                    number,
                    "",
                    f"the line has {size:,} bytes; a line may have at most {MAX_LINE_BYTES:,}",
                )
            )
            continue
        if number == 1 and isinstance(raw, bytes) and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        article_id = ""
        try:
            data = parse_line(raw)
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                article_id = data["id"]
            if article_id:
                # The pages showing the article as it was (quotes an import may remove).
                announce(*Article.objects.filter(external_id=article_id))
            article, created = import_article(data, user=user)
        except BundleError as exc:
            report.refused.append((number, exc.article_id or article_id, str(exc)))
        except DatabaseError as exc:
            report.refused.append((number, article_id, f"the database refused it: {exc}"))
        else:
            (report.imported if created else report.updated).append((number, article.external_id))
            announce(article)
    return report
