"""Open data: quote lists as CSV and an article's quotes as W3C Web Annotations.

Both read only what the public may see (`Quote.objects.public()`,
`Article.objects.published()`) and take the same filters as the pages they mirror.
A CSV is streamed in chunks of quotes, so a download of the whole archive never holds
it in memory; its queries grow with the number of chunks, not of quotes.
"""

import csv
import json
from functools import partial

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Quote
from articles.public.forms import QuoteFilterForm
from articles.public.pages import bad_request
from entities.addresses import absolute

CSV_CHUNK = 500
CSV_COLUMNS = (
    "quote_url",
    "said_on",
    "speaker",
    "speaker_url",
    "speaker_title",
    "kind",
    "text",
    "sectors",
    "events",
    "article_headline",
    "article_url",
    "outlet",
    "published",
)
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ANNOTATION_TYPE = f'application/ld+json; profile="{ANNOTATION_CONTEXT}"'


class Echo:
    """A file-like object whose write returns the line, for a streamed csv.writer."""

    def write(self, value):
        return value


def safe_cell(value):
    """The cell as text; one a spreadsheet would run as a formula starts with a quote mark."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def names(entities):
    return "; ".join(entity.name for entity in entities)


def quote_row(quote, on_site):
    article = quote.article
    published = timezone.localtime(article.publish_at).isoformat() if article.publish_at else ""
    speaker_url = on_site(quote.speaker.get_absolute_url()) if quote.speaker_id else ""
    return (
        on_site(quote.get_absolute_url()),
        quote.date.isoformat(),
        quote.speaker_label,
        speaker_url,
        quote.speaker_title,
        quote.kind,
        quote.text,
        names(quote.sectors.all()),
        names(quote.events.all()),
        article.headline,
        on_site(article.get_absolute_url()),
        article.outlet,
        published,
    )


def chunked_quotes(quotes, size=CSV_CHUNK):
    """The quotes in their order, read `size` at a time with their speakers and topics."""
    ids = list(quotes.values_list("pk", flat=True))
    for offset in range(0, len(ids), size):
        chunk = ids[offset : offset + size]
        found = Quote.objects.filter(pk__in=chunk).select_related("speaker", "article")
        by_id = {quote.pk: quote for quote in found.with_topics()}
        yield from (by_id[pk] for pk in chunk if pk in by_id)


def csv_lines(quotes, on_site):
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)  # the BOM tells spreadsheets it is UTF-8
    for quote in chunked_quotes(quotes):
        yield writer.writerow([safe_cell(value) for value in quote_row(quote, on_site)])


def csv_filename(form):
    described = "-".join(value for _, value in form.filter_params() if value != "")
    return (
        f"{slugify(settings.SITE_NAME)}-quotes{'-' + slugify(described) if described else ''}.csv"
    )


def quotes_csv(request):
    """`/quotes/csv/?<the quote list's filters>`: every matching public quote, streamed."""
    form = QuoteFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    response = StreamingHttpResponse(
        csv_lines(form.filter_quotes(), partial(absolute, request=request)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{csv_filename(form)}"'
    return response


def annotation(quote, article_url, on_site):
    """One quote as a W3C Web Annotation on its article's body text."""
    selectors = [
        {
            "type": "TextQuoteSelector",
            "exact": quote.text,
            "prefix": quote.prefix,
            "suffix": quote.suffix,
        }
    ]
    if quote.start is not None and quote.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": quote.start, "end": quote.end})
    described = f"{quote.kind_label}, {quote.speaker_label or 'unattributed'}"
    if quote.speaker_title:
        described += f", {quote.speaker_title}"
    bodies = [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "format": "text/plain",
            "value": described,
        }
    ]
    if quote.speaker_id:
        bodies.append(
            {
                "type": "SpecificResource",
                "purpose": "identifying",
                "source": on_site(quote.speaker.get_absolute_url()),
            }
        )
    for entity in (*quote.sectors.all(), *quote.events.all()):
        bodies.append(
            {
                "type": "SpecificResource",
                "purpose": "tagging",
                "source": on_site(entity.get_absolute_url()),
            }
        )
    return {
        "id": on_site(quote.get_absolute_url()),
        "type": "Annotation",
        "motivation": "identifying" if quote.speaker_id else "describing",
        "created": quote.created_at.isoformat(),
        "modified": quote.updated_at.isoformat(),
        "body": bodies,
        "target": {
            "type": "SpecificResource",
            "source": article_url,
            "selector": selectors,
        },
    }


def article_annotations(request, pk):
    """`/articles/<id>/annotations/`: the article's quotes as a Web Annotation collection.

    Selectors count Unicode code points of the article's body text (paragraphs joined
    by a blank line), the text the quotes were marked in.
    """
    article = Article.objects.published().filter(pk=pk).first()
    if article is None:
        raise Http404("No published article with that number.")
    on_site = partial(absolute, request=request)
    article_url = on_site(article.get_absolute_url())
    quotes = article.quotes.select_related("speaker").with_topics().order_by("position", "pk")
    items = [annotation(quote, article_url, on_site) for quote in quotes]
    collection_url = on_site(request.path)
    collection = {
        "@context": ANNOTATION_CONTEXT,
        "id": collection_url,
        "type": "AnnotationCollection",
        "label": f"Quotes in “{article.headline}”",
        "creator": {"type": "Organization", "name": settings.SITE_NAME},
        "total": len(items),
        "first": {
            "id": f"{collection_url}#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    return HttpResponse(
        json.dumps(collection, ensure_ascii=False, indent=2), content_type=ANNOTATION_TYPE
    )
