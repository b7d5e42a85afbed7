"""Site search: entities by name first, then articles and quotes.

On PostgreSQL, full-text search: headline (weight A), dek (B) and body (C) of published
articles and the text of public quotes, ranked, with highlighted snippets for the rows
shown. Each document is a stored, GIN-indexed column of its table (see
`articles/migrations/0008_stored_search_document.py`). On SQLite, a plain
case-insensitive match on every word of the query.

Plain functions, no request objects. Snippets are returned as safe HTML: the text is
escaped and only our own `<mark>` tags are added.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.expressions import Expression
from django.utils.html import escape
from django.utils.safestring import mark_safe

from entities.models import Country, Event, Organization, Person, Sector

from .models import Article, Quote, people_in_public_coverage

CONFIG = "english"
ARTICLE_LIMIT = 20
QUOTE_LIMIT = 20
ENTITY_LIMIT = 4
# Full-text hits are ranked among this many of the latest matches: a word found in most of
# the archive does not make every search rank the whole archive, and the best of recent
# coverage comes first.
RANKED_MATCHES = 500
SNIPPET_CHARS = 220
MIN_ENTITY_QUERY = 2
# Private-use characters mark highlights inside PostgreSQL's snippets until the text is
# escaped; they cannot be confused with anything in copy.
START_SEL, STOP_SEL = "\ue000", "\ue001"


@dataclass
class ArticleHit:
    article: Article
    snippet: str


@dataclass
class QuoteHit:
    quote: Quote
    snippet: str


@dataclass
class SearchResults:
    query: str
    entities: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    article_total: int = 0
    quote_total: int = 0
    # When set, hits were ranked among this many latest matches, and totals counted up to
    # one more than that.
    ranked_within: int = 0

    @property
    def is_empty(self):
        return not (self.entities or self.articles or self.quotes)


def uses_full_text(conn=connection):
    return conn.vendor == "postgresql"


def search(query, *, article_limit=ARTICLE_LIMIT, quote_limit=QUOTE_LIMIT):
    """Everything public that matches `query` (already stripped and bounded in length)."""
    results = SearchResults(query=query)
    if not query:
        return results
    results.entities = match_entities(query)
    if uses_full_text():
        results.articles, results.article_total = _articles_full_text(query, article_limit)
        results.quotes, results.quote_total = _quotes_full_text(query, quote_limit)
        results.ranked_within = RANKED_MATCHES
    else:
        results.articles, results.article_total = _articles_simple(query, article_limit)
        results.quotes, results.quote_total = _quotes_simple(query, quote_limit)
    return results


# Entities -------------------------------------------------------------------------------


def _public_quote_count(relation):
    return Count(relation, filter=Q(**{f"{relation}__in": Quote.objects.public()}), distinct=True)


ENTITY_SEARCHES = (
    (
        Person,
        lambda qs: qs.filter(pk__in=people_in_public_coverage().values("pk")).select_related(
            "affiliation", "country"
        ),
        "quotes",
    ),
    (Organization, lambda qs: qs.select_related("country"), "people__quotes"),
    (Sector, lambda qs: qs.select_related("parent"), "quotes"),
    (Event, lambda qs: qs, "quotes"),
    (Country, lambda qs: qs, "people__quotes"),
)


def match_entities(query, *, limit=ENTITY_LIMIT):
    """People, organizations, sectors, events and countries whose name or an alias matches.

    Exact name or alias matches come first. Each carries `public_quote_count` (quotes in
    our coverage by or about it) and `kind` (its verbose name). One query per kind.
    """
    if len(query) < MIN_ENTITY_QUERY:
        return []
    found = []
    for model, joins, relation in ENTITY_SEARCHES:
        rows = (
            joins(model.objects.filter(Q(name__icontains=query) | Q(aliases__icontains=query)))
            .annotate(
                public_quote_count=_public_quote_count(relation),
                exact=Case(
                    When(name__iexact=query, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                ),
            )
            .order_by("-exact", "-public_quote_count", "name")[:limit]
        )
        for entity in rows:
            entity.kind = model._meta.verbose_name
            entity.is_exact = entity.answers_to(query)
            found.append(entity)
    found.sort(key=lambda e: (not e.is_exact, -e.public_quote_count))
    return found


# SQLite and other databases: every word, anywhere ------------------------------------------


def query_words(query):
    return [word for word in re.split(r"\s+", query) if word][:10]


def _articles_simple(query, limit):
    words = query_words(query)
    articles = Article.objects.published()
    for word in words:
        articles = articles.filter(
            Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
        )
    total = articles.count()
    first = words[0]
    ranked = articles.annotate(
        weight=Case(
            When(headline__icontains=first, then=Value(3)),
            When(dek__icontains=first, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("-weight", "-publish_at", "-pk")[:limit]
    hits = [ArticleHit(a, highlight_excerpt(a.dek + "\n\n" + a.body, words)) for a in ranked]
    return hits, total


def _quotes_simple(query, limit):
    words = query_words(query)
    quotes = Quote.objects.public()
    for word in words:
        quotes = quotes.filter(text__icontains=word)
    total = quotes.count()
    rows = quotes.select_related("speaker", "article").order_by("-article__publish_at", "pk")[
        :limit
    ]
    return [QuoteHit(q, highlight_excerpt(q.text, words, width=400)) for q in rows], total


def highlight_excerpt(text, words, *, width=SNIPPET_CHARS):
    """An escaped excerpt of `text` around the first matching word, matches in `<mark>`."""
    lowered = text.casefold()
    positions = [lowered.find(w.casefold()) for w in words if w]
    positions = [p for p in positions if p >= 0]
    start = 0
    if positions and len(text) > width:
        start = max(0, min(positions) - width // 3)
    end = min(len(text), start + width)
    if start > 0:  # begin and end on word boundaries
        space = text.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start else end
    excerpt = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    pattern = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)
    pieces, pos = [], 0
    if pattern:
        for match in re.finditer(pattern, excerpt, flags=re.IGNORECASE):
            pieces.append(escape(excerpt[pos : match.start()]))
            pieces.append(f"<mark>{escape(match.group(0))}</mark>")
            pos = match.end()
    pieces.append(escape(excerpt[pos:]))
    return mark_safe(escape(prefix) + "".join(pieces).replace("\n\n", " ¶ ") + escape(suffix))


# PostgreSQL full text -----------------------------------------------------------------------


class StoredDocument(Expression):
    """The search document of the table a query reads: a column PostgreSQL generates."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        # The query's own table, under whatever alias it has there (U0 in a subquery).
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name('search_document')}", []


