"""Sharing: a quote's card image, its embeddable page and the oEmbed endpoint.

- `/quotes/<id>/card.png`: the quote card (`cards.render`), kept in the cache under a
  digest of what it shows, so an edit to the words, speaker or title makes a new one.
- `/quotes/<id>/embed/`: the quote alone, for an `<iframe>` on another site; the only
  page of the site that may be framed.
- `/oembed/?url=…`: oEmbed 1.0 (https://oembed.com/) for quote and article addresses:
  a `rich` iframe of the embed page for a quote, a `link` for an article.
"""

import datetime
import hashlib
from urllib.parse import urlencode, urlsplit

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils import dateformat
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.html import escape
from django.views.decorators.clickjacking import xframe_options_exempt

from articles.models import Article, Quote
from articles.public import cards
from articles.public.forms import FilterForm
from entities import addresses

CARD_SECONDS = 30 * 24 * 3600
CARD_MAX_AGE = 24 * 3600
EMBED_WIDTH, EMBED_HEIGHT = 560, 280
SITE_TAGLINE = "Annotated trade coverage: who said what, about which sectors and events, and when."
# The embed page may be framed by any site; every other page keeps frame-ancestors 'none'.
EMBED_CSP = settings.CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors *")


def public_quote(pk):
    return get_object_or_404(Quote.objects.public().select_related("speaker", "article"), pk=pk)


def card_for(quote):
    title = quote.speaker_title or (quote.speaker.title if quote.speaker_id else "")
    return cards.Card(
        words=quote.text,
        quoted=quote.is_verbatim,
        speaker=quote.speaker_label,
        title=title,
        date=dateformat.format(quote.date, "j F Y"),
        site_name=settings.SITE_NAME,
    )


def png_response(request, inputs, draw):
    """A PNG drawn by `draw()` once per version of `inputs` (what it shows), then kept in
    the cache; with an ETag from the same digest, so browsers revalidate with a 304."""
    digest = hashlib.sha256(repr(inputs).encode()).hexdigest()[:32]
    etag = f'"{digest}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        key = f"png:{digest}"
        image = cache.get(key)
        if image is None:
            image = draw()
            cache.set(key, image, CARD_SECONDS)
        response = HttpResponse(image, content_type="image/png")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE)
    return response


def quote_card(request, pk):
    """The quote's card as a PNG."""
    card = card_for(public_quote(pk))
    return png_response(request, ("quote-card", card), lambda: cards.render(card))


def share_image(request):
    """The site's share image (`og:image` of pages without one of their own)."""
    inputs = ("share", settings.SITE_NAME, SITE_TAGLINE)
    return png_response(
        request, inputs, lambda: cards.render_site_card(settings.SITE_NAME, SITE_TAGLINE)
    )


def logo(request):
    """The site's logo (the publisher's logo in structured data)."""
    inputs = ("logo", settings.SITE_NAME, cards.LOGO_SIZE)
    return png_response(request, inputs, lambda: cards.render_logo(settings.SITE_NAME))


@xframe_options_exempt
def quote_embed(request, pk):
    quote = public_quote(pk)
    response = render(
        request,
        "articles/quote_embed.html",
        {"quote": quote, "card": card_for(quote)},
    )
    response["Content-Security-Policy"] = EMBED_CSP
    return response


class OEmbedForm(FilterForm):
    url = forms.CharField(label="url", max_length=2000)
    format = forms.ChoiceField(
        label="format",
        choices=[("json", "JSON"), ("xml", "XML")],
        required=False,
        error_messages={"invalid_choice": "format must be json (or xml, which is not offered)."},
    )
    maxwidth = forms.IntegerField(label="maxwidth", min_value=1, max_value=10_000, required=False)
    maxheight = forms.IntegerField(label="maxheight", min_value=1, max_value=10_000, required=False)

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise forms.ValidationError("Enter the full address of a quote or an article.")
        return url


def site_object(url, request):
    """The public quote or article at this address of the site, else None."""
    parts = urlsplit(url)
    ours = {request.get_host(), urlsplit(settings.SITE_URL).netloc}
    if parts.netloc not in ours:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name == "articles:quote-detail":
        return (
            Quote.objects.public()
            .select_related("speaker", "article")
            .filter(pk=match.kwargs["pk"])
            .first()
        )
    if match.view_name == "articles:detail":
        try:
            day = datetime.date(match.kwargs["year"], match.kwargs["month"], match.kwargs["day"])
        except (ValueError, OverflowError):
            return None
        return (
            Article.objects.published()
            .filter(slug=match.kwargs["slug"], publish_at__date=day)
            .first()
        )
    return None


def oembed(request):
    form = OEmbedForm(request.GET)
    if not form.is_valid():
        return HttpResponse(" ".join(form.error_text()), status=400, content_type="text/plain")
    if form.cleaned_data["format"] == "xml":
        return HttpResponse("Only format=json is offered.", status=501, content_type="text/plain")
    found = site_object(form.cleaned_data["url"], request)
    if found is None:
        raise Http404("No published quote or article of this site at that address.")

    def absolute(path):
        return addresses.absolute(path, request)

    data = {
        "version": "1.0",
        "provider_name": settings.SITE_NAME,
        "provider_url": absolute(reverse("articles:home")),
        "cache_age": 3600,
    }
    if isinstance(found, Quote):
        width = min(EMBED_WIDTH, form.cleaned_data["maxwidth"] or EMBED_WIDTH)
        height = min(EMBED_HEIGHT, form.cleaned_data["maxheight"] or EMBED_HEIGHT)
        src = absolute(reverse("articles:quote-embed", args=[found.pk]))
        title = f"Quote by {found.speaker_label}" if found.speaker_label else "Quote"
        data |= {
            "type": "rich",
            "title": title,
            "author_name": found.speaker_label,
            "html": (
                f'<iframe src="{src}" width="{width}" height="{height}" '
                f'title="{escape(title)}" loading="lazy" style="border:0"></iframe>'
            ),
            "width": width,
            "height": height,
            "thumbnail_url": absolute(reverse("articles:quote-card", args=[found.pk])),
            "thumbnail_width": cards.WIDTH,
            "thumbnail_height": cards.HEIGHT,
        }
        if found.speaker_id:
            data["author_url"] = absolute(found.speaker.get_absolute_url())
    else:
        data |= {"type": "link", "title": found.headline}
        if found.byline:
            data["author_name"] = found.byline
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def oembed_url(request, url):
    """The discovery address for a page: `/oembed/?url=<its absolute address>&format=json`."""
    query = urlencode({"url": addresses.absolute(url, request), "format": "json"})
    return f"{reverse('articles:oembed')}?{query}"
