"""The bundle format: its keys and limits, and the checks a line passes before anything is written.

A line is checked in full, and every problem found is reported at once (BundleError).
"""

import datetime
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from articles.anchoring import find_anchor, normalize_body, normalize_quote
from articles.models import Article, Mention, Quote
from entities.models import ENTITY_MODELS

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
