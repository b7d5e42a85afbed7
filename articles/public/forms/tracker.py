"""The tracker's filters and the one bounded page of its timeline they select."""

import datetime
import hashlib
from urllib.parse import urlencode

from django import forms
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from articles.models import Article, Mention, Quote, people_in_public_coverage
from articles.public import fragments, timeline
from articles.public.coverage import coverage, covering, in_sector, narrow, quotes_in_sector
from articles.public.dependencies import TALLIES_KEY, tallies_key
from articles.public.forms.fields import LongSelect, Options, date_field
from articles.public.forms.filters import PROFILE_MISSING, FilterForm
from articles.public.tallies import tallied_rows
from entities import linking
from entities.models import Country, Event, EventStatusChange, Person, Sector

TIMELINE_LIMIT = 60
UPCOMING_LIMIT = 10
QUOTES_PER_MEASURE = 3
# The filters that narrow what the tracker shows (not its order).
FILTERED_BY = ("sector", "person", "country", "kind", "from", "to")
# The columns of the timeline's UNION of events and status changes (`_events_and_changes`).
EVENT_FIELDS = Event._meta.concrete_fields
EVENT_COLUMNS = [field.attname for field in EVENT_FIELDS]
CHANGE_FIELDS = EventStatusChange._meta.concrete_fields
CHANGE_COLUMNS = [field.attname for field in CHANGE_FIELDS]


def key_speakers(now=None):
    """People with a key quote in public coverage: those the tracker quotes."""
    key_quotes = Quote.objects.public(now).filter(is_key=True, speaker=OuterRef("pk"))
    return Person.objects.filter(Exists(key_quotes))


