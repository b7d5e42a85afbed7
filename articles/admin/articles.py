"""The articles' admin: the editors' list and the change page, with its quotes, mentions,
corrections, suggestions, preview links and earlier versions."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.filters import StateFilter
from articles.admin.forms import ArticleAdminForm
from articles.admin.history import RestoreWithQuotes
from articles.admin.inlines import CorrectionInline, MentionInline, QuoteInline
from articles.admin.previews import PreviewLinksPanel
from articles.admin.publishing import PublishingActions
from articles.admin.suggestions import SuggestionsPanel
from articles.corrections import correction_added
from articles.models import Article, Correction, can_publish
from entities.changes import PublicContentAdmin
from entities.history import ReadableHistory


@admin.register(Article)
class ArticleAdmin(
    SuggestionsPanel,
    PreviewLinksPanel,
    RestoreWithQuotes,
    PublishingActions,
    ReadableHistory,
    PublicContentAdmin,
    SimpleHistoryAdmin,
):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "state",
        "publish_at",
        "outlet",
        "quote_count",
        "quotes_to_review",
        "updated_at",
    ]
    list_filter = [StateFilter, "outlet", ("deleted_at", admin.EmptyFieldListFilter), "tags"]
    search_fields = ["headline", "dek", "body", "byline", "external_id"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [QuoteInline, MentionInline, CorrectionInline]
    actions = ["publish_now", "unpublish", "restore_from_trash", "empty_from_trash"]
    readonly_fields = ["created_at", "uid"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body", "tags"]}),
        ("Source", {"fields": [("byline", "outlet"), ("dateline", "original_url"), "external_id"]}),
        ("Publishing", {"fields": [("status", "publish_at"), "updated_at", "base_version"]}),
        ("Record", {"fields": [("created_at", "uid")], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_quotes=Count("quotes", distinct=True),
                n_review=Count("quotes", filter=Q(quotes__needs_review=True), distinct=True),
            )
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class UserBoundForm(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return UserBoundForm

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status == Article.Status.PUBLISHED:
            # A published article is the newsroom's word: only editors change it.
            return can_publish(request.user)
        return allowed

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context.update(self.suggestions_context(request, article))
            extra_context.update(self.preview_links_context(request, article))
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        return obj.state_label

    @admin.display(description="quotes", ordering="n_quotes")
    def quote_count(self, obj):
        return obj.n_quotes

    @admin.display(description="to review", ordering="n_review")
    def quotes_to_review(self, obj):
        if not obj.n_review:
            return "—"
        url = reverse("admin:articles_quote_changelist")
        return format_html(
            '<a href="{}?article__id__exact={}&needs_review__exact=1">{} to review</a>',
            url,
            obj.pk,
            obj.n_review,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        else:
            # What the quotes said before this save: changing their words is an update.
            form.quoted_words_before = Article.objects.get(pk=obj.pk).quoted_words()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            if formset.model is Correction:
                for correction in formset.new_objects:
                    correction_added(correction)
        if change and "body" in form.changed_data:
            flagged = form.instance.reanchor_quotes()
            if flagged:
                messages.warning(
                    request,
                    f"{len(flagged)} quote(s) could not be found exactly in the edited body "
                    "and are flagged for review. Nothing was deleted.",
                )
        if change and not form.update_time_typed():
            # An editor who set the update time by hand keeps it.
            form.instance.note_quoted_words_changed(form.quoted_words_before)
