"""Site search: entities by name first, then articles and quotes.

On PostgreSQL, full-text search: headline (weight A), dek (B) and body (C) of published
articles and the text of public quotes, ranked, with highlighted snippets for the rows
shown. Each document is a stored, GIN-indexed column of its table (see
`articles/migrations/0008_stored_search_document.py`). On SQLite, a plain
case-insensitive match on every word of the query.

The query is read as readers type it: punctuation around words, possessives (“Carney's”)
and dashes joining words (“Canada-US”) do not stop a match. A word that is not in any
entity's name but is close to one (“aluminium”, “Lutnik”) is taken as a misspelling of
it: the search looks for both, and the page offers the corrected query (“Did you
mean…”). The candidate names are found with pg_trgm similarity on PostgreSQL and are
every entity name on SQLite; difflib picks the closest. Quotes match by their words or
by their speaker's name: searching a person's name finds what they said.

Plain functions, no request objects. Snippets are returned as safe HTML (`snippets`): the
text is escaped and only our own `<mark>` tags are added.
"""

import difflib
import hashlib
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, F, Func, IntegerField, Q, Subquery, Value, When, Window
from django.db.models.expressions import Expression

from articles.models import Article, Quote
from articles.public.entity_search import (
    ENTITY_SEARCHES,
    match_entities,
    quotes_by_people_named,
    searchable,
)
from articles.public.snippets import START_SEL, STOP_SEL, highlight_excerpt, safe_snippet
from articles.public.tallies import tallied_rows

CONFIG = "english"
ARTICLE_LIMIT = 20
QUOTE_LIMIT = 20
# Full-text hits are ranked among this many of the latest matches: a word found in most of
# the archive does not make every search rank the whole archive, and the best of recent
# coverage comes first.
RANKED_MATCHES = 500
# A word is read as a misspelling of an entity's name word this close to it (difflib's
# ratio: “aluminium” and “aluminum” are 0.94, a slip of one letter in seven 0.86).
SPELLING_CUTOFF = 0.85
MIN_SPELLING_WORD = 4
# On PostgreSQL, names whose closest part has at least this pg_trgm word similarity to a
# word of the query are the candidates for that word (“Lutnik” and “Lutnick” 0.71).
TRIGRAM_THRESHOLD = 0.5
POSSESSIVE = re.compile(r"(?<=\w)['’ʼ]s\b", flags=re.IGNORECASE)
JOINING_DASH = re.compile(r"(?<=\w)[-‐‑‒–—/](?=\w)")


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
    # The query with its misspelt words corrected, when some were ("Did you mean…").
    suggestion: str = ""

    @property
    def is_empty(self):
        return not (self.entities or self.articles or self.quotes)


def uses_full_text(conn=connection):
    return conn.vendor == "postgresql"


def search(query, *, article_limit=ARTICLE_LIMIT, quote_limit=QUOTE_LIMIT):
    """Everything public that matches `query` (already stripped and bounded in length).

    At most four queries whatever the data: the spelling candidates (when a word has four
    letters or more), the entities of every kind (`entity_search`), the articles and the
    quotes (each with its total).
    """
    results = SearchResults(query=query)
    query = reader_query(query)
    words = query_words(query)
    if not words:
        return results
    # What the words name depends on the entities alone: kept with the tallies.
    corrections, results.entities = tallied_rows(
        "search-names:" + hashlib.sha256("\n".join(words).encode()).hexdigest(),
        lambda: _names_of(words),
    )
    results.suggestion = corrected(query, corrections)
    # The query as typed (with any search syntax) and as plain words, each with its
    # corrected spelling when it has one.
    queries = [query, results.suggestion] if corrections else [query]
    names = [" ".join(words), corrected(" ".join(words), corrections)][: len(queries)]
    if uses_full_text():
        results.articles, results.article_total = _articles_full_text(queries, article_limit)
        results.quotes, results.quote_total = _quotes_full_text(queries, names, quote_limit)
        results.ranked_within = RANKED_MATCHES
    else:
        alternatives = [[w, *corrections.get(w.casefold(), [])] for w in words]
        results.articles, results.article_total = _articles_simple(alternatives, article_limit)
        results.quotes, results.quote_total = _quotes_simple(alternatives, names, quote_limit)
    return results


def _names_of(words):
    """(spelling corrections, matching entities) of the query's `words`."""
    corrections = spelling_corrections(words)
    names = [" ".join(words), corrected(" ".join(words), corrections)][: 2 if corrections else 1]
    return corrections, match_entities(names[0], also=names[1:])


