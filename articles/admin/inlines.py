"""What an article's change page edits with it: its quotes, mentions and corrections."""

from django.contrib import admin

from articles.admin.forms import MentionInlineForm, QuoteInlineForm, QuoteInlineFormSet
from articles.models import Correction, Mention, Quote


class QuoteInline(admin.StackedInline):
    model = Quote
    form = QuoteInlineForm
    formset = QuoteInlineFormSet
    extra = 0
    autocomplete_fields = ["speaker", "sectors", "events"]
    show_change_link = True
    fieldsets = [
        (None, {"fields": ["text", ("kind", "is_key", "needs_review"), "loaded_at"]}),
        ("Speaker", {"fields": [("speaker", "unnamed_speaker"), ("speaker_title", "said_on")]}),
        ("About", {"fields": ["sectors", "events"]}),
    ]

    def get_formset(self, request, obj=None, **kwargs):
        formset_class = super().get_formset(request, obj, **kwargs)
        body = request.POST.get("body") if request.method == "POST" else None

        class BoundFormSet(formset_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, parent_body=body, **kw)

        return BoundFormSet


class MentionInline(admin.TabularInline):
    model = Mention
    form = MentionInlineForm
    extra = 0
    fields = ["role", "person", "organization", "sector", "event", "country", "aliases"]
    autocomplete_fields = ["person", "organization", "sector", "event", "country"]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at"]
