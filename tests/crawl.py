"""A small same-host crawler over the public site, driven by Django's test client.

It starts from a few addresses, follows every local link it finds (`href`s in
HTML, `<loc>` in sitemaps, item and channel links in RSS, Atom and JSON feeds,
`xmlUrl`/`htmlUrl` in OPML), breadth first, and keeps each response's text so
a test can search all of it.
"""

import json
import xml.etree.ElementTree as ET
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser
from django.conf import settings

SKIPPED_PREFIXES = ("/static/", "/media/")


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    text: str


@dataclass
class CrawlResult:
    pages: dict = field(default_factory=dict)  # url -> Page
    truncated: bool = False

    def find(self, needle):
        """Addresses whose response contains `needle` (case-insensitive)."""
        needle = needle.casefold()
        return sorted(url for url, page in self.pages.items() if needle in page.text.casefold())

    def with_status(self, status):
        return sorted(url for url, page in self.pages.items() if page.status == status)


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "action") and value and tag in ("a", "link", "area", "form"):
                self.links.append(value)


def html_links(text):
    parser = _LinkParser()
    parser.feed(text)
    parser.close()
    return parser.links


def xml_links(text):
    """<loc> of sitemaps and xmlUrl/htmlUrl of OPML outlines."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError:
        return []
    links = []
    for element in root.iter():
        if element.tag.endswith("}loc") or element.tag == "loc":
            links.append((element.text or "").strip())
        for attribute in ("xmlUrl", "htmlUrl", "href"):
            if element.get(attribute):
                links.append(element.get(attribute))
    return links


def feed_links(text):
    parsed = feedparser.parse(text)
    links = [parsed.feed.get("link", "")]
    links += [link.get("href", "") for link in parsed.feed.get("links", [])]
    for entry in parsed.entries:
        links.append(entry.get("link", ""))
        links.append(entry.get("id", ""))
        links += [link.get("href", "") for link in entry.get("links", [])]
    return links


def json_feed_links(text):
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    links = [data.get("home_page_url", ""), data.get("feed_url", "")]
    for item in data.get("items", []):
        links += [item.get("url", ""), item.get("external_url", "")]
    return [link for link in links if isinstance(link, str)]


class Crawler:
    """Breadth-first crawl of local public addresses, at most `limit` of them.

    Filter links combine without end (the tracker offers every sector, person and
    country on every filtered page), so at most `variants` query strings are
    followed per path, besides the start addresses: every path is still visited.
    """

    def __init__(self, client, *, limit=2000, variants=10):
        self.client = client
        self.limit = limit
        self.variants = variants
        self.local_hosts = {"", "testserver", urlsplit(settings.SITE_URL).netloc}
        self.excluded = (f"/{settings.ADMIN_URL}/", *SKIPPED_PREFIXES)

    def local_path(self, base, link):
        """The local path and query of `link` (found on `base`), or None to skip it."""
        link = link.strip()
        if not link or link.startswith(("#", "mailto:", "javascript:", "tag:", "data:")):
            return None
        parts = urlsplit(urljoin(base, link))
        if parts.scheme not in ("", "http", "https") or parts.netloc not in self.local_hosts:
            return None
        path = parts.path or "/"
        if path.startswith(self.excluded):
            return None
        return urlunsplit(("", "", path, parts.query, ""))

    def links_in(self, url, content_type, text):
        if "html" in content_type:
            return html_links(text)
        if "json" in content_type:
            return json_feed_links(text)
        if "rss" in content_type or "atom" in content_type:
            return feed_links(text) + xml_links(text)
        if "xml" in content_type or "opml" in content_type:
            return xml_links(text) + (feed_links(text) if "<feed" in text else [])
        return []

    def crawl(self, start):
        result = CrawlResult()
        queue = deque(start)
        seen = set(start)
        per_path = Counter()
        while queue:
            if len(result.pages) >= self.limit:
                result.truncated = True
                break
            url = queue.popleft()
            response = self.client.get(url)
            content_type = response.get("Content-Type", "")
            text = (
                b"".join(response.streaming_content).decode("utf-8", "replace")
                if getattr(response, "streaming", False)
                else response.content.decode("utf-8", "replace")
            )
            result.pages[url] = Page(url, response.status_code, content_type, text)
            found = list(self.links_in(url, content_type, text))
            if response.status_code in (301, 302, 303, 307, 308):
                found.append(response["Location"])
            for link in found:
                local = self.local_path("http://testserver" + url, link)
                if local is None or local in seen:
                    continue
                path, _, query = local.partition("?")
                if query:
                    if per_path[path] >= self.variants:
                        continue
                    per_path[path] += 1
                seen.add(local)
                queue.append(local)
        return result
