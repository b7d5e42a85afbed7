"""Feeds of articles and quotes, in RSS 2.0, Atom 1.0 and JSON Feed 1.1.

Every feed reads through `Article.objects.published()` or `Quote.objects.public()`,
shows at most `FEED_LIMIT` items (of which at most `ARTICLE_FEED_LIMIT` full-text
articles), answers conditional GETs before building
anything (`articles.public.feeds.conditional`) and gives each item a permanent `tag:` id made
from the model's `uid`, so editing, renaming or merging never re-announces it.
Links in feeds use the address the site is served at (the request's scheme and host:
`entities.addresses.absolute`); the validators and the page cache keep one copy per host.

RSS and Atom feeds pass the W3C feed validator: every feed names its author (the
site), which an entry without a byline inherits, and no two Atom entries share an
`updated` time. A browser opening a feed (its Accept header prefers HTML) gets it as
`application/xml` and renders it with the feed's XSL stylesheet; a feed reader gets the
feed's own type. Both answers say `Vary: Accept`.
"""

import copy
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.text import Truncator
from taggit.models import Tag, TaggedItem

from articles.models import TOPICS, Article, Correction, Mention, Quote, link_topics
from articles.public.feeds import conditional
from articles.public.feeds.formats import JsonFeed, RssFeed, distinct_updates
from articles.public.feeds.links import BROWSER_XML, prefers_html
from articles.public.forms import QuoteFilterForm
from entities import linking
from entities.addresses import absolute, site_root
from entities.linking import ENTITY_FIELDS
from entities.models import Sector, SlugRedirect

FEED_LIMIT = 50
# Article items carry the whole text: twenty of them are a week of a small desk's stories
# and a typical feed's size, and cost far less to build than fifty.
ARTICLE_FEED_LIMIT = 20
TAG_URI_PREFIX = "tag:tradewatch,2025:"
TITLE_WORDS = 8


def tag_uri(kind, uid):
    """The permanent id of an item: `tag:tradewatch,2025:article/<uid>`."""
    return f"{TAG_URI_PREFIX}{kind}/{uid}"


# Items -----------------------------------------------------------------------------------


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
    (read for many articles at once by `prepare_articles`)."""
    corrections = list(article.corrections.all())
    quotes = list(article.quotes.all())
    sectors = {s.name for q in quotes for s in q.sectors.all()}
    mentioned = getattr(article, "mentioned_sectors", None)
    if mentioned is None:  # An article not read by `prepare_articles`.
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


def _with_site(context, request):
    return {**context, "site_url": site_root(request), "site_name": settings.SITE_NAME}


ARTICLE_JOINS = (
    Prefetch(
        "quotes",
        Quote.objects.select_related("speaker").with_topics().order_by("start", "pk"),
    ),
    Prefetch("corrections", Correction.objects.order_by("created_at")),
)


def link_labels(articles):
    """Give each article its tags and the sectors it mentions (`mentioned_sectors`), both
    read in one UNION query (`entities.linking`)."""
    if not articles:
        return
    ids = [article.pk for article in articles]
    tagged = TaggedItem.objects.filter(
        content_type__app_label="articles", content_type__model="article", object_id__in=ids
    ).order_by()
    mentioned = Mention.objects.filter(article__in=ids, sector__isnull=False).order_by()
    tags = linking.row_of("tags", "object_id", ["tag", "tag__name", "tag__slug"])
    sectors = linking.row_of(
        "mentioned_sectors", "article_id", ["sector", *(f"sector__{f}" for f in ENTITY_FIELDS[1:])]
    )
    linking.link(
        articles,
        [],
        extra={
            "tags": (Tag, ["id", "name", "slug"], tagged.values_list(*tags)),
            "mentioned_sectors": (Sector, list(ENTITY_FIELDS), mentioned.values_list(*sectors)),
        },
    )
    for article in articles:
        article.mentioned_sectors = list(article._prefetched_objects_cache.pop("mentioned_sectors"))


def prepare_articles(articles):
    """Read what `article_item` shows of each of `articles`: a fixed number of queries."""
    prefetch_related_objects(articles, *ARTICLE_JOINS)
    link_labels(articles)


# Feeds show what appeared last: quotes by their article's publish time, in body order.
QUOTE_ORDER = ("-article__publish_at", "-article_id", "start", "pk")


def newest_articles(articles, limit=ARTICLE_FEED_LIMIT):
    """The newest of `articles`, each with the stamps of what last changed in it."""
    return list(articles.annotate(**article_changes()).order_by("-publish_at", "-pk")[:limit])


def newest_quotes(quotes, limit=FEED_LIMIT):
    """The newest of `quotes`, each with its article's last edit (`article_edited`)."""
    return list(
        quotes.select_related("speaker", "article")
        .annotate(**quote_changes())
        .order_by(*QUOTE_ORDER)[:limit]
    )


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


