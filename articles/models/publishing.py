"""Publishing, unpublishing and the trash: who may do each, what it writes, and telling
the public site (`entities.changes.announce`) that the articles changed."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from entities.changes import announce
from entities.versions import Versions, acting_user

PUBLISH_PERMISSION = "articles.publish_article"
TRASH_PERMISSION = "articles.delete_article"


def publish_day(publish_at):
    """The day of a publish time, in the newsroom's time zone (None for no time)."""
    return timezone.localdate(publish_at) if publish_at else None


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

    def _set_published(self, at, now=None):
        now = now or timezone.now()
        self.status = self.Status.PUBLISHED
        if at is not None:
            self.publish_at = at
        elif self.publish_at is None or self.publish_at > now:
            self.publish_at = now


class PublishingQuerySet(models.QuerySet):
    """The same changes for many articles at once (the admin's actions); each returns the
    number of articles changed.

    A fixed number of queries whatever the number of articles: the articles are read
    once, written in one UPDATE, and their versions recorded in one INSERT, as their
    saves would have; quotes dated by a publish time that moved are dated again.
    """

    def publish(self, *, by=None, at=None):
        """Publish (or schedule for `at`) the articles that are not in the trash."""
        _check(can_publish, by)
        articles = list(self.alive())
        if not articles:
            return 0
        announce(*articles)
        now = timezone.now()
        moved = []
        for n, article in enumerate(articles):
            before = article.publish_at
            # A microsecond apart, so that two articles with one slug keep distinct addresses.
            article._set_published(at, now=now + datetime.timedelta(microseconds=n))
            if article.publish_at != before:
                moved.append(article)
        _store(articles, ["status", "publish_at"], by)
        redate_quotes(moved, by)
        return len(articles)

    def unpublish(self, *, by=None):
        """Move the articles back to draft."""
        _check(can_publish, by)
        articles = list(self)
        if not articles:
            return 0
        announce(*articles)
        for article in articles:
            article.status = self.model.Status.DRAFT
        _store(articles, ["status"], by)
        return len(articles)

    def move_to_trash(self, *, by=None):
        """Move the articles to the trash."""
        _check(can_trash, by)
        articles = list(self)
        if not articles:
            return 0
        announce(*articles)
        now = timezone.now()
        for article in articles:
            article.deleted_at = now
        _store(articles, ["deleted_at"], by)
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


def _store(articles, fields, by):
    """Write `fields` of `articles` in one UPDATE and record the version of each."""
    bulk_update_with_history(articles, type(articles[0]), fields, default_user=by or acting_user())


def redate_quotes(articles, by=None):
    """Date again the quotes dated by `articles`, whose publish times moved: what saving
    each article does, in one query for their own quotes and a few for repeats."""
    if not articles:
        return
    Quote = articles[0].quotes.model
    Quote.objects.filter(article__in=articles, said_on__isnull=True).update(
        day=Case(
            *[When(article_id=a.pk, then=Value(publish_day(a.publish_at))) for a in articles],
            output_field=models.DateField(),
        )
    )
    # Repeats of earlier reports: here, or of these articles' quotes elsewhere.
    repeats = list(
        Quote.objects.filter(
            Q(article__in=articles, first_appearance__isnull=False)
            | Q(first_appearance__article__in=articles)
        ).select_related("article", "first_appearance")
    )
    for quote in repeats:
        quote.day = quote.said_day()
    if repeats:
        Quote.objects.bulk_update(repeats, ["day"])
        Versions.of_saves(repeats, user=by)
