"""HTTP validators for feeds: an ETag and a Last-Modified from one cheap query, and the 304.

A feed answers a conditional GET before it builds anything: its validators come
from the modification stamps of the items it would show (one query returning at
most a feed's worth of short rows), never from the rendered document. The stamps
are computed in SQL with the same visibility rule as the items themselves, so an
article that leaves its schedule, a correction, an edit or a deletion changes them.
"""

import datetime
import hashlib

from django.db.models import DateTimeField, Max, OuterRef, Subquery
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

# Shared caches and CDNs may keep a feed five minutes; readers revalidate with the ETag.
CACHE_CONTROL = "public, max-age=300, s-maxage=300"

# Bumped when the feeds' markup changes, so that cached copies are not reused.
FEED_MARKUP_VERSION = "1"


def latest(queryset, field, *, outer="pk", link="article"):
    """A correlated subquery: the latest `field` among `queryset` rows pointing at the outer row."""
    rows = queryset.filter(**{link: OuterRef(outer)}).values(link).annotate(last=Max(field))
    return Subquery(rows.values("last"), output_field=DateTimeField())


def validators(key, stamps):
    """(ETag, Last-Modified) of a feed from its identity and its items' stamp rows.

    `key` names the representation (feed class, format, title); `stamps` is a list
    of tuples whose datetimes say when each item last changed.
    """
    digest = hashlib.sha256(repr((FEED_MARKUP_VERSION, key, stamps)).encode()).hexdigest()
    times = [value for row in stamps for value in row if isinstance(value, datetime.datetime)]
    last_modified = max(times) if times else None
    return f'"{digest[:32]}"', last_modified


def respond(request, etag, last_modified, build):
    """A 304 if the client's copy is current, else the response `build()` makes; both validated."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = build()
    response.headers["ETag"] = etag
    if timestamp is not None:
        response.headers["Last-Modified"] = http_date(timestamp)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response
