"""How quotes and speakers read on public pages."""

from django import template

register = template.Library()


@register.filter
def quoted(quote, words=None):
    """`{{ quote|quoted }}`, `{{ quote|quoted:12 }}`: see `Quote.quoted`."""
    return quote.quoted(int(words) if words else None)
