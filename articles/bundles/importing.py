"""Bundles: articles with their quotes and mentions as JSON lines, in and out.

One JSON object per line, one article each (the format is in DESIGN.md, "The
bundle format"). Importing validates a line completely before writing anything,
writes each article in its own transaction and updates an article that was
imported before (matched by its bundle id) instead of duplicating it. Exporting
writes every live article in a fixed shape, so that export, import into an empty
database and export again give the same bytes.

Entities named in a bundle are reused by name or alias, or created. A new event
created only because a bundle names it gets the kind "announcement", the
article's date as its start date and "month only" ticked, so editors can spot and
complete it.
"""

import datetime
import json
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from articles.anchoring import find_anchor, normalize_body, normalize_quote
from articles.models import Article, Mention, Quote
from entities.changes import announce
from entities.models import Country, Event, Organization, Person, Sector

ENTITY_MODELS = {
    "person": Person,
    "organization": Organization,
    "sector": Sector,
    "event": Event,
    "country": Country,
}
ARTICLE_KEYS = (
    "id",
    "headline",
    "dek",
    "byline",
    "outlet",
    "dateline",
    "published",
    "status",
    "url",
    "tags",
    "body",
    "quotes",
    "mentions",
)
QUOTE_KEYS = (
    "text",
    "start",
    "end",
    "speaker",
    "speaker_named",
    "speaker_title",
    "kind",
    "sectors",
    "events",
)
MENTION_KEYS = ("name", "type", "aliases")
# Limits of one article (one line): far above any real story, low enough that a
# runaway export or a hostile file is refused quickly instead of filling memory.
MAX_BODY_CHARS = 200_000
MAX_QUOTES = 2_000
MAX_MENTIONS = 2_000
MAX_LINE_BYTES = 5 * 1024 * 1024
# Optional text fields of a line and the Article field each one fills.
TEXT_FIELDS = {
    "dek": "dek",
    "byline": "byline",
    "outlet": "outlet",
    "dateline": "dateline",
    "url": "original_url",
}


class BundleError(ValueError):
    """A line that cannot be imported, with every problem found in it."""

    def __init__(self, problems, *, article_id=""):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.article_id = article_id
        super().__init__("; ".join(self.problems))


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


# Validation ---------------------------------------------------------------------------


def _max_length(model, name):
    return model._meta.get_field(name).max_length


def _short(text, limit=60):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unstorable(value):
    """Why a string cannot be stored as text (NUL, a lone surrogate), or ""."""
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate (\\ud800–\\udfff)"
    return ""


def _string(data, key, problems, *, required=False, max_length=None, label=None):
    label = label or f"“{key}”"
    value = data.get(key)
    if value is None:
        if required:
            problems.append(f"{label} is missing")
        return ""
    if not isinstance(value, str):
        problems.append(f"{label} must be a string, not {type(value).__name__}")
        return ""
    if reason := _unstorable(value):
        problems.append(f"{label} {reason}")
        return ""
    if required and not value.strip():
        problems.append(f"{label} is empty")
    if max_length and len(value) > max_length:
        problems.append(f"{label} is longer than {max_length} characters")
    return value


def _string_list(data, key, problems, *, label=None, max_length=None):
    label = label or f"“{key}”"
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{label} must be a list of non-empty strings")
        return []
    if any(_unstorable(v) for v in value):
        problems.append(f"{label} has a name with a NUL character or an unpaired surrogate")
        return []
    if max_length and any(len(v) > max_length for v in value):
        problems.append(f"{label} has a name longer than {max_length} characters")
        return []
    return [" ".join(v.split()) for v in value]


def _parse_time(value, problems):
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append("“published” must be an ISO 8601 string such as 2025-10-21T14:00:00-04:00")
        return None
    try:
        when = datetime.datetime.fromisoformat(value)
    except ValueError:
        problems.append(f"“published” is not an ISO 8601 time: {value!r}")
        return None
    if when.tzinfo is None:
        problems.append(f"“published” needs a UTC offset (such as -04:00): {value!r}")
        return None
    return when


def _context(text):
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