def _search_query(query):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, search_type="websearch", config=CONFIG)


def _headline(field, query, **options):
    from django.contrib.postgres.search import SearchHeadline

    return SearchHeadline(
        field, query, config=CONFIG, start_sel=START_SEL, stop_sel=STOP_SEL, **options
    )


def safe_snippet(raw):
    """PostgreSQL's snippet, escaped, with its highlight markers turned into `<mark>`."""
    text = escape(raw or "")
    return mark_safe(text.replace(START_SEL, "<mark>").replace(STOP_SEL, "</mark>"))


def _articles_full_text(query, limit):
    from django.contrib.postgres.search import SearchRank

    search_query = _search_query(query)
    matching = (
        Article.objects.published()
        .annotate(document=StoredDocument())
        .filter(document=search_query)
    )
    # Counted up to one more than are ranked: "more than 500" is all a reader needs.
    total = matching[: RANKED_MATCHES + 1].count()
    # Rank the latest matches, then build snippets only for the articles shown (ts_headline
    # is costly).
    latest = matching.order_by("-publish_at", "-pk").values("pk")[:RANKED_MATCHES]
    shown = (
        Article.objects.filter(pk__in=latest)
        .annotate(rank=SearchRank(StoredDocument(), search_query))
        .order_by("-rank", "-publish_at", "-pk")
        .values("pk")[:limit]
    )
    rows = (
        Article.objects.filter(pk__in=shown)
        .annotate(
            rank=SearchRank(StoredDocument(), search_query),
            snippet=_headline(
                "body",
                search_query,
                max_fragments=2,
                max_words=35,
                min_words=15,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-publish_at", "-pk")
    )
    return [ArticleHit(a, safe_snippet(a.snippet)) for a in rows], total


def _quotes_full_text(query, limit):
    from django.contrib.postgres.search import SearchRank

    search_query = _search_query(query)
    matching = Quote.objects.public().annotate(document=StoredDocument())
    matching = matching.filter(document=search_query)
    # Counted up to one more than are ranked: "more than 500" is all a reader needs.
    total = matching[: RANKED_MATCHES + 1].count()
    latest = matching.order_by("-day", "-pk").values("pk")[:RANKED_MATCHES]
    shown = (
        Quote.objects.filter(pk__in=latest)
        .annotate(rank=SearchRank(StoredDocument(), search_query))
        .order_by("-rank", "-article__publish_at", "pk")
        .values("pk")[:limit]
    )
    rows = (
        Quote.objects.filter(pk__in=shown)
        .annotate(
            rank=SearchRank(StoredDocument(), search_query),
            snippet=_headline("text", search_query, highlight_all=True),
        )
        .select_related("speaker", "article")
        .order_by("-rank", "-article__publish_at", "pk")
    )
    return [QuoteHit(q, safe_snippet(q.snippet)) for q in rows], total
