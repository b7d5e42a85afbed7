"""The feeds directory (`/feeds/`) and OPML lists of the sector and people feeds."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import rfc2822_date
from taggit.models import Tag, TaggedItem

from articles.models import Article, Quote
from articles.public.feeds import conditional
from articles.public.feeds.links import feed_links, site_feed
from entities.addresses import absolute
from entities.models import Country, Event, Organization, Person, Sector

OPML_CONTENT_TYPE = "text/x-opml; charset=utf-8"


def quoted_people():
    """People with at least one public quote."""
    return Person.objects.filter(pk__in=Quote.objects.public().values("speaker")).order_by("name")


def public_tags():
    """Tags on at least one public article or public quote."""
    tagged = TaggedItem.objects.filter(
        Q(
            content_type=ContentType.objects.get_for_model(Article),
            object_id__in=Article.objects.published().values("pk"),
        )
        | Q(
            content_type=ContentType.objects.get_for_model(Quote),
            object_id__in=Quote.objects.public().values("pk"),
        )
    )
    return Tag.objects.filter(pk__in=tagged.values("tag")).order_by("name")


# The example of a filtered feed is drawn from the quotes of this many of the latest articles.
EXAMPLE_RECENT_ARTICLES = 100


def example_quote_filter():
    """The speaker and sector quoted together most often lately: an example feed with items."""
    recent = Article.objects.published().order_by("-publish_at", "-pk").values("pk")
    return (
        Quote.objects.public()
        .filter(article__in=recent[:EXAMPLE_RECENT_ARTICLES], speaker__isnull=False)
        .filter(sectors__isnull=False)
        .values("speaker__slug", "speaker__name", "sectors__slug", "sectors__name")
        .annotate(quotes=Count("pk"))
        .order_by("-quotes", "speaker__name", "sectors__name")
        .first()
    )


def feed_index(request):
    return render(
        request,
        "feeds/feed_index.html",
        {
            "sectors": Sector.objects.order_by("name"),
            "people": quoted_people(),
            "events": Event.objects.order_by("-start_date", "name"),
            "organizations": Organization.objects.order_by("name"),
            "countries": Country.objects.order_by("name"),
            "tags": public_tags(),
            "example": example_quote_filter(),
            "feeds": feed_links(site_feed()),
            "opml": [
                ("Sector feeds", reverse("articles:opml", args=["sectors"])),
                ("People feeds", reverse("articles:opml", args=["people"])),
            ],
        },
    )


OPML_LISTS = {
    "sectors": ("sector feeds", lambda: Sector.objects.order_by("name"), "entities:sector-feed"),
    "people": ("people feeds", quoted_people, "entities:person-feed"),
}


def opml(request, kind):
    """`/feeds/sectors.opml`, `/feeds/people.opml`: subscription lists for feed readers."""
    if kind not in OPML_LISTS:
        raise Http404("No such subscription list.")
    noun, entities, feed_name = OPML_LISTS[kind]
    outlines = [
        {
            "text": entity.name,
            "xml_url": absolute(reverse(feed_name, args=[entity.slug]), request),
            "html_url": absolute(entity.get_absolute_url(), request),
            "updated_at": entity.updated_at,
        }
        for entity in entities()
    ]
    stamps = [(o["xml_url"], o["text"], o["updated_at"]) for o in outlines]
    etag, last_modified = conditional.validators(("opml", kind), stamps)

    def build():
        context = {
            "title": f"{settings.SITE_NAME}: {noun}",
            "created": rfc2822_date(last_modified or timezone.now()),
            "outlines": outlines,
        }
        return render(request, "feeds/subscriptions.opml", context, content_type=OPML_CONTENT_TYPE)

    return conditional.respond(request, etag, last_modified, build)
