"""Profile feeds (people, organizations, sectors, events, countries) and the tracker feed.

A person's feed carries their quotes. The other profiles' feeds carry the articles
concerning the entity and the quotes on it, merged newest first. The profile
page's quote filters (`?sector=&event=&person=`) narrow a feed to the matching
quotes, as they narrow the page. The tracker feed shows the tracker's timeline:
events, status changes of trade measures, articles and key quotes.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from articles.feeds import (
    ARTICLE_JOINS,
    FEED_LIMIT,
    QUOTE_JOINS,
    BadFilter,
    CoverageFeed,
    FeedItem,
    Moved,
    absolute,
    article_item,
    article_stamps,
    moved_to,
    quote_item,
    quote_stamps,
    tag_uri,
)
from articles.models import Article, Quote

from . import timeline
from .forms import (
    QuoteFilterForm,
    TrackerFilterForm,
    coverage,
    error_text,
    in_sector,
    quotes_in_sector,
)
from .models import Country, Event, Organization, Person, Sector, SlugRedirect
from .views import _tracker_title as tracker_title


@dataclass
class Profile:
    entity: object
    form: QuoteFilterForm


class ProfileFeed(CoverageFeed):
    """The feed of one entity; subclasses say which quotes and articles concern it."""

    model = None
    exclude = ()
    about = None  # Articles concerning the entity: a method giving a condition, or None.

    def get_object(self, request, slug):
        entity = self.model.objects.filter(slug=slug).first()
        if entity is None:
            moved = SlugRedirect.target(self.model, slug)
            if moved is None:
                raise Http404(f"No {self.model._meta.verbose_name} at this address.")
            raise Moved(moved_to(request, slug, moved.slug))
        form = QuoteFilterForm(request.GET, exclude=self.exclude)
        if not form.is_valid():
            raise BadFilter(" ".join(error_text(form)))
        return Profile(entity, form)

    def feed_id(self, profile):
        query = profile.form.query_string()
        return f"{self.model._meta.model_name}/{profile.entity.uid}" + (
            f"?{query}" if query else ""
        )

    def title(self, profile):
        selection = " and ".join(entity.name for _, entity in profile.form.active)
        what = "quotes" if self.about is None or selection else "articles and quotes"
        return f"{settings.SITE_NAME}: {profile.entity.name}, {what}" + (
            f" on {selection}" if selection else ""
        )

    def description(self, profile):
        return profile.entity.short_description or f"Our coverage of {profile.entity.name}."

    def link(self, profile):
        query = profile.form.query_string()
        return absolute(profile.entity.get_absolute_url() + (f"?{query}" if query else ""))

    def quotes(self, profile):
        return profile.form.filter_quotes(Quote.objects.public().filter(self.said(profile.entity)))

    def articles(self, profile):
        if self.about is None or profile.form.active:
            return None
        return Article.objects.published().filter(self.about(profile.entity))


class PersonFeed(ProfileFeed):
    model, exclude = Person, ("person",)

    def said(self, person):
        return Q(speaker=person)


class SectorFeed(ProfileFeed):
    """A sector with its sub-sectors (metals covers steel)."""

    model, exclude = Sector, ("sector",)

    def said(self, sector):
        return quotes_in_sector(sector)

    def about(self, sector):
        return coverage(in_sector(sector, "sector"), in_sector(sector))


class EventFeed(ProfileFeed):
    model, exclude = Event, ("event",)

    def said(self, event):
        return Q(events=event)

    def about(self, event):
        return coverage(Q(event=event), Q(events=event))


class OrganizationFeed(ProfileFeed):
    model = Organization

    def said(self, organization):
        return Q(speaker__affiliation=organization)

    def about(self, organization):
        return coverage(Q(organization=organization), Q(speaker__affiliation=organization))


class CountryFeed(ProfileFeed):
    model = Country

    def said(self, country):
        return Q(speaker__country=country)

    def about(self, country):
        return coverage(Q(country=country), Q(speaker__country=country))


# The tracker ------------------------------------------------------------------------------


def day_start(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def event_item(event):
    """An event with its dates, kind, place, measure details, sectors, countries and history."""
    dates = timeline.date_label(
        event.start_date, event.end_date, approximate=event.date_is_approximate
    )
    start = day_start(event.start_date)
    context = {"event": event, "dates": dates, "site_url": settings.SITE_URL}
    return FeedItem(
        kind="event",
        guid=tag_uri("event", event.uid),
        title=f"{event.name} ({event.get_kind_display().lower()}, {dates})",
        link=absolute(event.get_absolute_url()),
        summary=" ".join(
            filter(None, [f"{event.get_kind_display()}, {dates}.", event.short_description])
        ),
        content=render_to_string("feeds/event_item.html", context),
        published=start,
        updated=max(start, event.updated_at),
        categories=tuple(
            sorted({event.get_kind_display(), *(s.name for s in event.sectors.all())})
        ),
    )


def status_item(change):
    """A dated step of a trade measure: announced, in force, suspended ..."""
    event = change.event
    when = day_start(change.date)
    label = change.get_status_display()
    summary = f"{event.name}: {label.lower()} on {timeline.date_label(change.date)}."
    return FeedItem(
        kind="status",
        guid=tag_uri("event", f"{event.uid}/status/{change.pk}"),
        title=f"{event.name}: {label.lower()}",
        link=absolute(event.get_absolute_url()),
        summary=" ".join(filter(None, [summary, change.note])),
        content="",
        published=when,
        updated=when,
        categories=(event.get_kind_display(),),
    )


TRACKER_ITEMS = {
    "event": event_item,
    "status": status_item,
    "article": article_item,
    "quote": quote_item,
}


class TrackerFeed(CoverageFeed):
    """The tracker's timeline, newest first, with the tracker page's filters."""

    description = "Events, trade measures, articles and key quotes of the dispute, as they happen."

    def get_object(self, request):
        form = TrackerFilterForm(request.GET)
        if not form.is_valid():
            raise BadFilter(" ".join(error_text(form)))
        form.cleaned_data["order"] = ""  # A feed always reads newest first.
        return form

    def feed_id(self, form):
        query = urlencode(form.filter_params())
        return "tracker" + (f"?{query}" if query else "")

    def title(self, form):
        return f"{settings.SITE_NAME}: {tracker_title(form)}"

    def link(self, form):
        query = urlencode(form.filter_params())
        return absolute(reverse("entities:tracker") + (f"?{query}" if query else ""))

    def items(self, form):
        entries = form.timeline(today=timezone.localdate(), limit=FEED_LIMIT).entries
        by_kind = {kind: [e.obj for e in entries if e.kind == kind] for kind in TRACKER_ITEMS}
        prefetch_related_objects(by_kind["event"], "implementing_countries", "affected_countries")
        prefetch_related_objects(by_kind["article"], *ARTICLE_JOINS)
        prefetch_related_objects(by_kind["quote"], *QUOTE_JOINS)
        return [TRACKER_ITEMS[entry.kind](entry.obj) for entry in entries]

    def stamps(self, form):
        """What the timeline would show, in four short queries (the same order and bounds)."""
        today, window = timezone.localdate(), FEED_LIMIT + 1
        events = form.events().filter(start_date__lte=today)
        if form.cleaned_data.get("from"):
            events = events.filter(start_date__gte=form.cleaned_data["from"])
        if form.cleaned_data.get("to"):
            events = events.filter(start_date__lte=form.cleaned_data["to"])
        changes = form.status_changes().filter(date__lte=today, event__start_date__lte=today)
        quotes = form.key_quotes().order_by("-day", "-article_id", "-pk")
        return [
            (today,),
            *events.order_by("-start_date", "-pk").values_list("uid", "updated_at")[:window],
            *changes.order_by("-date", "-pk").values_list("pk", "status", "date", "note")[:window],
            *article_stamps(form.articles(), limit=window),
            *quote_stamps(quotes, limit=window, order=None),
        ]
