"""Rendering helpers: the marked body, JSON-LD, labels and feed links (no database)."""

import json
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from articles.public.feeds.links import feed_links
from articles.public.structured_data import byline_authors, json_ld
from articles.public.templatetags.article_body import body_paragraphs, markable_quotes, paragraph_of
from articles.public.templatetags.labels import tally

BODY = "First paragraph, “one,” she said.\n\n“Two words,” he said. “Three.”\n\nNo quotes here."


def quote(text, *, body=BODY, start=None, needs_review=False, pk=None):
    if start is None:
        start = body.index(text)
    return SimpleNamespace(
        pk=pk or start,
        text=text,
        start=start,
        end=None if start is None else start + len(text),
        needs_review=needs_review,
    )


def as_text(paragraph):
    return "".join(segment.text for segment in paragraph.segments)


def test_paragraphs_keep_the_text_and_cut_out_quotes_in_place():
    one, two, three = quote("one,"), quote("Two words,"), quote("Three.")
    paragraphs = body_paragraphs(BODY, [three, one, two])

    assert [as_text(p) for p in paragraphs] == BODY.split("\n\n")
    assert [(n, q.text) for n, q in paragraphs[0].notes] == [(1, "one,")]
    assert [(n, q.text) for n, q in paragraphs[1].notes] == [(2, "Two words,"), (3, "Three.")]
    assert paragraphs[2].notes == []
    marked = [s for s in paragraphs[1].segments if s.quote]
    assert [(s.text, s.number) for s in marked] == [("Two words,", 2), ("Three.", 3)]
    assert [p.start for p in paragraphs] == [0, BODY.index("“Two"), BODY.index("No quotes")]


def test_stale_unanchored_flagged_and_overlapping_quotes_are_not_marked():
    good = quote("Two words,")
    stale = quote("Two words,", start=3)  # the offsets no longer hold these words
    flagged = quote("Three.", needs_review=True)
    unanchored = SimpleNamespace(pk=9, text="one,", start=None, end=None, needs_review=False)
    overlapping = quote("words,", start=BODY.index("words,"))
    beyond = SimpleNamespace(
        pk=10, text="x", start=len(BODY), end=len(BODY) + 1, needs_review=False
    )

    chosen = markable_quotes(BODY, [stale, flagged, unanchored, overlapping, good, beyond])

    assert chosen == [good]


def test_a_quote_across_a_paragraph_break_is_left_unmarked():
    text = "said.\n\n“Two"
    paragraphs = body_paragraphs(BODY, [quote(text)])
    assert all(not p.notes for p in paragraphs)
    assert [as_text(p) for p in paragraphs] == BODY.split("\n\n")


def test_paragraph_of_finds_the_quote_paragraph():
    paragraph = paragraph_of(BODY, quote("Three."))
    assert as_text(paragraph) == "“Two words,” he said. “Three.”"
    assert paragraph_of(BODY, quote("Three.", needs_review=True)) is None


def test_rendered_body_escapes_markup_in_copy_and_quotes():
    body = "A <b>bold</b> claim: “<script>x</script>,” he said."
    q = quote("<script>x</script>", body=body)
    q.kind = "direct"
    q.speaker_label = "Someone"
    html = Template(
        "{% load article_body %}{% for p in paragraphs %}{% for s in p.segments %}"
        "{% if s.quote %}<mark>{{ s.text }}</mark>{% else %}{{ s.text }}{% endif %}"
        "{% endfor %}{% endfor %}"
    ).render(Context({"paragraphs": body_paragraphs(body, [q])}))
    assert "<b>" not in html and "<script>" not in html
    assert "<mark>&lt;script&gt;x&lt;/script&gt;</mark>" in html


def test_json_ld_escapes_characters_that_could_end_the_script():
    html = str(json_ld({"headline": "</script><b>&"}))
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    assert "<b>" not in html
    payload = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(payload) == {"headline": "</script><b>&"}


@pytest.mark.parametrize(
    "byline,authors",
    [
        ("By Ana Li", ["Ana Li"]),
        ("by Ana Li and Sam Roe", ["Ana Li", "Sam Roe"]),
        ("Ana Li, Sam Roe & Lee Park", ["Ana Li", "Sam Roe", "Lee Park"]),
        ("", []),
    ],
)
def test_byline_authors(byline, authors):
    assert byline_authors(byline) == authors


def test_tally_says_what_it_counts():
    assert tally(1, "quote,quotes") == "1 quote"
    assert tally(0, "quote,quotes") == "0 quotes"
    assert tally(12, "article") == "12 articles"


def test_feed_links_give_rss_atom_and_json_twins_even_with_a_query_string():
    links = feed_links(("Latest", "/feeds/latest/"), ("Steel quotes", "/quotes/feed/?sector=steel"))
    assert [(link["type"], link["url"]) for link in links] == [
        ("application/rss+xml", "/feeds/latest/"),
        ("application/atom+xml", "/feeds/latest/atom/"),
        ("application/feed+json", "/feeds/latest/json/"),
        ("application/rss+xml", "/quotes/feed/?sector=steel"),
        ("application/atom+xml", "/quotes/feed/atom/?sector=steel"),
        ("application/feed+json", "/quotes/feed/json/?sector=steel"),
    ]
    assert [link["title"] for link in links[:3]] == [
        "Latest",
        "Latest (Atom)",
        "Latest (JSON Feed)",
    ]
