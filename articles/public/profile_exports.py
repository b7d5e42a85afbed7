"""The tracker as CSV: every event, status change, article and key quote its filters
select, in the tracker's order, streamed.

Each kind is read in its own query, in date order and in chunks, and the four streams
are merged by date, so the whole archive goes out without being held in memory.
"""

import csv
import heapq

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from articles.public.exports import Echo, safe_cell
from articles.public.profile_forms import TrackerFilterForm
from articles.public.profiles import bad_request

CHUNK = 500
COLUMNS = ("date", "kind", "title", "details", "url")


def event_rows(events, absolute):
    today = timezone.localdate()
    for event in events.iterator(chunk_size=CHUNK):
        details = "; ".join(filter(None, [event.get_kind_display(), event.location]))
        kind = "upcoming event" if event.start_date > today else "event"
        yield event.start_date, kind, event.name, details, absolute(event.get_absolute_url())


def status_rows(changes, absolute):
    for change in changes.select_related("event").iterator(chunk_size=CHUNK):
        title = f"{change.event.name}: {change.get_status_display().lower()}"
        yield change.date, "status", title, change.note, absolute(change.event.get_absolute_url())


def article_rows(articles, absolute):
    for article in articles.iterator(chunk_size=CHUNK):
        details = ", ".join(filter(None, [article.byline, article.outlet]))
        day = timezone.localdate(article.publish_at)
        yield day, "article", article.headline, details, absolute(article.get_absolute_url())


def quote_rows(quotes, absolute):
    for quote in quotes.select_related("speaker", "article").iterator(chunk_size=CHUNK):
        title = f"{quote.speaker_label}: {quote.quoted()}"
        yield (
            quote.day or quote.date,
            "key quote",
            title,
            quote.article.headline,
            absolute(quote.get_absolute_url()),
        )


def tracker_rows(form, absolute):
    """Every row of the filtered tracker, newest first (or oldest, as the form says)."""
    newest = form.newest_first
    sign = "-" if newest else ""
    streams = [
        event_rows(form._dated_events().order_by(f"{sign}start_date", f"{sign}pk"), absolute),
        status_rows(form.status_changes().order_by(f"{sign}date", f"{sign}pk"), absolute),
        article_rows(form.articles().order_by(f"{sign}publish_at", f"{sign}pk"), absolute),
        quote_rows(form.key_quotes().order_by(f"{sign}day", f"{sign}pk"), absolute),
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
    params = [value for _, value in form.filter_params(order=None).items() if value]
    name = slugify("-".join(["tracker", *params]))[:120] or "tracker"
    response = StreamingHttpResponse(
        csv_lines(tracker_rows(form, request.build_absolute_uri)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
