"""Corrections, clarifications and updates: what adding one does to its article.

The article's "updated" time moves to the correction's time; its address and its
feed id (made from `Article.uid`) stay as they were.
"""

from articles.models import Article, Correction
from entities.changes import announce


def correction_added(correction):
    """Move the article's update time to the correction's, when that is later.

    A queryset update: no new revision of the article and no edit conflict for an
    editor who has the article open. The public pages' cached copies are renewed.
    """
    Article.objects.filter(pk=correction.article_id, updated_at__lt=correction.created_at).update(
        updated_at=correction.created_at
    )
    announce(correction)


def add_correction(article, *, text, kind=Correction.Kind.CORRECTION, created_at=None):
    """Create a correction to `article` and update the article's time."""
    fields = {"article": article, "text": text, "kind": kind}
    if created_at is not None:
        fields["created_at"] = created_at
    correction = Correction.objects.create(**fields)
    correction_added(correction)
    return correction


def public_corrections():
    """Every correction the public may see, newest first, with its article."""
    return Correction.objects.public().select_related("article").order_by("-created_at", "-pk")
