"""What every public list page shares: one paginator, its links, and the 400 page.

A page number that is not a page is a 404; a query string that names nothing we have
is a 400 naming the field (`FilterForm.error_text`).
"""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render

from articles.public.feeds.links import feed_links, site_feed


def paginate(queryset, number, per_page, *, count=None):
    """Page `number` (1 when empty) of `queryset`; a number that is not a page is a 404.

    `count`, when the caller already knows how many rows there are, saves the COUNT query.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property: this is its value.
    try:
        return paginator.page(number or 1)
    except InvalidPage as exc:
        raise Http404("There is no such page.") from exc


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
