"""Reading our feeds as a subscriber's reader does."""

import feedparser

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
JSON_FEED = "application/feed+json; charset=utf-8"


def read(client, url, content_type=RSS):
    """The feed at `url`, parsed: it answers 200 in `content_type` and parses cleanly."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == content_type
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed
