"""Addresses of the JSON API (`/api/`): the documentation page, the schema, the endpoints."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import path, re_path
from rest_framework.renderers import JSONOpenAPIRenderer
from rest_framework.routers import SimpleRouter
from rest_framework.schemas import get_schema_view

from articles.public.api import articles as api
from articles.public.api import entities as entity_api

app_name = "api"

router = SimpleRouter()
router.register("articles", api.ArticleViewSet, basename="article")
router.register("quotes", api.QuoteViewSet, basename="quote")
router.register("people", api.PersonViewSet, basename="person")
router.register("organizations", entity_api.OrganizationViewSet, basename="organization")
router.register("sectors", entity_api.SectorViewSet, basename="sector")
router.register("events", entity_api.EventViewSet, basename="event")
router.register("countries", entity_api.CountryViewSet, basename="country")


def not_found(request):
    """Any other address under /api/: a 404 in JSON, pointing to the documentation."""
    return JsonResponse(
        {"detail": "No API endpoint at this address: the endpoints are listed at /api/."},
        status=404,
    )


urlpatterns = [
    path("", api.docs, name="docs"),
    path(
        "schema/",
        get_schema_view(
            title=f"{settings.SITE_NAME} API",
            description=(
                "Read-only JSON of the published coverage: articles, quotes, people, "
                "organizations, sectors, events and countries."
            ),
            version="1",
            renderer_classes=[JSONOpenAPIRenderer],
            public=True,
        ),
        name="schema",
    ),
    *router.urls,
    re_path(r"^.+/$", not_found),
]
