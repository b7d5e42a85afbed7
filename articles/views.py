"""Public article pages, the quotes browser and the home page."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from entities.models import SlugRedirect

from .models import Article, Quote


def home(request):
    articles = Article.objects.published()[:10]
    return render(request, "articles/home.html", {"articles": articles})


def article_list(request):
    return render(
        request, "articles/article_list.html", {"articles": Article.objects.published()[:50]}
    )


def _day_bounds(year, month, day):
    try:
        date = datetime.date(year, month, day)
    except ValueError as exc:
        raise Http404("No such date.") from exc
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(date, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=1)


def visible_article(request, year, month, day, slug):
    """The article at this address; editors also see drafts (a preview, marked as such)."""
    start, end = _day_bounds(year, month, day)
    base = Article.objects.alive() if request.user.is_staff else Article.objects.published()
    article = base.filter(slug=slug, publish_at__gte=start, publish_at__lt=end).first()
    if article is None and request.user.is_staff:
        article = Article.objects.alive().filter(slug=slug, publish_at__isnull=True).first()
    return article


def article_detail(request, year, month, day, slug):
    article = visible_article(request, year, month, day, slug)
    if article is None:
        moved = SlugRedirect.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), old_slug=slug
        ).first()
        target = moved and Article.objects.published().filter(pk=moved.object_id).first()
        if target:
            return redirect(target, permanent=True)
        raise Http404("No article at this address.")
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "preview": not article.is_public},
    )


def quote_list(request):
    quotes = Quote.objects.public().select_related("speaker", "article")[:50]
    return render(request, "articles/quote_list.html", {"quotes": quotes})


def quote_detail(request, pk):
    quote = get_object_or_404(Quote.objects.public().select_related("speaker", "article"), pk=pk)
    return render(request, "articles/quote_detail.html", {"quote": quote})
