"""Hostile input on every public address: arbitrary query strings, slugs and page numbers.

Hypothesis generates the requests; whatever it sends, the site answers without a
server error, and no HTML or XML response carries an injected tag unescaped.
"""

import string
from urllib.parse import quote, urlencode

import pytest
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    make_article,
    make_correction,
    make_country,
    make_event,
    make_mention,
    make_organization,
    make_person,
    make_quote,
    make_sector,
)

EXAMPLES_PER_URL = 75
MARKER = "<x-marker-123>"
# Characters and strings that break naive code: NUL (PostgreSQL refuses it), line
# breaks (header injection), escapes, script, SQL, a right-to-left override.
CONTROL = [
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: x=1",
    "%00",
    "%",
    "..",
    " ",
    "\u202e",
    "\ufeff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"><x-marker-123>',
]

# Every filter name the public pages and feeds read, plus a few they do not.
FILTER_NAMES = (
    "q",
    "page",
    "speaker",
    "person",
    "sector",
    "event",
    "country",
    "tag",
    "kind",
    "from",
    "to",
    "month",
    "order",
    "format",
    "utm_source",
)

BODY = (
    "OTTAWA — Ministers met on Tuesday.\n\n"
    "“We are close to a deal on steel,” Hana Okafor said.\n\n"
    "Talks resume next week."
)


@pytest.fixture
def site(db):
    """A little coverage: one of each kind of thing, so real slugs lead to real pages."""
    country = make_country(name="Canada", iso_code="CA")
    organization = make_organization(name="Steel Union", country=country)
    person = make_person(name="Hana Okafor", affiliation=organization, country=country)
    sector = make_sector(name="steel")
    event = make_event(name="Ottawa talks", sectors=[sector])
    article = make_article(headline="Ministers meet on steel", body=BODY, tags=["tariffs"])
    quote = make_quote(
        article=article,
        text="We are close to a deal on steel,",
        speaker=person,
        sectors=[sector],
        events=[event],
    )
    quote.tags.add("tariffs")
    make_mention(article=article, entity=country)
    make_correction(article=article)
    return {
        "article": article,
        "quote": quote,
        "slugs": {
            "person": person.slug,
            "organization": organization.slug,
            "sector": sector.slug,
            "event": event.slug,
            "country": country.slug,
            "tag": "tariffs",
        },
    }


# The URL contract: (label, URL name, the kind of slug in the path or None).
SLUGLESS = [
    ("home", "articles:home"),
    ("articles", "articles:list"),
    ("people", "entities:person-list"),
    ("organizations", "entities:organization-list"),
    ("sectors", "entities:sector-list"),
    ("events", "entities:event-list"),
    ("countries", "entities:country-list"),
    ("quotes", "articles:quote-list"),
    ("tracker", "entities:tracker"),
    ("search", "articles:search"),
    ("feeds", "articles:feeds"),
    ("corrections", "articles:corrections"),
    ("sitemap", "articles:sitemap"),
    ("robots", "articles:robots"),
    ("latest-rss", "articles:latest-feed"),
    ("latest-atom", "articles:latest-feed-atom"),
    ("latest-json", "articles:latest-feed-json"),
    ("quotes-rss", "articles:quote-feed"),
    ("quotes-atom", "articles:quote-feed-atom"),
    ("quotes-json", "articles:quote-feed-json"),
    ("tracker-rss", "entities:tracker-feed"),
    ("tracker-atom", "entities:tracker-feed-atom"),
    ("tracker-json", "entities:tracker-feed-json"),
    ("corrections-rss", "articles:corrections-feed"),
]
WITH_SLUG = [
    ("person", "/people/{}/", "person"),
    ("person-feed", "/people/{}/feed/", "person"),
    ("person-feed-atom", "/people/{}/feed/atom/", "person"),
    ("organization", "/organizations/{}/", "organization"),
    ("organization-feed", "/organizations/{}/feed/json/", "organization"),
    ("sector", "/sectors/{}/", "sector"),
    ("sector-feed", "/sectors/{}/feed/", "sector"),
    ("event", "/events/{}/", "event"),
    ("event-feed", "/events/{}/feed/atom/", "event"),
    ("country", "/countries/{}/", "country"),
    ("country-feed", "/countries/{}/feed/", "country"),
    ("tag", "/tags/{}/", "tag"),
    ("tag-feed", "/tags/{}/feed/", "tag"),
    ("opml", "/feeds/{}.opml", "opml"),
    ("preview", "/preview/{}/", "token"),
]


def existing(pairs):
    """The named URLs that this tree has (a feature still being built is left out)."""
    found = []
    for label, name in pairs:
        try:
            found.append(pytest.param(reverse(name), id=label))
        except NoReverseMatch:
            continue
    return found


def hostile_text(max_size=40):
    return st.text(max_size=max_size)


long_text = st.builds(
    lambda piece, n: piece * n, st.text(min_size=1, max_size=4), st.integers(1, 3000)
)
numberish = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["0", "-1", "1e9", "0x10", "1.5", " 2 ", "٣", "NaN", "Infinity", ""]),
)
dateish = st.one_of(
    st.dates().map(str),
    st.sampled_from(["2025-02-30", "0000-01-01", "9999-12-31", "2025-13", "2025-1-1", "today"]),
)


