"""Publishing, scheduling, unpublishing and the trash, as article and queryset methods:
one permission rule, and every change announced to the public site."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Quote, can_publish
from entities.changes import content_changed
from tests.factories import make_article, make_quote, make_sector, make_user

pytestmark = pytest.mark.django_db

BODY = "Ministers met in Ottawa.\n\n“We are close to a deal,” the minister said."


@pytest.fixture
def editor():
    return make_user(role="Editor")


@pytest.fixture
def reporter():
    return make_user(role="Reporter")


@pytest.fixture
def announced():
    """The objects each `announce()` named, in order."""
    seen = []

    def receive(sender, objects=(), **kwargs):
        seen.append(list(objects))

    content_changed.connect(receive, weak=False, dispatch_uid="test-publishing")
    yield seen
    content_changed.disconnect(dispatch_uid="test-publishing")


def public_ids(now=None):
    return set(Article.objects.published(now).values_list("pk", flat=True))


def test_only_editors_may_publish(editor, reporter):
    assert can_publish(editor)
    assert not can_publish(reporter)


def test_publish_now(editor, announced):
    article = make_article(published=False)
    article.publish(by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert timezone.now() - article.publish_at < datetime.timedelta(minutes=1)
    assert public_ids() == {article.pk}
    assert announced == [[article]]


def test_publish_now_keeps_a_past_time_and_brings_a_future_one_forward(editor):
    earlier = timezone.now() - datetime.timedelta(days=2)
    later = timezone.now() + datetime.timedelta(days=2)
    kept = make_article(published=False, publish_at=earlier)
    brought_forward = make_article(published=True, publish_at=later)
    kept.publish(by=editor)
    brought_forward.publish(by=editor)
    assert kept.publish_at == earlier
    assert brought_forward.publish_at < later
    assert public_ids() == {kept.pk, brought_forward.pk}


def test_schedule_is_public_only_from_its_time(editor):
    article = make_article(published=False)
    at = timezone.now() + datetime.timedelta(hours=3)
    article.publish(by=editor, at=at)
    article.refresh_from_db()
    assert article.publish_at == at
    assert article.is_scheduled
    assert public_ids() == set()
    assert public_ids(now=at + datetime.timedelta(seconds=1)) == {article.pk}


def test_publishing_dates_the_quotes_and_records_a_revision(editor):
    article = make_article(published=False, body=BODY)
    quote = make_quote(article=article, text="We are close to a deal,")
    revisions = article.history.count()
    at = timezone.make_aware(datetime.datetime(2025, 10, 21, 9, 30))
    article.publish(by=editor, at=at)
    quote.refresh_from_db()
    assert quote.day == datetime.date(2025, 10, 21)
    assert article.history.count() == revisions + 1


def test_unpublish_goes_back_to_draft(editor, announced):
    article = make_article()
    publish_at = article.publish_at
    article.unpublish(by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.publish_at == publish_at
    assert public_ids() == set()
    assert announced == [[article]]


def test_trash_and_restore(editor, announced):
    article = make_article()
    article.move_to_trash(by=editor)
    article.refresh_from_db()
    assert article.deleted_at is not None
    assert article.state_label == "In trash"
    assert public_ids() == set()
    article.restore(by=editor)
    article.refresh_from_db()
    assert article.deleted_at is None
    assert public_ids() == {article.pk}
    assert announced == [[article], [article]]


def states():
    return sorted(Article.objects.values_list("pk", "status", "publish_at", "deleted_at"))


@pytest.mark.parametrize("change", ["publish", "unpublish", "move_to_trash", "restore"])
def test_a_reporter_is_refused_and_nothing_changes(reporter, announced, change):
    make_article(published=False)
    make_article()
    make_article().move_to_trash()
    announced.clear()
    before = states()
    for target in [*Article.objects.all(), Article.objects.all()]:
        with pytest.raises(PermissionDenied):
            getattr(target, change)(by=reporter)
    assert states() == before
    assert announced == []


def test_the_newsrooms_own_services_are_not_checked():
    article = make_article(published=False)
    article.publish()
    assert article.is_public


def test_queryset_publish_leaves_the_trash_alone(editor, announced):
    drafts = [make_article(published=False) for _ in range(2)]
    trashed = make_article(published=False)
    trashed.move_to_trash()
    announced.clear()
    assert Article.objects.all().publish(by=editor) == 2
    assert public_ids() == {article.pk for article in drafts}
    trashed.refresh_from_db()
    assert trashed.status == Article.Status.DRAFT
    assert [set(objects) for objects in announced] == [set(drafts)]


def test_queryset_schedule(editor):
    drafts = [make_article(published=False) for _ in range(2)]
    at = timezone.now() + datetime.timedelta(days=1)
    assert Article.objects.filter(pk__in=[a.pk for a in drafts]).publish(by=editor, at=at) == 2
    assert public_ids() == set()
    assert Article.objects.scheduled().count() == 2


def test_queryset_unpublish_trash_and_restore(editor, announced):
    first, second = make_article(), make_article()
    chosen = Article.objects.filter(pk__in=[first.pk, second.pk])
    assert chosen.unpublish(by=editor) == 2
    assert set(chosen.values_list("status", flat=True)) == {Article.Status.DRAFT}

    assert Article.objects.filter(pk=first.pk).move_to_trash(by=editor) == 1
    assert chosen.restore(by=editor) == 1  # Only what is in the trash comes back.
    assert not Article.objects.filter(deleted_at__isnull=False).exists()
    assert [set(objects) for objects in announced] == [{first, second}, {first}, {first}]


def test_empty_trash_deletes_only_what_is_in_the_trash(editor, reporter, announced):
    trashed, kept = make_article(body=BODY), make_article()
    quote = make_quote(article=trashed, text="We are close to a deal,")
    trashed.move_to_trash()
    announced.clear()
    chosen = Article.objects.filter(pk__in=[trashed.pk, kept.pk])
    with pytest.raises(PermissionDenied):
        chosen.empty_trash(by=reporter)
    assert Article.objects.filter(pk=trashed.pk).exists()
    assert announced == []

    assert chosen.empty_trash(by=editor) == 1
    assert list(Article.objects.all()) == [kept]
    assert not Quote.objects.filter(pk=quote.pk).exists()
    assert announced == [[trashed]]


def articles_with_quotes(count):
    """`count` drafts, each with two quotes dated by the article, one on a sector."""
    sector = make_sector(name=f"steel {count}")
    drafts = []
    for _ in range(count):
        article = make_article(published=False, body=BODY)
        make_quote(article=article, text="We are close to a deal,", sectors=[sector])
        make_quote(article=article, text="the minister said")
        drafts.append(article)
    return Article.objects.filter(pk__in=[a.pk for a in drafts])


@pytest.mark.parametrize(
    "change",
    [
        lambda chosen, by: chosen.publish(by=by),
        lambda chosen, by: chosen.unpublish(by=by),
        lambda chosen, by: chosen.move_to_trash(by=by),
    ],
    ids=["publish", "unpublish", "trash"],
)
def test_changing_many_articles_costs_the_same_queries_as_two(editor, change):
    def queries(count):
        chosen = articles_with_quotes(count)
        with CaptureQueriesContext(connection) as captured:
            assert change(chosen, editor) == count
        return len(captured.captured_queries)

    queries(1)  # warm per-process caches (content types, permissions)
    assert queries(6) == queries(2)


def test_publishing_many_dates_their_quotes_and_repeats_and_records_who(editor):
    chosen = articles_with_quotes(3)
    first = Quote.objects.filter(article=chosen[0]).first()
    later = make_article(
        body=BODY, publish_at=timezone.now() - datetime.timedelta(days=400), published=True
    )
    lumber = make_sector(name="lumber")
    repeat = make_quote(
        article=later, text="We are close to a deal,", first_appearance=first, sectors=[lumber]
    )
    at = timezone.make_aware(datetime.datetime(2025, 10, 21, 9, 30))

    assert chosen.publish(by=editor, at=at) == 3

    days = set(Quote.objects.filter(article__in=chosen).values_list("day", flat=True))
    assert days == {datetime.date(2025, 10, 21)}
    repeat.refresh_from_db()
    assert repeat.day == datetime.date(2025, 10, 21)  # Never after the words' first report.
    version = repeat.history.first()
    assert version.day == datetime.date(2025, 10, 21) and version.history_user == editor
    assert [link.sector_id for link in version.sectors.all()] == [lumber.pk]
    for article in chosen:
        latest = article.history.first()
        assert latest.status == Article.Status.PUBLISHED and latest.history_user == editor
        assert latest.publish_at == at
