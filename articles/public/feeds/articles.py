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

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.http import urlencode
from taggit.models import Tag

from articles.models import Article, Correction, Quote
from articles.public import fragments
from articles.public.feeds import conditional
from articles.public.feeds.formats import JsonFeed, RssFeed, distinct_updates
from articles.public.feeds.items import (
    ARTICLE_FEED_LIMIT,
    FEED_LIMIT,
    FeedItem,
    article_stamp,
    built_items,
    item_name,
    newest_articles,
    newest_quotes,
    quote_stamp,
    tag_uri,
)
from articles.public.feeds.links import BROWSER_XML, prefers_html
from articles.public.forms import QuoteFilterForm
from entities.addresses import absolute, site_root
from entities.models import SlugRedirect

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

    def every_quote(self, obj):
        """Whether `quotes(obj)` are all the public quotes."""
        return False

    def newest(self, obj):
        """(articles, quotes): the newest of each the feed shows, with their stamps, read
        once for the validators and the items."""
        if self._newest is None:
            articles, quotes = self.articles(obj), self.quotes(obj)
            self._newest = (
                [] if articles is None else newest_articles(articles, ARTICLE_FEED_LIMIT),
                [] if quotes is None else newest_quotes(quotes, every=self.every_quote(obj)),
            )
        return self._newest

    def items(self, obj):
        articles, quotes = self.newest(obj)
        # The newest FEED_LIMIT of both, by publish time; a stable sort: an article comes
        # before its own quotes, which keep their body order. Only those are built, each
        # item from the cache while what it shows is unchanged (`fragments.kept`).
        rows = [(a.publish_at, True, a) for a in articles]
        rows += [(q.article.publish_at, False, q) for q in quotes]
        rows.sort(key=lambda row: row[:2], reverse=True)
        rows = {item_name(row): row for *_, row in rows[:FEED_LIMIT]}
        items = fragments.kept(
            list(rows),
            lambda missing: built_items([rows[name] for name in missing], self.request),
            space=f"feed-item:{site_root(self.request)}",
        )
        return [items[name] for name in rows]

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

    def every_quote(self, form):
        return not form.filter_params()


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
