"""The profile pages of a person, a sector, an event, an organization and a country.

Each shows the entity, its filtered quotes (`sections.profile_quotes`), what relates to
it, and its schema.org data; each runs a fixed number of queries.
"""

from urllib.parse import urlencode

from django.db.models import Case, Count, Exists, OuterRef, Q, When
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote, people_in_public_coverage
from articles.public import structured_data, timeline
from articles.public.coverage import in_sector, narrow, quotes_in_sector
from articles.public.dependencies import depends_on, profile_key
from articles.public.profiles.sections import (
    LIST_LIMIT,
    articles_about,
    count_of,
    get_entity_or_redirect,
    kept_for,
    label_events,
    latest_articles,
    month_rows,
    monthly_chart,
    profile_quotes,
    public_quotes,
)
from entities import linking
from entities.models import Country, Event, Organization, Person, Sector

EVENTS_LIMIT = 100
# "Often quoted alongside" looks at this many of the person's latest articles.
CO_SPEAKER_ARTICLES = 100


def person_detail(request, slug):
    person, moved = get_entity_or_redirect(
        Person, slug, Person.objects.select_related("affiliation", "country")
    )
    if moved:
        return moved
    quotes = public_quotes().filter(speaker=person)
    context, refusal = profile_quotes(
        request, person, quotes, noun="by this person", exclude=("person",)
    )
    if refusal:
        return refusal
    theirs = Quote.objects.public().filter(speaker=person)
    sectors = (
        Sector.objects.filter(quotes__in=theirs.values("pk"))
        .annotate(n=Count("quotes"))
        .order_by("-n", "name")[:LIST_LIMIT]
    )
    # Counted only for the events listed (a correlated count), not over every event's quotes.
    events = (
        Event.objects.filter(
            Q(pk__in=theirs.values("events"))
            | Q(pk__in=person.events.through.objects.filter(person=person).values("event_id"))
        )
        .annotate(n=count_of(theirs.filter(events=OuterRef("pk"))))
        .order_by("-start_date", "pk")[:LIST_LIMIT]
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
    sectors, events, co_speakers = (
        kept_for(person, name, lambda rows=rows: list(rows))
        for name, rows in (("sectors", sectors), ("events", events), ("co-speakers", co_speakers))
    )
    events = label_events(events, timezone.localdate())
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
            "json_ld": structured_data.profile(person, request),
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
    quotes = public_quotes().filter(quotes_in_sector(sector))
    context, refusal = profile_quotes(
        request, sector, quotes, noun="on this sector", exclude=("sector",)
    )
    if refusal:
        return refusal
    on_sector = Quote.objects.public().filter(quotes_in_sector(sector)).values("pk")
    speakers = (
        Person.objects.filter(quotes__in=on_sector)
        .annotate(n=Count("quotes"))
        .order_by("-n", "name")[:10]
    )
    speakers = kept_for(sector, "speakers", lambda: list(speakers))
    today = timezone.localdate()
    events = list(
        narrow(Event.objects.all(), in_sector(sector)).order_by("start_date", "pk")[
            : EVENTS_LIMIT + 1
        ]
    )
    articles = articles_about(in_sector(sector, "sector"), in_sector(sector))
    coverage_chart, coverage_rows, article_count = monthly_chart(
        kept_for(sector, "article-months", lambda: month_rows(articles, "publish_at")),
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
            "json_ld": structured_data.profile(sector, request),
        },
    )


def event_detail(request, slug):
    event, moved = get_entity_or_redirect(
        Event, slug, Event.objects.prefetch_related("status_changes")
    )
    if moved:
        return moved
    quotes = public_quotes().filter(events=event)
    context, refusal = profile_quotes(
        request, event, quotes, noun="about this event", exclude=("event",)
    )
    if refusal:
        return refusal
    linking.link([event], Event.LINKS)  # What its page lists, in one query.
    depends_on(request, *map(profile_key, event.sectors.all()))  # Its neighbours share one.
    today = timezone.localdate()
    label_events([event], today)
    articles = articles_about(Q(event=event), Q(events=event))
    before, after = event_neighbours(event)
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
            "json_ld": structured_data.profile(event, request),
        },
    )


def event_neighbours(event):
    """The events sharing a sector with `event` just before and just after it (by start
    date, then id), in one query; None where there is none."""
    near = narrow(
        Event.objects.exclude(pk=event.pk), Q(sectors__in=Sector.objects.filter(events=event))
    )
    day, pk = event.start_date, event.pk
    earlier = near.filter(Q(start_date__lt=day) | Q(start_date=day, pk__lt=pk))
    later = near.filter(Q(start_date__gt=day) | Q(start_date=day, pk__gt=pk))
    found = Event.objects.filter(
        Q(pk__in=earlier.order_by("-start_date", "-pk").values("pk")[:1])
        | Q(pk__in=later.order_by("start_date", "pk").values("pk")[:1])
    )
    before = after = None
    for neighbour in found:
        if (neighbour.start_date, neighbour.pk) < (day, pk):
            before = neighbour
        else:
            after = neighbour
    return before, after


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
    quotes = public_quotes().filter(speaker__affiliation=organization)
    context, refusal = profile_quotes(request, organization, quotes, noun="by its people")
    if refusal:
        return refusal
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
            "json_ld": structured_data.profile(organization, request),
        },
    )


def country_detail(request, slug):
    country, moved = get_entity_or_redirect(Country, slug)
    if moved:
        return moved
    quotes = public_quotes().filter(speaker__country=country)
    context, refusal = profile_quotes(request, country, quotes, noun="by its people")
    if refusal:
        return refusal
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
            "json_ld": structured_data.profile(country, request),
        },
    )


def country_roles(country, events):
    """Say on each event (annotated with `implements`) which side the country is on."""
    for event in events:
        event.country_role = event.role_of(country, implements=event.implements)
    return events
