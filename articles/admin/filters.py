"""The article list's filters."""

from django.contrib import admin

from articles.models import Article


class StateFilter(admin.SimpleListFilter):
    """Where an article stands, as the newsroom says it; "In review" is the editors' queue."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("published", "Published (public)"),
            ("trash", "In trash"),
        ]

    def queryset(self, request, queryset):
        return {
            "draft": lambda: queryset.alive().filter(status=Article.Status.DRAFT),
            "review": queryset.in_review,
            "scheduled": queryset.scheduled,
            "published": queryset.published,
            "trash": lambda: queryset.filter(deleted_at__isnull=False),
        }.get(self.value(), lambda: queryset)()
