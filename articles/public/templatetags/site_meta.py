"""Page metadata: canonical and absolute addresses, schema.org JSON-LD, share images.

`{% load site_meta %}`. The data blocks come from `articles.public.structured_data`; every
address from `entities.addresses.absolute`, on the host the request reached.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

from articles.public import structured_data
from entities.addresses import absolute

register = template.Library()


@register.filter
def json_ld(data):
    """`{{ data|json_ld }}`: a dict as a `<script type="application/ld+json">` data block."""
    return structured_data.json_ld(data)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking noise: path plus the view's `canonical_query`."""
    url = absolute(context["request"].path, context["request"])
    query = context.get("canonical_query")
    return f"{url}?{query}" if query else url


@register.simple_tag(takes_context=True)
def news_article_ld(context, article, mentioned, tags=()):
    request = context["request"]
    return json_ld(structured_data.news_article(article, mentioned, tags, request))


@register.simple_tag(takes_context=True)
def quotation_ld(context, quote):
    return json_ld(structured_data.quotation(quote, context["request"]))


@register.simple_tag(takes_context=True)
def website_ld(context):
    return json_ld(structured_data.website(context.get("SITE_NAME", ""), context["request"]))


@register.simple_tag(takes_context=True)
def share_image_url(context):
    """The absolute address of the site's default share image (for `og:image`)."""
    return absolute(reverse(structured_data.SHARE_IMAGE[0]), context["request"])


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`{% absolute_url path as url %}`: the path on the address this page was served at."""
    return absolute(path, context["request"]) if path else ""


@register.simple_tag(takes_context=True)
def oembed_discovery(context, title):
    """The oEmbed discovery link of this page (a quote or an article), for embedding tools."""
    request = context["request"]
    page = absolute(request.path, request)
    href = absolute(reverse("articles:oembed"), request) + "?" + urlencode({"url": page})
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">', href, title
    )