def reader_query(query):
    """The query as the reader meant it: possessives dropped, dashes joining words as spaces."""
    return " ".join(JOINING_DASH.sub(" ", POSSESSIVE.sub("", query)).split())


def query_words(query):
    """The words of the query, without the punctuation and quotation marks around them."""
    return re.findall(r"\w+", reader_query(query))[:10]


def uses_trigrams(conn=connection):
    return conn.vendor == "postgresql"


def _spelling_candidates(words):
    """Names and aliases of public entities the `words` may be misspellings of, one query.

    With pg_trgm, only those with a part similar to one of the words; otherwise all.
    """
    from django.contrib.postgres.search import TrigramWordSimilarity

    parts = []
    for model, _ in ENTITY_SEARCHES:
        rows = searchable(model)
        if uses_trigrams():
            close = Q()
            for n, word in enumerate(words):
                rows = rows.alias(
                    **{
                        f"name_{n}": TrigramWordSimilarity(Value(word), "name"),
                        f"aliases_{n}": TrigramWordSimilarity(Value(word), "aliases"),
                    }
                )
                close |= Q(**{f"name_{n}__gte": TRIGRAM_THRESHOLD})
                close |= Q(**{f"aliases_{n}__gte": TRIGRAM_THRESHOLD})
            rows = rows.filter(close)
        parts.append(rows.order_by().values_list("name", "aliases"))
    return parts[0].union(*parts[1:], all=True)


def _spelling_vocabulary(words):
    """`{word (casefolded): spelling}` of the words of the candidate names and aliases.

    A word's spelling is itself, except for a one-word alias of a one-word name, which is
    spelt as the name (“aluminium”: “aluminum”).
    """
    named, aliased = {}, {}
    for name, aliases in _spelling_candidates(words):
        name_words = re.findall(r"\w+", name)
        for word in name_words:
            named.setdefault(word.casefold(), word)
        for alias in aliases.splitlines():
            alias_words = re.findall(r"\w+", alias)
            if len(alias_words) == 1 and len(name_words) == 1:
                aliased.setdefault(alias_words[0].casefold(), name_words[0])
                continue
            for word in alias_words:
                aliased.setdefault(word.casefold(), word)
    vocabulary = {**aliased, **named}  # A word of a name is spelt as in the name.
    return {key: word for key, word in vocabulary.items() if len(key) >= MIN_SPELLING_WORD - 1}


def spelling_corrections(words):
    """`{word (casefolded): [correction]}` for the words that look misspelt; one query.

    A word is misspelt when it is another spelling of a one-word name (“aluminium”), or
    when no entity's name or alias has it as a word and one has a word close to it that is
    not merely a longer or shorter form of it (“Canadian” is not a misspelling of
    “Canada”).
    """
    wanted = [w for w in words if len(w) >= MIN_SPELLING_WORD and not w.isdigit()]
    if not wanted:
        return {}
    vocabulary = _spelling_vocabulary(wanted)
    corrections = {}
    for word in wanted:
        key = word.casefold()
        if key in vocabulary:
            close = [key]
        else:
            close = difflib.get_close_matches(key, vocabulary, n=5, cutoff=SPELLING_CUTOFF)
            close = [c for c in close if not (c.startswith(key) or key.startswith(c))]
        if close and vocabulary[close[0]].casefold() != key:
            corrections[key] = [vocabulary[close[0]]]
    return corrections


def corrected(query, corrections):
    """`query` with its misspelt words replaced, or "" when none is."""
    if not corrections:
        return ""

    def fix(match):
        return corrections.get(match.group(0).casefold(), [match.group(0)])[0]

    return re.sub(r"\w+", fix, query)


# SQLite and other databases: every word, anywhere ------------------------------------------


def _any_of(field, alternatives):
    found = Q()
    for word in alternatives:
        found |= Q(**{f"{field}__icontains": word})
    return found


def _with_total(queryset):
    """Each row carries `total`, how many rows match before the slice: no COUNT query."""
    return queryset.annotate(total=Window(Count("pk")))


