"""How quotes and speakers read on public pages."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def quoted(quote, words=None):
    """`{{ quote|quoted }}`, `{{ quote|quoted:12 }}`: see `Quote.quoted`."""
    return quote.quoted(int(words) if words else None)


@register.filter
def marks_of(text, quote):
    """`{{ hit.snippet|marks_of:hit.quote }}`: an excerpt of `quote` in the marks it gets."""
    return mark_safe(quote.in_marks(conditional_escape(text)))
