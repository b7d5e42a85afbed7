"""Feed autodiscovery links: the RSS and Atom pair for each feed a page offers.

`templates/base.html` renders the list as `<link rel="alternate">` tags and as visible
subscribe links, so every view passes `feeds=feed_links(...)` in its context.
"""

from django.conf import settings

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
SITE_FEED_URL = "/feeds/latest/"


def atom_url(url):
    """The Atom twin of an RSS feed address: `atom/` after the path, before any query."""
    path, sep, query = url.partition("?")
    if not path.endswith("/"):
        path += "/"
    return f"{path}atom/{sep}{query}"


def feed_links(*pairs):
    """[{title, url, type}, ...]: an RSS and an Atom link for each (title, url) pair."""
    links = []
    for title, url in pairs:
        links.append({"title": title, "url": url, "type": RSS})
        links.append({"title": f"{title} (Atom)", "url": atom_url(url), "type": ATOM})
    return links


def site_feed():
    """The (title, url) pair of the whole site's feed of latest articles."""
    return (f"{settings.SITE_NAME}: latest", SITE_FEED_URL)
