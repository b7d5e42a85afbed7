"""The read-only JSON API of people, organizations, sectors, events and countries.

Serializers and view sets only; the routes are in `articles/public/api/urls.py`. Every object
carries `url` (its public page) and `api_url` (its address in the API), both absolute.
Which people the public may see depends on the articles app (people quoted or named in
published coverage), so the people view set here leaves `visible()` to a subclass there.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.schemas.openapi import AutoSchema
from rest_framework.schemas.utils import is_list_view

from entities.addresses import absolute
from entities.models import (
    Country,
    Event,
    EventStatusChange,
    Organization,
    Person,
    Sector,
    SlugRedirect,
)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class BadQuery(exceptions.APIException):
    """A 400 naming what is wrong with the query string, field by field:
    `{"detail": "...", "errors": {"speaker": ["No person with that address ..."]}}`."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_query"

    def __init__(self, form):
        errors = {
            ("non_field_errors" if name == NON_FIELD_ERRORS else name): list(messages)
            for name, messages in form.errors.items()
        }
        message = " ".join(m for messages in errors.values() for m in messages)
        super().__init__({"detail": message, "errors": errors})


class PageSizeForm(forms.Form):
    page_size = forms.IntegerField(
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        error_messages={
            "invalid": "page_size must be a whole number.",
            "min_value": "page_size must be at least 1.",
            "max_value": f"page_size can be at most {MAX_PAGE_SIZE}.",
        },
    )


class CursorForm(forms.Form):
    cursor = forms.CharField()


class PublicPage(serializers.Field):
    """The object's public page, absolute (built from the request)."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(value.get_absolute_url(), self.context["request"])


def api_link(view_name, lookup_field="slug"):
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}", lookup_field=lookup_field, lookup_url_kwarg=lookup_field
    )


class EntityLinkSerializer(serializers.Serializer):
    """An entity as other objects name it: its name, slug and two addresses."""

    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)
    url = PublicPage()

    def __init__(self, *args, view_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["api_url"] = api_link(view_name)


def entity_link(view_name, **kwargs):
    return EntityLinkSerializer(view_name=view_name, read_only=True, **kwargs)


ENTITY_FIELDS = (
    "name",
    "slug",
    "url",
    "api_url",
    "uid",
    "short_description",
    "description",
    "aliases",
    "wikidata_id",
    "updated_at",
)


class EntitySerializer(serializers.ModelSerializer):
    url = PublicPage()
    aliases = serializers.ListField(
        source="alias_list", child=serializers.CharField(), read_only=True
    )


class CountrySerializer(EntitySerializer):
    api_url = api_link("country-detail")

    class Meta:
        model = Country
        fields = (*ENTITY_FIELDS, "iso_code")


class OrganizationSerializer(EntitySerializer):
    api_url = api_link("organization-detail")
    country = entity_link("country-detail", allow_null=True)

    class Meta:
        model = Organization
        fields = (*ENTITY_FIELDS, "kind", "country")


class PersonSerializer(EntitySerializer):
    api_url = api_link("person-detail")
    affiliation = entity_link("organization-detail", allow_null=True)
    country = entity_link("country-detail", allow_null=True)
    quote_count = serializers.IntegerField(
        read_only=True, help_text="How many public quotes this person gave."
    )

    class Meta:
        model = Person
        fields = (*ENTITY_FIELDS, "title", "affiliation", "country", "quote_count")


class SectorSerializer(EntitySerializer):
    api_url = api_link("sector-detail")
    parent = entity_link("sector-detail", allow_null=True)

    class Meta:
        model = Sector
        fields = (*ENTITY_FIELDS, "parent", "hs_chapters")


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventStatusChange
        fields = ("status", "date", "note")


class EventSerializer(EntitySerializer):
    api_url = api_link("event-detail")
    status_history = StatusChangeSerializer(source="status_changes", many=True, read_only=True)
    sectors = entity_link("sector-detail", many=True)
    implementing_countries = entity_link("country-detail", many=True)
    affected_countries = entity_link("country-detail", many=True)

    class Meta:
        model = Event
        fields = (
            *ENTITY_FIELDS,
            "kind",
            "start_date",
            "end_date",
            "date_is_approximate",
            "status",
            "location",
            "rate",
            "legal_basis",
            "status_history",
            "sectors",
            "implementing_countries",
            "affected_countries",
        )


class Pages(CursorPagination):
    """Cursor pages of 50 (`?page_size=` up to 200), in a stable, unique order."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = ("slug",)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        form = PageSizeForm({"page_size": raw})
        if not form.is_valid():
            raise BadQuery(form)
        return form.cleaned_data["page_size"]

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and "\x00" in cursor.position:
            raise exceptions.NotFound(self.invalid_cursor_message)  # No database stores NUL.
        return cursor

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (exceptions.NotFound, ValidationError, ValueError, OverflowError) as exc:
            # A cursor that does not decode, or whose position is no value of the
            # ordering field (a cursor edited by hand).
            form = CursorForm({"cursor": request.query_params.get(self.cursor_query_param)})
            form.add_error(
                "cursor", "This cursor is not one we gave out: follow the `next` link as is."
            )
            raise BadQuery(form) from exc


