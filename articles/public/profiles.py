"""Public profiles of people, organizations, sectors, events and countries; the tracker.

Every count and list goes through `Article.objects.published()` and
`Quote.objects.public()`, and each page runs a fixed number of queries.
"""

import json
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from articles.models import Article, Quote, people_in_public_coverage
from articles.public import charts, timeline
from articles.public.dependencies import depends_on, key_of
from articles.public.feedlinks import feed_links
from articles.public.profile_forms import (
    QuoteFilterForm,
    TrackerFilterForm,
    coverage,
    error_text,
    in_sector,
    narrow,
    quotes_in_sector,
)
from entities import addresses, linking
from entities.models import Country, Event, Organization, Person, Sector, SlugRedirect

QUOTES_PER_PAGE = 20
ENTITIES_PER_PAGE = 100
LIST_LIMIT = 20
TRACKER_LIMIT = 60
EVENTS_LIMIT = 100


def get_entity_or_redirect(model, slug, queryset=None):
    """The entity at `slug`, or a 301 to its current address if the slug is an old one."""
    queryset = model.objects.all() if queryset is None else queryset
    entity = queryset.filter(slug=slug).first()
    if entity is not None:
        return entity, None
    moved = SlugRedirect.target(model, slug)
    if moved is None:
        raise Http404(f"No {model._meta.verbose_name} at this address.")
    return None, redirect(moved, permanent=True)


# Building blocks shared by the pages.