def _articles_simple(words, limit):
    """`words` is a list of alternatives per word of the query; every word must match."""
    articles = Article.objects.published()
    for alternatives in words:
        articles = articles.filter(
            _any_of("headline", alternatives)
            | _any_of("dek", alternatives)
            | _any_of("body", alternatives)
        )
    first = words[0]
    ranked = list(
        _with_total(articles)
        .annotate(
            weight=Case(
                When(_any_of("headline", first), then=Value(3)),
                When(_any_of("dek", first), then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("-weight", "-publish_at", "-pk")[:limit]
    )
    marked = [w for alternatives in words for w in alternatives]
    hits = [ArticleHit(a, highlight_excerpt(a.dek + "\n\n" + a.body, marked)) for a in ranked]
    return hits, ranked[0].total if ranked else 0


def _quotes_simple(words, names, limit):
    """Quotes with every word (or an alternative) in their text, or by a person `names` name."""
    in_text = Q()
    for alternatives in words:
        in_text &= _any_of("text", alternatives)
    quotes = Quote.objects.public().filter(in_text | quotes_by_people_named(names))
    rows = list(
        _with_total(quotes)
        .select_related("speaker", "article")
        .order_by("-article__publish_at", "pk")[:limit]
    )
    marked = [w for alternatives in words for w in alternatives]
    hits = [QuoteHit(q, highlight_excerpt(q.text, marked, width=400)) for q in rows]
    return hits, rows[0].total if rows else 0


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


def _search_query(queries):
    """The reader's query, or any of its spellings (`queries`), in websearch syntax."""
    from django.contrib.postgres.search import SearchQuery

    combined = None
    for query in queries:
        one = SearchQuery(query, search_type="websearch", config=CONFIG)
        combined = one if combined is None else combined | one
    return combined


def _capped_total(model, matching):
    """A subquery counting the rows of `matching`, up to one more than are ranked.

    Annotated on the rows shown, it saves a query of its own: "more than 500" is all a
    reader needs, and the count stops there.
    """
    capped = matching.order_by().values("pk")[: RANKED_MATCHES + 1]
    count = Func(F("pk"), function="COUNT", output_field=IntegerField())
    return Subquery(model.objects.filter(pk__in=capped).order_by().values(n=count))


def _headline(field, query, **options):
    from django.contrib.postgres.search import SearchHeadline

    return SearchHeadline(
        field, query, config=CONFIG, start_sel=START_SEL, stop_sel=STOP_SEL, **options
    )


def _best_of_latest(model, matching, search_query, *, newest, order, limit, snippet):
    """The `limit` best-ranked of the latest RANKED_MATCHES rows of `matching` (latest by
    `newest`, ties by `order`), each with the capped total and its `snippet`: snippets are
    built only for the rows shown (ts_headline is costly)."""
    from django.contrib.postgres.search import SearchRank

    latest = matching.order_by(*newest).values("pk")[:RANKED_MATCHES]
    shown = (
        model.objects.filter(pk__in=latest)
        .annotate(rank=SearchRank(StoredDocument(), search_query))
        .order_by("-rank", *order)
        .values("pk")[:limit]
    )
    return (
        model.objects.filter(pk__in=shown)
        .annotate(
            total=_capped_total(model, matching),
            rank=SearchRank(StoredDocument(), search_query),
            snippet=snippet,
        )
        .order_by("-rank", *order)
    )


def _articles_full_text(queries, limit):
    search_query = _search_query(queries)
    matching = (
        Article.objects.published()
        .annotate(document=StoredDocument())
        .filter(document=search_query)
    )
    newest = ("-publish_at", "-pk")
    rows = _best_of_latest(
        Article,
        matching,
        search_query,
        newest=newest,
        order=newest,
        limit=limit,
        snippet=_headline(
            "body",
            search_query,
            max_fragments=2,
            max_words=35,
            min_words=15,
            fragment_delimiter=" … ",
        ),
    )
    hits = [ArticleHit(a, safe_snippet(a.snippet)) for a in rows]
    return hits, hits[0].article.total if hits else 0


def _quotes_full_text(queries, names, limit):
    """Quotes whose words match `queries`, or by a person `names` name."""
    search_query = _search_query(queries)
    matching = Quote.objects.public().annotate(document=StoredDocument())
    matching = matching.filter(Q(document=search_query) | quotes_by_people_named(names))
    rows = _best_of_latest(
        Quote,
        matching,
        search_query,
        newest=("-day", "-pk"),
        order=("-article__publish_at", "pk"),
        limit=limit,
        snippet=_headline("text", search_query, highlight_all=True),
    ).select_related("speaker", "article")
    hits = [QuoteHit(q, safe_snippet(q.snippet)) for q in rows]
    return hits, hits[0].quote.total if hits else 0
