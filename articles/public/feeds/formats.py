"""The three formats every feed comes in: RSS 2.0, Atom 1.0 and JSON Feed 1.1.

`feed_paths` gives a feed's three addresses (`<route>`, `<route>atom/`, `<route>json/`).
"""

import datetime
import json

from django.urls import path
from django.utils import feedgenerator
from django.utils.xmlutils import SimplerXMLGenerator


class RssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the full text of each item in `content:encoded`."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class AtomFeed(feedgenerator.Atom1Feed):
    """Atom 1.0 with a stylesheet, the full text in `content` and a `related` link."""

    def write(self, outfile, encoding):
        # Atom1Feed.write, plus the stylesheets that Django only writes for RSS.
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("related_link"):
            handler.addQuickElement("link", "", {"rel": "related", "href": item["related_link"]})
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class JsonFeed(feedgenerator.SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        feed = self.feed
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "items": [self.json_item(item) for item in self.items],
        }
        outfile.write(json.dumps(document, ensure_ascii=False, indent=1))

    @staticmethod
    def json_item(item):
        entry = {
            "id": item["unique_id"],
            "url": item["link"],
            "external_url": item.get("related_link"),
            "title": item["title"],
            "content_html": item.get("content") or item["description"],
            "summary": item.get("summary_text"),
            "date_published": item["pubdate"] and item["pubdate"].isoformat(),
            "date_modified": item["updateddate"] and item["updateddate"].isoformat(),
            "authors": [{"name": item["author_name"]}] if item["author_name"] else None,
            "tags": list(item["categories"]) or None,
        }
        return {key: value for key, value in entry.items() if value}


FORMATS = {"": RssFeed, "atom/": AtomFeed, "json/": JsonFeed}


def feed_paths(route, feed_class, name):
    """The RSS, Atom and JSON Feed paths of a feed: `<route>`, `<route>atom/`, `<route>json/`.

    Named `<name>`, `<name>-atom` and `<name>-json`.
    """
    return [
        path(f"{route}{suffix}", feed_class(feed_type), name=format_name(name, suffix))
        for suffix, feed_type in FORMATS.items()
    ]


def format_name(name, suffix):
    return f"{name}-{suffix.strip('/')}" if suffix else name


def distinct_updates(items):
    """Give entries sharing an `updated` time distinct ones, a microsecond apart.

    Atom readers tell changed entries by their `updated` time, and the feed validator
    warns when two entries share one (an event and its first status change fall on the
    same day; a quote is updated when its article is). The first entry keeps the time.
    """
    seen = set()
    for item in items:
        updated = item.get("updateddate")
        if updated is None:
            continue
        while updated in seen:
            updated += datetime.timedelta(microseconds=1)
        seen.add(updated)
        item["updateddate"] = updated
