"""An article body as escaped paragraphs, with its quotes marked where they stand.

`body_paragraphs` is the pure part (tested on its own); the `{% article_body %}` and
`{% quote_in_context %}` tags render it with `templates/includes/article_body.html`.
A quote is marked only when its offsets still hold its exact words and it does not
await an editor's review; the others stay unmarked rather than marked in the wrong place.
"""

from dataclasses import dataclass, field

from django import template

register = template.Library()


@dataclass
class Segment:
    text: str
    quote: object = None
    number: int = 0


@dataclass
class Paragraph:
    start: int
    segments: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # (number, quote) of the quotes marked in it


def markable_quotes(body, quotes):
    """The quotes that can be marked: anchored, current, inside the body, not overlapping."""
    chosen, last_end = [], -1
    candidates = sorted(
        (q for q in quotes if q.start is not None and q.end is not None and not q.needs_review),
        key=lambda q: (q.start, q.end),
    )
    for quote in candidates:
        if quote.end > len(body) or body[quote.start : quote.end] != quote.text:
            continue
        if quote.start < last_end:
            continue
        chosen.append(quote)
        last_end = quote.end
    return chosen


def body_paragraphs(body, quotes, *, first_number=1):
    """[Paragraph]: the body split on blank lines, quotes cut out as numbered segments.

    A quote that runs across a paragraph break is left unmarked.
    """
    marked = markable_quotes(body, quotes)
    paragraphs, pos, number = [], 0, first_number
    for text in body.split("\n\n"):
        end = pos + len(text)
        paragraph = Paragraph(start=pos)
        cursor = pos
        for quote in marked:
            if quote.start < pos or quote.end > end:
                continue
            if quote.start > cursor:
                paragraph.segments.append(Segment(body[cursor : quote.start]))
            paragraph.segments.append(Segment(quote.text, quote, number))
            paragraph.notes.append((number, quote))
            number += 1
            cursor = quote.end
        if cursor < end or not paragraph.segments:
            paragraph.segments.append(Segment(body[cursor:end]))
        paragraphs.append(paragraph)
        pos = end + 2
    return paragraphs


def paragraph_of(body, quote):
    """The paragraph holding `quote`, with the quote marked (or None if it is not anchored)."""
    for paragraph in body_paragraphs(body, [quote]):
        if paragraph.notes:
            return paragraph
    return None


@register.inclusion_tag("includes/article_body.html")
def article_body(article, quotes):
    """`{% article_body article quotes %}`: quotes must come with speaker, sectors, events."""
    paragraphs = body_paragraphs(article.body, quotes)
    marked = sum(len(paragraph.notes) for paragraph in paragraphs)
    return {
        "paragraphs": paragraphs,
        "with_notes": True,
        "marked": marked,
        "dateline": article.dateline,
    }


@register.inclusion_tag("includes/article_body.html")
def quote_in_context(quote):
    """`{% quote_in_context quote %}`: the quote's paragraph, the quote marked."""
    paragraph = paragraph_of(quote.article.body, quote)
    return {"paragraphs": [paragraph] if paragraph else [], "with_notes": False}
