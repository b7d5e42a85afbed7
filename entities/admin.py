"""The editors' admin for people, organizations, sectors, events and countries."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from entities.changes import PublicContentAdmin
from entities.history import ReadableHistory, RevertNeedsChangePermission
from entities.merging import merge_entities
from entities.models import (
    Country,
    Event,
    EventStatusChange,
    MergeRecord,
    Organization,
    Person,
    Sector,
    SlugRedirect,
)
from entities.tags import merge_tags, remember_tag_slug


class MergeForm(forms.Form):
    kept = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        label="Keep",
        help_text="The others are merged into this one; their names become its aliases.",
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kept"].queryset = queryset


def merge_action(modeladmin, request, queryset, *, merge, kind_label):
    """Ask which of the selected rows to keep, then merge the others into it."""
    if queryset.count() < 2:
        modeladmin.message_user(request, "Select at least two to merge.", messages.WARNING)
        return None
    form = MergeForm(request.POST if "confirm" in request.POST else None, queryset=queryset)
    if form.is_valid():
        kept = form.cleaned_data["kept"]
        others = [obj for obj in queryset if obj.pk != kept.pk]
        merge(kept, others, user=request.user)
        names = ", ".join(str(o) for o in others)
        modeladmin.message_user(
            request, f"Merged {names} into {kept}. Old addresses now redirect.", messages.SUCCESS
        )
        return None
    return TemplateResponse(
        request,
        "admin/entities/merge.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": f"Merge {kind_label}",
            "form": form,
            "queryset": queryset,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        },
    )


class EntityAdmin(
    ReadableHistory, RevertNeedsChangePermission, PublicContentAdmin, SimpleHistoryAdmin
):
    list_display = ["name", "slug", "short_description", "updated_at"]
    search_fields = ["name", "aliases", "slug"]
    readonly_fields = ["uid", "created_at", "updated_at"]
    actions = ["merge_selected"]
    prepopulated_fields = {"slug": ["name"]}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "slug" in form.base_fields:
            # Left empty (JavaScript off), the slug is made from the name on saving.
            form.base_fields["slug"].required = False
            form.base_fields["slug"].help_text += " Left empty, it is made from the name."
        return form

    @admin.action(
        description="Merge selected (keep one, merge the others into it)", permissions=["delete"]
    )
    def merge_selected(self, request, queryset):
        return merge_action(
            self,
            request,
            queryset,
            merge=merge_entities,
            kind_label=self.model._meta.verbose_name_plural,
        )


COMMON_FIELDS = ("name", "slug", "short_description", "description", "aliases", "wikidata_id")


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    list_display = ["name", "title", "affiliation", "country", "quote_count"]
    list_filter = ["country"]
    list_select_related = ["affiliation", "country"]
    autocomplete_fields = ["affiliation", "country"]
    fields = [*COMMON_FIELDS, "title", "affiliation", "country", "uid"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_quotes=Count("quotes"))

    @admin.display(description="quotes", ordering="n_quotes")
    def quote_count(self, obj):
        return obj.n_quotes

    def delete_view(self, request, object_id, extra_context=None):
        person = self.get_object(request, object_id)
        if person is not None and person.quotes.exists():
            self.message_user(
                request,
                f"{person} has {person.quotes.count()} quote(s) and cannot be deleted: "
                "merge this person into the right one instead (select both in the list, "
                "then “Merge selected”).",
                messages.ERROR,
            )
            return redirect(reverse("admin:entities_person_change", args=[person.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        # Quotes protect their speaker; the admin shows them as protected objects.
        super().delete_queryset(request, queryset.filter(quotes__isnull=True))


@admin.register(Organization)
class OrganizationAdmin(EntityAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]
    fields = [*COMMON_FIELDS, "kind", "country", "uid"]


@admin.register(Sector)
class SectorAdmin(EntityAdmin):
    list_display = ["name", "parent", "hs_chapters"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    fields = [*COMMON_FIELDS, "parent", "hs_chapters", "uid"]


@admin.register(Country)
class CountryAdmin(EntityAdmin):
    list_display = ["name", "iso_code"]
    fields = [*COMMON_FIELDS, "iso_code", "uid"]


class EventStatusChangeInline(admin.TabularInline):
    model = EventStatusChange
    extra = 1
    fields = ["date", "status", "note"]


@admin.register(Event)
class EventAdmin(EntityAdmin):
    list_display = ["name", "kind", "start_date", "end_date", "status", "location"]
    list_filter = ["kind", "status", "sectors"]
    date_hierarchy = "start_date"
    autocomplete_fields = [
        "participants",
        "organizations",
        "sectors",
        "implementing_countries",
        "affected_countries",
    ]
    inlines = [EventStatusChangeInline]
    fieldsets = [
        (None, {"fields": list(COMMON_FIELDS)}),
        (
            "When and where",
            {"fields": [("kind", "status"), ("start_date", "end_date"), "date_is_approximate"]},
        ),
        ("Where and who", {"fields": ["location", "participants", "organizations", "sectors"]}),
        ("Countries", {"fields": ["implementing_countries", "affected_countries"]}),
        ("Trade measure", {"fields": [("rate", "legal_basis")]}),
    ]


@admin.register(MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    list_display = ["merged_name", "kept_name", "content_type", "merged_by", "merged_at"]
    list_filter = ["content_type"]
    readonly_fields = [f.name for f in MergeRecord._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SlugRedirect)
class SlugRedirectAdmin(PublicContentAdmin, admin.ModelAdmin):
    list_display = ["old_slug", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["old_slug"]


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(PublicContentAdmin, TaggitTagAdmin):
    actions = ["merge_selected"]

    @admin.action(description="Merge selected tags (keep one)", permissions=["delete"])
    def merge_selected(self, request, queryset):
        return merge_action(self, request, queryset, merge=merge_tags, kind_label="tags")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            remember_tag_slug(obj, form.initial["slug"])
