"""The one visibility rule: published, publish time reached, not in the trash."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Quote
from tests.factories import make_article, make_quote

pytestmark = pytest.mark.django_db


def test_published_article_in_the_past_is_public():
    article = make_article(published=True)
    assert list(Article.objects.published()) == [article]
    assert article.is_public


def test_draft_and_review_are_not_public():
    make_article(status=Article.Status.DRAFT)
    make_article(status=Article.Status.REVIEW)
    assert not Article.objects.published().exists()


def test_scheduled_article_becomes_public_when_its_time_comes():
    soon = timezone.now() + datetime.timedelta(hours=2)
    article = make_article(publish_at=soon)
    assert not Article.objects.published().exists()
    assert list(Article.objects.scheduled()) == [article]
    later = soon + datetime.timedelta(minutes=1)
    assert list(Article.objects.published(now=later)) == [article]


def test_soft_deleted_article_is_not_public():
    article = make_article()
    article.deleted_at = timezone.now()
    article.save()
    assert not Article.objects.published().exists()


def test_public_quotes_follow_their_article():
    body = "“We will not back down,” she said."
    public = make_article(body=body)
    draft = make_article(body=body, published=False)
    scheduled = make_article(body=body, publish_at=timezone.now() + datetime.timedelta(days=1))
    quotes = [
        make_quote(article=a, text="We will not back down,") for a in (public, draft, scheduled)
    ]
    assert list(Quote.objects.public()) == [quotes[0]]


def test_publishing_without_a_time_stamps_now():
    article = make_article(status=Article.Status.PUBLISHED, publish_at=None)
    assert article.publish_at is not None
    assert article.publish_at <= timezone.now()
