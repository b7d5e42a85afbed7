"""Deleting an article is soft until an editor empties it from the trash."""

import pytest
from django.urls import reverse

from articles.models import Article, Quote
from tests.factories import make_article, make_quote, make_user

pytestmark = pytest.mark.django_db

BODY = "“We keep going,” she said."


def changelist_action(client, action, *articles):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles], "post": "yes"},
    )


def test_delete_moves_to_trash_and_restore_brings_it_back(client):
    client.force_login(make_user(role="Editor"))
    article = make_article(body=BODY)
    quote = make_quote(article=article, text="We keep going,")
    response = client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.deleted_at is not None
    assert not Article.objects.published().exists()
    assert not Quote.objects.public().exists()
    assert Quote.objects.filter(pk=quote.pk).exists()

    changelist_action(client, "restore_from_trash", article)
    article.refresh_from_db()
    assert article.deleted_at is None
    assert list(Quote.objects.public()) == [quote]


def test_bulk_delete_is_soft_and_empty_trash_is_for_good(client):
    client.force_login(make_user(role="Editor"))
    trashed, kept = make_article(), make_article()
    changelist_action(client, "delete_selected", trashed)
    assert Article.objects.filter(pk=trashed.pk, deleted_at__isnull=False).exists()
    changelist_action(client, "empty_from_trash", trashed, kept)
    assert not Article.objects.filter(pk=trashed.pk).exists()
    assert Article.objects.filter(pk=kept.pk).exists()


def test_reporter_cannot_delete_or_empty_the_trash(client):
    client.force_login(make_user(role="Reporter"))
    article = make_article(published=False)
    response = client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    changelist_action(client, "delete_selected", article)
    article.refresh_from_db()
    assert article.deleted_at is None
