"""Preview links in the admin: created and revoked from the article's page, all listed on
their own page."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone

from articles import previews
from articles.admin.forms import PreviewLinkForm
from articles.models import Article, PreviewLink
from entities import addresses

PREVIEW_LINK_PERMISSION = "articles.add_previewlink"
REVOKE_PREVIEW_PERMISSION = "articles.change_previewlink"
PREVIEW_LINKS_SHOWN = 20


def preview_address(link):
    """The preview's address on the host the editor is using (`SITE_URL` outside a request)."""
    return addresses.absolute(link.get_absolute_url())


class PreviewLinksPanel:
    """ArticleAdmin's preview-links panel: the article's links, and the views that create
    and revoke one."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview-links/",
                self.admin_site.admin_view(self.create_preview_link_view),
                name="articles_article_preview_link",
            ),
            path(
                "<int:pk>/preview-links/<int:link_pk>/revoke/",
                self.admin_site.admin_view(self.revoke_preview_link_view),
                name="articles_article_revoke_preview_link",
            ),
            *super().get_urls(),
        ]

    def preview_links_context(self, request, article):
        """The panel's links, form and address, for those who may create links."""
        if not request.user.has_perm(PREVIEW_LINK_PERMISSION):
            return {}
        return {
            "preview_links": [
                (link, preview_address(link))
                for link in article.preview_links.select_related("created_by", "article")[
                    :PREVIEW_LINKS_SHOWN
                ]
            ],
            "preview_link_form": PreviewLinkForm(),
            "preview_link_url": reverse("admin:articles_article_preview_link", args=[article.pk]),
        }

    def create_preview_link_view(self, request, pk):
        """Create a preview link for a draft; the address is shown to copy."""
        article = get_object_or_404(Article.objects.alive(), pk=pk)
        change_url = reverse("admin:articles_article_change", args=[pk])
        if request.method != "POST":
            return redirect(change_url)
        if not request.user.has_perm(PREVIEW_LINK_PERMISSION):
            raise PermissionDenied
        form = PreviewLinkForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request,
                f"Preview link not created: valid for (days): {form.errors['days'][0]}",
                messages.ERROR,
            )
        elif article.is_public:
            self.message_user(
                request,
                "This article is already public: share its address instead of a preview link.",
                messages.WARNING,
            )
        else:
            link = previews.create_preview_link(
                article, user=request.user, days=form.cleaned_data["days"]
            )
            until = timezone.localtime(link.expires_at)
            self.message_user(
                request,
                f"Preview link created, valid until {until:%Y-%m-%d %H:%M}. Copy it: "
                f"{preview_address(link)}",
                messages.SUCCESS,
            )
        return redirect(change_url + "#preview-links")

    def revoke_preview_link_view(self, request, pk, link_pk):
        link = get_object_or_404(PreviewLink, pk=link_pk, article_id=pk)
        if request.method != "POST":
            return redirect(reverse("admin:articles_article_change", args=[pk]))
        if not request.user.has_perm(REVOKE_PREVIEW_PERMISSION):
            raise PermissionDenied
        previews.revoke(PreviewLink.objects.filter(pk=link.pk))
        self.message_user(request, "Preview link revoked; it now opens nothing.", messages.SUCCESS)
        return redirect(reverse("admin:articles_article_change", args=[pk]) + "#preview-links")


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Every preview link; links are created from the article's page."""

    list_display = ["article", "state", "created_by", "created_at", "expires_at", "address"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "expires_at"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__headline"]
    actions = ["revoke_links"]
    fields = ["article", "address", "state", "created_by", "created_at", "expires_at", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="state")
    def state(self, link):
        if link.revoked_at:
            return "revoked"
        return "active" if link.is_active else "expired"

    @admin.display(description="address to copy")
    def address(self, link):
        return preview_address(link)

    @admin.action(description="Revoke the selected links", permissions=["change"])
    def revoke_links(self, request, queryset):
        count = previews.revoke(queryset)
        self.message_user(request, f"{count} preview link(s) revoked.", messages.SUCCESS)
