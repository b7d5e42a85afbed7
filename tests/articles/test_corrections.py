"""Corrections: added by editors, shown on the article, on /corrections/ and in feeds."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.corrections import add_correction
from articles.models import Article, Correction
from articles.public.feeds.articles import tag_uri
from articles.public.views import CORRECTIONS_PER_PAGE
from tests.factories import empty_article_inlines, make_article, make_correction, make_user

pytestmark = pytest.mark.django_db

WRONG_RATE = "An earlier version gave the tariff rate as 35%. It is 25%."


def an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)


def published_article(**fields):
    when = an_hour_ago()
    return make_article(publish_at=when, updated_at=when, **fields)


def article_change_data(article, **extra):
    """The article's change form as the admin posts it, with no inline rows."""
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "tags": "",
        "byline": article.byline,
        "outlet": article.outlet,
        "dateline": article.dateline,
        "original_url": article.original_url,
        "external_id": article.external_id,
        "status": article.status,
        "publish_at_0": timezone.localtime(article.publish_at).strftime("%Y-%m-%d"),
        "publish_at_1": timezone.localtime(article.publish_at).strftime("%H:%M:%S"),
        "updated_at_0": timezone.localtime(article.updated_at).strftime("%Y-%m-%d"),
        "updated_at_1": timezone.localtime(article.updated_at).strftime("%H:%M:%S"),
        "base_version": article.version,
    }
    data.update(empty_article_inlines())
    data.update(extra)
    return data


def test_editor_adds_a_correction_in_the_article_admin_and_the_update_time_moves(client):
    article = published_article()
    url_before, uid_before = article.get_absolute_url(), article.uid
    client.force_login(make_user(role="Editor"))
    now = timezone.localtime()
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_change_data(
            article,
            **{
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-kind": "correction",
                "corrections-0-text": WRONG_RATE,
                "corrections-0-created_at_0": now.strftime("%Y-%m-%d"),
                "corrections-0-created_at_1": now.strftime("%H:%M:%S"),
            },
        ),
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    correction = Correction.objects.get(article=article)
    article.refresh_from_db()
    assert article.updated_at == correction.created_at
    assert article.updated_at > article.publish_at + datetime.timedelta(minutes=30)
    assert article.get_absolute_url() == url_before and article.uid == uid_before

    page = client.get(url_before)
    assert page.status_code == 200
    html = page.content.decode()
    assert WRONG_RATE in html
    assert f'id="{correction.anchor}"' in html
    assert "Updated <time" in html


