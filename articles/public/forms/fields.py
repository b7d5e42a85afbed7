"""The fields and widgets of the public query-string forms.

An entity is named by its slug (`?sector=steel`); a date is ISO (`?from=2025-03-01`);
a page is a whole number. Long drop-downs are written in one pass (`LongSelect`).
"""

import datetime
import html

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Value
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from taggit.models import Tag

MAX_PAGE = 100_000

# Filter dates outside these bounds cannot be about coverage (and year 9999 + 1 day
# overflows): refused as a bad value.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)
DATE_BOUNDS = [
    MinValueValidator(EARLIEST_DATE, "Give a date from 1900 on."),
    MaxValueValidator(LATEST_DATE, "Give a date before the year 3000."),
]


class Options(BaseChoiceIterator):
    """Options already as (value, label) pairs of strings, taken as they are: a list
    given as a field's choices is checked pair by pair, for the field and again for its
    widget, which for thousands of people took longer than writing them out."""

    def __init__(self, pairs):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)


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


NO_SUCH_ENTITY = "No {noun} with that address in our coverage."


class SlugChoiceField(forms.ModelChoiceField):
    """A choice of a model's rows named by slug; `read_chosen` may look the slug up first
    (with those of the form's other such fields, in one query), and then it is not read
    again."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", LongSelect)
        super().__init__(queryset, **kwargs)
        self.chosen = None  # {slug: row} once `read_chosen` has looked the slug up

    def to_python(self, value):
        if self.chosen is None or value in self.empty_values:
            return super().to_python(value)
        if value not in self.chosen:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return self.chosen[value]


def read_chosen(form):
    """Look up the slug given to each of `form`'s `SlugChoiceField`s, all in one UNION ALL
    query; each row is loaded with its id, name and slug (what filters, headings and links
    use of it)."""
    parts = []
    for name, field in form.fields.items():
        value = form.data.get(form.add_prefix(name))
        if not isinstance(field, SlugChoiceField) or not isinstance(value, str):
            continue
        if value and "\x00" not in value:  # else the field's own checks answer
            field.chosen = {}
            rows = field.queryset.filter(slug=value).order_by()
            parts.append(rows.values_list(Value(name), "pk", "name", "slug"))
    if not parts:
        return
    for name, pk, title, slug in parts[0].union(*parts[1:], all=True):
        model = form.fields[name].queryset.model
        # `from_db` takes the loaded fields in the model's order: id, name, slug.
        row = model.from_db(model.objects.db, ["id", "name", "slug"], [pk, title, slug])
        form.fields[name].chosen[slug] = row


class EntityChoiceField(SlugChoiceField):
    """An entity named by its slug in the query string (`?speaker=mark-carney`); an unknown
    slug is a form error (`missing`, with the noun filled in), never echoed back."""

    def __init__(self, queryset, *, noun, missing=NO_SUCH_ENTITY, **kwargs):
        kwargs.setdefault("empty_label", f"Any {noun}")
        kwargs.setdefault("error_messages", {"invalid_choice": missing.format(noun=noun)})
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj):
        return counted_label(obj.name, getattr(obj, "public_quote_count", None))


def tag_field():
    return SlugChoiceField(
        Tag.objects.all(),
        label="Tag",
        empty_label="Any tag",
        error_messages={"invalid_choice": "No tag with that address."},
    )


def date_field(label, *, invalid="give a date as YYYY-MM-DD."):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        validators=DATE_BOUNDS,
        error_messages={"invalid": invalid},
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
    set_choices(form, [name for name, _ in parts], choice_rows(parts), counted=counted)


def choice_rows(parts):
    """[(field name, slug, name, count)] of `parts` (as `offer_choices` takes them), by
    name, from one UNION ALL query."""
    rows = [
        queryset.order_by().values_list(Value(name), "slug", "name", "count")
        for name, queryset in parts
    ]
    return list(rows[0].union(*rows[1:], all=True).order_by("name"))


def set_choices(form, names, rows, *, counted=()):
    """Set the options of the fields `names` to `rows` (as `choice_rows` gives them)."""
    options = {name: {} for name in names}
    for name, slug, title, count in rows:
        _, known = options[name].get(slug, (title, count))
        options[name][slug] = (title, max(count, known))
    for name, found in options.items():
        field = form.fields[name]
        shown = name in counted
        field.choices = Options(
            [
                ("", field.empty_label),
                *(
                    (slug, counted_label(title, count if shown else None))
                    for slug, (title, count) in found.items()
                ),
            ]
        )
