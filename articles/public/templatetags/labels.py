"""How things read on public pages: quotes, speakers, kinds and counted nouns.

`{% load labels %}`. Each filter is a label a template shows as given; what it says is
decided here (or by the model method it calls), never in the template.
"""

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


@register.filter
def speaker_line(quote):
    """“Mark Carney, Prime Minister” — the speaker and their title when the words were said."""
    label = quote.speaker_label
    title = quote.speaker_title or (quote.speaker.title if quote.speaker_id else "")
    return f"{label}, {title}" if title else label


@register.filter
def kind_label(quote):
    """`{{ quote|kind_label }}`: see `Quote.kind_label`."""
    return quote.kind_label


@register.filter
def tally(count, noun):
    """`{{ n|tally:"quote,quotes" }}` → “1 quote” / “12 quotes”."""
    singular, _, plural = noun.partition(",")
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"