def values(slugs):
    return st.one_of(
        hostile_text(),
        hostile_text().map(lambda s: s + MARKER),
        st.just(MARKER),
        long_text,
        numberish,
        dateish,
        st.sampled_from(sorted(slugs.values()) + ["direct", "indirect", "newest", "oldest"]),
        st.sampled_from(CONTROL),
    )


def query_strings(slugs):
    """A query string of arbitrary pairs, or raw bytes-ish text with broken escapes."""
    keys = st.one_of(st.sampled_from(FILTER_NAMES), hostile_text(12), st.just(MARKER))
    pairs = st.lists(st.tuples(keys, values(slugs)), max_size=6).map(urlencode)
    raw = st.text(alphabet=string.printable + "%é€\x7f", max_size=60).map(
        lambda s: s.replace("#", "%23")
    )
    return st.one_of(pairs, raw)


def path_slugs(kind, slugs):
    real = {"opml": ["sectors", "people"], "token": []}.get(kind, [slugs.get(kind, "")])
    arbitrary = st.one_of(
        hostile_text(60).filter(bool),
        st.just(MARKER),
        st.text(alphabet=string.ascii_lowercase + "-_0123456789", min_size=1, max_size=300),
        st.sampled_from(CONTROL),
    )
    return st.one_of(st.sampled_from(real), arbitrary) if real else arbitrary


def fetch(client, url):
    response = client.get(url)
    assert response.status_code < 500, url
    content_type = response.get("Content-Type", "")
    if response.status_code in (301, 302, 304) or not hasattr(response, "content"):
        return response
    if "html" in content_type or "xml" in content_type or "opml" in content_type:
        assert MARKER not in response.content.decode("utf-8", "replace"), url
    return response


FUZZ = settings(
    max_examples=EXAMPLES_PER_URL,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@pytest.mark.parametrize("path", existing(SLUGLESS))
def test_pages_without_slugs_survive_any_query_string(client, site, path):
    @FUZZ
    @given(query=query_strings(site["slugs"]))
    def check(query):
        fetch(client, f"{path}?{query}")

    check()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("template", "kind"),
    [pytest.param(template, kind, id=label) for label, template, kind in WITH_SLUG],
)
def test_pages_with_slugs_survive_any_slug_and_query_string(client, site, template, kind):
    if kind == "token":
        try:
            reverse("articles:preview", args=["x"])
        except NoReverseMatch:
            pytest.skip("preview links are not in this tree")

    @FUZZ
    @given(slug=path_slugs(kind, site["slugs"]), query=query_strings(site["slugs"]))
    def check(slug, query):
        fetch(client, template.format(quote(slug, safe="")) + f"?{query}")

    check()


@pytest.mark.django_db
def test_article_and_quote_addresses_survive_any_numbers(client, site):
    article, quote_ = site["article"], site["quote"]
    real = article.get_absolute_url().strip("/").split("/")  # articles/yyyy/mm/dd/slug
    numbers = st.one_of(st.integers(-1, 10**25), st.sampled_from([int(p) for p in real[1:4]]))

    @FUZZ
    @given(
        year=numbers,
        month=numbers,
        day=numbers,
        slug=st.one_of(st.just(real[4]), hostile_text(40).filter(bool), st.just(MARKER)),
        pk=st.one_of(st.just(quote_.pk), st.integers(-1, 10**25)),
        query=query_strings(site["slugs"]),
    )
    def check(year, month, day, slug, pk, query):
        fetch(client, f"/articles/{year}/{month}/{day}/{quote(slug, safe='')}/?{query}")
        fetch(client, f"/quotes/{pk}/?{query}")

    check()


@pytest.mark.django_db
def test_real_pages_still_answer_with_the_fixture(client, site):
    """The fuzzed addresses do lead to real pages: the real slugs answer 200."""
    assert client.get(site["article"].get_absolute_url()).status_code == 200
    assert client.get(site["quote"].get_absolute_url()).status_code == 200
    for kind, prefix in (("person", "people"), ("sector", "sectors"), ("tag", "tags")):
        assert client.get(f"/{prefix}/{site['slugs'][kind]}/").status_code == 200
    response = client.get("/search/", {"q": MARKER})
    assert response.status_code == 200
    assert MARKER not in response.content.decode()
    assert "&lt;x-marker-123&gt;" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/tags/%00/",
        "/tags/tariffs%00/",
        "/tags/%00/feed/",
        "/tags/a%00b/feed/json/",
        "/preview/%00/",
        "/articles/2147483648/1/1/ministers-meet-on-steel/",
        "/articles/9999/12/31/ministers-meet-on-steel/",
        "/articles/0/0/0/ministers-meet-on-steel/",
        "/quotes/99999999999999999999999/",
    ],
)
def test_addresses_that_once_failed_are_not_found(client, site, url):
    """NUL in a tag or preview address, and dates no calendar has: 404, not a server error."""
    assert client.get(url).status_code == 404
