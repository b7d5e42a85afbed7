"""The quotes' own admin pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.forms import QuoteInlineForm, RevertQuoteForm
from articles.models import Article, Quote, can_publish
from entities.changes import PublicContentAdmin
from entities.history import ReadableHistory, RevertNeedsChangePermission


@admin.register(Quote)
class QuoteAdmin(
    ReadableHistory, RevertNeedsChangePermission, PublicContentAdmin, SimpleHistoryAdmin
):
    list_display = ["__str__", "kind", "speaker", "article", "needs_review", "is_key"]
    list_filter = ["needs_review", "kind", "is_key", "sectors"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "unnamed_speaker", "article__headline"]
    autocomplete_fields = ["speaker", "sectors", "events", "article", "first_appearance"]
    readonly_fields = ["start", "end", "review_note", "uid"]
    fieldsets = [
        (None, {"fields": ["article", "text", ("kind", "is_key"), ("start", "end")]}),
        ("Speaker", {"fields": [("speaker", "unnamed_speaker"), ("speaker_title", "said_on")]}),
        ("About", {"fields": ["sectors", "events", "tags", "first_appearance"]}),
        ("Review", {"fields": ["needs_review", "review_note"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The inline's anchoring form, with every field the fieldsets show (article, tags...).
        # Restoring an earlier version from the history overwrites on purpose: no conflict.
        reverting = request.resolver_match and request.resolver_match.url_name.endswith(
            "_simple_history"
        )
        kwargs["form"] = RevertQuoteForm if reverting else QuoteInlineForm
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article" and not can_publish(request.user):
            # A quote is part of its article: only editors add one to a published article.
            kwargs["queryset"] = Article.objects.exclude(status=Article.Status.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.article.status == Article.Status.PUBLISHED:
            return can_publish(request.user)
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and obj.article.status == Article.Status.PUBLISHED:
            return can_publish(request.user)
        return allowed
