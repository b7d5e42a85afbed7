"""Telling the public site that what readers see has changed.

Whatever writes something the public site shows (the admin, the newsroom's
publishing and import services, merges, restored revisions) calls `announce()`
with the objects it changed, or with none when everything may have. The public
site (`articles.public`) receives it and makes the cached pages showing those
objects stale once the write commits. So the catalogue and the newsroom never
import the public site, and the public site's cache stays their only listener.
"""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.dispatch import Signal

# Sent with `objects`: the changed objects, read before the write commits (empty
# when the whole site may have changed).
content_changed = Signal()


def announce(*objects):
    """Say that `objects` (or, with none, everything public) changed in this transaction."""
    content_changed.send(sender=None, objects=objects)


class PublicContentAdmin:
    """ModelAdmin mixin for what the public site shows: saves, deletions and actions make
    the pages showing the objects concerned stale (their links read before and after).

    Publishing, unpublishing, the trash, merges and restored revisions all pass here.
    """

    def save_model(self, request, obj, form, change):
        announce(obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        announce(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        announce(*queryset)
        super().delete_queryset(request, queryset)

    def response_action(self, request, queryset):
        chosen = request.POST.getlist(ACTION_CHECKBOX_NAME)
        # The rows ticked; "select all" (every row of the list) changes the whole site.
        targeted = bool(chosen) and not request.POST.get("select_across") == "1"
        targeted = targeted and all(pk.isdigit() for pk in chosen)
        if targeted:
            announce(*queryset.filter(pk__in=chosen))
        else:
            announce()
        return super().response_action(request, queryset)
