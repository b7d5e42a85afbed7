"""Server-rendered SVG charts, on plain numbers."""

import datetime
import re

from articles.public import charts
from articles.public.charts import Bar, bar_chart, month_series

d = datetime.date


def test_month_series_fills_empty_months_with_zero():
    series = month_series({d(2025, 1, 1): 2, d(2025, 4, 1): 5})
    assert series == [
        (d(2025, 1, 1), 2),
        (d(2025, 2, 1), 0),
        (d(2025, 3, 1), 0),
        (d(2025, 4, 1), 5),
    ]


def test_month_series_crosses_years_and_keeps_the_latest_months():
    series = month_series({d(2024, 11, 1): 1, d(2025, 2, 1): 1}, max_months=3)
    assert [m for m, _ in series] == [d(2024, 12, 1), d(2025, 1, 1), d(2025, 2, 1)]


def test_month_series_of_nothing_is_empty():
    assert month_series({}) == []


def test_month_series_with_explicit_bounds():
    series = month_series({}, first=d(2025, 1, 15), last=d(2025, 2, 3))
    assert series == [(d(2025, 1, 1), 0), (d(2025, 2, 1), 0)]


def test_add_months():
    assert charts.add_months(d(2025, 11, 1), 3) == d(2026, 2, 1)
    assert charts.add_months(d(2025, 1, 1), -1) == d(2024, 12, 1)


def test_bar_chart_is_accessible_svg_scaled_to_the_peak():
    svg = bar_chart(
        [Bar("Jan", 2, "January 2025: 2 quotes"), Bar("Feb", 4, "February 2025: 4 quotes")],
        chart_id="c",
        title="Quotes per month",
        description="6 quotes.",
        height=103,
    )
    assert 'role="img"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Quotes per month</title>' in svg
    assert '<desc id="c-desc">6 quotes.</desc>' in svg
    assert "<title>February 2025: 4 quotes</title>" in svg
    heights = [float(h) for h in re.findall(r'class="chart-bar" [^>]*height="([\d.]+)"', svg)]
    assert heights == [50.0, 100.0]
    assert "<span>Peak: 4</span>" in svg
    # Two bars fill the left of the chart: their range is named there, not at its right end.
    assert "<span>Jan – Feb</span><span>Peak: 4</span><span></span>" in svg
    assert "<script" not in svg and "style=" not in svg


def test_bar_chart_of_a_full_width_series_labels_both_ends():
    bars = [Bar(f"M{n}", n) for n in range(1, 13)]
    svg = bar_chart(bars, chart_id="c", title="t", description="d")
    assert "<span>M1</span><span>Peak: 12</span><span>M12</span>" in svg


def test_bar_chart_links_bars_and_escapes_text():
    svg = bar_chart(
        [Bar("<b>", 1, 'say "hi" <script>', href="?from=2025-01-01&to=2025-01-31")],
        chart_id="x",
        title="<i>t</i>",
        description="a & b",
    )
    assert '<a href="?from=2025-01-01&amp;to=2025-01-31">' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "&lt;i&gt;t&lt;/i&gt;" in svg and "a &amp; b" in svg


def test_bar_chart_with_nothing_to_show_draws_no_bar():
    svg = bar_chart([Bar("Jan", 0)], chart_id="z", title="t", description="d")
    assert 'height="0"' in svg and "chart-bar-empty" in svg
    assert bar_chart([], chart_id="e", title="t", description="d").count("<rect") == 0


def test_monthly_bars_and_description_say_what_they_count():
    series = [(d(2025, 3, 1), 1), (d(2025, 4, 1), 0), (d(2025, 5, 1), 3)]
    bars = charts.monthly_bars(series, noun="quote", href=lambda m: f"?m={m:%Y-%m}")
    assert [b.title for b in bars] == [
        "March 2025: 1 quote",
        "April 2025: 0 quotes",
        "May 2025: 3 quotes",
    ]
    assert bars[0].label == "Mar 2025" and bars[2].href == "?m=2025-05"
    text = charts.describe_series(series, noun="quote")
    assert text == (
        "4 quotes in our coverage from March 2025 to May 2025; "
        "the busiest month was May 2025 with 3."
    )
    assert charts.describe_series([], noun="quote") == "No quotes in our coverage yet."


def test_a_short_series_keeps_narrow_bars():
    svg = str(bar_chart([Bar("Oct 2025", 4)], chart_id="c", title="t", description="d"))
    widths = [
        float(w) for w in re.findall(r'class="chart-bar" x="[^"]+" y="[^"]+" width="([^"]+)"', svg)
    ]
    assert widths and widths[0] <= 640 / charts.MIN_SLOTS
