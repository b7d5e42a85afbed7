"""The admin index's review queue: how many articles wait for an editor, and where."""

from django import template
from django.urls import reverse

from articles.models import Article

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue(context):
    """{"count", "url"} of the articles in review, or None for a user who may not see them."""
    request = context.get("request")
    if request is None or not request.user.has_perm("articles.view_article"):
        return None
    return {
        "count": Article.objects.in_review().count(),
        "url": reverse("admin:articles_article_changelist") + "?state=review",
    }
