"""Query-string forms of the public pages: bad input becomes a 400 with a message."""

import datetime

from django import forms
from django.db.models import Count, OuterRef, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from articles.forms import DATE_BOUNDS
from articles.models import Article, Mention, Quote, people_in_public_coverage

from . import timeline
from .models import Country, Event, EventStatusChange, Person, Sector

TIMELINE_LIMIT = 60
UPCOMING_LIMIT = 10
QUOTES_PER_MEASURE = 3


class EntityChoiceField(forms.ModelChoiceField):
    """An entity chosen by its slug; an unknown slug is a form error, never echoed back."""

    def __init__(self, queryset, *, noun, **kwargs):
        super().__init__(
            queryset=queryset,
            to_field_name="slug",
            required=False,
            error_messages={"invalid_choice": f"We have no {noun} at that address."},
            empty_label=f"Any {noun}",
            **kwargs,
        )


def error_text(form):
    """Every error of a bound form as one sentence per field, for the 400 page."""
    messages = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.append(f"{label}: {error}" if label else error)
    return messages


def in_sector(sector, path="sectors"):
    """A sector and its direct sub-sectors (metals covers steel).

    One `IN (sector and children)` test on the link itself, which the database answers
    from the index on the sector column (an OR across a join to the sector table cannot
    use it). `sector` may be an `OuterRef` to a sector of the enclosing query.
    """
    ref = OuterRef(sector) if isinstance(sector, OuterRef) else getattr(sector, "pk", sector)
    family = Sector.objects.filter(Q(pk=ref) | Q(parent=ref)).values("pk")
    return Q(**{f"{path}__in": family})


def quotes_in_sector(sector):
    """Quotes on a sector or its sub-sectors: one `pk IN` over the quote-sector links."""
    links = Quote.sectors.through.objects.filter(in_sector(sector, "sector"))
    return Q(pk__in=links.values("quote"))


def coverage(mention, quote):
    """Articles with a mention matching `mention` or a quote matching `quote`.

    One `pk IN` per table, each answered from that table's indexes; an OR across the
    joins of both would pair every article's mentions with all its quotes first.
    """
    return Q(pk__in=Mention.objects.filter(mention).values("article")) | Q(
        pk__in=Quote.objects.filter(quote).values("article")
    )


def narrow(queryset, condition):
    """`queryset` restricted to rows matching `condition`, without duplicate rows from joins."""
    return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))


