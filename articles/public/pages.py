"""What every public list page shares: one paginator, its links, and the 400 page.

A page number that is not a page is a 404; a query string that names nothing we have
is a 400 naming the field (`FilterForm.error_text`).
"""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404
from django.shortcuts import render

from articles.public.coverage import RowCount
from articles.public.feeds.links import feed_links, site_feed


def paginate(queryset, number, per_page, *, count=None):
    """Page `number` (1 when empty) of `queryset`; a number that is not a page is a 404.

    The page's rows carry how many rows there are in all (a scalar subquery), so a page
    costs one query, not a COUNT and then the rows. `count`, when the caller already
    knows it, is used instead.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None or queryset.query.distinct:
        if count is not None:
            paginator.count = count  # a cached property: this is its value
        try:
            return paginator.page(number or 1)
        except InvalidPage as exc:
            raise Http404("There is no such page.") from exc
    try:
        number = int(number or 1)
    except (TypeError, ValueError) as exc:
        raise Http404("There is no such page.") from exc
    if number < 1:
        raise Http404("There is no such page.")
    start = (number - 1) * per_page
    rows, paginator.count = counted_rows(queryset, start, start + per_page)
    if not rows and number > 1:
        raise Http404("There is no such page.")
    return Page(rows, number, paginator)


def counted_rows(queryset, start, stop):
    """(rows `start` to `stop` of `queryset`, how many rows it has in all), in one query.
    The count is 0 when the slice is empty, even past the end of a longer list."""
    # The total is an uncorrelated subquery, counted once over the filtered rows alone;
    # a window count would first join and materialize every row of the list.
    total = RowCount(queryset.order_by().values("pk"))
    rows = list(queryset.annotate(rows_in_all=total)[start:stop])
    return rows, rows[0].rows_in_all if rows else 0


def query_strings(params, page):
    """(canonical query, base for page links) from the valid filters, (name, value) pairs.

    `templates/includes/pagination.html` writes a page's link as `?{base}page={number}`.
    """
    canonical = list(params) + ([("page", str(page.number))] if page.number > 1 else [])
    base = urlencode(params)
    return urlencode(canonical), f"{base}&" if base else ""


def bad_request(request, form):
    """A 400 page naming what was wrong with the query string, field by field."""
    return render(
        request,
        "bad_request.html",
        {"errors": form.error_text(), "feeds": feed_links(site_feed())},
        status=400,
    )
