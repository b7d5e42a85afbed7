"""The tracker's timeline assembly, on plain rows (no database)."""

import datetime
from types import SimpleNamespace

import pytest

from articles.public import timeline
from articles.public.timeline import Entry, build_page

d = datetime.date


def entry(kind, day, n=0):
    return Entry(kind, day, SimpleNamespace(pk=n), (n,))


def dates(page):
    return [e.date for e in page.entries]


def test_small_timeline_fits_on_one_page_newest_first_grouped_by_month():
    entries = [
        entry("article", d(2025, 3, 5), 1),
        entry("event", d(2025, 4, 1), 2),
        entry("quote", d(2025, 3, 20), 3),
    ]
    page = build_page(entries, limit=10)
    assert not page.has_more and page.cursor is None
    assert [g.month for g in page.months] == [d(2025, 4, 1), d(2025, 3, 1)]
    assert [g.label for g in page.months] == ["April 2025", "March 2025"]
    assert dates(page) == [d(2025, 4, 1), d(2025, 3, 20), d(2025, 3, 5)]
    assert page.months[0].anchor == "m-2025-04"


def test_oldest_first_reverses_the_order():
    entries = [entry("article", d(2025, 3, 5), 1), entry("event", d(2025, 4, 1), 2)]
    page = build_page(entries, limit=10, newest_first=False)
    assert dates(page) == [d(2025, 3, 5), d(2025, 4, 1)]


@pytest.mark.parametrize("newest_first", [True, False])
def test_within_a_day_the_event_comes_before_its_coverage(newest_first):
    day = d(2025, 3, 12)
    entries = [
        entry("quote", day, 1),
        entry("article", day, 2),
        entry("status", day, 3),
        entry("event", day, 4),
    ]
    page = build_page(entries, limit=10, newest_first=newest_first)
    assert [e.kind for e in page.entries] == ["event", "status", "article", "quote"]


def test_a_full_page_ends_with_a_whole_month_and_the_cursor_resumes_there():
    entries = [entry("article", d(2025, 5, 2), 1), entry("article", d(2025, 5, 1), 2)]
    entries += [entry("article", d(2025, 4, day), 10 + day) for day in (30, 20, 10, 1)]
    page = build_page(entries, limit=4)
    # April does not fit whole, so the page stops after May; the next page starts at April's end.
    assert dates(page) == [d(2025, 5, 2), d(2025, 5, 1)]
    assert page.has_more
    assert page.cursor == d(2025, 4, 30)
    assert page.skipped_day is None


def test_oldest_first_cursor_is_the_first_day_of_the_month_that_did_not_fit():
    entries = [entry("article", d(2025, 3, day), day) for day in (1, 2)]
    entries += [entry("article", d(2025, 4, day), 10 + day) for day in (1, 2, 3)]
    page = build_page(entries, limit=3, newest_first=False)
    assert dates(page) == [d(2025, 3, 1), d(2025, 3, 2)]
    assert page.cursor == d(2025, 4, 1)


def test_a_month_larger_than_a_page_is_cut_at_a_day():
    entries = [entry("article", d(2025, 4, 20), i) for i in range(2)]
    entries += [entry("article", d(2025, 4, 10), 10 + i) for i in range(3)]
    page = build_page(entries, limit=3)
    assert dates(page) == [d(2025, 4, 20), d(2025, 4, 20)]
    assert page.cursor == d(2025, 4, 10)
    assert page.skipped_day is None


def test_a_day_larger_than_a_page_is_shown_in_part_and_said_so():
    entries = [entry("article", d(2025, 4, 10), i) for i in range(5)]
    entries.append(entry("article", d(2025, 4, 9), 99))
    page = build_page(entries, limit=3)
    assert len(page) == 3
    assert page.skipped_day == d(2025, 4, 10)
    assert page.cursor == d(2025, 4, 9)


def test_paging_through_with_the_cursor_sees_every_entry_once():
    entries = [
        entry(kind, d(2025, 1, 1) + datetime.timedelta(days=3 * i), i)
        for i, kind in enumerate(["event", "article", "quote", "status"] * 12)
    ]
    seen, to = [], None
    for _ in range(50):
        window = [e for e in entries if to is None or e.date <= to]
        page = build_page(window, limit=7)
        seen += [e.obj.pk for e in page.entries]
        if not page.has_more:
            break
        to = page.cursor
    assert sorted(seen) == sorted(e.obj.pk for e in entries)


def test_limit_must_be_positive():
    with pytest.raises(ValueError):
        build_page([], limit=0)


def test_activity_by_month_adds_up_each_kind_and_orders_months():
    tz_month = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
    result = timeline.activity_by_month(
        events=[{"month": d(2025, 4, 1), "n": 2}],
        articles=[{"month": d(2025, 3, 1), "n": 3}, {"month": d(2025, 4, 1), "n": 1}],
        quotes=[{"month": datetime.datetime(2025, 4, 1), "n": 4}],
    )
    assert list(result) == [d(2025, 3, 1), d(2025, 4, 1)]
    assert result[d(2025, 4, 1)] == {"events": 2, "articles": 1, "quotes": 4, "total": 7}
    assert result[d(2025, 3, 1)]["total"] == 3
    # An aware datetime counts in the site's time zone (UTC midnight is still February here).
    assert timeline.first_of_month(tz_month) == d(2025, 2, 1)


def test_month_counts_merges_rows_of_the_same_month():
    rows = [{"month": d(2025, 3, 1), "n": 2}, {"month": d(2025, 3, 1), "n": 1}]
    assert timeline.month_counts(rows) == {d(2025, 3, 1): 3}


@pytest.mark.parametrize(
    ("start", "end", "approximate", "label"),
    [
        (d(2025, 3, 12), None, False, "12 March 2025"),
        (d(2025, 3, 12), d(2025, 3, 12), False, "12 March 2025"),
        (d(2025, 6, 15), d(2025, 6, 17), False, "15–17 June 2025"),
        (d(2025, 10, 31), d(2025, 11, 1), False, "31 October – 1 November 2025"),
        (d(2025, 12, 30), d(2026, 1, 2), False, "30 December 2025 – 2 January 2026"),
        (d(2026, 7, 1), None, True, "July 2026"),
    ],
)
def test_date_label(start, end, approximate, label):
    assert timeline.date_label(start, end, approximate=approximate) == label
