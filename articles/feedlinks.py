"""Feed autodiscovery links: the RSS, Atom and JSON Feed links for each feed a page offers.

`templates/base.html` renders the list as `<link rel="alternate">` tags and as visible
subscribe links, so every view passes `feeds=feed_links(...)` in its context.
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
