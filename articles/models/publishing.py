"""Publishing, unpublishing and the trash: who may do each, what it writes, and telling
the public site (`entities.changes.announce`) that the articles changed."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from entities.changes import announce

PUBLISH_PERMISSION = "articles.publish_article"
TRASH_PERMISSION = "articles.delete_article"


def can_publish(user):
    """Whether `user` may publish, schedule and unpublish articles: editors may, reporters not."""
    return user.has_perm(PUBLISH_PERMISSION)


def can_trash(user):
    """Whether `user` may move articles to the trash and restore them."""
    return user.has_perm(TRASH_PERMISSION)


def _check(rule, by):
    """Refuse `by` (a user, or None for the system) what `rule` does not allow."""
    if by is not None and not rule(by):
        raise PermissionDenied


class Publishable:
    """Article methods that change where an article stands, each announced to the public site.

    `by` is the user acting: without the permission they get PermissionDenied and nothing
    changes. None is the newsroom's own services, which are not checked.
    """

    def publish(self, *, by=None, at=None):
        """Publish now, or schedule for `at` when that time is still to come.

        Without `at`, an article already public keeps its publish time; one without a
        time, or scheduled for later, is public from now.
        """
        _check(can_publish, by)
        announce(self)
        self._set_published(at)
        self.save()

    def unpublish(self, *, by=None):
        """Back to draft: off the public site, publish time kept."""
        _check(can_publish, by)
        announce(self)
        self.status = self.Status.DRAFT
        self.save()

    def move_to_trash(self, *, by=None):
        """Soft delete: the article leaves the public site; an editor can restore it."""
        _check(can_trash, by)
        announce(self)
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at"])

    def restore(self, *, by=None):
        """Take the article out of the trash, as it stood when it went in."""
        _check(can_trash, by)
        announce(self)
        type(self).objects.filter(pk=self.pk).update(deleted_at=None)
        self.deleted_at = None

    def _set_published(self, at):
        self.status = self.Status.PUBLISHED
        if at is not None:
            self.publish_at = at
        elif self.publish_at is None or self.publish_at > timezone.now():
            self.publish_at = timezone.now()


class PublishingQuerySet(models.QuerySet):
    """The same changes for many articles at once (the admin's actions); each returns the
    number of articles changed.

    Articles are saved one by one, as when edited: each save re-dates the article's quotes
    when its publish time moves and records a revision.
    """

    def publish(self, *, by=None, at=None):
        """Publish (or schedule for `at`) the articles that are not in the trash."""
        _check(can_publish, by)
        articles = list(self.alive())
        announce(*articles)
        for article in articles:
            article._set_published(at)
            article.save()
        return len(articles)

    def unpublish(self, *, by=None):
        """Move the articles back to draft."""
        _check(can_publish, by)
        articles = list(self)
        announce(*articles)
        for article in articles:
            article.status = self.model.Status.DRAFT
            article.save()
        return len(articles)

    def move_to_trash(self, *, by=None):
        """Move the articles to the trash."""
        _check(can_trash, by)
        articles = list(self)
        announce(*articles)
        for article in articles:
            article.deleted_at = timezone.now()
            article.save(update_fields=["deleted_at"])
        return len(articles)

    def restore(self, *, by=None):
        """Take the articles that are in the trash out of it."""
        _check(can_trash, by)
        trashed = self.filter(deleted_at__isnull=False)
        announce(*trashed)
        return trashed.update(deleted_at=None)

    def empty_trash(self, *, by=None):
        """Delete for good the articles that are in the trash; the others are left alone."""
        _check(can_trash, by)
        trashed = list(self.filter(deleted_at__isnull=False))
        announce(*trashed)
        self.filter(pk__in=[article.pk for article in trashed]).delete()
        return len(trashed)