# Feeds -----------------------------------------------------------------------------------


class BadFilter(Exception):
    """A query string that names nothing we have: answered with a 400 and its message."""


class Moved(Exception):
    """The subject has a new address (a changed slug or a merge): answered with a 301."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


def moved_to(request, old_slug, new_slug):
    """This feed's address (format and query string kept) with the subject's new slug."""
    return request.get_full_path().replace(f"/{old_slug}/", f"/{new_slug}/", 1)


class CoverageFeed(Feed):
    """Base of every feed: articles and quotes about `obj`, merged newest first.

    Subclasses give `title`, `link`, `description` and `articles(obj)` and/or
    `quotes(obj)` (public querysets, unsliced). One class serves the three formats;
    a conditional GET is answered from the items' stamps before anything is built.
    """

    feed_type = RssFeed
    item_guid_is_permalink = False
    # The feed's author, which entries without a byline (events, corrections) inherit.
    author_name = settings.SITE_NAME

    def __init__(self, feed_type=None):
        if feed_type is not None:
            self.feed_type = feed_type

    # The request being answered: set on the copy of the feed that answers it.
    request = None
    _newest = None

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request of its address; each answer is built by a copy
        # that knows its request, so links are made on the host the request reached.
        answering = copy.copy(self)
        answering.request = request
        return answering.answer(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404("No feed at this address.") from exc
        except BadFilter as exc:
            return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
        except Moved as exc:
            return HttpResponsePermanentRedirect(exc.url)
        content_type = self.content_type(request)
        key = (
            type(self).__name__,
            self.feed_type.__name__,
            self._get_dynamic_attr("title", obj),
            site_root(request),
            content_type,
        )
        etag, last_modified = conditional.validators(key, self.stamps(obj))
        response = conditional.respond(
            request, etag, last_modified, lambda: self.render(obj, request, content_type)
        )
        if self.feed_type is not JsonFeed:
            patch_vary_headers(response, ["Accept"])
        return response

    def content_type(self, request):
        """The feed's own type for a feed reader; XML that a browser renders for a browser."""
        if self.feed_type is not JsonFeed and prefers_html(request.headers.get("Accept")):
            return f"{BROWSER_XML}; charset=utf-8"
        return self.feed_type.content_type

    def articles(self, obj):
        return None

    def quotes(self, obj):
        return None

    def newest(self, obj):
        """(articles, quotes): the newest of each the feed shows, with their stamps, read
        once for the validators and the items."""
        if self._newest is None:
            articles, quotes = self.articles(obj), self.quotes(obj)
            self._newest = (
                [] if articles is None else newest_articles(articles),
                [] if quotes is None else newest_quotes(quotes),
            )
        return self._newest

    def items(self, obj):
        articles, quotes = self.newest(obj)
        prepare_articles(articles)
        link_topics(quotes, (*TOPICS, "tags"))
        items = [article_item(a, self.request) for a in articles]
        items += [quote_item(q, self.request) for q in quotes]
        # Stable sort: an article comes before its own quotes, which keep their body order.
        items.sort(key=lambda item: (item.published, item.kind == "article"), reverse=True)
        return items[:FEED_LIMIT]

    def stamps(self, obj):
        articles, quotes = self.newest(obj)
        return [*map(article_stamp, articles), *map(quote_stamp, quotes)]

    def render(self, obj, request, content_type):
        feedgen = self.get_feed(obj, request)
        feedgen.feed["feed_url"] = absolute(request.get_full_path(), request)
        distinct_updates(feedgen.items)
        response = HttpResponse(content_type=content_type)
        feedgen.write(response, "utf-8")
        return response

    def feed_guid(self, obj):
        """The Atom feed's id: permanent, never made from an editable slug."""
        return tag_uri("feed", self.feed_id(obj))

    def feed_id(self, obj):
        return type(self).__name__.removesuffix("Feed").lower()

    def stylesheets(self, obj):
        return [feedgenerator.Stylesheet(static("feeds/feed.xsl"), mimetype="text/xsl")]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        return escape(item.summary)

    def item_guid(self, item):
        return item.guid

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.author

    def item_categories(self, item):
        return item.categories

    def item_extra_kwargs(self, item):
        return {
            "content": item.content,
            "summary_text": item.summary,
            "related_link": item.related_link,
        }


