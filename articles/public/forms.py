"""Query-string forms of the public pages: a bad value becomes a 400 with a plain message.

Each form's `filter_*` method returns the filtered queryset, so pages and feeds that
share a filter (`/quotes/` and `/quotes/feed/`) parse it the same way.
"""

import datetime
import html

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from taggit.models import Tag, TaggedItem

from articles.models import Article, Mention, Quote, people_in_public_coverage
from entities.models import Country, Event, Person, Sector

MAX_PAGE = 100_000
MAX_QUERY_LENGTH = 200


def _escaped(text):
    """`conditional_escape` without its per-call overhead (it runs once per option)."""
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))


class DateInput(forms.DateInput):
    """`<input type="date">` in ISO form; a value that is not a date (a form given back with
    its error) is left out, since a date input cannot hold it and the error names it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        text = super().format_value(value)
        try:
            datetime.date.fromisoformat(text or "")
        except ValueError:
            return None
        return text


class LongSelect(forms.Select):
    """A drop-down written in one pass: the same markup as `forms.Select`, for thousands of options.

    Django renders each option through two templates; with every person in our coverage
    on offer, that took longer than the rest of the page. Flat choices only (no groups).
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options, found = [], False
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = not found and option_value in chosen
            found = found or selected
            options.append(
                f'\n  <option value="{_escaped(option_value)}"'
                f"{' selected' if selected else ''}>{_escaped(label)}</option>\n"
            )
        attributes = "".join(
            f" {key}" if val is True else format_html(' {}="{}"', key, val)
            for key, val in self.build_attrs(self.attrs, attrs).items()
            if val is not False
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            mark_safe(attributes),
            mark_safe("".join(options)),
        )


class EntityChoiceField(forms.ModelChoiceField):
    """An entity named by its slug in the query string (`?speaker=mark-carney`)."""

    def __init__(self, queryset, *, noun, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", LongSelect)
        kwargs.setdefault("empty_label", f"Any {noun}")
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": f"No {noun} with that address in our coverage."},
        )
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj):
        return counted_label(obj.name, getattr(obj, "public_quote_count", None))


def counted_label(name, count):
    """“Mark Carney (3 quotes)”; just the name when there is no count."""
    if count is None:
        return name
    return f"{name} ({count} quote{'' if count == 1 else 's'})"


def offer_choices(form, parts, *, counted=()):
    """Set the options of several fields from one UNION ALL query, each sorted by name.

    `parts` is a list of (field name, queryset of rows with a `count`); a field may have
    several parts, and an entity found in two of them is offered once, with the larger
    count. The fields named in `counted` show the count in their labels. Validation has
    already run against the fields' own querysets: only the offered options change.
    """
    rows = [
        queryset.order_by().values_list(Value(name), "slug", "name", "count")
        for name, queryset in parts
    ]
    options = {name: {} for name, _ in parts}
    for name, slug, title, count in rows[0].union(*rows[1:], all=True).order_by("name"):
        _, known = options[name].get(slug, (title, count))
        options[name][slug] = (title, max(count, known))
    for name, found in options.items():
        field = form.fields[name]
        shown = name in counted
        field.choices = [
            ("", field.empty_label),
            *(
                (slug, counted_label(title, count if shown else None))
                for slug, (title, count) in found.items()
            ),
        ]


# Filter dates outside these bounds cannot be about coverage (and year 9999 + 1 day
# overflows): refused as a bad value.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)
DATE_BOUNDS = [
    MinValueValidator(EARLIEST_DATE, "Give a date from 1900 on."),
    MaxValueValidator(LATEST_DATE, "Give a date before the year 3000."),
]


def date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        validators=DATE_BOUNDS,
        error_messages={"invalid": f"{label}: give a date as YYYY-MM-DD."},
    )


def page_field():
    return forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "The page must be a whole number.",
            "min_value": "Pages are numbered from 1.",
            "max_value": "There is no such page.",
        },
    )


class FilterForm(forms.Form):
    """Shared behaviour: errors as one plain message, the query string of the valid filters."""

    def error_text(self):
        """Every error as one plain sentence list (rendered escaped by the 400 page)."""
        return " ".join(error for errors in self.errors.values() for error in errors)

    def filter_params(self):
        """The valid, non-empty filters as (name, value) pairs, pages excluded."""
        params = []
        for name in self.fields:
            if name == "page":
                continue
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if hasattr(value, "slug"):
                value = value.slug
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            params.append((name, str(value)))
        return params

    @property
    def is_filtered(self):
        return bool(self.filter_params())


