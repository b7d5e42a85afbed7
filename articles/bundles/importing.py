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

from articles.bundles.resolving import Entities
from articles.bundles.validation import (
    MAX_LINE_BYTES,
    TEXT_FIELDS,
    BundleError,
    clean_article,
)
from articles.bundles.writing import (
    delete_other_quotes,
    names_to_find,
    plan_mentions,
    plan_quotes,
    store_mentions,
    store_quotes,
)
from articles.models import Article
from entities.changes import announce
from entities.versions import Versions


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


def _free_slug(headline, publish_at, exclude_pk=None):
    base = slugify(headline)[:190] or "article"
    if publish_at is None:
        return base
    taken = set(
        Article.objects.filter(publish_at=publish_at, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _write_quotes_and_mentions(article, cleaned):
    """Make the article's quotes and mentions those of the bundle (where it has them)."""
    quotes, mentions = cleaned["quotes"], cleaned["mentions"]
    versions = Versions()
    entities = Entities(names_to_find(quotes, mentions), versions)
    planned_quotes = plan_quotes(article, quotes, entities) if quotes is not None else None
    planned_mentions = plan_mentions(article, mentions, entities) if mentions is not None else None
    entities.write()
    if planned_quotes is not None:
        store_quotes(article, planned_quotes, versions)
    if planned_mentions is not None:
        store_mentions(article, planned_mentions)
    versions.write()
    if planned_quotes is not None:
        delete_other_quotes(article, planned_quotes)


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
        _write_quotes_and_mentions(article, cleaned)
        if cleaned["quotes"] is None and body_changed and not created:
            article.reanchor_quotes()
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
