"""Query-string forms of the public pages: a bad value becomes a 400 naming the field.

Each form's `filter_*` method returns the filtered queryset, so pages and feeds that
share a filter (`/quotes/` and `/quotes/feed/`) parse it the same way.
"""

import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Value
from taggit.models import Tag, TaggedItem

from articles.models import Article, Mention, Quote, people_in_public_coverage
from articles.public.coverage import covering, quotes_in_sector
from articles.public.forms.fields import (
    EntityChoiceField,
    LongSelect,
    choice_rows,
    date_field,
    offer_choices,
    page_field,
    read_chosen,
    set_choices,
    tag_field,
)
from articles.public.tallies import tallied_rows
from entities.models import Country, Event, Person, Sector

MAX_QUERY_LENGTH = 200


class FilterForm(forms.Form):
    """The base of every query-string form: its errors as sentences naming the field, and
    the query string of its valid filters."""

    # Fields that say which part or order of the selection to show, not what it holds.
    presentation = ("page",)

    def full_clean(self):
        if self.is_bound:
            read_chosen(self)
        super().full_clean()

    def error_text(self):
        """Every error as a sentence, led by its field's label: “Sector: No sector with that
        address in our coverage.” (rendered escaped by the 400 page)."""
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            messages += [f"{label}: {error}" if label else error for error in errors]
        return messages

    def filter_params(self, **changes):
        """The valid, non-empty filters as (name, value) pairs (slugs and ISO dates), pages
        excluded, with `changes` applied (a false value removes the filter)."""
        data = self.cleaned_data if self.is_valid() else {}
        params = {}
        for name in self.fields:
            value = data.get(name)
            if name == "page" or value in (None, ""):
                continue
            if hasattr(value, "slug"):
                value = value.slug
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            params[name] = str(value)
        for name, value in changes.items():
            if value:
                params[name] = value
            else:
                params.pop(name, None)
        return list(params.items())

    @property
    def is_filtered(self):
        return any(name not in self.presentation for name, _ in self.filter_params())


class QuoteFilterForm(FilterForm):
    """`/quotes/` and `/quotes/feed/`: speaker, sector, event, country, tag, kind, from, to."""

    speaker = EntityChoiceField(Person.objects.all(), noun="person", label="Speaker")
    sector = EntityChoiceField(Sector.objects.all(), noun="sector", label="Sector")
    event = EntityChoiceField(Event.objects.all(), noun="event", label="Event")
    country = EntityChoiceField(Country.objects.all(), noun="country", label="Speaker's country")
    tag = tag_field()
    kind = forms.ChoiceField(
        choices=[("", "Any kind"), *Quote.Kind.choices],
        required=False,
        label="Kind",
        error_messages={"invalid_choice": "Kind must be direct, indirect or partial."},
    )
    page = page_field()

    # Each filter but the sector's as a lookup on quotes.
    LOOKUPS = {
        "speaker": "speaker",
        "country": "speaker__country",
        "event": "events",
        "tag": "tags",
        "kind": "kind",
        "from": "day__gte",
        "to": "day__lte",
    }
    # How a heading says each filter, in its order.
    HEADING = {
        "speaker": "by {.name}",
        "country": "by people from {.name}",
        "sector": "on {.name}",
        "event": "about {.name}",
        "tag": "tagged {.name}",
        "from": "from {:%Y-%m-%d}",
        "to": "to {:%Y-%m-%d}",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = people_in_public_coverage()
        # "from" and "to" are Python keywords, so these two are added here.
        self.fields["from"] = date_field("From")
        self.fields["to"] = date_field("To")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            raise forms.ValidationError("The “from” date must not be after the “to” date.")
        return cleaned

    def filter_quotes(self, quotes=None):
        """The public quotes matching the valid filters, newest said first (`Quote.day`:
        the day it was said, or its article's day)."""
        if quotes is None:
            quotes = Quote.objects.public()
        data = self.cleaned_data
        quotes = quotes.select_related("speaker", "article")
        for name, lookup in self.LOOKUPS.items():
            if data.get(name):
                quotes = quotes.filter(**{lookup: data[name]})
        if data.get("sector"):  # the sector and its sub-sectors, as on the sector's page
            quotes = quotes.in_sector(data["sector"])
        return quotes.order_by("-day", "-article__publish_at", "start", "pk")

    def describe(self):
        """A heading for the filtered set: “Quotes by Mark Carney on steel, from 2025-03-01”."""
        data = self.cleaned_data
        kind = data.get("kind")
        parts = [f"{Quote.Kind(kind).label.split(' (')[0]} quotes" if kind else "Quotes"]
        parts += [said.format(data[name]) for name, said in self.HEADING.items() if data.get(name)]
        return " ".join(parts)

    COUNTED = ("speaker", "sector", "event", "country")

    def limit_choices_to_coverage(self):
        """Offer only what has public quotes (plus whatever is selected), with quote counts.

        One query, each kind's public quotes counted per entity and the tags of public
        quotes, kept with the page cache until a tally changes (`tallied_rows`).
        """
        rows = tallied_rows("quote-choices", self.covered_rows)
        missing = [
            (name, selected.slug, selected.name, 0)
            for name in self.COUNTED
            if (selected := self.cleaned_data.get(name)) is not None
            and (name, selected.slug) not in {(row[0], row[1]) for row in rows}
        ]
        if missing:
            rows = sorted(rows + missing, key=lambda row: row[2].casefold())
        set_choices(self, [*self.COUNTED, "tag"], rows, counted=self.COUNTED)

    def covered_rows(self):
        published = Article.objects.published()
        parts = []
        for name, relation in (
            ("speaker", "quotes"),
            ("sector", "quotes"),
            ("event", "quotes"),
            ("country", "people__quotes"),
        ):
            model = self.fields[name].queryset.model
            # A quote has one speaker and a speaker one country: no quote is counted twice.
            covered = model.objects.filter(**{f"{relation}__article__in": published})
            parts.append((name, covered.annotate(count=Count(relation))))
        tags = Tag.objects.filter(
            pk__in=TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Quote),
                object_id__in=Quote.objects.public().values("pk"),
            ).values("tag")
        )
        parts.append(("tag", tags.annotate(count=Value(0))))
        return choice_rows(parts)


