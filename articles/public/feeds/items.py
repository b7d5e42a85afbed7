"""What a feed shows of each article and quote, and reading them for a feed.

A feed reads its newest articles and quotes once, with their change stamps
(`newest_articles`, `newest_quotes`), for both the validators and the items; to build
the items, `read_quotes_of` reads the articles' quotes and `link_items` everything else
the items show, in one UNION query.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.text import Truncator

from articles.models import TOPICS, Article, Correction, Mention, Quote
from articles.public.feeds import conditional
from entities import linking
from entities.addresses import absolute, site_root
from entities.linking import ENTITY_FIELDS
from entities.models import Sector

FEED_LIMIT = 50
# Article items carry the whole text: twenty of them are a week of a small desk's stories
# and a typical feed's size, and cost far less to build than fifty.
ARTICLE_FEED_LIMIT = 20
TAG_URI_PREFIX = "tag:tradewatch,2025:"
TITLE_WORDS = 8


def tag_uri(kind, uid):
    """The permanent id of an item: `tag:tradewatch,2025:article/<uid>`."""
    return f"{TAG_URI_PREFIX}{kind}/{uid}"


@dataclass
class FeedItem:
    """One entry as every format shows it."""

    kind: str
    guid: str
    title: str
    link: str
    summary: str
    content: str
    published: object
    updated: object
    author: str | None = None
    categories: tuple = ()
    related_link: str | None = None


def article_item(article, request=None):
    """An article with its tags, quotes (speakers, sectors), sector mentions and corrections
    (read for many articles at once by `read_quotes_of` and `link_items`)."""
    corrections = list(article.corrections.all())
    quotes = list(article.quotes.all())
    sectors = {s.name for q in quotes for s in q.sectors.all()}
    mentioned = getattr(article, "mentioned_sectors", None)
    if mentioned is None:  # An article not read by `link_items`.
        mentioned = Sector.objects.filter(mentions__article=article)
    sectors |= {sector.name for sector in mentioned}
    context = {"article": article, "quotes": quotes, "corrections": corrections}
    return FeedItem(
        kind="article",
        guid=tag_uri("article", article.uid),
        title=article.headline,
        link=absolute(article.get_absolute_url(), request),
        summary=article.dek or Truncator(article.body.split("\n\n")[0]).words(60),
        content=render_to_string("feeds/article_item.html", _with_site(context, request)),
        published=article.publish_at,
        updated=max([article.publish_at, article.updated_at, *(c.created_at for c in corrections)]),
        author=article.byline or None,
        categories=tuple(sorted({t.name for t in article.tags.all()} | sectors)),
    )


def quote_item(quote, request=None):
    """A quote with its speaker, the speaker's title then, the day said and its article."""
    speaker = ", ".join(filter(None, [quote.speaker_label, quote.speaker_title]))
    article = quote.article
    return FeedItem(
        kind="quote",
        guid=tag_uri("quote", quote.uid),
        title=f"{quote.speaker_label}: {quote.quoted(TITLE_WORDS)}",
        link=absolute(quote.get_absolute_url(), request),
        summary=f"{quote.quoted()} — {speaker}",
        content=render_to_string("feeds/quote_item.html", _with_site({"quote": quote}, request)),
        published=article.publish_at,
        updated=max(article.publish_at, article.updated_at, quote.updated_at),
        author=quote.speaker_label,
        categories=tuple(
            sorted({o.name for rel in (quote.sectors, quote.events, quote.tags) for o in rel.all()})
        ),
        related_link=absolute(article.get_absolute_url(), request),
    )


def item_name(row):
    """What names the item of an article or a quote among a feed's items: `article:12`."""
    return f"{type(row)._meta.model_name}:{row.pk}"


def built_items(rows, request=None):
    """{item name: (FeedItem, [the article or quote])} of `rows` (articles and quotes),
    read together: the articles' quotes in one query, what they all show in one more."""
    articles = [row for row in rows if isinstance(row, Article)]
    quotes = [row for row in rows if isinstance(row, Quote)]
    read_quotes_of(articles)
    link_items(articles, quotes)
    return {
        item_name(row): (
            article_item(row, request) if isinstance(row, Article) else quote_item(row, request),
            [row],
        )
        for row in rows
    }


def _with_site(context, request):
    return {**context, "site_url": site_root(request), "site_name": settings.SITE_NAME}


# Reading ---------------------------------------------------------------------------------

# Feeds show what appeared last: quotes by their article's publish time, in body order.
QUOTE_ORDER = ("-article__publish_at", "-article_id", "start", "pk")


