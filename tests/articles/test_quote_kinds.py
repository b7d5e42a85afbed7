"""How readers see a quote's kind: one label per kind, the same on pages and in exports."""

import pytest
from django.template import Context, Template

from articles.models import Quote
from articles.public.exports.articles import annotation
from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db

BODY = "Ministers met in Ottawa.\n\n“We are close to a deal,” the minister said."


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (Quote.Kind.DIRECT, "Direct quote"),
        (Quote.Kind.INDIRECT, "Reported speech"),
        (Quote.Kind.PARTIAL, "Partial quote"),
    ],
)
def test_each_kind_has_the_label_readers_see(kind, label):
    speaker = make_person(name="Ada Ministre")
    quote = make_quote(
        article=make_article(body=BODY), text="We are close to a deal,", speaker=speaker, kind=kind
    )
    assert quote.kind_label == label
    page = Template("{% load labels %}{{ quote|kind_label }}").render(Context({"quote": quote}))
    assert page == label
    exported = annotation(quote, "https://example.org/a", on_site=lambda path: path)
    assert exported["body"][0]["value"] == f"{label}, Ada Ministre"