def count_of(queryset):
    """A correlated COUNT(DISTINCT pk) of `queryset` (which uses OuterRef), 0 when empty."""
    counted = (
        queryset.order_by()
        .annotate(tally=Func(F("pk"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)"))
        .values("tally")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def json_ld(data):
    """schema.org data as the body of a <script type="application/ld+json"> element."""
    text = json.dumps({"@context": "https://schema.org", **data}, cls=DjangoJSONEncoder)
    return mark_safe(text.translate(_json_script_escapes))


def absolute(url):
    """The absolute address of a path, on the host this request reached."""
    return addresses.absolute(url)


def entity_json_ld(entity, schema_type, **extra):
    data = {"@type": schema_type, "name": entity.name, "url": absolute(entity.get_absolute_url())}
    if entity.short_description:
        data["description"] = entity.short_description
    if entity.alias_list:
        data["alternateName"] = entity.alias_list
    if entity.wikidata_id:
        data["sameAs"] = [f"https://www.wikidata.org/wiki/{entity.wikidata_id}"]
    data.update({key: value for key, value in extra.items() if value})
    return json_ld(data)


def bad_request(request, form):
    return render(request, "entities/bad_request.html", {"errors": error_text(form)}, status=400)


def paginate(request, queryset, per_page, *, count=None):
    """The requested page of `queryset`; a page number that is not a page is a 404.

    `count`, when the caller already knows how many rows there are, saves the COUNT query.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property: this is its value.
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404("No such page.") from exc


def page_links(page, query=""):
    """Addresses of the previous and next pages, keeping the filters in `query`."""

    def url(number):
        return "?" + "&".join(part for part in (query, f"page={number}") if part)

    return {
        "prev_url": url(page.previous_page_number()) if page.has_previous() else "",
        "next_url": url(page.next_page_number()) if page.has_next() else "",
    }


def label_events(events, today):
    """Give each event its printed dates and whether it is still to come."""
    for event in events:
        event.dates_label = timeline.date_label(
            event.start_date, event.end_date, approximate=event.date_is_approximate
        )
        event.upcoming = event.is_upcoming(today)
    return events


def public_quotes():
    """Public quotes with what a quote list shows, dated by when they were said."""
    return (
        Quote.objects.public()
        .select_related("speaker", "article")
        .with_topics()
        .order_by("-day", "-pk")
    )


def monthly_chart(rows, date_field, *, noun, chart_id, title):
    """How many `rows` fall in each month of `date_field` (one query), as an SVG bar chart,
    the (month label, count) rows of its text alternative, and the number of rows in all
    (undated rows too, though public quotes and articles always have a date)."""
    months = list(
        rows.order_by()
        .annotate(month=TruncMonth(date_field))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    counts = timeline.month_counts(row for row in months if row["month"] is not None)
    series = charts.month_series(counts)
    chart = charts.bar_chart(
        charts.monthly_bars(series, noun=noun),
        chart_id=chart_id,
        title=title,
        description=charts.describe_series(series, noun=noun),
    )
    return chart, [(charts.month_label(m), n) for m, n in series if n], sum(r["n"] for r in months)


def quotes_section(request, entity, quotes, form, *, noun):
    """The paginated, filtered quote list of a profile, with its feed and chart."""
    quotes = form.filter_quotes(quotes)
    query = form.query_string()
    feed_url = f"{entity.get_absolute_url()}feed/" + (f"?{query}" if query else "")
    selection = " and ".join(e.name for _, e in form.active)
    title = f"{entity.name}: quotes" + (f" on {selection}" if selection else "")
    chart, chart_rows, total = monthly_chart(
        quotes, "day", noun="quote", chart_id="quotes-chart", title=f"Quotes {noun} per month"
    )
    page = paginate(request, quotes, QUOTES_PER_PAGE, count=total)
    kind = type(entity)._meta.model_name
    return {
        "page": page,
        "quotes": page.object_list,
        **page_links(page, query),
        "filters": form.active,
        "feeds": feed_links((title, feed_url)),
        "feed_url": feed_url,
        "csv_url": quotes_csv_url(kind, entity, form),
        "alerts_url": alerts_url(kind, entity),
        "chart": chart,
        "chart_rows": chart_rows,
    }


# The /quotes/ filter that gives a profile's own quotes, by kind of profile.
QUOTE_LIST_FILTERS = {
    "person": "speaker",
    "sector": "sector",
    "event": "event",
    "country": "country",
}
ALERT_KINDS = ("person", "sector", "event", "country")


def quotes_csv_url(kind, entity, form):
    """The CSV of the quotes a profile lists, with its filters; None where /quotes/ has no
    filter for that kind of profile."""
    if kind not in QUOTE_LIST_FILTERS:
        return None
    params = [(QUOTE_LIST_FILTERS[kind], entity.slug)]
    params += [(QUOTE_LIST_FILTERS.get(name, name), chosen.slug) for name, chosen in form.active]
    return f"{reverse('articles:quote-csv')}?{urlencode(params)}"


def alerts_url(kind, entity):
    if kind not in ALERT_KINDS:
        return None
    return f"{reverse('articles:alert-subscribe')}?{urlencode({kind: entity.slug})}"


def latest_articles(articles):
    """The first LIST_LIMIT of `articles` and how many there are in all, in one query:
    `{"articles": [...], "article_count": n}`."""
    rows = list(articles.annotate(total_rows=Window(Count("pk")))[:LIST_LIMIT])
    return {"articles": rows, "article_count": rows[0].total_rows if rows else 0}


def articles_about(mention, quote):
    """Public articles mentioning the entity (`mention`) or quoting on it (`quote`), newest
    first."""
    articles = Article.objects.published().filter(coverage(mention, quote))
    return articles.order_by("-publish_at", "-pk")


# Index pages.


def _entity_list(
    request, queryset, *, template, title, intro, section, ordering=("name", "pk"), prepare=list
):
    page = paginate(request, queryset.order_by(*ordering), ENTITIES_PER_PAGE)
    return render(
        request,
        template,
        {
            "page": page,
            "entities": prepare(list(page.object_list)),
            "title": title,
            "intro": intro,
            "section": section,
            **page_links(page),
        },
    )


def person_list(request):
    people = (
        Person.objects.select_related("affiliation", "country")
        .annotate(
            quote_count=count_of(Quote.objects.public().filter(speaker=OuterRef("pk"))),
            article_count=count_of(
                Article.objects.published().filter(
                    Q(mentions__person=OuterRef("pk")) | Q(quotes__speaker=OuterRef("pk"))
                )
            ),
        )
        # Someone named only in drafts, scheduled or trashed articles is not listed.
        .filter(Q(quote_count__gt=0) | Q(article_count__gt=0))
    )
    return _entity_list(
        request,
        people,
        template="entities/person_list.html",
        section="people",
        title="People",
        intro="Everyone quoted or named in our coverage.",
    )


def organization_list(request):
    organizations = Organization.objects.select_related("country").annotate(
        people_count=Count("people", distinct=True),
        quote_count=count_of(Quote.objects.public().filter(speaker__affiliation=OuterRef("pk"))),
        article_count=count_of(
            Article.objects.published().filter(
                Q(mentions__organization=OuterRef("pk"))
                | Q(quotes__speaker__affiliation=OuterRef("pk"))
            )
        ),
    )
    return _entity_list(
        request,
        organizations,
        template="entities/organization_list.html",
        section="organizations",
        title="Organizations",
        intro="Governments, agencies, companies, unions and associations in our coverage.",
    )


def sector_list(request):
    sectors = Sector.objects.select_related("parent").annotate(
        quote_count=count_of(Quote.objects.public().filter(in_sector(OuterRef("pk")))),
        article_count=count_of(
            Article.objects.published().filter(
                in_sector(OuterRef("pk"), "mentions__sector")
                | in_sector(OuterRef("pk"), "quotes__sectors")
            )
        ),
        event_count=count_of(Event.objects.filter(in_sector(OuterRef("pk")))),
    )
    return _entity_list(
        request,
        sectors,
        template="entities/sector_list.html",
        section="sectors",
        title="Sectors",
        intro="The industries the dispute touches. A sector's tallies include its sub-sectors.",
    )


def event_list(request):
    events = Event.objects.annotate(
        quote_count=count_of(Quote.objects.public().filter(events=OuterRef("pk"))),
        article_count=count_of(
            Article.objects.published().filter(
                Q(mentions__event=OuterRef("pk")) | Q(quotes__events=OuterRef("pk"))
            )
        ),
    )
    today = timezone.localdate()
    return _entity_list(
        request,
        events,
        template="entities/event_list.html",
        section="events",
        title="Events",
        intro="Summits, talks, tariff actions and deadlines, latest first.",
        ordering=("-start_date", "name", "pk"),
        prepare=lambda events: label_events(events, today),
    )


def country_list(request):
    countries = Country.objects.annotate(
        people_count=Count("people", distinct=True),
        quote_count=count_of(Quote.objects.public().filter(speaker__country=OuterRef("pk"))),
        article_count=count_of(
            Article.objects.published().filter(mentions__country=OuterRef("pk"))
        ),
    )
    return _entity_list(
        request,
        countries,
        template="entities/country_list.html",
        section="countries",
        title="Countries",
        intro="The jurisdictions that impose, answer or negotiate.",
    )


# Profiles.


# "Often quoted alongside" looks at this many of the person's latest articles.
CO_SPEAKER_ARTICLES = 100


def person_detail(request, slug):
    person, moved = get_entity_or_redirect(
        Person, slug, Person.objects.select_related("affiliation", "country")
    )
    if moved:
        return moved
    depends_on(request, key_of(person))
    form = QuoteFilterForm(request.GET, exclude=("person",))
    if not form.is_valid():
        return bad_request(request, form)
    theirs = Quote.objects.public().filter(speaker=person)
    context = quotes_section(
        request, person, public_quotes().filter(speaker=person), form, noun="by this person"
    )
    sectors = (
        Sector.objects.filter(quotes__in=theirs.values("pk"))
        .annotate(n=Count("quotes"))
        .order_by("-n", "name")[:LIST_LIMIT]
    )
    # Counted only for the events listed (a correlated count), not over every event's quotes.
    events = label_events(
        Event.objects.filter(
            Q(pk__in=theirs.values("events"))
            | Q(pk__in=person.events.through.objects.filter(person=person).values("event_id"))
        )
        .annotate(n=count_of(theirs.filter(events=OuterRef("pk"))))
        .order_by("-start_date", "pk")[:LIST_LIMIT],
        timezone.localdate(),
    )
    # Counted over their latest articles: recent company, at a cost that does not grow with
    # a long career of quotes.
    recent = (
        Article.objects.published()
        .filter(Exists(Quote.objects.filter(article=OuterRef("pk"), speaker=person)))
        .order_by("-publish_at", "-pk")
        .values("pk")[:CO_SPEAKER_ARTICLES]
    )
    co_speakers = (
        Person.objects.filter(quotes__article__in=recent)
        .exclude(pk=person.pk)
        .annotate(shared=Count("quotes__article", distinct=True))
        .order_by("-shared", "name")[:10]
    )
    return render(
        request,
        "entities/person_detail.html",
        {
            **context,
            "entity": person,
            "section": "people",
            "person": person,
            "sectors": sectors,
            "events": events,
            "co_speakers": co_speakers,
            "co_speaker_articles": CO_SPEAKER_ARTICLES,
            "json_ld": entity_json_ld(
                person,
                "Person",
                jobTitle=person.title,
                affiliation=person.affiliation
                and {
                    "@type": "Organization",
                    "name": person.affiliation.name,
                    "url": absolute(person.affiliation.get_absolute_url()),
                },
                nationality=person.country and {"@type": "Country", "name": person.country.name},
            ),
        },
    )


def sector_and_children(slug):
    """The sector at `slug` and its sub-sectors with their public quote counts, in one
    query; (None, []) when no sector has that slug."""
    family = list(
        Sector.objects.select_related("parent")
        .filter(Q(slug=slug) | Q(parent__slug=slug))
        .annotate(
            quote_count=Case(
                When(
                    ~Q(slug=slug),
                    then=count_of(Quote.objects.public().filter(sectors=OuterRef("pk"))),
                ),
                default=None,
            )
        )
    )
    sector = next((s for s in family if s.slug == slug), None)
    return sector, [s for s in family if s is not sector]


def sector_detail(request, slug):
    sector, children = sector_and_children(slug)
    if sector is None:  # An old address (a 301), or none (a 404).
        sector, moved = get_entity_or_redirect(Sector, slug)
        if moved:
            return moved
    depends_on(request, key_of(sector))
    form = QuoteFilterForm(request.GET, exclude=("sector",))
    if not form.is_valid():
        return bad_request(request, form)
    context = quotes_section(
        request,
        sector,
        public_quotes().filter(quotes_in_sector(sector)),
        form,
        noun="on this sector",
    )
    on_sector = Quote.objects.public().filter(quotes_in_sector(sector)).values("pk")
    speakers = (
        Person.objects.filter(quotes__in=on_sector)
        .annotate(n=Count("quotes"))
        .order_by("-n", "name")[:10]
    )
    today = timezone.localdate()
    events = list(
        narrow(Event.objects.all(), in_sector(sector)).order_by("start_date", "pk")[
            : EVENTS_LIMIT + 1
        ]
    )
    articles = articles_about(in_sector(sector, "sector"), in_sector(sector))
    coverage_chart, coverage_rows, article_count = monthly_chart(
        articles,
        "publish_at",
        noun="article",
        chart_id="coverage-chart",
        title=f"Articles on {sector.name} per month",
    )
    tracker_url = reverse("entities:tracker") + "?" + urlencode({"sector": sector.slug})
    return render(
        request,
        "entities/sector_detail.html",
        {
            **context,
            "entity": sector,
            "section": "sectors",
            "sector": sector,
            "speakers": speakers,
            "events": label_events(events[:EVENTS_LIMIT], today),
            "more_events": len(events) > EVENTS_LIMIT,
            "articles": articles[:LIST_LIMIT],
            "article_count": article_count,
            "coverage_chart": coverage_chart,
            "coverage_rows": coverage_rows,
            "children": children,
            "tracker_url": tracker_url,
            "json_ld": entity_json_ld(sector, "Thing"),
        },
    )


EVENT_STATUS_SCHEMA = {
    Event.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Event.Status.ONGOING: "https://schema.org/EventScheduled",
    Event.Status.CONCLUDED: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}


def event_detail(request, slug):
    event, moved = get_entity_or_redirect(
        Event, slug, Event.objects.prefetch_related("status_changes")
    )
    if moved:
        return moved
    depends_on(request, key_of(event))
    linking.link([event], Event.LINKS)  # What its page lists, in one query.
    form = QuoteFilterForm(request.GET, exclude=("event",))
    if not form.is_valid():
        return bad_request(request, form)
    today = timezone.localdate()
    label_events([event], today)
    context = quotes_section(
        request, event, public_quotes().filter(events=event), form, noun="about this event"
    )
    articles = articles_about(Q(event=event), Q(events=event))
    neighbours = narrow(
        Event.objects.exclude(pk=event.pk), Q(sectors__in=Sector.objects.filter(events=event))
    )
    before = (
        neighbours.filter(
            Q(start_date__lt=event.start_date) | Q(start_date=event.start_date, pk__lt=event.pk)
        )
        .order_by("-start_date", "-pk")
        .first()
    )
    after = (
        neighbours.filter(
            Q(start_date__gt=event.start_date) | Q(start_date=event.start_date, pk__gt=event.pk)
        )
        .order_by("start_date", "pk")
        .first()
    )
    label_events([e for e in (before, after) if e], today)
    return render(
        request,
        "entities/event_detail.html",
        {
            **context,
            "entity": event,
            "section": "events",
            "event": event,
            **latest_articles(articles),
            "before": before,
            "after": after,
            "tracker_url": reverse("entities:tracker")
            + "?"
            + urlencode({"to": timeline.month_end(event.start_date).isoformat()})
            + f"#m-{event.start_date:%Y-%m}",
            "json_ld": entity_json_ld(
                event,
                "Event",
                startDate=event.start_date,
                endDate=event.end_date,
                eventStatus=EVENT_STATUS_SCHEMA.get(event.status),
                location=event.location and {"@type": "Place", "name": event.location},
            ),
        },
    )


def quoted_people(**filters):
    """Up to 50 people in public coverage matching `filters`, with their public quote counts."""
    public = Quote.objects.public().filter(speaker=OuterRef("pk"))
    return (
        people_in_public_coverage()
        .filter(**filters)
        .select_related("affiliation")
        .annotate(quote_count=count_of(public))[:50]
    )


def organization_detail(request, slug):
    organization, moved = get_entity_or_redirect(
        Organization, slug, Organization.objects.select_related("country")
    )
    if moved:
        return moved
    depends_on(request, key_of(organization))
    form = QuoteFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    context = quotes_section(
        request,
        organization,
        public_quotes().filter(speaker__affiliation=organization),
        form,
        noun="by its people",
    )
    people = quoted_people(affiliation=organization)
    events = narrow(
        Event.objects.all(),
        Q(organizations=organization) | Q(participants__affiliation=organization),
    ).order_by("-start_date", "pk")[:LIST_LIMIT]
    articles = articles_about(Q(organization=organization), Q(speaker__affiliation=organization))
    return render(
        request,
        "entities/organization_detail.html",
        {
            **context,
            "entity": organization,
            "section": "organizations",
            "organization": organization,
            "people": people,
            "events": label_events(list(events), timezone.localdate()),
            **latest_articles(articles),
            "json_ld": entity_json_ld(organization, "Organization"),
        },
    )


def country_detail(request, slug):
    country, moved = get_entity_or_redirect(Country, slug)
    if moved:
        return moved
    depends_on(request, key_of(country))
    form = QuoteFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    context = quotes_section(
        request,
        country,
        public_quotes().filter(speaker__country=country),
        form,
        noun="by its people",
    )
    people = quoted_people(country=country)
    organizations = Organization.objects.filter(country=country)[:50]
    events = (
        narrow(
            Event.objects.all(),
            Q(implementing_countries=country) | Q(affected_countries=country),
        )
        .annotate(
            implements=Exists(
                Event.implementing_countries.through.objects.filter(
                    event=OuterRef("pk"), country=country
                )
            )
        )
        .order_by("-start_date", "pk")[:LIST_LIMIT]
    )
    articles = articles_about(Q(country=country), Q(speaker__country=country))
    return render(
        request,
        "entities/country_detail.html",
        {
            **context,
            "entity": country,
            "section": "countries",
            "country": country,
            "people": people,
            "organizations": organizations,
            "events": country_roles(country, label_events(list(events), timezone.localdate())),
            **latest_articles(articles),
            "json_ld": entity_json_ld(country, "Country"),
        },
    )


def country_roles(country, events):
    """Say on each event (annotated with `implements`) which side the country is on."""
    for event in events:
        event.country_role = event.role_of(country, implements=event.implements)
    return events


# The tracker.


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
                title=_activity_title(month, activity.get(month)),
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
            "feeds": feed_links((_tracker_title(form), feed_url)),
            "feed_url": feed_url,
            "csv_url": csv_url,
            "tracker_title": _tracker_title(form),
        },
    )


def _activity_title(month, tally):
    tally = tally or {}
    parts = [
        f"{tally.get(kind, 0)} {noun}{'' if tally.get(kind, 0) == 1 else 's'}"
        for kind, noun in (("events", "event"), ("articles", "article"), ("quotes", "key quote"))
    ]
    return f"{charts.month_label(month)}: " + ", ".join(parts)


def _tracker_title(form):
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
