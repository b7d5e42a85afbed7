"""schema.org structured data (JSON-LD) of the public pages, built in one place.

Each builder returns a dict; `json_ld(data)` writes it as a `<script type=
"application/ld+json">` data block, escaped like Django's `json_script` so no copy can
close the element early. Addresses are absolute, on the host `request` reached
(`entities.addresses.absolute`).
"""

import json
import re

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from entities.addresses import absolute
from entities.models import Country, Event, Organization, Person, Sector

CONTEXT = "https://schema.org"
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
EVENT_STATUS_SCHEMA = {
    Event.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Event.Status.ONGOING: "https://schema.org/EventScheduled",
    Event.Status.CONCLUDED: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}


def json_ld(data):
    """A schema.org data block; `<`, `>` and `&` are escaped inside the JSON strings."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


def entity(obj, request):
    """A person, organization, sector, event or country as another item names it."""
    data = {
        "@type": SCHEMA_TYPES.get(type(obj), "Thing"),
        "name": obj.name,
        "url": absolute(obj.get_absolute_url(), request),
    }
    if obj.wikidata_id:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{obj.wikidata_id}"
    if isinstance(obj, Event):
        data["startDate"] = obj.start_date.isoformat()
        if obj.end_date:
            data["endDate"] = obj.end_date.isoformat()
        if obj.location:
            data["location"] = {"@type": "Place", "name": obj.location}
    if isinstance(obj, Person) and obj.title:
        data["jobTitle"] = obj.title
    return data


def profile(obj, request):
    """The subject of a profile page: what `entity` says, with its description, other
    names, Wikidata link and, by kind, the person's affiliation and nationality or the
    event's dates, status and place."""
    data = {"@context": CONTEXT, **entity(obj, request)}
    data.pop("sameAs", None)
    extra = {
        "description": obj.short_description,
        "alternateName": obj.alias_list,
        "sameAs": obj.wikidata_id and [f"https://www.wikidata.org/wiki/{obj.wikidata_id}"],
    }
    if isinstance(obj, Person):
        extra["affiliation"] = obj.affiliation and {
            "@type": "Organization",
            "name": obj.affiliation.name,
            "url": absolute(obj.affiliation.get_absolute_url(), request),
        }
        extra["nationality"] = obj.country and {"@type": "Country", "name": obj.country.name}
    if isinstance(obj, Event):
        extra["startDate"] = obj.start_date
        extra["endDate"] = obj.end_date
        extra["eventStatus"] = EVENT_STATUS_SCHEMA.get(obj.status)
    data.update({key: value for key, value in extra.items() if value})
    return data


def byline_authors(byline):
    """“By Ana Li and Sam Roe, CTV News” → ["Ana Li", "Sam Roe"]."""
    text = re.sub(r"^\s*by\s+", "", byline or "", flags=re.IGNORECASE).strip()
    if not text:
        return []
    names = re.split(r"\s*(?:,|\band\b|&)\s*", text)
    return [name for name in (n.strip() for n in names) if name]


def byline_people(mentioned):
    """{name: profile address} of the people the page already shows (mentioned or quoted):
    a byline naming one of them links their profile, at no extra query."""
    return {
        obj.name: obj.get_absolute_url()
        for _, _, entities in mentioned
        for obj in entities
        if isinstance(obj, Person)
    }


def is_desk(name, outlet=""):
    """Whether a byline part names a desk, a newsroom or an outlet rather than a person."""
    named = name.casefold()
    return bool(DESK_WORDS.search(name)) or named in {
        outlet.casefold(),
        settings.SITE_NAME.casefold(),
    }


def authors(article, mentioned, request):
    """The byline as schema.org authors: a person of the page with their profile, a desk as
    an Organization, any other name as a Person; the outlet (or the site) without a byline."""
    names = byline_authors(article.byline)
    if not names:
        return [{"@type": "Organization", "name": article.outlet or settings.SITE_NAME}]
    people = byline_people(mentioned)
    found = []
    for name in names:
        if name in people:
            found.append({"@type": "Person", "name": name, "url": absolute(people[name], request)})
        elif is_desk(name, article.outlet):
            found.append({"@type": "Organization", "name": name})
        else:
            found.append({"@type": "Person", "name": name})
    return found


def image(picture, request):
    url_name, width, height = picture
    return {
        "@type": "ImageObject",
        "url": absolute(reverse(url_name), request),
        "width": width,
        "height": height,
    }


def publisher(request):
    """The site itself (not the source outlet), with its logo."""
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute("/", request),
        "logo": image(LOGO, request),
    }


def news_article(article, mentioned, tags, request):
    """NewsArticle with image, authors, publisher, dates, keywords and `mentions`."""
    url = absolute(article.get_absolute_url(), request)
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.headline,
        "url": url,
        "mainEntityOfPage": url,
        "image": [image(SHARE_IMAGE, request)],
        "datePublished": article.publish_at,
        "dateModified": max(filter(None, [article.updated_at, article.publish_at])),
        "author": authors(article, mentioned, request),
        "publisher": publisher(request),
        "mentions": [entity(e, request) for _, _, entities in mentioned for e in entities],
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
    return data


def quotation(quote, request):
    """Quotation with `spokenByCharacter` and `creator`, its date and the article citing it."""
    if quote.speaker_id:
        speaker = entity(quote.speaker, request)
    else:
        speaker = {"@type": "Person", "name": quote.unnamed_speaker}
    return {
        "@context": CONTEXT,
        "@type": "Quotation",
        "text": quote.text,
        "url": absolute(quote.get_absolute_url(), request),
        "spokenByCharacter": speaker,
        "creator": speaker,
        "dateCreated": quote.date,
        "isPartOf": {
            "@type": "NewsArticle",
            "headline": quote.article.headline,
            "url": absolute(quote.article.get_absolute_url(), request),
        },
        "about": [entity(e, request) for e in [*quote.sectors.all(), *quote.events.all()]],
    }


def website(name, request):
    """WebSite with a SearchAction, for pages with nothing more specific."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": name,
        "url": absolute("/", request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute(reverse("articles:search"), request) + "?q={query}",
            "query-input": "required name=query",
        },
    }
