"""Small server-rendered SVG bar charts: no chart library, no script, readable without them.

Each chart carries a <title> and <desc> for screen readers, and every bar its own
<title> with the month and the tally; pages add the same figures as a table.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

MIN_SLOTS = 12  # a chart is at least this many bars wide, so one month is not one block


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    title: str = ""
    href: str = ""


def add_months(month, n):
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_series(counts, *, first=None, last=None, max_months=120):
    """`(month, count)` for every month from `first` to `last`, zero where nothing happened.

    `counts` maps first-of-month dates to tallies; `first` and `last` default to its
    extremes. At most the `max_months` latest months are kept.
    """
    months = sorted(counts)
    if not months and (first is None or last is None):
        return []
    first = (first or months[0]).replace(day=1)
    last = (last or months[-1]).replace(day=1)
    if last < first:
        return []
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    start = add_months(last, -(min(span, max_months) - 1))
    return [
        (month, counts.get(month, 0))
        for month in (add_months(start, i) for i in range(min(span, max_months)))
    ]


def month_label(month, *, short=False):
    name = calendar.month_abbr[month.month] if short else calendar.month_name[month.month]
    return f"{name} {month.year}"


def _num(value):
    """A coordinate with at most one decimal: 12, 12.5."""
    return f"{value:.1f}".removesuffix(".0")


def bar_chart(bars, *, chart_id, title, description, width=640, height=120):
    """An SVG bar chart of `bars` (a list of Bar), scaled to the largest value.

    Bars with an `href` are links (the tracker's strip opens that month); every bar
    has a tooltip title. The first and last labels and the peak are printed under
    the chart in HTML, so they keep their shape when the SVG stretches to the width.
    """
    bars = list(bars)
    top, bottom = 2, 1
    plot = height - top - bottom
    peak = max((bar.value for bar in bars), default=0)
    # A short series keeps bars of a readable width instead of stretching them across.
    slot = width / max(len(bars), MIN_SLOTS)
    gap = min(2.0, slot * 0.2)
    shapes = []
    # Written with f-strings (a chart has up to 120 bars): the numbers are ours, and the
    # only text, each bar's title and link, is escaped.
    for i, bar in enumerate(bars):
        h = 0.0 if peak == 0 else max(bar.value / peak * plot, 1.5 if bar.value else 0.0)
        x = i * slot + gap / 2
        tip = escape(bar.title or f"{bar.label}: {bar.value}")
        empty = " chart-bar-empty" if not bar.value else ""
        rect = (
            f'<rect class="chart-bar{empty}" x="{_num(x)}" y="{_num(top + plot - h)}" '
            f'width="{_num(max(slot - gap, 0.5))}" height="{_num(h)}"><title>{tip}</title></rect>'
        )
        # A full-height hit area keeps tiny bars easy to point at and to click.
        hit = (
            f'<rect class="chart-hit" x="{_num(i * slot)}" y="{top}" width="{_num(slot)}" '
            f'height="{plot}"><title>{tip}</title></rect>'
        )
        if bar.href:
            shapes.append(f'<a href="{escape(bar.href)}">{hit}{rect}</a>')
        else:
            shapes.append(hit + rect)
    scale = ""
    if bars:
        first, last = bars[0].label, bars[-1].label if len(bars) > 1 else ""
        if last and len(bars) < MIN_SLOTS:
            # The bars fill only the left of the chart: the range is named where they are.
            first, last = f"{first} – {last}", ""
        scale = format_html(
            '<p class="chart-scale" aria-hidden="true"><span>{}</span><span>Peak: {}</span>'
            "<span>{}</span></p>",
            first,
            peak,
            last,
        )
    return format_html(
        '<div class="chart-wrap"><svg class="chart" id="{id}" role="{role}" viewBox="0 0 {w} {h}" '
        'preserveAspectRatio="none" aria-labelledby="{id}-title {id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line class="chart-axis" x1="0" x2="{w}" y1="{base}" y2="{base}"></line>'
        "{shapes}</svg>{scale}</div>",
        id=chart_id,
        # A chart whose bars are links is a group of links, not a single image.
        role="group" if any(bar.href for bar in bars) else "img",
        w=width,
        h=height,
        title=title,
        desc=description,
        base=top + plot,
        shapes=mark_safe("".join(shapes)),
        scale=scale,
    )


def monthly_bars(series, *, noun, href=None):
    """Bars for a `month_series`, titled “March 2025: 3 quotes”; `href(month)` links each."""
    return [
        Bar(
            label=month_label(month, short=True),
            value=value,
            title=f"{month_label(month)}: {value} {noun}{'' if value == 1 else 's'}",
            href=href(month) if href else "",
        )
        for month, value in series
    ]


def describe_series(series, *, noun):
    """A sentence that says what the chart shows, for its <desc>."""
    if not series:
        return f"No {noun}s in our coverage yet."
    total = sum(value for _, value in series)
    busiest_month, busiest = max(series, key=lambda item: (item[1], item[0]))
    text = (
        f"{total} {noun}{'' if total == 1 else 's'} in our coverage from "
        f"{month_label(series[0][0])} to {month_label(series[-1][0])}"
    )
    if busiest:
        text += f"; the busiest month was {month_label(busiest_month)} with {busiest}"
    return text + "."
