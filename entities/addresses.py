"""Addresses of profile and quote pages, built without running `reverse()` every time.

A list of quotes links each quote, its speaker, sectors and events: a feed of fifty
articles asks for a thousand addresses, and `reverse()` walks the URL patterns for
each. `address(viewname, value)` reverses the view once (per URL configuration and
script prefix) with a placeholder and then only fills the placeholder in, which gives
the same address for any value the pattern accepts.

Absolute links (in feeds, OPML lists, JSON-LD, CSV, preview links, emails) use the
address the site is served at: the scheme and host of the request being answered,
and `settings.SITE_URL` only outside a request (a management command, a worker). The
page cache keys pages by scheme, host and path, so a page made for one host is never
served to another.
"""

import re

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from simple_history.models import HistoricalRecords

# A placeholder that the `slug` or the `int` path converter accepts, and what else it does.
PLACEHOLDERS = (
    ("tradewatch-address-placeholder", re.compile(r"[-a-zA-Z0-9_]+\Z")),
    ("8101202520262027", re.compile(r"[0-9]+\Z")),
)

_templates = {}


def template_of(viewname):
    """(before, after, accepted): the address of `viewname` around its one argument, and
    the values its converter accepts."""
    key = (viewname, get_urlconf(), get_script_prefix())
    template = _templates.get(key)
    if template is None:
        for placeholder, accepted in PLACEHOLDERS:
            try:
                url = reverse(viewname, args=[placeholder])
            except NoReverseMatch:
                continue
            if url.count(placeholder) == 1:
                template = (*url.split(placeholder), accepted)
                break
        else:
            raise NoReverseMatch(f"{viewname} does not take one slug or number.")
        _templates[key] = template
    return template


def address(viewname, value):
    """`reverse(viewname, args=[value])` for a view whose one argument is a slug or a number."""
    value = str(value)
    before, after, accepted = template_of(viewname)
    if not accepted.match(value):  # Let reverse() decide (and complain).
        return reverse(viewname, args=[value])
    return f"{before}{value}{after}"


def current_request():
    """The request being answered, or None outside a request.

    `simple_history`'s `HistoryRequestMiddleware` (installed for revisions) keeps it
    for the duration of each request.
    """
    return getattr(HistoricalRecords.context, "request", None)


def site_root(request=None):
    """`scheme://host` of the site as `request` (else the current request) reached it;
    `settings.SITE_URL` outside a request."""
    request = request or current_request()
    if request is None:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"


def absolute(url, request=None):
    """The absolute address of a path (`/people/mark-carney/`) on this site."""
    return f"{site_root(request)}{url}"
