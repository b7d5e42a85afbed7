"""The index pages of people, organizations, sectors, events and countries.

Each lists every entity in our coverage with its tallies of public quotes and articles,
by name (events latest first), a page of `ENTITIES_PER_PAGE` at a time: one query for
the page, and one for the tallies not already in the cache (`tallies.entity_tallies`).
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
from articles.public.tallies import entity_tallies, tallied_rows
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
    request,
    queryset,
    counts,
    *,
    template,
    title,
    intro,
    section,
    ordering=("name", "pk"),
    prepare=list,
    listed=None,
):
    """The page of `queryset`'s entities the request asks for, each with the tallies
    `counts` gives (name: expression on `OuterRef("pk")`).

    `listed`, a queryset, picks the entities listed when that takes counting over the
    archive: their ids, in order, are kept with the tallies (`tallied_rows`), and
    `queryset` loads the page's own.
    """
    depends_only_on(request, TALLIES_KEY)
    number = request.GET.get("page")
    if listed is None:
        page = paginate(queryset.order_by(*ordering), number, ENTITIES_PER_PAGE)
        entities = list(page.object_list)
    else:
        ids = tallied_rows(
            f"listed:{section}",
            lambda: list(listed.order_by(*ordering).values_list("pk", flat=True)),
        )
        page = paginate(ids, number, ENTITIES_PER_PAGE, count=len(ids))
        loaded = queryset.in_bulk(page.object_list)
        # One deleted since the ids were read is left out.
        entities = [loaded[pk] for pk in page.object_list if pk in loaded]
    entities = entity_tallies(entities, counts)
    return render(
        request,
        template,
        {
            "page": page,
            "entities": prepare(entities),
            "title": title,
            "intro": intro,
            "section": section,
            "page_base": "",
            "feeds": feed_links(site_feed()),
        },
    )


def person_list(request):
    return _entity_list(
        request,
        Person.objects.select_related("affiliation", "country"),
        tallies(Q(speaker=OuterRef("pk")), Q(person=OuterRef("pk"))),
        template="entities/person_list.html",
        section="people",
        title="People",
        intro="Everyone quoted or named in our coverage.",
        # Someone named only in drafts, scheduled or trashed articles is not listed.
        listed=people_in_public_coverage(),
    )


def organization_list(request):
    return _entity_list(
        request,
        Organization.objects.select_related("country"),
        {
            "people_count": count_of(Person.objects.filter(affiliation=OuterRef("pk"))),
            **tallies(Q(speaker__affiliation=OuterRef("pk")), Q(organization=OuterRef("pk"))),
        },
        template="entities/organization_list.html",
        section="organizations",
        title="Organizations",
        intro="Governments, agencies, companies, unions and associations in our coverage.",
    )


def sector_list(request):
    return _entity_list(
        request,
        Sector.objects.select_related("parent"),
        {
            **tallies(in_sector(OuterRef("pk")), in_sector(OuterRef("pk"), "sector")),
            "event_count": count_of(Event.objects.filter(in_sector(OuterRef("pk")))),
        },
        template="entities/sector_list.html",
        section="sectors",
        title="Sectors",
        intro="The industries the dispute touches. A sector's tallies include its sub-sectors.",
    )


def event_list(request):
    today = timezone.localdate()
    return _entity_list(
        request,
        Event.objects.all(),
        tallies(Q(events=OuterRef("pk")), Q(event=OuterRef("pk"))),
        template="entities/event_list.html",
        section="events",
        title="Events",
        intro="Summits, talks, tariff actions and deadlines, latest first.",
        ordering=("-start_date", "name", "pk"),
        prepare=lambda events: label_events(events, today),
    )


def country_list(request):
    return _entity_list(
        request,
        Country.objects.all(),
        {
            "people_count": count_of(Person.objects.filter(country=OuterRef("pk"))),
            # A country's articles are those naming it, not those quoting its people.
            **tallies(Q(speaker__country=OuterRef("pk")), Q(country=OuterRef("pk")), quoting=False),
        },
        template="entities/country_list.html",
        section="countries",
        title="Countries",
        intro="The jurisdictions that impose, answer or negotiate.",
    )
