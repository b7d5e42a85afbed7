"""Root URL configuration: the public site, the feeds, the JSON API and the editors' admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles.public.views import favicon

urlpatterns = [
    path("favicon.ico", favicon),
    path(f"{settings.ADMIN_URL}/", admin.site.urls),
    path("api/", include("articles.public.api.urls")),
    path("", include("articles.public.profiles.urls")),
    path("", include("articles.public.urls")),
]

handler400 = "articles.public.views.request_error"
handler500 = "articles.public.views.server_error"

admin.site.site_header = f"{settings.SITE_NAME} newsroom"
admin.site.site_title = f"{settings.SITE_NAME} newsroom"
admin.site.index_title = "Coverage, quotes and profiles"
