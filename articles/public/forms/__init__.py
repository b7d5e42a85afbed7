"""Query-string forms of the public pages: a bad value becomes a 400 naming the field."""

from articles.public.forms.fields import DateInput, EntityChoiceField, LongSelect
from articles.public.forms.filters import (
    ArticleFilterForm,
    FilterForm,
    PageForm,
    ProfileQuoteFilterForm,
    QuoteFilterForm,
    SearchForm,
)
from articles.public.forms.tracker import TrackerFilterForm, key_speakers

__all__ = [
    "ArticleFilterForm",
    "DateInput",
    "EntityChoiceField",
    "FilterForm",
    "LongSelect",
    "PageForm",
    "ProfileQuoteFilterForm",
    "QuoteFilterForm",
    "SearchForm",
    "TrackerFilterForm",
    "key_speakers",
]
