"""The tracker's timeline: dated entries merged into month groups, one bounded page at a time.

Plain functions over rows that carry a date; no request objects, so the assembly
can be tested and benchmarked alone. The querysets that feed it live in
`articles.public.forms.TrackerFilterForm`.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone

# Within one day, entries read in this order: what happened, then coverage of it.
KIND_ORDER = {"event": 0, "status": 1, "article": 2, "quote": 3}


@dataclass(frozen=True)
class Entry:
    """One item on the timeline: an event, a measure's status change, an article or a quote."""

    kind: str
    date: datetime.date
    obj: object
    tiebreak: tuple = ()

    @property
    def month(self):
        return self.date.replace(day=1)

    def sort_key(self, newest_first=True):
        """Date order either way; within a day, events always come before their coverage."""
        rank = KIND_ORDER[self.kind]
        return (self.date, -rank if newest_first else rank, self.tiebreak)


@dataclass
class MonthGroup:
    month: datetime.date
    entries: list = field(default_factory=list)

    @property
    def label(self):
        return f"{calendar.month_name[self.month.month]} {self.month.year}"

    @property
    def anchor(self):
        return f"m-{self.month:%Y-%m}"


@dataclass
class TimelinePage:
    """A bounded slice of the timeline, grouped by month.

    `cursor` is where the next slice starts (inclusive): the `to` date of the next
    page when newest first, its `from` date when oldest first. `skipped_day` is
    set only when a single day holds more entries than a page; the rest of that
    day is then left out and the page says so. `upcoming` holds what is scheduled
    after the page's today, soonest first, when the caller asked for it.
    """

    months: list
    newest_first: bool = True
    has_more: bool = False
    cursor: datetime.date | None = None
    skipped_day: datetime.date | None = None
    upcoming: list = field(default_factory=list)

    @property
    def entries(self):
        return [entry for group in self.months for entry in group.entries]

    def __len__(self):
        return sum(len(group.entries) for group in self.months)


def local_date(moment):
    """The calendar day of an aware datetime in the site's time zone."""
    return timezone.localtime(moment).date()


def first_of_month(value):
    """The month of a date or datetime (TruncMonth gives either) as its first day."""
    if isinstance(value, datetime.datetime):
        value = local_date(value) if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def month_counts(rows):
    """`{month: n}` from `values(month=...).annotate(n=...)` rows."""
    counts = {}
    for row in rows:
        month = first_of_month(row["month"])
        counts[month] = counts.get(month, 0) + row["n"]
    return counts


def event_entries(events):
    return [Entry("event", event.start_date, event, (event.pk,)) for event in events]


def status_entries(changes):
    return [Entry("status", change.date, change, (change.pk,)) for change in changes]


def article_entries(articles):
    return [
        Entry("article", local_date(article.publish_at), article, (article.publish_at, article.pk))
        for article in articles
    ]


def quote_entries(quotes):
    """Quotes with their article selected; each dated by when it was said."""
    return [Entry("quote", quote.date, quote, (quote.article_id, quote.pk)) for quote in quotes]


def month_end(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def group_by_month(entries):
    """Consecutive entries of the same month in one group, keeping their order."""
    groups = []
    for entry in entries:
        if not groups or groups[-1].month != entry.month:
            groups.append(MonthGroup(entry.month))
        groups[-1].entries.append(entry)
    return groups


def build_page(entries, *, limit, newest_first=True):
    """Sort `entries`, keep at most `limit` of them, cut at a month boundary, group by month.

    Pass each source's first `limit + 1` rows in the page's order: that is enough to
    know the page and whether anything follows. A page ends with a whole month when
    it can, else with a whole day, so the next page (from `cursor`) repeats nothing
    and misses nothing.
    """
    if limit < 1:
        raise ValueError("A timeline page holds at least one entry.")
    ordered = sorted(entries, key=lambda e: e.sort_key(newest_first), reverse=newest_first)
    if len(ordered) <= limit:
        return TimelinePage(group_by_month(ordered), newest_first=newest_first)

    boundary = ordered[limit]
    head = ordered[:limit]
    kept = [e for e in head if e.month != boundary.month]
    skipped_day = None
    if kept:
        cursor = month_end(boundary.month) if newest_first else boundary.month
    else:
        kept = [e for e in head if e.date != boundary.date]
        if kept:
            cursor = boundary.date
        else:
            kept, skipped_day = head, boundary.date
            step = datetime.timedelta(days=-1 if newest_first else 1)
            cursor = boundary.date + step
    return TimelinePage(
        group_by_month(kept),
        newest_first=newest_first,
        has_more=True,
        cursor=cursor,
        skipped_day=skipped_day,
    )


ACTIVITY_KINDS = ("events", "articles", "quotes")


def activity_by_month(**rows_by_kind):
    """Per-month tallies from `values(month=...).annotate(n=...)` rows of each kind.

    `activity_by_month(events=[{"month": d, "n": 2}], articles=[...])` gives
    `{date(2025, 3, 1): {"events": 2, "articles": 0, "quotes": 0, "total": 2}, ...}`,
    months in date order. Datetimes (from TruncMonth on a datetime) count by their day.
    """
    months = {}
    for kind, rows in rows_by_kind.items():
        for row in rows:
            month = first_of_month(row["month"])
            tally = months.setdefault(month, dict.fromkeys((*ACTIVITY_KINDS, "total"), 0))
            tally[kind] = tally.get(kind, 0) + row["n"]
            tally["total"] += row["n"]
    return dict(sorted(months.items()))


def date_label(start, end=None, *, approximate=False):
    """How pages print an event's dates: “12 March 2025”, “15–17 June 2025”, “March 2025”."""
    if approximate:
        return f"{calendar.month_name[start.month]} {start.year}"

    def day(d, *, month=True, year=True):
        text = str(d.day)
        if month:
            text += f" {calendar.month_name[d.month]}"
        if year:
            text += f" {d.year}"
        return text

    if end is None or end == start:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day(end)}"
    if start.year == end.year:
        return f"{day(start, year=False)} – {day(end)}"
    return f"{day(start)} – {day(end)}"
