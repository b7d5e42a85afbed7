"""The tracker: the dispute's timeline of events, status changes, articles and key
quotes, filtered (`TrackerFilterForm`), with its monthly activity strip."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from articles.public import charts, timeline
from articles.public.feeds.links import feed_links
from articles.public.forms import TrackerFilterForm
from articles.public.profiles.sections import label_events
from entities.models import Event

TRACKER_LIMIT = 60


def tracker(request):
    form = TrackerFilterForm(request.GET)
    if not form.is_valid():
        # The form again, the reader's choices kept and each error beside its field.
        return render(
            request,
            "entities/tracker.html",
            {
                "form": form,
                "section": "tracker",
                "clear_url": reverse("entities:tracker"),
                "tracker_title": "Tracker",
            },
            status=400,
        )
    today = timezone.localdate()
    page = form.timeline(today=today, limit=TRACKER_LIMIT)
    label_events([e.obj for e in page.entries if e.kind == "event"], today)
    upcoming = label_events(page.upcoming, today)

    def url(**changes):
        query = urlencode(form.filter_params(**changes))
        return "?" + query if query else reverse("entities:tracker")

    activity = form.activity()
    series = charts.month_series({m: t["total"] for m, t in activity.items()})
    strip = charts.bar_chart(
        [
            charts.Bar(
                label=charts.month_label(month, short=True),
                value=activity.get(month, {}).get("total", 0),
                title=activity_title(month, activity.get(month)),
                href=url(
                    **{"from": month.isoformat(), "to": timeline.month_end(month).isoformat()}
                ),
            )
            for month, _ in series
        ],
        chart_id="activity-strip",
        title="Activity per month",
        description=charts.describe_series(series, noun="item"),
        height=90,
    )
    more_url = ""
    if page.has_more:
        cursor = page.cursor.isoformat()
        more_url = url(to=cursor) if page.newest_first else url(**{"from": cursor})
    filters = form.filter_params(order=None)
    feed_query = urlencode(filters)
    feed_url = reverse("entities:tracker") + "feed/" + (f"?{feed_query}" if feed_query else "")
    csv_url = reverse("entities:tracker-csv") + (f"?{feed_query}" if feed_query else "")
    return render(
        request,
        "entities/tracker.html",
        {
            "form": form,
            "section": "tracker",
            "timeline": page,
            "upcoming": upcoming,
            "strip": strip,
            "activity_rows": [
                (charts.month_label(m), activity[m])
                for m in (m for m, _ in series)
                if m in activity
            ],
            "more_url": more_url,
            "newest_url": url(order=None),
            "oldest_url": url(order="oldest"),
            "clear_url": reverse("entities:tracker"),
            "feeds": feed_links((tracker_title(form), feed_url)),
            "feed_url": feed_url,
            "csv_url": csv_url,
            "tracker_title": tracker_title(form),
        },
    )


def activity_title(month, tally):
    tally = tally or {}
    parts = [
        f"{tally.get(kind, 0)} {noun}{'' if tally.get(kind, 0) == 1 else 's'}"
        for kind, noun in (("events", "event"), ("articles", "article"), ("quotes", "key quote"))
    ]
    return f"{charts.month_label(month)}: " + ", ".join(parts)


def tracker_title(form):
    data = form.cleaned_data
    parts = [data[name].name for name in ("sector", "person", "country") if data.get(name)]
    if data.get("kind"):
        parts.append(Event.Kind(data["kind"]).label.lower() + "s")
    title = "Tracker" + (": " + ", ".join(parts) if parts else "")
    if data.get("from") or data.get("to"):
        start = data["from"].isoformat() if data.get("from") else "the start"
        end = data["to"].isoformat() if data.get("to") else "today"
        title += f" ({start} to {end})"
    return title
