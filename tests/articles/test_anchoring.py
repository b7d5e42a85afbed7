"""Quote anchors: found, found again after an edit, flagged when lost."""

import pytest

from articles.anchoring import find_anchor, fuzzy_anchor, normalize_body, reanchor
from tests.factories import make_article, make_quote

BODY = (
    "Talks resumed on Tuesday.\n\n"
    "“We are making progress,” the minister said. “We are making progress,” she repeated."
)


def test_normalize_body_line_endings_nfc_and_trailing_spaces():
    raw = "Caf\u0065\u0301 talks  \r\n\r\n\r\n\r\nSecond paragraph.   \r\n"
    assert normalize_body(raw) == "Caf\u00e9 talks\n\nSecond paragraph."


def test_find_anchor_offsets_and_context():
    anchor = find_anchor(BODY, "Talks resumed")
    assert (anchor.start, anchor.end) == (0, 13)
    assert anchor.prefix == ""
    assert anchor.suffix.startswith(" on Tuesday.")


def test_find_anchor_picks_the_occurrence_nearest_the_old_position():
    first = BODY.index("We are making")
    second = BODY.index("We are making", first + 1)
    assert find_anchor(BODY, "We are making progress,", near=second).start == second
    assert find_anchor(BODY, "We are making progress,", near=first).start == first


def test_find_anchor_prefers_matching_context_over_distance():
    second = BODY.index("We are making", BODY.index("We are making") + 1)
    anchor = find_anchor(BODY, "We are making progress,", near=0, prefix="minister said. “")
    assert anchor.start == second


def test_missing_text_has_no_anchor():
    assert find_anchor(BODY, "not in the body") is None


def test_fuzzy_anchor_finds_a_lightly_edited_quote_and_marks_it_inexact():
    edited = BODY.replace("making progress", "making real progress")
    anchor = fuzzy_anchor(edited, "We are making progress, the minister said")
    assert anchor is not None and not anchor.exact


def test_reanchor_after_text_inserted_before_the_quote():
    quote_text = "We are making progress,"
    old_start = BODY.index(quote_text)
    edited = "OTTAWA — " + BODY
    result = reanchor(edited, text=quote_text, start=old_start)
    assert not result.needs_review
    assert edited[result.anchor.start : result.anchor.end] == quote_text
    assert result.anchor.start == old_start + len("OTTAWA — ")


def test_reanchor_reports_a_quote_whose_words_are_gone():
    result = reanchor("Completely different text now.", text="We are making progress,")
    assert result.anchor is None and result.needs_review


@pytest.mark.django_db
def test_body_edit_that_removes_a_quote_flags_it_and_keeps_it():
    article = make_article(body=BODY)
    kept = make_quote(article=article, text="Talks resumed on Tuesday.")
    lost = make_quote(article=article, text="We are making progress,")
    article.body = "Talks resumed on Tuesday.\n\nThe minister left without comment."
    article.save()
    flagged = article.reanchor_quotes()
    assert [q.pk for q in flagged] == [lost.pk]
    lost.refresh_from_db()
    kept.refresh_from_db()
    assert lost.needs_review and lost.text == "We are making progress,"
    assert "no longer in the body" in lost.review_note
    assert not kept.needs_review
    assert article.body[kept.start : kept.end] == kept.text


@pytest.mark.django_db
def test_body_edit_moves_anchors_with_the_text():
    article = make_article(body=BODY)
    quote = make_quote(article=article, text="We are making progress,")
    article.body = "A new first paragraph.\n\n" + BODY
    article.save()
    assert article.reanchor_quotes() == []
    quote.refresh_from_db()
    assert article.body[quote.start : quote.end] == quote.text
