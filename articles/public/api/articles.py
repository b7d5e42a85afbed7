"""The read-only JSON API of articles and quotes, and its documentation page (`/api/`).

Rows come from `Article.objects.published()` and `Quote.objects.public()` only, and
people from `people_in_public_coverage()`: nothing the public pages hide is served.
The list filters are the pages' own forms (`QuoteFilterForm`, `ArticleFilterForm`): a
bad value is a 400 naming the field.
"""

from django import forms
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend
from taggit.models import Tag

from articles.models import Article, Correction, Quote, people_in_public_coverage
from articles.public.api import entities as entity_api
from articles.public.forms import ArticleFilterForm, QuoteFilterForm
from entities.addresses import absolute

# Query-string fields of the pages' forms that the API does not use (it pages by cursor).
PAGE_FIELDS = ("page",)


class FormFilter(BaseFilterBackend):
    """A list view's filters, validated by the view's `filter_form` (a page's form)."""

    def filter_queryset(self, request, queryset, view):
        if view.action != "list":
            return queryset
        data = request.query_params.copy()
        for name in PAGE_FIELDS:
            data.pop(name, None)
        form = view.filter_form(data)
        if not form.is_valid():
            raise entity_api.BadQuery(form)
        return view.filtered(form, queryset)

    def get_schema_operation_parameters(self, view):
        if getattr(view, "action", "list") != "list":
            return []
        return [
            query_parameter(name, field)
            for name, field in view.filter_form().fields.items()
            if name not in PAGE_FIELDS
        ]


def query_parameter(name, field):
    """An OpenAPI query parameter for a form field."""
    schema = {"type": "string"}
    if hasattr(field, "input_formats"):
        schema["format"] = "date"
    elif getattr(field, "to_field_name", None) == "slug":
        schema["description"] = "a slug: the last part of the public page's address"
    if isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset"):
        # Fixed choices (not a model's rows, which would be read from the database).
        schema["enum"] = [value for value, _ in field.choices if value]
    if getattr(field, "regex", None) is not None:
        schema["pattern"] = field.regex.pattern
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": str(field.label or name),
        "schema": schema,
    }


class TagSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The tag's public page.")

    class Meta:
        model = Tag
        fields = ("name", "slug", "url")

    def get_url(self, tag):
        return absolute(reverse("articles:tag-detail", args=[tag.slug]), self.context["request"])


class ArticleLinkSerializer(serializers.ModelSerializer):
    """An article as a quote names it."""

    url = entity_api.PublicPage()
    api_url = entity_api.api_link("article-detail", "pk")

    class Meta:
        model = Article
        fields = ("id", "headline", "publish_at", "outlet", "url", "api_url")


class AnchorSerializer(serializers.Serializer):
    """Where the quote is in its article's body (a W3C TextQuoteSelector and positions)."""

    start = serializers.IntegerField(allow_null=True)
    end = serializers.IntegerField(allow_null=True)
    prefix = serializers.CharField()
    suffix = serializers.CharField()


class QuoteSerializer(serializers.ModelSerializer):
    url = entity_api.PublicPage()
    api_url = entity_api.api_link("quote-detail", "pk")
    speaker = entity_api.entity_link("person-detail", allow_null=True)
    speaker_label = serializers.CharField(read_only=True)
    date = serializers.DateField(source="day", read_only=True)
    sectors = entity_api.entity_link("sector-detail", many=True)
    events = entity_api.entity_link("event-detail", many=True)
    tags = TagSerializer(many=True, read_only=True)
    anchor = AnchorSerializer(source="*", read_only=True)
    article = ArticleLinkSerializer(read_only=True)

    class Meta:
        model = Quote
        fields = (
            "id",
            "uid",
            "url",
            "api_url",
            "text",
            "kind",
            "speaker",
            "unnamed_speaker",
            "speaker_label",
            "speaker_title",
            "date",
            "is_key",
            "sectors",
            "events",
            "tags",
            "anchor",
            "article",
        )