class LatestFeed(CoverageFeed):
    title = f"{settings.SITE_NAME}: latest"
    description = "The latest trade coverage, with every quote and who said it."

    def link(self):
        return absolute(reverse("articles:home"), self.request)

    def articles(self, obj):
        return Article.objects.published()


class TagFeed(CoverageFeed):
    """Articles and quotes carrying the tag."""

    def get_object(self, request, slug):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is not None:
            return tag
        moved = SlugRedirect.target(Tag, slug)
        if moved is None:
            raise Http404("No tag at this address.")
        raise Moved(moved_to(request, slug, moved.slug))

    def feed_id(self, tag):
        return f"tag/{tag.pk}"

    def title(self, tag):
        return f"{settings.SITE_NAME}: tagged {tag.name}"

    def description(self, tag):
        return f"Articles and quotes tagged “{tag.name}”."

    def link(self, tag):
        return absolute(reverse("articles:tag-detail", args=[tag.slug]), self.request)

    def articles(self, tag):
        return Article.objects.published().filter(tags=tag)

    def quotes(self, tag):
        return Quote.objects.public().filter(tags=tag)


class QuoteFilterFeed(CoverageFeed):
    """Quotes matching the `/quotes/` filters: `?speaker=&sector=&event=&country=&kind=...`."""

    description = "Quotes from our trade coverage matching these filters."

    def get_object(self, request):
        form = QuoteFilterForm(request.GET)
        if not form.is_valid():
            raise BadFilter(" ".join(form.error_text()))
        return form

    def feed_id(self, form):
        query = urlencode(form.filter_params())
        return "quotes" + (f"?{query}" if query else "")

    def title(self, form):
        return f"{settings.SITE_NAME}: {form.describe()}"

    def link(self, form):
        query = urlencode(form.filter_params())
        return absolute(
            reverse("articles:quote-list") + (f"?{query}" if query else ""), self.request
        )

    def quotes(self, form):
        return form.filter_quotes()


class CorrectionsFeed(CoverageFeed):
    """Every correction, clarification and update to public articles, newest first."""

    title = f"{settings.SITE_NAME}: corrections and updates"
    description = "Corrections, clarifications and updates to our published coverage."

    def link(self):
        return absolute(reverse("articles:corrections"), self.request)

    def corrections(self):
        return Correction.objects.public().order_by("-created_at", "-pk")[:FEED_LIMIT]

    def items(self, obj):
        return [
            correction_item(c, self.request) for c in self.corrections().select_related("article")
        ]

    def stamps(self, obj):
        return list(self.corrections().values_list("uid", "created_at", "article__updated_at"))


def correction_item(correction, request=None):
    article = correction.article
    kind = correction.get_kind_display()
    return FeedItem(
        kind="correction",
        guid=tag_uri("correction", correction.uid),
        title=f"{kind}: {article.headline}",
        link=absolute(correction.get_absolute_url(), request),
        summary=correction.text,
        content=escape(correction.text),
        published=correction.created_at,
        updated=correction.created_at,
        categories=(kind,),
        related_link=absolute(article.get_absolute_url(), request),
    )