def test_correction_added_on_its_own_admin_page_moves_the_update_time(client):
    article = published_article()
    client.force_login(make_user(role="Editor"))
    now = timezone.localtime()
    response = client.post(
        reverse("admin:articles_correction_add"),
        {
            "article": article.pk,
            "kind": "update",
            "text": "Adds the minister's reply.",
            "created_at_0": now.strftime("%Y-%m-%d"),
            "created_at_1": now.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.updated_at == Correction.objects.get().created_at


def test_a_backdated_correction_does_not_move_the_update_time_back():
    article = published_article()
    article.updated_at = timezone.now()
    article.save()
    before = Article.objects.get(pk=article.pk).updated_at
    add_correction(article, text="Old note", created_at=before - datetime.timedelta(days=1))
    assert Article.objects.get(pk=article.pk).updated_at == before


def test_reporters_can_read_corrections_but_not_add_them(client):
    article = published_article()
    correction = make_correction(article=article)
    client.force_login(make_user(role="Reporter"))
    assert client.get(reverse("admin:articles_correction_changelist")).status_code == 200
    now = timezone.localtime()
    response = client.post(
        reverse("admin:articles_correction_add"),
        {
            "article": article.pk,
            "kind": "correction",
            "text": "Sneaky",
            "created_at_0": now.strftime("%Y-%m-%d"),
            "created_at_1": now.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 403
    response = client.post(
        reverse("admin:articles_correction_change", args=[correction.pk]),
        {"article": article.pk, "kind": "update", "text": "Changed"},
    )
    assert response.status_code == 403
    assert Correction.objects.get().text == correction.text


def test_corrections_page_lists_public_ones_newest_first_and_nothing_else(client):
    public = published_article(headline="Steel talks resume")
    older = add_correction(public, text="First fix.", created_at=an_hour_ago())
    newer = add_correction(public, text="Second fix.", kind=Correction.Kind.CLARIFICATION)
    draft = make_article(published=False, headline="Secret draft")
    add_correction(draft, text="Draft-only note.")
    scheduled = make_article(publish_at=timezone.now() + datetime.timedelta(days=1))
    add_correction(scheduled, text="Scheduled-only note.")
    trashed = published_article()
    add_correction(trashed, text="Trashed-only note.")
    trashed.move_to_trash()

    response = client.get(reverse("articles:corrections"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Second fix.") < html.index("First fix.")
    assert "Clarification" in html
    for hidden in ("Draft-only", "Scheduled-only", "Trashed-only", "Secret draft"):
        assert hidden not in html
    assert newer.get_absolute_url() in html and older.get_absolute_url() in html
    assert 'href="/corrections/feed/"' in html and 'href="/corrections/feed/atom/"' in html


def test_corrections_page_is_paginated_and_bad_pages_are_answered(client):
    article = published_article()
    for n in range(CORRECTIONS_PER_PAGE + 3):
        add_correction(article, text=f"Fix number {n:02d}.", created_at=an_hour_ago())
    first = client.get("/corrections/").content.decode()
    assert first.count('class="correction-list__item"') == CORRECTIONS_PER_PAGE
    second = client.get("/corrections/?page=2").content.decode()
    assert second.count('class="correction-list__item"') == 3
    assert client.get("/corrections/?page=3").status_code == 404
    bad = client.get("/corrections/?page=two")
    assert bad.status_code == 400
    assert "The page must be a whole number." in bad.content.decode()
    assert client.get("/corrections/?page=0").status_code == 400


def test_corrections_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for _ in range(2):
        add_correction(published_article(), text="Fix.")
    client.get("/corrections/")
    with CaptureQueriesContext(connection) as small:
        assert client.get("/corrections/").status_code == 200
    for _ in range(6):
        add_correction(published_article(), text="Fix.")
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/corrections/")


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/corrections/feed/", "application/rss+xml; charset=utf-8"),
        ("/corrections/feed/atom/", "application/atom+xml; charset=utf-8"),
    ],
)
def test_corrections_feed_items_have_permanent_ids(client, url, content_type):
    article = published_article(headline="Steel talks resume")
    correction = add_correction(article, text=WRONG_RATE)
    add_correction(make_article(published=False), text="Draft-only note.")

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.id for entry in feed.entries] == [tag_uri("correction", correction.uid)]
    entry = feed.entries[0]
    assert entry.title == "Correction: Steel talks resume"
    assert entry.link.endswith(correction.get_absolute_url())
    assert WRONG_RATE in entry.summary

    article.headline = "Steel talks resume in Ottawa"
    article.slug = "steel-talks-ottawa"
    article.save()
    again = feedparser.parse(client.get(url).content).entries[0]
    assert again.id == entry.id
    assert again.title == "Correction: Steel talks resume in Ottawa"


def test_corrections_feed_answers_a_conditional_get_and_changes_with_a_new_correction(client):
    article = published_article()
    add_correction(article, text="First fix.")
    first = client.get("/corrections/feed/")
    assert (
        client.get("/corrections/feed/", headers={"if-none-match": first["ETag"]}).status_code
        == 304
    )
    add_correction(article, text="Second fix.")
    changed = client.get("/corrections/feed/", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert "Second fix." in changed.content.decode()


def test_the_article_feed_item_keeps_its_id_and_carries_the_correction(client):
    article = published_article()
    before = feedparser.parse(client.get("/feeds/latest/atom/").content).entries[0]
    add_correction(article, text=WRONG_RATE)
    after = feedparser.parse(client.get("/feeds/latest/atom/").content).entries[0]
    assert after.id == before.id == tag_uri("article", article.uid)
    assert after.link == before.link
    assert WRONG_RATE in after.content[0].value
    assert after.updated_parsed > before.updated_parsed