class ArticleQuoteSerializer(QuoteSerializer):
    """A quote within its article's answer (the article itself is around it)."""

    class Meta(QuoteSerializer.Meta):
        fields = tuple(name for name in QuoteSerializer.Meta.fields if name != "article")


class CorrectionSerializer(serializers.ModelSerializer):
    url = entity_api.PublicPage()

    class Meta:
        model = Correction
        fields = ("kind", "text", "created_at", "url")


class ArticleSerializer(serializers.ModelSerializer):
    url = entity_api.PublicPage()
    api_url = entity_api.api_link("article-detail", "pk")
    tags = TagSerializer(many=True, read_only=True)
    quote_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = (
            "id",
            "uid",
            "url",
            "api_url",
            "headline",
            "dek",
            "byline",
            "outlet",
            "dateline",
            "original_url",
            "publish_at",
            "updated_at",
            "tags",
            "quote_count",
        )


class ArticleDetailSerializer(ArticleSerializer):
    quotes = ArticleQuoteSerializer(many=True, read_only=True)
    corrections = CorrectionSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = (*ArticleSerializer.Meta.fields, "body", "quotes", "corrections")


class ArticlePages(entity_api.Pages):
    ordering = ("-publish_at", "-id")


class QuotePages(entity_api.Pages):
    # Newest entered first: the id is unique and indexed, so a cursor is exact.
    ordering = ("-id",)


class ArticleViewSet(entity_api.ReadOnlyViewSet):
    """Published articles, newest first; one article with its body, quotes and corrections."""

    schema = entity_api.Schema("Article", "Articles")
    pagination_class = ArticlePages
    filter_backends = [FormFilter]
    filter_form = ArticleFilterForm

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def get_queryset(self):
        articles = Article.objects.published().with_quote_count().prefetch_related("tags")
        if self.action == "retrieve":
            quotes = Quote.objects.select_related("speaker").with_topics(tags=True)
            articles = articles.prefetch_related(Prefetch("quotes", quotes), "corrections")
        return articles

    @staticmethod
    def filtered(form, articles):
        return form.filter_articles(articles)


class QuoteViewSet(entity_api.ReadOnlyViewSet):
    """Public quotes with speaker, sectors, events, tags, anchor and article."""

    schema = entity_api.Schema("Quote", "Quotes")
    serializer_class = QuoteSerializer
    pagination_class = QuotePages
    filter_backends = [FormFilter]
    filter_form = QuoteFilterForm

    def get_queryset(self):
        return Quote.objects.public().select_related("speaker", "article").with_topics(tags=True)

    @staticmethod
    def filtered(form, quotes):
        return form.filter_quotes(quotes)


