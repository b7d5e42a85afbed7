"""What is measured: one page of each kind (and each index page), the pages busy readers
open, and the query plans of the profile and tracker pages."""

import re

from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count

from articles.models import Article, Quote
from entities.models import Country, Event, Organization, Person, Sector

SEARCH_WORDS = "tariffs"
# Tables whose sequential scan on a profile or tracker page would grow with the archive.
QUOTE_TABLES = ("articles_quote", "articles_quote_sectors", "articles_quote_events")


def pages():
    """[(name, path)]: one of each kind of public page, chosen from the data."""
    article = Article.objects.published().order_by("-publish_at", "-pk").first()
    if article is None:
        raise CommandError("The database has no published article to measure.")
    person = Person.objects.annotate(n=Count("quotes")).order_by("-n", "pk").first()
    sector = Sector.objects.annotate(n=Count("quotes")).order_by("-n", "pk").first()
    return [
        ("home", "/"),
        ("article", article.get_absolute_url()),
        ("person profile", person.get_absolute_url()),
        ("sector profile", sector.get_absolute_url()),
        ("tracker", "/tracker/"),
        ("tracker, filtered", f"/tracker/?sector={sector.slug}&person={person.slug}"),
        ("search", f"/search/?q={SEARCH_WORDS}"),
        ("feed (RSS)", "/feeds/latest/"),
        ("quotes", "/quotes/"),
        ("people", "/people/"),
        ("organizations", "/organizations/"),
        ("sectors", "/sectors/"),
        ("events", "/events/"),
        ("countries", "/countries/"),
    ]


def reader_paths(count=60):
    """What readers of a busy site open: the home page, lists, the latest articles and
    quotes, and the most quoted people and sectors (`count` of each)."""
    paths = ["/", "/articles/", "/quotes/", "/people/", "/tracker/", "/feeds/latest/"]
    articles = Article.objects.published().order_by("-publish_at", "-pk")[:count]
    people = Person.objects.annotate(n=Count("quotes")).order_by("-n", "pk")[:count]
    sectors = Sector.objects.annotate(n=Count("quotes")).order_by("-n", "pk")[: count // 3]
    quotes = Quote.objects.public().order_by("-day", "-pk")[:count]
    for objects in (articles, people, sectors, quotes):
        paths += [obj.get_absolute_url() for obj in objects]
    return paths


def plan_pages(measured):
    """[(name, path)]: the profile and tracker pages whose query plans are checked."""
    pages = [(name, path) for name, path in measured if "profile" in name or "tracker" in name]
    for name, model, quotes in (
        ("organization profile", Organization, "people__quotes"),
        ("event profile", Event, "quotes"),
        ("country profile", Country, "people__quotes"),
    ):
        entity = model.objects.annotate(n=Count(quotes)).order_by("-n", "pk").first()
        if entity is not None:
            pages.append((name, entity.get_absolute_url()))
    return pages


def quote_scans(plan_lines):
    """The quote tables a query plan (PostgreSQL's EXPLAIN lines) scans in full."""
    scanned = []
    for line in plan_lines:
        match = re.search(r"Seq Scan on (\w+)", line)
        if match and match.group(1) in QUOTE_TABLES:
            scanned.append(match.group(1))
    return scanned


def query_plans(pages):
    """[(name, path, queries, [table scanned in full, ...])]: each page rendered uncached
    in this process, and PostgreSQL's plan of every query it ran."""
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    found = []
    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name, path in pages:
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            scanned = []
            with connection.cursor() as cursor:
                for query in captured.captured_queries:
                    cursor.execute("EXPLAIN " + query["sql"])
                    scanned += quote_scans(line for (line,) in cursor.fetchall())
            found.append((name, path, len(captured.captured_queries), scanned))
    return found
