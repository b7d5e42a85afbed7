"""Page metadata: canonical URLs, schema.org JSON-LD and small labels for readers.

`{{ data|json_ld }}` renders any dict as a `<script type="application/ld+json">` data
block, escaped like Django's `json_script` so no copy can close the element early.
"""

import json
import re
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from entities.models import Country, Event, Organization, Person, Sector

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# The site's images, drawn on request (articles.public.embeds): the share image and the logo.
SHARE_IMAGE = ("articles:share-image", 1200, 630)
LOGO = ("articles:logo", 512, 512)
# A byline part naming a desk or a newsroom, not a person: “Staff”, “Trade desk”, “CTV News”.
DESK_WORDS = re.compile(
    r"\b(staff|desk|newsroom|bureau|wire|team|editors?|reporters|news|press|service|agency)\b",
    re.IGNORECASE,
)
SCHEMA_TYPES = {
    Person: "Person",
    Organization: "Organization",
    Event: "Event",
    Country: "Country",
    Sector: "Thing",
}


@register.filter
def json_ld(data):
    """A schema.org data block; `<`, `>` and `&` are escaped inside the JSON strings."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking noise: path plus the view's `canonical_query`."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    query = context.get("canonical_query")
    return f"{url}?{query}" if query else url


def byline_authors(byline):
    """“By Ana Li and Sam Roe, CTV News” → ["Ana Li", "Sam Roe"]."""
    text = re.sub(r"^\s*by\s+", "", byline or "", flags=re.IGNORECASE).strip()
    if not text:
        return []
    names = re.split(r"\s*(?:,|\band\b|&)\s*", text)
    return [name for name in (n.strip() for n in names) if name]


def entity_ld(request, entity):
    data = {
        "@type": SCHEMA_TYPES.get(type(entity), "Thing"),
        "name": entity.name,
        "url": absolute(request, entity.get_absolute_url()),
    }
    if entity.wikidata_id:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata_id}"
    if isinstance(entity, Event):
        data["startDate"] = entity.start_date.isoformat()
        if entity.end_date:
            data["endDate"] = entity.end_date.isoformat()
        if entity.location:
            data["location"] = {"@type": "Place", "name": entity.location}
    if isinstance(entity, Person) and entity.title:
        data["jobTitle"] = entity.title
    return data


def byline_people(mentioned):
    """{name: profile address} of the people the page already shows (mentioned or quoted):
    a byline naming one of them links their profile, at no extra query."""
    return {
        entity.name: entity.get_absolute_url()
        for _, _, entities in mentioned
        for entity in entities
        if isinstance(entity, Person)
    }


def is_desk(name, outlet=""):
    """Whether a byline part names a desk, a newsroom or an outlet rather than a person."""
    named = name.casefold()
    return bool(DESK_WORDS.search(name)) or named in {
        outlet.casefold(),
        settings.SITE_NAME.casefold(),
    }


def authors_ld(request, article, mentioned):
    """The byline as schema.org authors: a person of the page with their profile, a desk as
    an Organization, any other name as a Person; the outlet (or the site) without a byline."""
    names = byline_authors(article.byline)
    if not names:
        return [{"@type": "Organization", "name": article.outlet or settings.SITE_NAME}]
    people = byline_people(mentioned)
    authors = []
    for name in names:
        if name in people:
            authors.append(
                {"@type": "Person", "name": name, "url": absolute(request, people[name])}
            )
        elif is_desk(name, article.outlet):
            authors.append({"@type": "Organization", "name": name})
        else:
            authors.append({"@type": "Person", "name": name})
    return authors


def image_ld(request, image):
    url_name, width, height = image
    return {
        "@type": "ImageObject",
        "url": absolute(request, reverse(url_name)),
        "width": width,
        "height": height,
    }


def publisher_ld(request):
    """The site itself (not the source outlet), with its logo."""
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute(request, "/"),
        "logo": image_ld(request, LOGO),
    }


@register.simple_tag(takes_context=True)
def news_article_ld(context, article, mentioned, tags=()):
    """NewsArticle with image, authors, publisher, dates, keywords and `mentions`."""
    request = context["request"]
    url = absolute(request, article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "url": url,
        "mainEntityOfPage": url,
        "image": [image_ld(request, SHARE_IMAGE)],
        "datePublished": article.publish_at,
        "dateModified": max(filter(None, [article.updated_at, article.publish_at])),
        "author": authors_ld(request, article, mentioned),
        "publisher": publisher_ld(request),
        "mentions": [entity_ld(request, e) for _, _, entities in mentioned for e in entities],
    }
    if article.outlet:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.outlet}
    if article.dek:
        data["description"] = article.dek
    if article.dateline:
        data["dateline"] = article.dateline
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    if article.original_url:
        data["isBasedOn"] = article.original_url
    return json_ld(data)


@register.simple_tag(takes_context=True)
def quotation_ld(context, quote):
    """Quotation with `spokenByCharacter` and `creator`, its date and the article citing it."""
    request = context["request"]
    if quote.speaker_id:
        speaker = entity_ld(request, quote.speaker)
    else:
        speaker = {"@type": "Person", "name": quote.unnamed_speaker}
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": quote.text,
        "url": absolute(request, quote.get_absolute_url()),
        "spokenByCharacter": speaker,
        "creator": speaker,
        "dateCreated": quote.date,
        "isPartOf": {
            "@type": "NewsArticle",
            "headline": quote.article.headline,
            "url": absolute(request, quote.article.get_absolute_url()),
        },
        "about": [entity_ld(request, e) for e in [*quote.sectors.all(), *quote.events.all()]],
    }
    return json_ld(data)


@register.simple_tag(takes_context=True)
def website_ld(context):
    """WebSite with a SearchAction, for pages with nothing more specific."""
    request = context["request"]
    home = absolute(request, "/")
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": context.get("SITE_NAME", ""),
        "url": home,
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute(request, reverse("articles:search")) + "?q={query}",
            "query-input": "required name=query",
        },
    }
    return json_ld(data)


@register.simple_tag(takes_context=True)
def share_image_url(context):
    """The absolute address of the site's default share image (for `og:image`)."""
    return absolute(context["request"], reverse(SHARE_IMAGE[0]))


@register.filter
def speaker_line(quote):
    """“Mark Carney, Prime Minister” — the speaker and their title when the words were said."""
    label = quote.speaker_label
    title = quote.speaker_title or (quote.speaker.title if quote.speaker_id else "")
    return f"{label}, {title}" if title else label


@register.filter
def kind_label(quote):
    """“Direct quote”, “Reported speech”, “Partial quote”."""
    return {
        "direct": "Direct quote",
        "indirect": "Reported speech",
        "partial": "Partial quote",
    }.get(quote.kind, quote.get_kind_display())


@register.filter
def tally(count, noun):
    """`{{ n|tally:"quote,quotes" }}` → “1 quote” / “12 quotes”."""
    singular, _, plural = noun.partition(",")
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`{% absolute_url path as url %}`: the path on the address this page was served at."""
    return absolute(context["request"], path)


@register.simple_tag(takes_context=True)
def oembed_discovery(context, title):
    """The oEmbed discovery link of this page (a quote or an article), for embedding tools."""
    request = context["request"]
    page = absolute(request, request.path)
    href = absolute(request, reverse("articles:oembed")) + "?" + urlencode({"url": page})
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">', href, title
    )