class ArticleFilterForm(FilterForm):
    """`/articles/`: tag, sector, person, month (YYYY-MM)."""

    tag = tag_field()
    sector = EntityChoiceField(Sector.objects.all(), noun="sector", label="Sector")
    person = EntityChoiceField(Person.objects.all(), noun="person", label="Person")
    month = forms.RegexField(
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        label="Month",
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
        error_messages={
            "invalid": "give it as YYYY-MM, for example 2025-03.",
            "max_length": "give it as YYYY-MM, for example 2025-03.",
        },
    )
    page = page_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_in_public_coverage()

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return ""
        year, month = (int(part) for part in value.split("-"))
        if year < 1900:
            raise forms.ValidationError("our coverage starts after 1900.")
        return value

    def filter_articles(self, articles=None):
        if articles is None:
            articles = Article.objects.published()
        data = self.cleaned_data
        if data.get("tag"):
            articles = articles.filter(tags=data["tag"])
        for name in ("sector", "person"):
            if data.get(name):
                articles = articles.filter(covering(data[name]))
        if data.get("month"):
            year, month = (int(part) for part in data["month"].split("-"))
            articles = articles.filter(publish_at__year=year, publish_at__month=month)
        return articles

    def limit_choices_to_coverage(self):
        """Offer only tags, sectors, people and months that published articles have.

        Two queries: the tags, sectors and people together, then the months.
        """
        published = Article.objects.published()
        sectors = Sector.objects.filter(
            Exists(Mention.objects.filter(sector=OuterRef("pk"), article__in=published))
            | Exists(Quote.objects.public().filter(sectors=OuterRef("pk")))
        )
        tags = Tag.objects.filter(
            pk__in=TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Article),
                object_id__in=published.values("pk"),
            ).values("tag")
        )
        parts = {"tag": tags, "sector": sectors, "person": people_in_public_coverage()}
        for name in ("sector", "person"):
            selected = self.cleaned_data.get(name)
            if selected is not None:
                parts[name] |= type(selected).objects.filter(pk=selected.pk)
        offer_choices(self, [(name, rows.annotate(count=Value(0))) for name, rows in parts.items()])
        months = published.dates("publish_at", "month", order="DESC")
        self.fields["month"].widget = LongSelect(
            choices=[("", "Any month")] + [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in months]
        )

    def describe(self):
        data = self.cleaned_data
        parts = ["Articles"]
        if data.get("person"):
            parts.append(f"on {data['person'].name}")
        if data.get("sector"):
            parts.append(f"{'and' if data.get('person') else 'on'} {data['sector'].name}")
        if data.get("tag"):
            parts.append(f"tagged {data['tag'].name}")
        if data.get("month"):
            month = datetime.date(*(int(p) for p in data["month"].split("-")), 1)
            parts.append(f"from {month:%B %Y}")
        return " ".join(parts)


class SearchForm(FilterForm):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "max_length": f"That search is too long: keep it under {MAX_QUERY_LENGTH} characters."
        },
    )

    def clean_q(self):
        value = " ".join(self.cleaned_data["q"].split())
        if "\x00" in value:
            raise forms.ValidationError("That search contains characters we cannot look for.")
        return value


class PageForm(FilterForm):
    """Only a page number: for lists without filters (`/corrections/`)."""

    page = page_field()


PROFILE_MISSING = "We have no {noun} at that address."


class ProfileQuoteFilterForm(FilterForm):
    """The filters of a profile's quotes: `?sector=steel&event=apec-2025&person=mark-carney`.

    A profile drops the field of its own kind (a person's page has no person filter).
    """

    sector = EntityChoiceField(
        Sector.objects.all(), noun="sector", label="Sector", missing=PROFILE_MISSING
    )
    event = EntityChoiceField(
        Event.objects.all(), noun="event", label="Event", missing=PROFILE_MISSING
    )
    person = EntityChoiceField(
        Person.objects.all(), noun="person", label="Speaker", missing=PROFILE_MISSING
    )

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

    def selection(self):
        """The chosen entities' names: “steel and APEC 2025”."""
        return " and ".join(entity.name for _, entity in self.active)

    def filter_quotes(self, quotes):
        data = self.cleaned_data
        if data.get("sector"):
            quotes = quotes.filter(quotes_in_sector(data["sector"]))
        if data.get("event"):
            quotes = quotes.filter(events=data["event"])
        if data.get("person"):
            quotes = quotes.filter(speaker=data["person"])
        return quotes
