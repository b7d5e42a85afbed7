"""The index pages of people, organizations, sectors, events and countries.

Each lists every entity in our coverage with its tallies of public quotes and articles,
by name (events latest first), a page of `ENTITIES_PER_PAGE` at a time.
"""

from django.db.models import OuterRef, Q
from django.shortcuts import render
from django.utils import timezone

from articles.models import Quote, people_in_public_coverage
from articles.public.coverage import coverage_count, in_sector
from articles.public.dependencies import TALLIES_KEY, depends_only_on
from articles.public.feeds.links import feed_links, site_feed
from articles.public.pages import paginate
from articles.public.profiles.sections import count_of, label_events
from entities.models import Country, Event, Organization, Person, Sector

ENTITIES_PER_PAGE = 100


def tallies(quotes, mentions, *, quoting=True):
    """The counts an index page shows of each entity: its public quotes (those matching
    `quotes`) and published articles (those with a mention matching `mentions` or, with
    `quoting`, one of those quotes), conditions on `OuterRef("pk")`."""
    return {
        "quote_count": count_of(Quote.objects.public().filter(quotes)),
        "article_count": coverage_count(mentions, quotes if quoting else None),
    }


def _entity_list(
    request, queryset, *, template, title, intro, section, ordering=("name", "pk"), prepare=list
):
    depends_only_on(request, TALLIES_KEY)
    page = paginate(queryset.order_by(*ordering), request.GET.get("page"), ENTITIES_PER_PAGE)
    return render(
        request,
        template,
        {
            "page": page,
            "entities": prepare(list(page.object_list)),
            "title": title,
            "intro": intro,
            "section": section,
            "page_base": "",
            "feeds": feed_links(site_feed()),
        },
    )


def person_list(request):
    people = (
        # Someone named only in drafts, scheduled or trashed articles is not listed.
        people_in_public_coverage()
        .select_related("affiliation", "country")
        .annotate(**tallies(Q(speaker=OuterRef("pk")), Q(person=OuterRef("pk"))))
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
        people_count=count_of(Person.objects.filter(affiliation=OuterRef("pk"))),
        **tallies(Q(speaker__affiliation=OuterRef("pk")), Q(organization=OuterRef("pk"))),
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
        **tallies(in_sector(OuterRef("pk")), in_sector(OuterRef("pk"), "sector")),
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
    events = Event.objects.annotate(**tallies(Q(events=OuterRef("pk")), Q(event=OuterRef("pk"))))
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
        people_count=count_of(Person.objects.filter(country=OuterRef("pk"))),
        # A country's articles are those naming it, not those quoting its people.
        **tallies(Q(speaker__country=OuterRef("pk")), Q(country=OuterRef("pk")), quoting=False),
    )
    return _entity_list(
        request,
        countries,
        template="entities/country_list.html",
        section="countries",
        title="Countries",
        intro="The jurisdictions that impose, answer or negotiate.",
    )
