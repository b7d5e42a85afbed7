"""Feed links: autodiscovery links, absolute addresses and the feeds' content types.

`templates/base.html` renders the list of `feed_links(...)` as `<link rel="alternate">`
tags and as visible subscribe links, so every view passes `feeds=feed_links(...)` in its
context.

Absolute links are built by `entities.addresses.absolute` (see there).
"""

from django.conf import settings

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
JSON_FEED = "application/feed+json"
SITE_FEED_URL = "/feeds/latest/"


def twin_url(url, fmt):
    """The `fmt` twin of an RSS feed address: `atom/` or `json/` after the path."""
    path, sep, query = url.partition("?")
    if not path.endswith("/"):
        path += "/"
    return f"{path}{fmt}/{sep}{query}"


def atom_url(url):
    return twin_url(url, "atom")


def feed_links(*pairs):
    """[{title, url, type}, ...]: RSS, Atom and JSON Feed links for each (title, url) pair."""
    links = []
    for title, url in pairs:
        links.append({"title": title, "url": url, "type": RSS})
        links.append({"title": f"{title} (Atom)", "url": atom_url(url), "type": ATOM})
        links.append(
            {"title": f"{title} (JSON Feed)", "url": twin_url(url, "json"), "type": JSON_FEED}
        )
    return links


def site_feed():
    """The (title, url) pair of the whole site's feed of latest articles."""
    return (f"{settings.SITE_NAME}: latest", SITE_FEED_URL)


# What a client asking for a feed wants back -------------------------------------------

HTML = "text/html"
# A browser opening a feed gets it with this type and renders it with the XSL stylesheet.
BROWSER_XML = "application/xml"
FEED_TYPES = (RSS, ATOM, "application/xml", "text/xml")


def _ranges(accept):
    """[(type, subtype, quality)] of an Accept header; malformed parts are skipped."""
    ranges = []
    for part in (accept or "").split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        main, slash, sub = media.lower().partition("/")
        if not slash or not main or not sub:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((main, sub, quality))
    return ranges or [("*", "*", 1.0)]


def _quality(ranges, media_type):
    """The quality the most specific matching range gives `media_type` (0 if none)."""
    main, _, sub = media_type.partition("/")
    best = (-1, 0.0)
    for range_main, range_sub, quality in ranges:
        if (range_main, range_sub) == (main, sub):
            specificity = 2
        elif (range_main, range_sub) == (main, "*"):
            specificity = 1
        elif (range_main, range_sub) == ("*", "*"):
            specificity = 0
        else:
            continue
        if specificity > best[0]:
            best = (specificity, quality)
    return best[1]


def prefers_html(accept):
    """Whether an Accept header ranks HTML above every feed type, as a browser's does.

    `text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8` (a browser) does;
    `application/rss+xml, */*;q=0.1` (a feed reader), `*/*` and no header do not.
    """
    ranges = _ranges(accept)
    return _quality(ranges, HTML) > max(_quality(ranges, t) for t in FEED_TYPES)
