"""The excerpts search results show: escaped text with the words that matched in `<mark>`."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_CHARS = 220
# Private-use characters mark highlights inside PostgreSQL's snippets until the text is
# escaped; they cannot be confused with anything in copy.
START_SEL, STOP_SEL = "\ue000", "\ue001"


def highlight_excerpt(text, words, *, width=SNIPPET_CHARS):
    """An escaped excerpt of `text` around the first matching word, matches in `<mark>`."""
    lowered = text.casefold()
    positions = [lowered.find(w.casefold()) for w in words if w]
    positions = [p for p in positions if p >= 0]
    start = 0
    if positions and len(text) > width:
        start = max(0, min(positions) - width // 3)
    end = min(len(text), start + width)
    if start > 0:  # begin and end on word boundaries
        space = text.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start else end
    excerpt = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    pattern = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)
    pieces, pos = [], 0
    if pattern:
        for match in re.finditer(pattern, excerpt, flags=re.IGNORECASE):
            pieces.append(escape(excerpt[pos : match.start()]))
            pieces.append(f"<mark>{escape(match.group(0))}</mark>")
            pos = match.end()
    pieces.append(escape(excerpt[pos:]))
    # Paragraph breaks read as spaces in a one-line snippet.
    return mark_safe(escape(prefix) + " ".join("".join(pieces).split()) + escape(suffix))


def safe_snippet(raw):
    """PostgreSQL's snippet, escaped, with its highlight markers turned into `<mark>`."""
    text = escape(raw or "")
    return mark_safe(text.replace(START_SEL, "<mark>").replace(STOP_SEL, "</mark>"))