def _clean_quote(index, raw, raw_body, body, problems):
    """The quote at `index`, anchored in the normalised body, or None (problems noted)."""
    where = f"quote {index}"
    if not isinstance(raw, dict):
        problems.append(f"{where} must be an object")
        return None
    before = len(problems)
    text = _string(raw, "text", problems, required=True, label=f"{where}: “text”")
    if text:
        where = f"quote {index} (“{_short(text)}”)"
    speaker = _string(
        raw, "speaker", problems, required=True, max_length=200, label=f"{where}: “speaker”"
    )
    title = _string(
        raw, "speaker_title", problems, max_length=200, label=f"{where}: “speaker_title”"
    )
    named = raw.get("speaker_named", True)
    if not isinstance(named, bool):
        problems.append(f"{where}: “speaker_named” must be true or false")
    kind = raw.get("kind")
    if kind not in Quote.Kind.values:
        problems.append(
            f"{where}: “kind” must be one of {', '.join(Quote.Kind.values)}, not {kind!r}"
        )
    sectors = _string_list(raw, "sectors", problems, label=f"{where}: “sectors”", max_length=200)
    events = _string_list(raw, "events", problems, label=f"{where}: “events”", max_length=200)
    start, end = raw.get("start"), raw.get("end")
    offsets_ok = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
    if not offsets_ok:
        problems.append(f"{where}: “start” and “end” must be whole numbers")
    elif not 0 <= start < end <= len(raw_body):
        problems.append(f"{where}: offsets {start}–{end} are outside the body")
    if len(problems) > before:
        return None

    wanted = normalize_quote(text)
    found_raw = raw_body[start:end] == text
    if not found_raw and body[start:end] != wanted:
        problems.append(
            f"{where}: the body at {start}–{end} reads “{_short(raw_body[start:end])}”, "
            "not the quote's text"
        )
        return None
    anchor = find_anchor(
        body,
        wanted,
        near=start,
        prefix=_context(raw_body[max(0, start - 32) : start]) if found_raw else "",
        suffix=_context(raw_body[end : end + 32]) if found_raw else "",
    )
    if anchor is None:
        problems.append(f"{where}: the quote's text is lost when the body is normalised")
        return None
    return {
        "text": wanted,
        "anchor": anchor,
        "speaker": " ".join(speaker.split()),
        "speaker_named": named,
        "speaker_title": " ".join(title.split()),
        "kind": kind,
        "sectors": sectors,
        "events": events,
    }


def _clean_mention(index, raw, problems):
    where = f"mention {index}"
    if not isinstance(raw, dict):
        problems.append(f"{where} must be an object")
        return None
    before = len(problems)
    name = _string(raw, "name", problems, required=True, max_length=200, label=f"{where}: “name”")
    if name:
        where = f"mention {index} (“{_short(name)}”)"
    kind = raw.get("type")
    if kind not in ENTITY_MODELS:
        problems.append(f"{where}: “type” must be one of {', '.join(ENTITY_MODELS)}, not {kind!r}")
    aliases = _string_list(raw, "aliases", problems, label=f"{where}: “aliases”", max_length=200)
    role = raw.get("role", Mention.Role.MENTIONS)
    if role not in Mention.Role.values:
        problems.append(f"{where}: “role” must be one of {', '.join(Mention.Role.values)}")
    if len(problems) > before:
        return None
    return {"name": " ".join(name.split()), "type": kind, "aliases": aliases, "role": role}


def clean_article(data):
    """Check one bundle line (already parsed) and return its cleaned values.

    Raises BundleError listing every problem found; nothing is written.
    """
    if not isinstance(data, dict):
        raise BundleError("the line is not a JSON object")
    problems = []
    article_id = _string(data, "id", problems, required=True, max_length=200)
    headline = _string(
        data, "headline", problems, required=True, max_length=_max_length(Article, "headline")
    )
    raw_body = _string(data, "body", problems, required=True)
    if len(raw_body) > MAX_BODY_CHARS:
        problems.append(
            f"“body” has {len(raw_body):,} characters; an article may have at most "
            f"{MAX_BODY_CHARS:,}"
        )
        raw_body = ""
    body = normalize_body(raw_body)
    texts = {
        key: _string(data, key, problems, max_length=_max_length(Article, name))
        for key, name in TEXT_FIELDS.items()
    }
    if texts["url"]:
        try:
            URLValidator()(texts["url"])
        except ValidationError:
            problems.append(f"“url” is not a web address: {texts['url']!r}")
    published = _parse_time(data.get("published"), problems)
    tags = _string_list(data, "tags", problems, max_length=100)
    status = data.get("status")
    if status is not None and status not in Article.Status.values:
        problems.append(
            f"“status” must be one of {', '.join(Article.Status.values)}, not {status!r}"
        )

    quotes = mentions = None
    for key, limit in (("quotes", MAX_QUOTES), ("mentions", MAX_MENTIONS)):
        if key in data and not isinstance(data[key], list):
            problems.append(f"“{key}” must be a list")
        elif isinstance(data.get(key), list) and len(data[key]) > limit:
            problems.append(
                f"“{key}” has {len(data[key]):,} entries; an article may have at most {limit:,}"
            )
            data = {**data, key: []}
    if isinstance(data.get("quotes"), list) and raw_body:
        quotes = [
            _clean_quote(i, q, raw_body, body, problems) for i, q in enumerate(data["quotes"], 1)
        ]
    if isinstance(data.get("mentions"), list):
        mentions = [_clean_mention(i, m, problems) for i, m in enumerate(data["mentions"], 1)]

    if status is None and quotes is not None and published is not None:
        status = Article.Status.PUBLISHED
    if status == Article.Status.PUBLISHED and published is None:
        problems.append("a published article needs a “published” time")
    if problems:
        raise BundleError(problems, article_id=article_id if isinstance(article_id, str) else "")
    return {
        "id": article_id.strip(),
        "headline": " ".join(headline.split()),
        "body": body,
        **texts,
        "published": published,
        "status": status,  # None: a new article becomes a draft, an existing one keeps its status
        "tags": tags,
        "quotes": quotes,  # None: absent from the line, existing quotes are kept
        "mentions": mentions,
    }


# Writing ------------------------------------------------------------------------------


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


# Export -------------------------------------------------------------------------------


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
