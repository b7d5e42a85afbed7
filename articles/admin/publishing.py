"""Publishing, unpublishing and the trash from the article list: each action calls the
articles' queryset method of the same change."""

from django.contrib import admin, messages

from articles.models import can_publish


class PublishingActions:
    """ArticleAdmin's actions; deleting an article moves it to the trash."""

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def delete_model(self, request, obj):
        obj.move_to_trash(by=request.user)

    def delete_queryset(self, request, queryset):
        queryset.move_to_trash(by=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (
                type(self).delete_selected_to_trash,
                name,
                "Move selected articles to the trash",
            )
        return actions

    @admin.action(permissions=["delete"])
    def delete_selected_to_trash(self, request, queryset):
        count = queryset.count()
        self.delete_queryset(request, queryset)
        self.message_user(
            request,
            f"{count} article(s) moved to the trash. They left the public site; "
            "an editor can restore them (filter “In trash since”).",
            messages.SUCCESS,
        )

    @admin.action(description="Restore from the trash", permissions=["delete"])
    def restore_from_trash(self, request, queryset):
        count = queryset.restore(by=request.user)
        self.message_user(request, f"{count} article(s) restored.", messages.SUCCESS)

    @admin.action(description="Empty from the trash (delete for good)", permissions=["delete"])
    def empty_from_trash(self, request, queryset):
        count = queryset.empty_trash(by=request.user)
        self.message_user(
            request,
            f"{count} article(s) deleted for good. Articles not in the trash were left alone.",
            messages.SUCCESS,
        )

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        count = queryset.publish(by=request.user)
        self.message_user(request, f"{count} article(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = queryset.unpublish(by=request.user)
        self.message_user(request, f"{count} article(s) moved back to draft.", messages.SUCCESS)
