"""What the profile pages share: finding the entity, its quote list with filters, chart,
feed, CSV and alert links, and its latest articles.

Every count and list goes through `Article.objects.published()` and
`Quote.objects.public()`.
"""

from urllib.parse import urlencode

from django.db.models import Count, F, Func, IntegerField, Model, Subquery, Window
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from articles.models import Article, Quote
from articles.public import charts, fragments, timeline
from articles.public.coverage import coverage
from articles.public.dependencies import depends_on, key_of, tallies_key
from articles.public.feeds.links import feed_links
from articles.public.forms import ProfileQuoteFilterForm
from articles.public.pages import bad_request, paginate, query_strings
from entities.models import SlugRedirect

QUOTES_PER_PAGE = 20
LIST_LIMIT = 20


def get_entity_or_redirect(model, slug, queryset=None):
    """The entity at `slug`, or a 301 to its current address if the slug is an old one."""
    queryset = model.objects.all() if queryset is None else queryset
    entity = queryset.filter(slug=slug).first()
    if entity is not None:
        return entity, None
    moved = SlugRedirect.target(model, slug)
    if moved is None:
        raise Http404(f"No {model._meta.verbose_name} at this address.")
    return None, redirect(moved, permanent=True)


def count_of(queryset):
    """A correlated COUNT(DISTINCT pk) of `queryset` (which uses OuterRef), 0 when empty."""
    counted = (
        queryset.order_by()
        .annotate(tally=Func(F("pk"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)"))
        .values("tally")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def label_events(events, today):
    """Give each event its printed dates and whether it is still to come."""
    for event in events:
        event.dates_label = timeline.date_label(
            event.start_date, event.end_date, approximate=event.date_is_approximate
        )
        event.upcoming = event.is_upcoming(today)
    return events


def public_quotes():
    """Public quotes with what a quote list shows, dated by when they were said."""
    return (
        Quote.objects.public()
        .select_related("speaker", "article")
        .with_topics()
        .order_by("-day", "-pk")
    )


def kept_for(entity, name, compute):
    """`compute()`, a list (of model instances or not) that the entity's profile counts or
    ranks over the archive, kept in the cache while the entity's tallies
    (`dependencies.tallies_key`) and the names of what it lists hold (`fragments.kept`)."""

    def build(missing):
        value = compute()
        return {name: (value, [row for row in value if isinstance(row, Model)])}

    space = f"profile:{key_of(entity)}"
    return fragments.kept([name], build, space=space, also=[tallies_key(entity)])[name]


def month_rows(rows, date_field):
    """[{"month": ..., "n": ...}]: how many `rows` fall in each month of `date_field`."""
    return list(
        rows.order_by()
        .annotate(month=TruncMonth(date_field))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )


def monthly_chart(months, *, noun, chart_id, title):
    """The monthly counts `months` (as `month_rows` gives them) as an SVG bar chart, the
    (month label, count) rows of its text alternative, and the number of rows in all
    (undated rows too, though public quotes and articles always have a date)."""
    counts = timeline.month_counts(row for row in months if row["month"] is not None)
    series = charts.month_series(counts)
    chart = charts.bar_chart(
        charts.monthly_bars(series, noun=noun),
        chart_id=chart_id,
        title=title,
        description=charts.describe_series(series, noun=noun),
    )
    return chart, [(charts.month_label(m), n) for m, n in series if n], sum(r["n"] for r in months)


def profile_quotes(request, entity, quotes, *, noun, exclude=()):
    """How every profile starts: the page depends on `entity`, and its quote list follows
    the request's filters (all but `exclude`). `(context, None)`, or `(None, the 400 page)`
    when the filters do not hold."""
    depends_on(request, key_of(entity))
    form = ProfileQuoteFilterForm(request.GET, exclude=exclude)
    if not form.is_valid():
        return None, bad_request(request, form)
    return quotes_section(request, entity, quotes, form, noun=noun), None


def quotes_section(request, entity, quotes, form, *, noun):
    """The paginated, filtered quote list of a profile, with its feed and chart."""
    quotes = form.filter_quotes(quotes)
    params = form.filter_params()
    query = urlencode(params)
    feed_url = f"{entity.get_absolute_url()}feed/" + (f"?{query}" if query else "")
    selection = form.selection()
    title = f"{entity.name}: quotes" + (f" on {selection}" if selection else "")
    # Unfiltered, the chart is the entity's own, kept while its tallies hold.
    months = (
        month_rows(quotes, "day")
        if params
        else kept_for(entity, "quote-months", lambda: month_rows(quotes, "day"))
    )
    chart, chart_rows, total = monthly_chart(
        months, noun="quote", chart_id="quotes-chart", title=f"Quotes {noun} per month"
    )
    page = paginate(quotes, request.GET.get("page"), QUOTES_PER_PAGE, count=total)
    kind = type(entity)._meta.model_name
    return {
        "page": page,
        "quotes": page.object_list,
        "page_base": query_strings(params, page)[1],
        "filters": form.active,
        "selection": selection,
        "feeds": feed_links((title, feed_url)),
        "feed_url": feed_url,
        "csv_url": quotes_csv_url(kind, entity, form),
        "alerts_url": alerts_url(kind, entity),
        "chart": chart,
        "chart_rows": chart_rows,
    }


# The /quotes/ filter that gives a profile's own quotes, by kind of profile.
QUOTE_LIST_FILTERS = {
    "person": "speaker",
    "sector": "sector",
    "event": "event",
    "country": "country",
}
ALERT_KINDS = ("person", "sector", "event", "country")


def quotes_csv_url(kind, entity, form):
    """The CSV of the quotes a profile lists, with its filters; None where /quotes/ has no
    filter for that kind of profile."""
    if kind not in QUOTE_LIST_FILTERS:
        return None
    params = [(QUOTE_LIST_FILTERS[kind], entity.slug)]
    params += [(QUOTE_LIST_FILTERS.get(name, name), chosen.slug) for name, chosen in form.active]
    return f"{reverse('articles:quote-csv')}?{urlencode(params)}"


def alerts_url(kind, entity):
    if kind not in ALERT_KINDS:
        return None
    return f"{reverse('articles:alert-subscribe')}?{urlencode({kind: entity.slug})}"


def latest_articles(articles):
    """The first LIST_LIMIT of `articles` and how many there are in all, in one query:
    `{"articles": [...], "article_count": n}`."""
    rows = list(articles.annotate(total_rows=Window(Count("pk")))[:LIST_LIMIT])
    return {"articles": rows, "article_count": rows[0].total_rows if rows else 0}


def articles_about(mention, quote):
    """Public articles mentioning the entity (`mention`) or quoting on it (`quote`), newest
    first."""
    articles = Article.objects.published().filter(coverage(mention, quote))
    return articles.order_by("-publish_at", "-pk")