def newest_articles(articles, limit=ARTICLE_FEED_LIMIT):
    """The newest of `articles`, each with the stamps of what last changed in it."""
    return list(articles.annotate(**article_changes()).order_by("-publish_at", "-pk")[:limit])


def newest_quotes(quotes, limit=FEED_LIMIT, *, every=False):
    """The newest of `quotes`, each with its article's last edit (`article_edited`).

    With `every` (`quotes` are all the public quotes), they are read among the quotes of
    the newest `limit` articles that have one, where the newest `limit` quotes all are:
    ordering every quote by its article's time would join and sort the whole archive.
    """
    if every:
        quoted = Exists(quotes.order_by().filter(article=OuterRef("pk")))
        newest = Article.objects.published().filter(quoted).order_by("-publish_at", "-pk")
        quotes = quotes.filter(article__in=newest.values("pk")[:limit])
    return list(
        quotes.select_related("speaker", "article")
        .annotate(**quote_changes())
        .order_by(*QUOTE_ORDER)[:limit]
    )


def read_quotes_of(articles):
    """Give each of `articles` its quotes (with their speakers), in body order, from one
    query: `article.quotes.all()`."""
    quotes = Quote.objects.select_related("speaker").order_by("start", "pk")
    prefetch_related_objects(articles, Prefetch("quotes", quotes))


def link_items(articles, quotes, *groups):
    """Give `articles` (whose quotes `read_quotes_of` read) their tags, mentioned sectors
    (`mentioned_sectors`) and corrections, `quotes` and the articles' quotes their sectors,
    events and tags, and `groups` more (as `linking.link_together` takes them), all in one
    UNION query."""
    # Each read quote once, though a quote of an article may be read twice (the tracker's).
    every = {id(q): q for q in [*quotes, *(q for a in articles for q in a.quotes.all())]}
    quotes = list(every.values())
    ids = {quote.pk for quote in quotes}
    linking.link_together(
        (quotes, TOPICS, {"tags": linking.tags_part(Quote, ids, "quote.tags")}),
        (articles, (), article_parts([article.pk for article in articles])),
        *groups,
    )
    for article in articles:
        article.mentioned_sectors = list(article._prefetched_objects_cache.pop("mentioned_sectors"))


def article_parts(ids):
    """The UNION parts of the articles `ids`: tags, mentioned sectors and corrections."""
    mentioned = Mention.objects.filter(article__in=ids, sector__isnull=False).order_by()
    sector = ["sector", *(f"sector__{f}" for f in ENTITY_FIELDS[1:])]
    corrections = Correction.objects.filter(article__in=ids).order_by()
    correction = (None, None, None, "created_at")  # The moment, after the other extras.
    return {
        "tags": linking.tags_part(Article, ids, "article.tags"),
        "mentioned_sectors": linking.Part(
            Sector,
            ENTITY_FIELDS,
            mentioned.values_list(*linking.row_of("mentioned_sectors", "article_id", sector)),
        ),
        "corrections": linking.Part(
            Correction,
            ("id", "kind", "text", None, *correction),
            corrections.values_list(
                *linking.row_of("corrections", "article_id", ["id", "kind", "text"], correction)
            ),
            ordering=("created_at", "pk"),
            owner_field="article",
        ),
    }


# When an article last changed besides its own row: its history, corrections, quotes and
# speakers; and when a quote's article was last edited.
ARTICLE_STAMPS = ("edited", "corrected", "quoted", "speakers")


def article_changes():
    history = Article.history.model.objects
    return {
        "edited": conditional.latest(history, "history_date", link="id"),
        "corrected": conditional.latest(Correction.objects, "created_at"),
        "quoted": conditional.latest(Quote.objects, "updated_at"),
        "speakers": conditional.latest(Quote.objects, "speaker__updated_at"),
    }


def quote_changes():
    history = Article.history.model.objects
    edited = conditional.latest(history, "history_date", outer="article_id", link="id")
    return {"article_edited": edited}


def article_stamp(article):
    """When the article, its history, corrections, quotes or speakers last changed."""
    return (
        article.uid,
        article.publish_at,
        article.updated_at,
        *(getattr(article, name) for name in ARTICLE_STAMPS),
    )


def quote_stamp(quote):
    """When the quote, its speaker or its article last changed."""
    return (
        quote.uid,
        quote.updated_at,
        quote.speaker.updated_at if quote.speaker_id else None,
        quote.article.publish_at,
        quote.article.updated_at,
        quote.article_edited,
    )
