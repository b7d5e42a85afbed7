"""Preview links: an editor shares one draft with a reviewer who has no account."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import PreviewLink
from articles.previews import MAX_LIFETIME_DAYS, create_preview_link
from tests.factories import make_article, make_quote, make_user

pytestmark = pytest.mark.django_db

BODY = "Ottawa weighed its reply.\n\n“We will not be rushed,” the minister said."


def draft(**fields):
    article = make_article(
        published=False, headline="Draft: Ottawa weighs reply", body=BODY, **fields
    )
    make_quote(article=article, text="We will not be rushed,", speaker_title="Minister")
    return article


def create_link_in_admin(client, article, days="7"):
    return client.post(
        reverse("admin:articles_article_preview_link", args=[article.pk]), {"days": days}
    )


def test_editor_creates_a_link_in_the_admin_and_sees_the_address_to_copy(client, settings):
    article = draft()
    client.force_login(make_user(role="Editor"))
    response = create_link_in_admin(client, article)
    assert response.status_code == 302
    link = PreviewLink.objects.get(article=article)
    assert len(link.token) >= 40
    address = f"http://testserver/preview/{link.token}/"  # the host the editor uses
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(address in m for m in messages), messages
    assert link.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = page.content.decode()
    assert address in html and "Create a preview link" in html


def test_the_preview_shows_the_draft_as_its_page_will_look_marked_and_unindexed(client):
    article = draft()
    link = create_preview_link(article, user=make_user(role="Editor"))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft: Ottawa weighs reply" in html
    assert "We will not be rushed," in html
    assert "Preview — not public." in html and "preview link" in html
    assert '<meta name="robots" content="noindex' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "sessionid" not in response.cookies
    # The same template and context as the article page itself.
    assert [t.name for t in response.templates][0] == "articles/article_detail.html"
    assert response.context["article"] == article


def test_a_link_opens_only_its_own_article_and_not_the_admin(client):
    article = draft()
    other = make_article(published=False, headline="Another secret draft")
    link = create_preview_link(article, user=make_user(role="Editor"))
    assert client.get(link.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 404
    admin = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert admin.status_code == 302 and "/login/" in admin["Location"]
    assert "Another secret draft" not in client.get(link.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("state", "status", "message"),
    [
        ("expired", 410, "This preview link has expired."),
        ("revoked", 410, "This preview link was withdrawn"),
        ("trashed", 410, "no longer available"),
        ("unknown", 404, "There is no preview at this address."),
    ],
)
def test_expired_revoked_trashed_and_unknown_links_show_nothing(client, state, status, message):
    article = draft()
    link = create_preview_link(article, user=make_user(role="Editor"))
    token = link.token
    if state == "expired":
        link.expires_at = timezone.now() - datetime.timedelta(seconds=1)
        link.save()
    elif state == "revoked":
        link.revoked_at = timezone.now()
        link.save()
    elif state == "trashed":
        article.move_to_trash()
    else:
        token = "not-a-real-token"
    response = client.get(f"/preview/{token}/")
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert "We will not be rushed" not in html and "Ottawa weighs reply" not in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-store"


def test_editor_revokes_a_link_from_the_article_page(client):
    article = draft()
    link = create_preview_link(article, user=make_user(role="Editor"))
    client.force_login(make_user(role="Editor"))
    response = client.post(
        reverse("admin:articles_article_revoke_preview_link", args=[article.pk, link.pk])
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    client.logout()
    assert client.get(link.get_absolute_url()).status_code == 410


def test_revoke_action_in_the_preview_link_list(client):
    link = create_preview_link(draft(), user=make_user(role="Editor"))
    client.force_login(make_user(role="Editor"))
    listing = client.get(reverse("admin:articles_previewlink_changelist"))
    assert listing.status_code == 200 and link.token in listing.content.decode()
    client.post(
        reverse("admin:articles_previewlink_changelist"),
        {"action": "revoke_links", "_selected_action": [link.pk]},
    )
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_reporters_cannot_create_or_revoke_links(client):
    article = draft()
    link = create_preview_link(article, user=make_user(role="Editor"))
    client.force_login(make_user(role="Reporter"))
    assert create_link_in_admin(client, article).status_code == 403
    revoke = client.post(
        reverse("admin:articles_article_revoke_preview_link", args=[article.pk, link.pk])
    )
    assert revoke.status_code == 403
    assert PreviewLink.objects.count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "Create a preview link" not in page.content.decode()
    assert client.get(reverse("admin:articles_previewlink_changelist")).status_code == 403


@pytest.mark.parametrize("days", ["0", str(MAX_LIFETIME_DAYS + 1), "soon", ""])
def test_a_bad_lifetime_is_refused_with_a_message_naming_the_field(client, days):
    article = draft()
    client.force_login(make_user(role="Editor"))
    response = create_link_in_admin(client, article, days=days)
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("valid for (days)" in m for m in messages), messages
    assert not PreviewLink.objects.exists()


def test_no_link_for_an_article_that_is_already_public(client):
    article = make_article(headline="Already out")
    client.force_login(make_user(role="Editor"))
    response = create_link_in_admin(client, article)
    assert response.status_code == 302
    assert not PreviewLink.objects.exists()


def test_unknown_article_or_link_in_the_admin_is_a_404(client):
    client.force_login(make_user(role="Editor"))
    assert (
        client.post(
            reverse("admin:articles_article_preview_link", args=[999999]), {"days": "7"}
        ).status_code
        == 404
    )
    article = draft()
    response = client.post(
        reverse("admin:articles_article_revoke_preview_link", args=[article.pk, 999999])
    )
    assert response.status_code == 404


def test_preview_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = draft()
    link = create_preview_link(article, user=make_user(role="Editor"))
    client.get(link.get_absolute_url())
    with CaptureQueriesContext(connection) as small:
        client.get(link.get_absolute_url())
    for text in ("Ottawa weighed", "its reply."):
        make_quote(article=article, text=text)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(link.get_absolute_url())