class EventPages(Pages):
    ordering = ("-start_date", "-id")


class Schema(AutoSchema):
    """Operation ids named here (`listPeople`, `retrievePerson`), not guessed from the model."""

    def __init__(self, singular, plural, **kwargs):
        super().__init__(**kwargs)
        self.singular, self.plural = singular, plural

    def get_operation_id(self, path, method):
        if is_list_view(path, method, self.view):
            return f"list{self.plural}"
        return f"retrieve{self.singular}"


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and its items, answering GET and HEAD only (as the whole public site does)."""

    http_method_names = ["get", "head"]


class EntityViewSet(ReadOnlyViewSet):
    """An entity kind: the list (`/api/<kind>/`) and one entity by slug."""

    lookup_field = "slug"
    pagination_class = Pages

    def visible(self):
        """What the public may see of this kind (its index and profile pages show all)."""
        return self.serializer_class.Meta.model.objects.all()

    def get_queryset(self):
        return self.visible()

    def retrieve(self, request, *args, **kwargs):
        """The entity; at an old slug (renamed, or merged into another), a 301 to its
        current address, as its page does."""
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            moved = SlugRedirect.target(self.serializer_class.Meta.model, kwargs["slug"])
            if moved is None or not self.visible().filter(pk=moved.pk).exists():
                raise
            return HttpResponsePermanentRedirect(
                reverse(f"api:{self.basename}-detail", args=[moved.slug])
            )


class CountryViewSet(EntityViewSet):
    schema = Schema("Country", "Countries")
    serializer_class = CountrySerializer


class OrganizationViewSet(EntityViewSet):
    schema = Schema("Organization", "Organizations")
    serializer_class = OrganizationSerializer

    def get_queryset(self):
        return self.visible().select_related("country")


class SectorViewSet(EntityViewSet):
    schema = Schema("Sector", "Sectors")
    serializer_class = SectorSerializer

    def get_queryset(self):
        return self.visible().select_related("parent")


class EventViewSet(EntityViewSet):
    schema = Schema("Event", "Events")
    serializer_class = EventSerializer
    pagination_class = EventPages

    def get_queryset(self):
        return self.visible().prefetch_related(
            "status_changes", "sectors", "implementing_countries", "affected_countries"
        )


class PersonViewSet(EntityViewSet):
    schema = Schema("Person", "People")
    """People: `visible()` (people in published coverage, with their `quote_count`) is
    given by the articles app, which knows what is published."""

    serializer_class = PersonSerializer

    def visible(self):
        raise NotImplementedError("Subclasses say which people the public may see.")

    def get_queryset(self):
        return self.visible().select_related("affiliation", "country")
