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
from django.db.models import Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode

from articles.models import Article, Quote
from articles.public import timeline
from articles.public.coverage import coverage, in_sector, quotes_in_sector
from articles.public.feeds.articles import BadFilter, CoverageFeed, Moved, moved_to
from articles.public.feeds.items import (
    FEED_LIMIT,
    FeedItem,
    article_changes,
    article_item,
    article_stamp,
    link_items,
    quote_changes,
    quote_item,
    quote_stamp,
    read_quotes_of,
    tag_uri,
)
from articles.public.forms import ProfileQuoteFilterForm, TrackerFilterForm
from articles.public.profiles.tracker import tracker_title
from entities.addresses import absolute, site_root
from entities.models import Country, Event, Organization, Person, Sector, SlugRedirect


@dataclass
class Profile:
    entity: object
    form: ProfileQuoteFilterForm


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
        form = ProfileQuoteFilterForm(request.GET, exclude=self.exclude)
        if not form.is_valid():
            raise BadFilter(" ".join(form.error_text()))
        return Profile(entity, form)

    def feed_id(self, profile):
        query = urlencode(profile.form.filter_params())
        return f"{self.model._meta.model_name}/{profile.entity.uid}" + (
            f"?{query}" if query else ""
        )

    def title(self, profile):
        selection = profile.form.selection()
        what = "quotes" if self.about is None or selection else "articles and quotes"
        return f"{settings.SITE_NAME}: {profile.entity.name}, {what}" + (
            f" on {selection}" if selection else ""
        )

    def description(self, profile):
        return profile.entity.short_description or f"Our coverage of {profile.entity.name}."

    def link(self, profile):
        query = urlencode(profile.form.filter_params())
        return absolute(
            profile.entity.get_absolute_url() + (f"?{query}" if query else ""), self.request
        )

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


def event_item(event, request=None):
    """An event with its dates, kind, place, measure details, sectors, countries and history."""
    dates = timeline.date_label(
        event.start_date, event.end_date, approximate=event.date_is_approximate
    )
    start = day_start(event.start_date)
    context = {"event": event, "dates": dates, "site_url": site_root(request)}
    return FeedItem(
        kind="event",
        guid=tag_uri("event", event.uid),
        title=f"{event.name} ({event.get_kind_display().lower()}, {dates})",
        link=absolute(event.get_absolute_url(), request),
        summary=" ".join(
            filter(None, [f"{event.get_kind_display()}, {dates}.", event.short_description])
        ),
        content=render_to_string("feeds/event_item.html", context),
        published=start,
        updated=max(start, event.updated_at),
        categories=tuple(sorted({event.get_kind_display(), *(s.name for s in event.sector_list)})),
    )


def status_item(change, request=None):
    """A dated step of a trade measure: announced, in force, suspended ..."""
    event = change.event
    when = day_start(change.date)
    label = change.get_status_display()
    summary = f"{event.name}: {label.lower()} on {timeline.date_label(change.date)}."
    return FeedItem(
        kind="status",
        guid=tag_uri("event", f"{event.uid}/status/{change.pk}"),
        title=f"{event.name}: {label.lower()}",
        link=absolute(event.get_absolute_url(), request),
        summary=" ".join(filter(None, [summary, change.note])),
        content="",
        published=when,
        updated=when,
        categories=(event.get_kind_display(),),
    )


# What an event's item lists, by the attribute it is shown as.
EVENT_LINKS = {
    "sector_list": "sectors",
    "implementing": "implementing_countries",
    "affected": "affected_countries",
}

TRACKER_ITEMS = {
    "event": event_item,
    "status": status_item,
    "article": article_item,
    "quote": quote_item,
}


class TrackerFeed(CoverageFeed):
    """The tracker's timeline, newest first, with the tracker page's filters.

    The page of the timeline is read once: its rows give the validators of a conditional
    GET (the same stamps as the other feeds: when each item, its article, corrections,
    quotes and speakers last changed), then the items.
    """

    description = "Events, trade measures, articles and key quotes of the dispute, as they happen."

    def get_object(self, request):
        # The chosen sector, person and country are read with the timeline's first query.
        form = TrackerFilterForm(request.GET, choices=False, defer_chosen=True)
        if form.is_valid():
            form.cleaned_data["order"] = ""  # A feed always reads newest first.
            selection = TrackerSelection(form)
            if selection.page is not None:  # None: a chosen one is not found.
                return selection
        raise BadFilter(" ".join(form.error_text()))

    def feed_id(self, selection):
        query = urlencode(selection.form.filter_params())
        return "tracker" + (f"?{query}" if query else "")

    def title(self, selection):
        return f"{settings.SITE_NAME}: {tracker_title(selection.form)}"

    def link(self, selection):
        query = urlencode(selection.form.filter_params())
        return absolute(reverse("entities:tracker") + (f"?{query}" if query else ""), self.request)

    def items(self, selection):
        entries = selection.page.entries
        by_kind = {kind: [e.obj for e in entries if e.kind == kind] for kind in TRACKER_ITEMS}
        events, articles = by_kind["event"], by_kind["article"]
        read_quotes_of(articles)
        link_items(articles, by_kind["quote"], (events, EVENT_LINKS.values(), None))
        for event in events:
            for attr, relation in EVENT_LINKS.items():
                setattr(event, attr, list(getattr(event, relation).all()))
        return [TRACKER_ITEMS[entry.kind](entry.obj, self.request) for entry in entries]

    def stamps(self, selection):
        """What the timeline shows, from the rows it read (a feed's worth and one more of each)."""
        read = selection.page.read
        return [
            (selection.today,),
            *((e.uid, e.updated_at) for e in read["event"]),
            *((c.pk, c.status, c.date, c.note) for c in read["status"]),
            *map(article_stamp, read["article"]),
            *map(quote_stamp, read["quote"]),
        ]


class TrackerSelection:
    """The tracker feed's filters and, read on first use, its page of the timeline."""

    def __init__(self, form):
        self.form = form
        self.today = timezone.localdate()

    @cached_property
    def page(self):
        return self.form.timeline(
            today=self.today,
            limit=FEED_LIMIT,
            upcoming=0,
            quotes_per_event=0,
            link=False,
            article_stamps=article_changes(),
            quote_stamps=quote_changes(),
        )