class QuoteFilterForm(forms.Form):
    """The filters of a profile's quotes: `?sector=steel&event=apec-2025&person=mark-carney`.

    A profile drops the field of its own kind (a person's page has no person filter).
    """

    sector = EntityChoiceField(Sector.objects.all(), noun="sector", label="Sector")
    event = EntityChoiceField(Event.objects.all(), noun="event", label="Event")
    person = EntityChoiceField(Person.objects.all(), noun="person", label="Speaker")

    def __init__(self, data=None, *, exclude=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["person"].queryset = people_in_public_coverage()
        for name in exclude:
            del self.fields[name]

    @property
    def active(self):
        """The chosen filters, in field order: [(name, entity)]."""
        if not self.is_valid():
            return []
        return [(name, self.cleaned_data[name]) for name in self.fields if self.cleaned_data[name]]

    def query_string(self):
        return "&".join(f"{name}={entity.slug}" for name, entity in self.active)

    def filter_quotes(self, quotes):
        data = self.cleaned_data
        if data.get("sector"):
            quotes = quotes.filter(quotes_in_sector(data["sector"]))
        if data.get("event"):
            quotes = quotes.filter(events=data["event"])
        if data.get("person"):
            quotes = quotes.filter(speaker=data["person"])
        return quotes


class TrackerFilterForm(forms.Form):
    """The tracker's filters: `?sector=&person=&country=&kind=&from=&to=&order=`.

    They combine (each narrows the timeline further). `timeline()` gives one bounded
    page of it; the tracker feed reuses the same querysets.
    """

    ORDER_CHOICES = [("newest", "Newest first"), ("oldest", "Oldest first")]

    sector = EntityChoiceField(Sector.objects.all(), noun="sector", label="Sector")
    person = EntityChoiceField(Person.objects.all(), noun="person", label="Person")
    country = EntityChoiceField(Country.objects.all(), noun="country", label="Country")
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

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["person"].queryset = people_in_public_coverage()
        # `from` is a Python keyword, so the two date fields are added by name.
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                input_formats=["%Y-%m-%d"],
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                validators=DATE_BOUNDS,
                error_messages={"invalid": "Enter a date as YYYY-MM-DD."},
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise forms.ValidationError("The “from” date comes after the “to” date.")
        return data

    @property
    def newest_first(self):
        return self.cleaned_data.get("order") != "oldest"

    def filter_params(self, **changes):
        """The filters as query parameters (slugs and ISO dates), with `changes` applied."""
        params = {}
        for name in ("sector", "person", "country", "kind", "from", "to", "order"):
            value = self.cleaned_data.get(name) if self.is_valid() else None
            if hasattr(value, "slug"):
                value = value.slug
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            if value:
                params[name] = value
        for name, value in changes.items():
            if value:
                params[name] = value
            else:
                params.pop(name, None)
        return params

    @property
    def is_filtered(self):
        return any(
            self.cleaned_data.get(name)
            for name in ("sector", "person", "country", "kind", "from", "to")
        )

    # The filtered sources. Each applies every chosen filter that concerns it.

    def events(self):
        data = self.cleaned_data
        events = Event.objects.all()
        if data.get("sector"):
            events = narrow(events, in_sector(data["sector"]))
        if data.get("person"):
            events = narrow(events, Q(participants=data["person"]))
        if data.get("country"):
            country = data["country"]
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
            sector = data["sector"]
            articles = articles.filter(coverage(in_sector(sector, "sector"), in_sector(sector)))
        if data.get("person"):
            person = data["person"]
            articles = articles.filter(coverage(Q(person=person), Q(speaker=person)))
        if data.get("country"):
            country = data["country"]
            articles = articles.filter(coverage(Q(country=country), Q(speaker__country=country)))
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
        quotes = quotes.annotate(day=timeline.quote_date_expression())
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

    def timeline(self, *, today=None, now=None, limit=TIMELINE_LIMIT):
        """One page of the timeline (at most `limit` entries), up to `today`.

        Five queries whatever the data: events (with their sectors, status history
        and a few public quotes about them), status changes, articles and key quotes.
        """
        today = today or timezone.localdate()
        newest = self.newest_first
        sign = "-" if newest else ""
        window = limit + 1
        public_quotes = (
            Quote.objects.public(now)
            .select_related("speaker", "article")
            .annotate(day=timeline.quote_date_expression())
            .order_by("-day", "-pk")
        )
        events = (
            self._dated_events()
            .filter(start_date__lte=today)
            .prefetch_related(
                "sectors",
                "status_changes",
                Prefetch(
                    "quotes",
                    queryset=public_quotes[:QUOTES_PER_MEASURE],
                    to_attr="top_quotes",
                ),
            )
            .order_by(f"{sign}start_date", f"{sign}pk")[:window]
        )
        changes = (
            self.status_changes()
            .filter(date__lte=today, event__start_date__lte=today)
            .select_related("event")
            .order_by(f"{sign}date", f"{sign}pk")[:window]
        )
        articles = self.articles(now).order_by(f"{sign}publish_at", f"{sign}pk")[:window]
        quotes = (
            self.key_quotes(now)
            .select_related("speaker", "article")
            .order_by(f"{sign}day", f"{sign}article_id", f"{sign}pk")[:window]
        )
        entries = [
            *timeline.event_entries(events),
            *timeline.status_entries(changes),
            *timeline.article_entries(articles),
            *timeline.quote_entries(quotes),
        ]
        return timeline.build_page(entries, limit=limit, newest_first=newest)

    def upcoming(self, *, today=None, limit=UPCOMING_LIMIT):
        """Scheduled events after `today` that match the filters, soonest first."""
        today = today or timezone.localdate()
        return (
            self._dated_events()
            .upcoming(today)
            .prefetch_related("sectors")
            .order_by("start_date", "pk")[:limit]
        )

    def activity(self, *, now=None):
        """Tallies per month of everything the filters match (three grouped queries)."""
        events = (
            self._dated_events()
            .annotate(month=TruncMonth("start_date"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        articles = (
            self.articles(now)
            .annotate(month=TruncMonth("publish_at"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        quotes = (
            self.key_quotes(now)
            .annotate(month=TruncMonth("day"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        return timeline.activity_by_month(events=events, articles=articles, quotes=quotes)
