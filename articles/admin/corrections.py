"""The corrections' own admin pages; a correction added here is announced like one added
on its article's page."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.corrections import correction_added
from articles.models import Correction
from entities.changes import PublicContentAdmin
from entities.history import ReadableHistory, RevertNeedsChangePermission


@admin.register(Correction)
class CorrectionAdmin(
    ReadableHistory, RevertNeedsChangePermission, PublicContentAdmin, SimpleHistoryAdmin
):
    list_display = ["article", "kind", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["text", "article__headline"]
    autocomplete_fields = ["article"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            correction_added(obj)