def listed(kinds):
    """The rows [(kind, id, slug, name)] the tracker offers of `kinds` ("sector",
    "person", "country"), by name, in one query: every sector and country, and the
    people it quotes (`key_speakers`)."""
    parts = [
        (key_speakers() if kind == "person" else model.objects.all())
        .order_by()
        .values_list(Value(kind), "pk", "slug", "name")
        for kind, model in TrackerFilterForm.ENTITIES.items()
        if kind in kinds
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return list(rows.order_by("name"))


def entity_field(noun):
    """A drop-down of one kind of entity, by slug, written in one pass (`LongSelect`)
    however many there are; the form sets its choices."""
    return forms.ChoiceField(
        label=noun.capitalize(),
        required=False,
        widget=LongSelect,
        error_messages={"invalid_choice": PROFILE_MISSING.format(noun=noun)},
    )


class TrackerFilterForm(FilterForm):
    """The tracker's filters: `?sector=&person=&country=&kind=&from=&to=&order=`.

    They combine (each narrows the timeline further). `timeline()` gives one bounded
    page of it; the tracker feed reuses the same querysets. The sectors and countries
    and people of the drop-downs and the chosen person are read in one query when the form
    is made; with `choices=False` (the feeds and exports, which have no drop-downs) only
    the chosen ones; with `defer_chosen` as well, none: `timeline()` reads the chosen ones
    in its first query (the tracker feed, whose validators come from that query).
    """

    ORDER_CHOICES = [("newest", "Newest first"), ("oldest", "Oldest first")]
    presentation = ("order",)
    ENTITIES = {"sector": Sector, "person": Person, "country": Country}

    sector = entity_field("sector")
    # The people whose words are on the tracker, and whoever a link chose.
    person = entity_field("person")
    country = entity_field("country")
    kind = forms.ChoiceField(
        label="Event kind",
        choices=[("", "Any kind"), *Event.Kind.choices],
        required=False,
        error_messages={"invalid_choice": "That is not one of the event kinds."},
    )
    order = forms.ChoiceField(
        label="Order",
        choices=ORDER_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Order is newest or oldest."},
    )

    def __init__(self, data=None, *, choices=True, defer_chosen=False, **kwargs):
        super().__init__(data, **kwargs)
        # `from` is a Python keyword, so the two date fields are added by name.
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = date_field(label, invalid="Enter a date as YYYY-MM-DD.")
        # The query string's order: the filters, then how to show them.
        self.order_fields(["sector", "person", "country", "kind", "from", "to", "order"])
        # The chosen entities `timeline()` is to read, as {field name: slug}.
        self.deferred = self._chosen_slugs() if defer_chosen else {}
        if self.deferred:
            self._offer({name: {slug: (None, slug)} for name, slug in self.deferred.items()})
        else:
            self._offer(self._read_entities(all_of=tuple(self.ENTITIES) if choices else ()))

    def _chosen_slugs(self):
        """{field name: slug} of the entities chosen, leaving out what a database cannot
        look up (the field's own check refuses it)."""
        slugs = {name: str(self.data.get(name) or "") for name in self.ENTITIES}
        return {name: slug for name, slug in slugs.items() if slug and "\x00" not in slug}

    def _offer(self, entities):
        """Take `entities` (as `_read_entities` gives them) as the drop-downs' choices."""
        self.entities = {name: entities.get(name, {}) for name in self.ENTITIES}
        for name in self.ENTITIES:
            self.fields[name].choices = Options(
                [
                    ("", f"Any {name}"),
                    *((slug, title) for slug, (_, title) in self.entities[name].items()),
                ]
            )

    def _chosen_rows(self, name, slug):
        """The entity of the field `name` with `slug`, if it can be chosen: only people in
        public coverage can."""
        rows = people_in_public_coverage() if name == "person" else self.ENTITIES[name].objects
        return rows.filter(slug=slug).order_by()

    def _read_entities(self, *, all_of):
        """`{"sector": {slug: (id, name)}, "person": ..., "country": ...}`.

        For the kinds in `all_of`, every sector and country and the people whose words are
        on the tracker (speakers of public key quotes), by name, in one query whose rows
        are kept with the tallies (`tallied_rows`); and in one more, the chosen one of each
        kind when it is not among them.
        """
        rows = []
        if all_of:
            rows = tallied_rows("tracker-choices:" + ",".join(all_of), lambda: listed(all_of))
        have = {(name, slug) for name, _, slug, _ in rows}
        parts = [
            self._chosen_rows(name, slug).values_list(Value(name), "pk", "slug", "name")
            for name, slug in self._chosen_slugs().items()
            # Every sector and country is listed: one not found there does not exist.
            if (name, slug) not in have and (name == "person" or name not in all_of)
        ]
        if parts:
            more = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
            rows = sorted([*rows, *more], key=lambda row: row[3].casefold())
        found = {name: {} for name in self.ENTITIES}
        for name, pk, slug, title in rows:
            found[name][slug] = (pk, title)
        return found

    def _chosen(self, name):
        """The entity chosen for the field `name`, with its id, name and slug loaded; its
        slug while `timeline()` is yet to read it."""
        slug = self.cleaned_data[name]
        if not slug:
            return None
        if name in self.deferred:
            return slug
        if slug not in self.entities[name]:
            raise forms.ValidationError(PROFILE_MISSING.format(noun=name), code="invalid_choice")
        pk, title = self.entities[name][slug]
        # `from_db` takes the loaded fields in the model's order: id, name, slug.
        model = self.ENTITIES[name]
        return model.from_db(model.objects.db, ["id", "name", "slug"], [pk, title, slug])

    def clean_sector(self):
        return self._chosen("sector")

    def clean_person(self):
        return self._chosen("person")

    def clean_country(self):
        return self._chosen("country")

    def full_clean(self):
        super().full_clean()
        if self.deferred and self._errors:
            # Another filter is bad: the chosen entities are read now, so that the errors
            # name every bad filter, in the fields' order, as when they are read first.
            self.deferred = {}
            self._offer(self._read_entities(all_of=()))
            super().full_clean()

    def _take_chosen(self, found):
        """Give the deferred fields their entities from `found` (as `_read_entities`
        gives them), or their errors; whether every one was found."""
        deferred, self.deferred = self.deferred, {}
        self._offer(found)
        for name in deferred:
            try:
                self.cleaned_data[name] = self._chosen(name)
            except forms.ValidationError as error:
                self.add_error(name, error)
        return not self.errors

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error(
                "to",
                f"The “From” date ({start.day} {start:%B %Y}) comes after the “To” date "
                f"({end.day} {end:%B %Y}): choose a “To” date on or after the “From” date.",
            )
        return data

    @property
    def newest_first(self):
        return self.cleaned_data.get("order") != "oldest"

    # The filtered sources. Each applies every chosen filter that concerns it.

    def _entity(self, name):
        """The entity chosen for the field `name`, or while `timeline()` is yet to read it,
        a subquery of its id."""
        if name in self.deferred:
            rows = self.ENTITIES[name].objects.filter(slug=self.deferred[name]).order_by()
            return Subquery(rows.values("pk"))
        return self.cleaned_data[name]

    def events(self):
        """The events the filters select (those of a deferred entity too)."""
        data = self.cleaned_data
        events = Event.objects.all()
        if data.get("sector"):
            events = narrow(events, in_sector(self._entity("sector")))
        if data.get("person"):
            events = narrow(events, Q(participants=self._entity("person")))
        if data.get("country"):
            country = self._entity("country")
            events = narrow(
                events, Q(implementing_countries=country) | Q(affected_countries=country)
            )
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
        return events

    def articles(self, now=None):
        data = self.cleaned_data
        articles = Article.objects.published(now)
        if data.get("sector"):
            # Articles about the sector or a sub-sector, or quoting someone on it; not those
            # that merely mention it in passing (a story about aluminum naming steel once).
            sector = data["sector"]
            about = Q(role=Mention.Role.ABOUT) & in_sector(sector, "sector")
            articles = articles.filter(coverage(about, in_sector(sector)))
        for name in ("person", "country"):
            if data.get(name):
                articles = articles.filter(covering(data[name]))
        if data.get("kind"):
            kind = data["kind"]
            articles = articles.filter(coverage(Q(event__kind=kind), Q(events__kind=kind)))
        tz = timezone.get_current_timezone()
        if data.get("from"):
            start = datetime.datetime.combine(data["from"], datetime.time.min, tzinfo=tz)
            articles = articles.filter(publish_at__gte=start)
        if data.get("to"):
            end = datetime.datetime.combine(data["to"], datetime.time.min, tzinfo=tz)
            articles = articles.filter(publish_at__lt=end + datetime.timedelta(days=1))
        return articles

    def key_quotes(self, now=None):
        data = self.cleaned_data
        quotes = Quote.objects.public(now).filter(is_key=True)
        if data.get("sector"):
            quotes = quotes.filter(quotes_in_sector(data["sector"]))
        if data.get("person"):
            quotes = quotes.filter(speaker=data["person"])
        if data.get("country"):
            quotes = quotes.filter(speaker__country=data["country"])
        if data.get("kind"):
            quotes = narrow(quotes, Q(events__kind=data["kind"]))
        if data.get("from"):
            quotes = quotes.filter(day__gte=data["from"])
        if data.get("to"):
            quotes = quotes.filter(day__lte=data["to"])
        return quotes

    def status_changes(self):
        changes = EventStatusChange.objects.filter(event__in=self.events().values("pk"))
        if self.cleaned_data.get("from"):
            changes = changes.filter(date__gte=self.cleaned_data["from"])
        if self.cleaned_data.get("to"):
            changes = changes.filter(date__lte=self.cleaned_data["to"])
        return changes

    def _dated_events(self):
        events = self.events()
        if self.cleaned_data.get("from"):
            events = events.filter(start_date__gte=self.cleaned_data["from"])
        if self.cleaned_data.get("to"):
            events = events.filter(start_date__lte=self.cleaned_data["to"])
        return events

    # What the tracker shows.

    def timeline(
        self,
        *,
        today=None,
        now=None,
        limit=TIMELINE_LIMIT,
        upcoming=UPCOMING_LIMIT,
        quotes_per_event=QUOTES_PER_MEASURE,
        link=True,
        article_stamps=None,
        quote_stamps=None,
    ):
        """One page of the timeline (at most `limit` entries) up to `today`, and what is to come.

        Five queries whatever the data: events and status changes in one (the page's and
        the next `upcoming` scheduled events, in `page.upcoming`; the entries, and the
        history of the events as `status_history`; and the deferred chosen entities),
        articles, key quotes, then, for the events on the page, their sectors (`link_events`,
        unless not `link`) and latest `quotes_per_event` public quotes (`top_quotes`).
        `article_stamps` and `quote_stamps` annotate the articles and key quotes read;
        `page.read` keeps every row read, by kind, in the page's order. None, after the
        first query, if a deferred chosen entity is not found: the form has its error.
        """
        today = today or timezone.localdate()
        newest, window = self.newest_first, limit + 1
        events, changes, found = self._events_and_changes(today, window=window, upcoming=upcoming)
        if self.deferred and not self._take_chosen(found):
            return None
        happened = [event for event in events if event.start_date <= today]
        entered = [change for change in changes if change.is_entry]
        articles = self._articles_read(now, window=window, stamps=article_stamps)
        quotes = self._key_quotes_read(now, window=window, stamps=quote_stamps)
        entries = [
            *timeline.event_entries(happened),
            *timeline.status_entries(entered),
            *timeline.article_entries(articles),
            *timeline.quote_entries(quotes),
        ]
        page = timeline.build_page(entries, limit=limit, newest_first=newest)
        page.read = {
            "event": sorted(happened, key=lambda e: (e.start_date, e.pk), reverse=newest),
            "status": sorted(entered, key=lambda c: (c.date, c.pk), reverse=newest),
            "article": articles,
            "quote": quotes,
        }
        upcoming = (event for event in events if event.start_date > today)
        page.upcoming = sorted(upcoming, key=lambda event: (event.start_date, event.pk))
        on_page = [entry.obj for entry in page.entries if entry.kind == "event"]
        self._complete_events(on_page, now, link=link, quotes_per_event=quotes_per_event)
        return page

    def _events_and_changes(self, today, *, window, upcoming):
        """(events, status changes, deferred entities) of a page of the timeline, from one
        UNION query.

        The events: the last `window` to have happened by `today`, in the page's order, and
        the next `upcoming` scheduled ones. The changes, each with its event, by date: the
        last `window` entries by `today` (`is_entry`) and the whole history of the events
        that happened, which each of those gets as `status_history`. The deferred chosen
        entities as `_read_entities` gives them.
        """
        sign = "-" if self.newest_first else ""
        past = self._dated_events().filter(start_date__lte=today)
        past = past.order_by(f"{sign}start_date", f"{sign}pk").values("pk")[:window]
        chosen = Q(pk__in=past)
        if upcoming:
            chosen |= Q(pk__in=self.upcoming(today=today, limit=upcoming).values("pk"))
        entries = self.status_changes().filter(date__lte=today, event__start_date__lte=today)
        entry = Q(pk__in=entries.order_by(f"{sign}date", f"{sign}pk").values("pk")[:window])
        # The changes first: the first part's columns say how every row's values are read.
        # Each row is labelled with what it is.
        changes = EventStatusChange.objects.filter(entry | Q(event__in=past)).order_by()
        rows = changes.values_list(
            Value("change"),
            *(f"event__{name}" for name in EVENT_COLUMNS),
            *CHANGE_COLUMNS,
            ExpressionWrapper(entry, output_field=BooleanField()),
        )
        no_change = [Cast(Value(None), output_field=field) for field in CHANGE_FIELDS]
        no_change.append(Value(None, output_field=BooleanField()))  # `is_entry`
        events = Event.objects.filter(chosen).order_by()
        parts = [events.values_list(Value("event"), *EVENT_COLUMNS, *no_change)]
        # A chosen entity's id, name and slug go in the event's columns.
        entity = [
            name if name in ("id", "name", "slug") else Cast(Value(None), output_field=field)
            for name, field in zip(EVENT_COLUMNS, EVENT_FIELDS, strict=True)
        ]
        for name, slug in self.deferred.items():
            chosen_rows = self._chosen_rows(name, slug)
            parts.append(chosen_rows.values_list(Value(name), *entity, *no_change))
        events, changes, found = self._events_and_changes_of(rows.union(*parts, all=True))
        history = {}
        for change in changes:
            history.setdefault(change.event_id, []).append(change)
        for event in events:
            if event.start_date <= today:  # Only theirs is read.
                event.status_history = history.get(event.pk, [])
        return events, changes, found

    def _events_and_changes_of(self, rows):
        """The events, the changes (by date) and the deferred entities of the rows of
        `_events_and_changes`."""
        width = len(EVENT_COLUMNS)
        events, changes = [], []
        found = {name: {} for name in self.deferred}
        for label, *values, is_entry in rows:
            if label in self.ENTITIES:
                row = dict(zip(EVENT_COLUMNS, values, strict=False))
                found[label][row["slug"]] = (row["id"], row["name"])
                continue
            event = Event.from_db(rows.db, EVENT_COLUMNS, values[:width])
            if label == "event":
                events.append(event)
                continue
            change = EventStatusChange.from_db(rows.db, CHANGE_COLUMNS, values[width:])
            change.event, change.is_entry = event, is_entry
            changes.append(change)
        changes.sort(key=lambda change: (change.date, change.pk))
        return events, changes, found

    def _articles_read(self, now, *, window, stamps):
        """The last `window` public articles in the page's order, annotated with `stamps`."""
        sign = "-" if self.newest_first else ""
        articles = self.articles(now).annotate(**stamps or {})
        return list(articles.order_by(f"{sign}publish_at", f"{sign}pk")[:window])

    def _key_quotes_read(self, now, *, window, stamps):
        """The last `window` public key quotes in the page's order, with their speakers,
        articles and the annotations `stamps`."""
        sign = "-" if self.newest_first else ""
        order = (f"{sign}day", f"{sign}article_id", f"{sign}pk")
        # The window is chosen from the quotes' indexes alone, then read in full.
        return list(
            Quote.objects.filter(pk__in=self.key_quotes(now).order_by(*order).values("pk")[:window])
            .select_related("speaker", "article")
            .annotate(**stamps or {})
            .order_by(*order)
        )

    def _complete_events(self, events, now, *, link, quotes_per_event):
        """Give the page's `events` their sectors (with `link`) and their latest
        `quotes_per_event` public quotes (`top_quotes`)."""
        if link:
            self.link_events(events)
        if quotes_per_event:
            latest = Quote.objects.public(now).select_related("speaker").order_by("-day", "-pk")
            if self.cleaned_data.get("person"):  # A person's tracker: only their words.
                latest = latest.filter(speaker=self.cleaned_data["person"])
            prefetch_related_objects(
                events, Prefetch("quotes", latest[:quotes_per_event], to_attr="top_quotes")
            )

    @staticmethod
    def link_events(events, *, countries=False):
        """Give each event its `sector_list` and, with `countries`, its `implementing` and
        `affected` countries, each by name, in one query (`linking.link`)."""
        links = {"sector_list": "sectors"}
        if countries:
            links.update(implementing="implementing_countries", affected="affected_countries")
        linking.link(events, tuple(links.values()))
        for event in events:
            for attr, relation in links.items():
                setattr(event, attr, list(getattr(event, relation).all()))

    def upcoming(self, *, today=None, limit=UPCOMING_LIMIT):
        """Scheduled events after `today` that match the filters, soonest first."""
        today = today or timezone.localdate()
        return self._dated_events().upcoming(today).order_by("start_date", "pk")[:limit]

    def activity(self, *, now=None):
        """Tallies per month of everything the filters match, in one query, kept in the
        cache: with no filter, with the tallies (`tallied_rows`); filtered, while the
        tallies of the chosen sector, person and country hold (every tally without one)."""
        data = self.cleaned_data
        chosen = [data[name] for name in self.ENTITIES if data.get(name)]
        if now is not None:
            rows = self._activity_rows(now)
        elif not any(data.get(name) for name in FILTERED_BY):
            rows = tallied_rows("tracker-activity", self._activity_rows)
        else:
            name = hashlib.sha256(urlencode(self.filter_params(order=None)).encode()).hexdigest()
            rows = fragments.kept(
                [name],
                lambda missing: {name: (self._activity_rows(), [])},
                space="tracker-activity",
                also=[tallies_key(entity) for entity in chosen] or [TALLIES_KEY],
            )[name]
        by_kind = {kind: [] for kind in timeline.ACTIVITY_KINDS}
        for row in rows:
            by_kind[row["tally"]].append(row)
        return timeline.activity_by_month(**by_kind)

    def _activity_rows(self, now=None):
        def per_month(rows, kind, date):
            month = Cast(TruncMonth(date), DateField())  # A day, whatever was truncated.
            return rows.order_by().values(tally=Value(kind), month=month).annotate(n=Count("pk"))

        rows = per_month(self._dated_events(), "events", "start_date").union(
            per_month(self.articles(now), "articles", "publish_at"),
            per_month(self.key_quotes(now), "quotes", "day"),
            all=True,
        )
        return list(rows)