class PersonViewSet(entity_api.PersonViewSet):
    """People quoted in or named by published coverage, with their public quote counts."""

    def visible(self):
        counts = (
            Quote.objects.public()
            .filter(speaker=OuterRef("pk"))
            .order_by()
            .values("speaker")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return people_in_public_coverage().annotate(quote_count=Coalesce(Subquery(counts), 0))


# The documentation page (`/api/`). -----------------------------------------------------

ENDPOINTS = (
    (
        "articles",
        "Published articles, newest first. One article adds its body, quotes and corrections.",
        "/api/articles/?sector=steel&month=2025-10",
        ArticleFilterForm,
        "article-list",
    ),
    (
        "quotes",
        "Public quotes, newest entered first, with speaker, sectors, events, tags, anchor "
        "(offsets, prefix and suffix in the article's body) and article.",
        "/api/quotes/?speaker=mark-carney&sector=steel&from=2025-01-01",
        QuoteFilterForm,
        "quote-list",
    ),
    ("people", "People quoted in or named by published coverage.", "", None, "person-list"),
    ("organizations", "Governments, agencies, companies, unions.", "", None, "organization-list"),
    ("sectors", "Sectors, with their parent sector.", "", None, "sector-list"),
    (
        "events",
        "Events, latest first, with their dated status history, sectors and countries.",
        "",
        None,
        "event-list",
    ),
    ("countries", "Countries.", "", None, "country-list"),
)

# What each filter takes, as the documentation page explains it.
FILTER_HELP = {
    "speaker": "the person who said it (the slug of their page: mark-carney)",
    "person": "articles quoting or naming this person (slug)",
    "sector": "a sector (slug: steel)",
    "event": "an event (slug)",
    "country": "the speaker's country (slug: canada)",
    "tag": "a tag (slug)",
    "kind": "direct, indirect or partial",
    "from": "said on or after this day (YYYY-MM-DD)",
    "to": "said on or before this day (YYYY-MM-DD)",
    "month": "published in this month (YYYY-MM)",
}

EXAMPLE_RESPONSE = """{
  "next": "https://tradewatch.example/api/quotes/?cursor=cD0xNDg%3D&speaker=avery-castellan",
  "previous": null,
  "results": [
    {
      "id": 149,
      "uid": "0b7e51a6-2f0c-4a8e-9f0a-5c4b8e6b2d11",
      "url": "https://tradewatch.example/quotes/149/",
      "api_url": "https://tradewatch.example/api/quotes/149/",
      "text": "We will not accept a deal that leaves our steel workers behind",
      "kind": "direct",
      "speaker": {
        "name": "Avery Castellan",
        "slug": "avery-castellan",
        "url": "https://tradewatch.example/people/avery-castellan/",
        "api_url": "https://tradewatch.example/api/people/avery-castellan/"
      },
      "unnamed_speaker": "",
      "speaker_label": "Avery Castellan",
      "speaker_title": "Minister of Trade",
      "date": "2025-10-21",
      "is_key": false,
      "sectors": [{"name": "steel", "slug": "steel", "url": "…", "api_url": "…"}],
      "events": [],
      "tags": [{"name": "tariffs", "slug": "tariffs", "url": "https://tradewatch.example/tags/tariffs/"}],
      "anchor": {"start": 412, "end": 474, "prefix": "told reporters: “", "suffix": ",” she said"},
      "article": {
        "id": 31,
        "headline": "Steel talks resume in Ottawa",
        "publish_at": "2025-10-21T14:00:00-04:00",
        "outlet": "Example Ledger",
        "url": "https://tradewatch.example/articles/2025/10/21/steel-talks-resume-in-ottawa/",
        "api_url": "https://tradewatch.example/api/articles/31/"
      }
    }
  ]
}"""

EXAMPLE_ERROR = """{
  "detail": "No person with that address in our coverage.",
  "errors": {"speaker": ["No person with that address in our coverage."]}
}"""


def endpoint_docs():
    """Each endpoint's name, description, addresses, filters and an example request."""
    docs = []
    for name, description, example, form_class, view_name in ENDPOINTS:
        filters = []
        if form_class is not None:
            filters = [
                (field_name, FILTER_HELP.get(field_name, field.label or field_name))
                for field_name, field in form_class().fields.items()
                if field_name not in PAGE_FIELDS
            ]
        list_url = reverse(f"api:{view_name}")
        docs.append(
            {
                "name": name,
                "description": description,
                "list_url": list_url,
                "detail_url": list_url + ("<id>/" if name in ("articles", "quotes") else "<slug>/"),
                "filters": filters,
                "example": example or list_url,
            }
        )
    return docs


def docs(request):
    return render(
        request,
        "api/docs.html",
        {
            "endpoints": endpoint_docs(),
            "schema_url": reverse("api:schema"),
            "page_size": entity_api.PAGE_SIZE,
            "max_page_size": entity_api.MAX_PAGE_SIZE,
            "example_response": EXAMPLE_RESPONSE,
            "example_error": EXAMPLE_ERROR,
        },
    )
