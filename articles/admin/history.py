"""An article's earlier versions: restoring one brings back its quotes, and needs the right
to change both the article as it is and the version."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from articles import revisions
from articles.models import Article


class RestoreWithQuotes:
    """ArticleAdmin's version pages, whose Restore button brings the quotes back too."""

    object_history_form_template = "admin/articles/article/object_history_form.html"

    def _may_restore(self, request, version):
        """Restoring needs the right to change both the current article and the version."""
        current = Article.objects.filter(pk=version.pk).first()
        if current is None:
            return self.has_add_permission(request) and self.has_change_permission(request, version)
        return self.has_change_permission(request, current) and self.has_change_permission(
            request, version
        )

    def revert_disabled(self, request, obj=None):
        if obj is not None and not self._may_restore(request, obj):
            return True
        return super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """An earlier version; its Restore button brings it back with its quotes."""
        object_id, version_id = unquote(object_id), unquote(version_id)
        if not (object_id.isdigit() and version_id.isdigit()):
            raise Http404("No such version.")
        record = get_object_or_404(Article.history.model, id=object_id, history_id=version_id)
        if request.method == "POST":
            if not self._may_restore(request, record.instance):
                raise PermissionDenied
            try:
                result = revisions.restore_article(record, request.user)
            except IntegrityError:
                self.message_user(
                    request,
                    "This version cannot be restored as it is: another article now has the "
                    "same slug and publish time. Change that article's slug, then restore.",
                    messages.ERROR,
                )
                return redirect(request.path)
            self.log_change(request, result.article, result.summary())
            self.message_user(request, result.summary(), messages.SUCCESS)
            return redirect(reverse("admin:articles_article_change", args=[result.article.pk]))
        extra_context = {
            **(extra_context or {}),
            "version_quotes": revisions.quote_records_as_of(record.id, record),
        }
        return super().history_form_view(request, object_id, version_id, extra_context)
