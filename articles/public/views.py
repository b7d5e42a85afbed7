"""Public pages of the articles app: home, articles, quotes, tags, search, robots.txt.

Every queryset starts from `Article.objects.published()` or `Quote.objects.public()`
and declares its joins, so each page runs a fixed number of queries.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.corrections import public_corrections
from articles.models import Article, Quote
from articles.previews import open_preview
from articles.public.article_page import article_context
from articles.public.dependencies import depends_on, key_of, related_keys, reports_key
from articles.public.feeds.links import feed_links, site_feed
from articles.public.forms import ArticleFilterForm, PageForm, QuoteFilterForm, SearchForm
from articles.public.pages import bad_request, counted_rows, paginate, query_strings
from articles.public.search import search as run_search
from articles.public.tallies import tallied_rows
from entities.addresses import absolute
from entities.models import Event, Sector, SlugRedirect

ARTICLES_PER_PAGE = 20
QUOTES_PER_PAGE = 20
CORRECTIONS_PER_PAGE = 20
TAGS_PER_PAGE = 100
TAG_QUOTES = 10  # the latest quotes a tag page shows; the rest are on /quotes/?tag=


# The home page's latest quotes and most discussed sectors are read from this many of the
# latest articles: what is in the news now, at a cost that does not grow with the archive.
HOME_RECENT_ARTICLES = 100


def home(request):
    latest = Article.objects.published().order_by("-publish_at", "-pk")
    recent = latest.values("pk")[:HOME_RECENT_ARTICLES]
    context = {
        "articles": latest.with_quote_count()[:8],
        "quotes": Quote.objects.filter(article__in=recent)
        .select_related("speaker", "article")
        .order_by("-article__publish_at", "start", "pk")[:6],
        "events": Event.objects.upcoming(timezone.localdate())[:5],
        "sectors": Sector.objects.filter(quotes__article__in=recent)
        .annotate(public_quote_count=Count("quotes"))
        .order_by("-public_quote_count", "name")[:6],
        "recent_articles": HOME_RECENT_ARTICLES,
        "feeds": feed_links(site_feed()),
        "section": "home",
    }
    return render(request, "articles/home.html", context)


def article_list(request):
    form = ArticleFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    articles = (
        form.filter_articles()
        .with_quote_count()
        .prefetch_related("tags")
        .order_by("-publish_at", "-pk")
    )
    page = paginate(articles, form.cleaned_data.get("page"), ARTICLES_PER_PAGE)
    params = form.filter_params()
    canonical, page_base = query_strings(params, page)
    form.limit_choices_to_coverage()
    return render(
        request,
        "articles/article_list.html",
        {
            "form": form,
            "page": page,
            "heading": form.describe(),
            "canonical_query": canonical,
            "page_base": page_base,
            "feeds": feed_links(site_feed()),
            "section": "articles",
        },
    )


def _day_bounds(year, month, day):
    try:
        # Out-of-range numbers (a year of 10 digits, the last day of year 9999) are no date.
        date = datetime.date(year, month, day)
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(date, datetime.time.min, tzinfo=tz)
        return start, start + datetime.timedelta(days=1)
    except (ValueError, OverflowError) as exc:
        raise Http404("No such date.") from exc


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
    context = article_context(article)
    depends_on(request, key_of(article), *related_keys(context["mentioned"]))
    return render(request, "articles/article_detail.html", context)


def quote_feed_url(form):
    """The feed of the same filtered quotes (`/quotes/feed/?...`)."""
    query = urlencode(form.filter_params())
    url = reverse("articles:quote-list") + "feed/"
    return f"{url}?{query}" if query else url


def quote_csv_url(form):
    """The CSV of the same filtered quotes (`/quotes/csv/?...`)."""
    query = urlencode(form.filter_params())
    url = reverse("articles:quote-csv")
    return f"{url}?{query}" if query else url


def quote_list(request):
    form = QuoteFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    quotes = form.filter_quotes().with_topics()
    params = form.filter_params()
    # Unfiltered, the count of every public quote is kept with the tallies.
    count = None if params else tallied_rows("quote-count", quotes.count)
    page = paginate(quotes, form.cleaned_data.get("page"), QUOTES_PER_PAGE, count=count)
    canonical, page_base = query_strings(params, page)
    heading = form.describe()
    form.limit_choices_to_coverage()
    return render(
        request,
        "articles/quote_list.html",
        {
            "form": form,
            "page": page,
            "heading": heading,
            "canonical_query": canonical,
            "page_base": page_base,
            "feeds": feed_links((f"{settings.SITE_NAME}: {heading}", quote_feed_url(form))),
            "csv_url": quote_csv_url(form),
            "section": "quotes",
        },
    )


def reports_of(quote):
    """(first report, other reports): public quotes of the same words in other articles."""
    root = quote.first_appearance_id or quote.pk
    family = list(
        Quote.objects.public()
        .filter(Q(pk=root) | Q(first_appearance_id=root))
        .select_related("article")
        .order_by("article__publish_at", "pk")
    )
    if len(family) < 2:
        return None, []
    first = family[0]
    return first, [q for q in family[1:] if q.pk != quote.pk]


def quote_detail(request, pk):
    quote = get_object_or_404(
        Quote.objects.public()
        .select_related("speaker__affiliation", "speaker__country", "article")
        .with_topics(tags=True),
        pk=pk,
    )
    depends_on(request, key_of(quote), f"article:{quote.article_id}", reports_key(quote))
    first_report, other_reports = reports_of(quote)
    return render(
        request,
        "articles/quote_detail.html",
        {
            "quote": quote,
            "first_report": first_report,
            "other_reports": other_reports,
            "feeds": feed_links(site_feed()),
            "section": "quotes",
        },
    )


def tags_in_coverage():
    """Tags on public articles or quotes, by name, with how many of each carry them."""
    items = "taggit_taggeditem_items"
    content_types = ContentType.objects.get_for_models(Article, Quote)
    on_articles = Q(
        **{
            f"{items}__content_type": content_types[Article],
            f"{items}__object_id__in": Article.objects.published().values("pk"),
        }
    )
    on_quotes = Q(
        **{
            f"{items}__content_type": content_types[Quote],
            f"{items}__object_id__in": Quote.objects.public().values("pk"),
        }
    )
    return (
        Tag.objects.annotate(
            article_count=Count(items, filter=on_articles),
            quote_count=Count(items, filter=on_quotes),
        )
        .filter(Q(article_count__gt=0) | Q(quote_count__gt=0))
        .order_by(Lower("name"), "pk")
    )


def paged_list(request, rows, per_page, template, context):
    """A list page whose only parameter is its page number (a bad one is the 400 page)."""
    form = PageForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    page = paginate(rows, form.cleaned_data.get("page"), per_page)
    canonical, page_base = query_strings([], page)
    return render(
        request,
        template,
        {"page": page, "canonical_query": canonical, "page_base": page_base, **context},
    )


def tag_list(request):
    return paged_list(
        request,
        tags_in_coverage(),
        TAGS_PER_PAGE,
        "articles/tag_list.html",
        {"feeds": feed_links(site_feed()), "section": "tags"},
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    form = ArticleFilterForm({"page": request.GET.get("page", "")})
    if not form.is_valid():
        return bad_request(request, form)
    articles = (
        Article.objects.published()
        .filter(tags=tag)
        .with_quote_count()
        .prefetch_related("tags")
        .order_by("-publish_at", "-pk")
    )
    page = paginate(articles, form.cleaned_data.get("page"), ARTICLES_PER_PAGE)
    tagged_quotes = Quote.objects.public().filter(tags=tag).select_related("speaker", "article")
    quotes, quote_count = counted_rows(
        tagged_quotes.order_by("-article__publish_at", "start", "pk"), 0, TAG_QUOTES
    )
    if not page.paginator.count and not quote_count:
        raise Http404("Nothing public carries this tag.")
    canonical, page_base = query_strings([], page)
    quotes_url = reverse("articles:quote-list") + "?" + urlencode({"tag": tag.slug})
    return render(
        request,
        "articles/tag_detail.html",
        {
            "tag": tag,
            "page": page,
            "quotes": quotes,
            "quote_count": quote_count,
            "quotes_url": quotes_url,
            "canonical_query": canonical,
            "page_base": page_base,
            "feeds": feed_links(
                (f"{settings.SITE_NAME}: tagged {tag.name}", request.path + "feed/")
            ),
        },
    )


def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    query = form.cleaned_data["q"]
    return render(
        request,
        "articles/search.html",
        {
            "form": form,
            "query": query,
            "results": run_search(query),
            "canonical_query": urlencode({"q": query}) if query else "",
            "feeds": feed_links(site_feed()),
            "section": "search",
        },
    )


def robots_txt(request):
    return render(
        request,
        "articles/robots.txt",
        {
            "admin_path": f"/{settings.ADMIN_URL}/",
            "sitemap_url": absolute(reverse("articles:sitemap"), request),
        },
        content_type="text/plain; charset=utf-8",
    )


def article_preview(request, token):
    """A draft as its page will look, for a reviewer holding a preview link; nothing else."""
    found = open_preview(token)
    if found.link is None:
        response = render(
            request,
            "articles/preview_unavailable.html",
            {"message": found.message},
            status=410 if found.gone else 404,
        )
    else:
        context = article_context(found.link.article)
        context.update(preview=True, preview_link=found.link, feeds=[])
        response = render(request, "articles/article_detail.html", context)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def correction_list(request):
    feed = (f"{settings.SITE_NAME}: corrections", reverse("articles:corrections-feed"))
    return paged_list(
        request,
        public_corrections(),
        CORRECTIONS_PER_PAGE,
        "articles/correction_list.html",
        {"feeds": feed_links(feed), "section": "corrections"},
    )


def favicon(request):
    """`/favicon.ico`, asked for by browsers and feed readers: the site's icon."""
    return redirect(static("favicon.svg"), permanent=True)


def static_error_page(template_name, status):
    """An error page rendered without the request or the database, which may be at fault."""
    template = loader.get_template(template_name)
    return HttpResponse(template.render({"SITE_NAME": settings.SITE_NAME}), status=status)


def server_error(request):
    return static_error_page("500.html", 500)


def request_error(request, exception):
    """The 400 page for a request Django refuses outright (a host it does not serve)."""
    return static_error_page("400.html", 400)