class QuoteFilterForm(FilterForm):
    """`/quotes/` and `/quotes/feed/`: speaker, sector, event, country, tag, kind, from, to."""

    speaker = EntityChoiceField(Person.objects.all(), noun="person", label="Speaker")
    sector = EntityChoiceField(Sector.objects.all(), noun="sector", label="Sector")
    event = EntityChoiceField(Event.objects.all(), noun="event", label="Event")
    country = EntityChoiceField(Country.objects.all(), noun="country", label="Speaker's country")
    tag = forms.ModelChoiceField(
        Tag.objects.all(),
        required=False,
        to_field_name="slug",
        widget=LongSelect,
        label="Tag",
        empty_label="Any tag",
        error_messages={"invalid_choice": "No tag with that address."},
    )
    kind = forms.ChoiceField(
        choices=[("", "Any kind"), *Quote.Kind.choices],
        required=False,
        label="Kind",
        error_messages={"invalid_choice": "Kind must be direct, indirect or partial."},
    )
    page = page_field()

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
        if data.get("speaker"):
            quotes = quotes.filter(speaker=data["speaker"])
        if data.get("country"):
            quotes = quotes.filter(speaker__country=data["country"])
        if data.get("sector"):  # the sector and its sub-sectors, as on the sector's page
            quotes = quotes.in_sector(data["sector"])
        if data.get("event"):
            quotes = quotes.filter(events=data["event"])
        if data.get("tag"):
            quotes = quotes.filter(tags=data["tag"])
        if data.get("kind"):
            quotes = quotes.filter(kind=data["kind"])
        if data.get("from"):
            quotes = quotes.filter(day__gte=data["from"])
        if data.get("to"):
            quotes = quotes.filter(day__lte=data["to"])
        return quotes.order_by("-day", "-article__publish_at", "start", "pk")

    def describe(self):
        """A heading for the filtered set: “Quotes by Mark Carney on steel, from 2025-03-01”."""
        data = self.cleaned_data
        parts = ["Quotes"]
        if data.get("kind"):
            parts = [f"{Quote.Kind(data['kind']).label.split(' (')[0]} quotes"]
        if data.get("speaker"):
            parts.append(f"by {data['speaker'].name}")
        if data.get("country"):
            parts.append(f"by people from {data['country'].name}")
        if data.get("sector"):
            parts.append(f"on {data['sector'].name}")
        if data.get("event"):
            parts.append(f"about {data['event'].name}")
        if data.get("tag"):
            parts.append(f"tagged {data['tag'].name}")
        if data.get("from"):
            parts.append(f"from {data['from']:%Y-%m-%d}")
        if data.get("to"):
            parts.append(f"to {data['to']:%Y-%m-%d}")
        return " ".join(parts)

    def limit_choices_to_coverage(self):
        """Offer only what has public quotes (plus whatever is selected), with quote counts.

        One query: each kind's public quotes counted per entity, then the tags of public quotes.
        """
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
            selected = self.cleaned_data.get(name)
            if selected is not None:
                parts.append((name, model.objects.filter(pk=selected.pk).annotate(count=Value(0))))
        tags = Tag.objects.filter(
            pk__in=TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Quote),
                object_id__in=Quote.objects.public().values("pk"),
            ).values("tag")
        )
        parts.append(("tag", tags.annotate(count=Value(0))))
        offer_choices(self, parts, counted=("speaker", "sector", "event", "country"))


class ArticleFilterForm(FilterForm):
    """`/articles/`: tag, sector, person, month (YYYY-MM)."""

    tag = forms.ModelChoiceField(
        Tag.objects.all(),
        required=False,
        to_field_name="slug",
        widget=LongSelect,
        label="Tag",
        empty_label="Any tag",
        error_messages={"invalid_choice": "No tag with that address."},
    )
    sector = EntityChoiceField(Sector.objects.all(), noun="sector", label="Sector")
    person = EntityChoiceField(Person.objects.all(), noun="person", label="Person")
    month = forms.RegexField(
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        label="Month",
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
        error_messages={
            "invalid": "Month: give it as YYYY-MM, for example 2025-03.",
            "max_length": "Month: give it as YYYY-MM, for example 2025-03.",
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
            raise forms.ValidationError("Month: our coverage starts after 1900.")
        return value

    def filter_articles(self, articles=None):
        if articles is None:
            articles = Article.objects.published()
        data = self.cleaned_data
        if data.get("tag"):
            articles = articles.filter(tags=data["tag"])
        if data.get("sector"):
            sector = data["sector"]
            articles = articles.filter(
                Q(pk__in=Mention.objects.filter(sector=sector).values("article"))
                | Q(pk__in=Quote.objects.filter(sectors=sector).values("article"))
            )
        if data.get("person"):
            person = data["person"]
            articles = articles.filter(
                Q(pk__in=Mention.objects.filter(person=person).values("article"))
                | Q(pk__in=Quote.objects.filter(speaker=person).values("article"))
            )
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
