from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter
from django.urls.converters import StringConverter

from articles.public import alerts, embeds, views
from articles.public.exports import articles as exports
from articles.public.feeds import articles as feeds
from articles.public.feeds import views as feedviews
from articles.public.feeds.formats import feed_paths
from articles.public.sitemaps import SITEMAPS

app_name = "articles"


class TextConverter(StringConverter):
    """Any text up to the next slash except NUL, which no database can look up."""

    regex = "[^/\x00]+"


register_converter(TextConverter, "text")

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="list"),
    path(
        "articles/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.article_detail,
        name="detail",
    ),
    path("quotes/", views.quote_list, name="quote-list"),
    path("quotes/<int:pk>/", views.quote_detail, name="quote-detail"),
    path("quotes/<int:pk>/card.png", embeds.quote_card, name="quote-card"),
    path("quotes/<int:pk>/embed/", embeds.quote_embed, name="quote-embed"),
    path("oembed/", embeds.oembed, name="oembed"),
    path("share.png", embeds.share_image, name="share-image"),
    path("logo.png", embeds.logo, name="logo"),
    path("alerts/subscribe/", alerts.subscribe, name="alert-subscribe"),
    path("alerts/sent/", alerts.sent, name="alert-sent"),
    path("alerts/confirm/<str:signed>/", alerts.confirm, name="alert-confirm"),
    path("alerts/unsubscribe/<str:signed>/", alerts.unsubscribe, name="alert-unsubscribe"),
    path("quotes/csv/", exports.quotes_csv, name="quote-csv"),
    path("articles/<int:pk>/annotations/", exports.article_annotations, name="annotations"),
    path("tags/", views.tag_list, name="tags"),
    path("tags/<text:slug>/", views.tag_detail, name="tag-detail"),
    path("search/", views.search, name="search"),
    path("corrections/", views.correction_list, name="corrections"),
    path("preview/<text:token>/", views.article_preview, name="preview"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    # Feeds: each in RSS (`feed/`), Atom (`feed/atom/`) and JSON Feed (`feed/json/`).
    path("feeds/", feedviews.feed_index, name="feeds"),
    path("feeds/<slug:kind>.opml", feedviews.opml, name="opml"),
    *feed_paths("feeds/latest/", feeds.LatestFeed, "latest-feed"),
    *feed_paths("quotes/feed/", feeds.QuoteFilterFeed, "quote-feed"),
    *feed_paths("tags/<text:slug>/feed/", feeds.TagFeed, "tag-feed"),
    *feed_paths("corrections/feed/", feeds.CorrectionsFeed, "corrections-feed"),
]
