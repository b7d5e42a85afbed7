"""The editor of the write-rate runs: saving quotes while readers load the site."""

import time

from django.db import transaction

from articles.models import Quote
from articles.public.content_version import bump_on_commit


def edit_quotes(mode, *, interval, duration, ready):
    """An editor saving one of the latest quotes every `interval` seconds for `duration`
    seconds, then making the pages stale as `mode` says: `targeted` (the pages showing
    the quote) or `site` (every page: one site-wide version, the former design).
    Calls `ready()` before the first write."""
    quotes = list(Quote.objects.public().order_by("-day", "-pk")[:24])
    ready()
    deadline = time.monotonic() + duration
    saved = 0
    while time.monotonic() < deadline:
        quote = quotes[saved % len(quotes)]
        with transaction.atomic():
            if mode == "targeted":
                bump_on_commit(quote)
            quote.save()
            bump_on_commit(*([quote] if mode == "targeted" else []))
        saved += 1
        time.sleep(max(0.0, min(interval, deadline - time.monotonic())))
    return saved
