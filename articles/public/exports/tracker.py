"""The tracker as CSV: every event, status change, article and key quote its filters
select, in the tracker's order, streamed.

Each kind is read in its own query, in date order and in chunks, and the four streams
are merged by date, so the whole archive goes out without being held in memory.
"""

import csv
import heapq
from functools import partial

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from articles.public.exports.articles import Echo, safe_cell
from articles.public.forms import TrackerFilterForm
from articles.public.pages import bad_request
from entities.addresses import absolute

CHUNK = 500
COLUMNS = ("date", "kind", "title", "details", "url")


def event_rows(events, on_site):
    today = timezone.localdate()
    for event in events.iterator(chunk_size=CHUNK):
        details = "; ".join(filter(None, [event.get_kind_display(), event.location]))
        kind = "upcoming event" if event.start_date > today else "event"
        yield event.start_date, kind, event.name, details, on_site(event.get_absolute_url())


def status_rows(changes, on_site):
    for change in changes.select_related("event").iterator(chunk_size=CHUNK):
        title = f"{change.event.name}: {change.get_status_display().lower()}"
        yield change.date, "status", title, change.note, on_site(change.event.get_absolute_url())


def article_rows(articles, on_site):
    for article in articles.iterator(chunk_size=CHUNK):
        details = ", ".join(filter(None, [article.byline, article.outlet]))
        day = timezone.localdate(article.publish_at)
        yield day, "article", article.headline, details, on_site(article.get_absolute_url())


def quote_rows(quotes, on_site):
    for quote in quotes.select_related("speaker", "article").iterator(chunk_size=CHUNK):
        title = f"{quote.speaker_label}: {quote.quoted()}"
        yield (
            quote.day or quote.date,
            "key quote",
            title,
            quote.article.headline,
            on_site(quote.get_absolute_url()),
        )


def tracker_rows(form, on_site):
    """Every row of the filtered tracker, newest first (or oldest, as the form says)."""
    newest = form.newest_first
    sign = "-" if newest else ""
    streams = [
        event_rows(form._dated_events().order_by(f"{sign}start_date", f"{sign}pk"), on_site),
        status_rows(form.status_changes().order_by(f"{sign}date", f"{sign}pk"), on_site),
        article_rows(form.articles().order_by(f"{sign}publish_at", f"{sign}pk"), on_site),
        quote_rows(form.key_quotes().order_by(f"{sign}day", f"{sign}pk"), on_site),
    ]
    return heapq.merge(*streams, key=lambda row: row[0], reverse=newest)


def csv_lines(rows):
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)
    for day, *rest in rows:
        yield writer.writerow([day.isoformat(), *(safe_cell(value) for value in rest)])


def tracker_csv(request):
    """`/tracker/csv/?<the tracker's filters>`: the whole filtered tracker as CSV."""
    form = TrackerFilterForm(request.GET, choices=False)
    if not form.is_valid():
        return bad_request(request, form)
    params = [value for _, value in form.filter_params(order=None) if value]
    name = slugify("-".join(["tracker", *params]))[:120] or "tracker"
    response = StreamingHttpResponse(
        csv_lines(tracker_rows(form, partial(absolute, request=request))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
