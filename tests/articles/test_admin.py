"""The editors' admin: roles enforced on the server, quote anchoring, review queue."""

import pytest
from django.urls import reverse

from articles.models import Article, Quote
from tests.factories import SIGNED, article_form, make_article, make_person, make_quote, make_user

pytestmark = pytest.mark.django_db

BODY = "Ministers met in Ottawa.\n\n“We are close to a deal,” the minister said."


def article_post(**overrides):
    """The admin add form's POST for a new draft, with empty inline formsets."""
    return article_form(**{**SIGNED, **overrides})


def quote_form(index, **fields):
    data = {
        "text": "",
        "kind": "direct",
        "speaker": "",
        "unnamed_speaker": "",
        "speaker_title": "",
        "said_on": "",
    }
    data.update(fields)
    return {f"quotes-{index}-{key}": value for key, value in data.items()}


def test_reporter_can_create_a_draft(client, reporter):
    response = client.post(reverse("admin:articles_article_add"), article_post())
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by == reporter


def test_reporter_cannot_publish_by_a_crafted_post(client, reporter):
    response = client.post(
        reverse("admin:articles_article_add"),
        article_post(status="published", publish_at_0="2025-10-21", publish_at_1="10:00:00"),
    )
    assert response.status_code == 200
    assert "Only editors can publish" in response.content.decode()
    assert not Article.objects.exists()


def test_reporter_cannot_publish_with_the_action(client, reporter):
    article = make_article(published=False)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_reporter_cannot_edit_a_published_article(client, reporter):
    article = make_article(published=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post(headline="Changed", status="draft"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.headline != "Changed"


def test_editor_can_publish(client, editor):
    response = client.post(
        reverse("admin:articles_article_add"),
        article_post(status="published", publish_at_0="2025-10-21", publish_at_1="10:00:00"),
    )
    assert response.status_code == 302
    assert Article.objects.published().count() == 1


def test_editor_publish_and_unpublish_actions(client, editor):
    article = make_article(published=False)
    changelist = reverse("admin:articles_article_changelist")
    client.post(changelist, {"action": "publish_now", "_selected_action": [article.pk]})
    assert Article.objects.published().filter(pk=article.pk).exists()
    client.post(changelist, {"action": "unpublish", "_selected_action": [article.pk]})
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_pasting_quote_text_computes_its_offsets(client, editor):
    speaker = make_person(name="Hana Okafor")
    data = article_post(**{"quotes-TOTAL_FORMS": "1"})
    data.update(quote_form(0, text="We are close to a deal,", speaker=speaker.pk))
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    quote = Quote.objects.get()
    assert quote.article.body[quote.start : quote.end] == "We are close to a deal,"
    assert quote.prefix.endswith("“")


def test_quote_text_not_in_the_body_is_a_form_error(client, editor):
    speaker = make_person()
    data = article_post(**{"quotes-TOTAL_FORMS": "1"})
    data.update(quote_form(0, text="Words nobody wrote", speaker=speaker.pk))
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "not in the article" in response.content.decode()
    assert not Article.objects.exists()


def test_quote_without_any_speaker_is_a_form_error(client, editor):
    data = article_post(**{"quotes-TOTAL_FORMS": "1"})
    data.update(quote_form(0, text="We are close to a deal,"))
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "unnamed source" in response.content.decode()


def test_editing_the_body_flags_lost_quotes_in_the_changelist(client, editor):
    article = make_article(body=BODY, headline="Ministers meet", slug="ministers-meet")
    quote = make_quote(article=article, text="We are close to a deal,")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post(
        body="Ministers met in Ottawa.\n\nNo comment was given.",
        status="published",
        publish_at_0="2025-10-21",
        publish_at_1="10:00:00",
        **{"quotes-TOTAL_FORMS": "1", "quotes-INITIAL_FORMS": "1"},
    )
    data.update(
        quote_form(
            0,
            id=quote.pk,
            article=article.pk,
            text=quote.text,
            speaker=quote.speaker_id,
        )
    )
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    quote.refresh_from_db()
    assert quote.needs_review
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert "1 to review" in changelist.content.decode()


@pytest.mark.parametrize("role", ["Reporter", "Editor"])
def test_admin_pages_render_for_each_role(client, role):
    client.force_login(make_user(role=role))
    article = make_article(published=False)
    for name, args in [
        ("admin:articles_article_changelist", []),
        ("admin:articles_article_change", [article.pk]),
        ("admin:articles_article_add", []),
        ("admin:articles_quote_changelist", []),
        ("admin:entities_person_changelist", []),
        ("admin:entities_event_add", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_second_editor_to_save_is_told_and_loses_nothing(client, editor):
    article = make_article(body=BODY, headline="Ministers meet", slug="ministers-meet")
    url = reverse("admin:articles_article_change", args=[article.pk])
    opened = article.version
    common = {
        "status": "published",
        "publish_at_0": "2025-10-21",
        "publish_at_1": "10:00:00",
        "base_version": opened,
    }
    first = client.post(url, article_post(headline="First editor's headline", **common))
    assert first.status_code == 302
    second = client.post(url, article_post(headline="Second editor's headline", **common))
    assert second.status_code == 200
    page = second.content.decode()
    assert "Someone else saved this article" in page
    assert "First editor&#x27;s headline" in page  # what changed
    assert "Second editor&#x27;s headline" in page  # what they typed, still in the form
    article.refresh_from_db()
    assert article.headline == "First editor's headline"
    # Having seen the conflict, saving again (the form now carries the new version) wins.
    again = client.post(
        url,
        article_post(headline="Second editor's headline", **{**common, "base_version": opened + 1}),
    )
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Second editor's headline"


def test_quote_edited_inline_after_someone_else_saved_it_is_a_conflict(client, editor):
    article = make_article(body=BODY, headline="Ministers meet", slug="ministers-meet")
    quote = make_quote(article=article, text="We are close to a deal,")
    url = reverse("admin:articles_article_change", args=[article.pk])
    opened = client.get(url).context["inline_admin_formsets"][0].formset.forms[0]
    loaded_at = opened["loaded_at"].value()

    other = make_person(name="Someone Else")
    Quote.objects.filter(pk=quote.pk).update(speaker=other)  # another editor's save
    Quote.objects.get(pk=quote.pk).save()  # bumps its updated time

    data = article_post(
        status="published",
        publish_at_0="2025-10-21",
        publish_at_1="10:00:00",
        base_version=article.version,
        **{"quotes-TOTAL_FORMS": "1", "quotes-INITIAL_FORMS": "1"},
    )
    mine = make_person(name="My Choice")
    data.update(
        quote_form(
            0,
            id=quote.pk,
            article=article.pk,
            text=quote.text,
            speaker=mine.pk,
            loaded_at=loaded_at,
        )
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else changed this quote" in response.content.decode()
    quote.refresh_from_db()
    assert quote.speaker == other  # nothing overwritten
    assert f'value="{mine.pk}" selected' in response.content.decode()  # nothing lost


def test_mentions_show_and_take_the_forms_used_as_one_line_of_names(client, editor):
    from articles.admin.forms import MentionInlineForm
    from tests.factories import make_mention, make_organization

    article = make_article(headline="Trade office speaks", body=BODY)
    office = make_organization(name="Office of the Trade Representative")
    mention = make_mention(article=article, entity=office, aliases=["USTR", "the trade office"])
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = page.content.decode()
    assert 'value="USTR; the trade office"' in html
    assert "[&quot;USTR&quot;" not in html
    fields = {"role": "mentions", "organization": str(office.pk), "id": str(mention.pk)}
    unchanged = MentionInlineForm({**fields, "aliases": "USTR; the trade office"}, instance=mention)
    assert unchanged.is_valid(), unchanged.errors
    assert not unchanged.has_changed()
    typed = MentionInlineForm(
        {**fields, "aliases": " USTR ;ustr; Office of the USTR\nthe office "}, instance=mention
    )
    assert typed.is_valid(), typed.errors
    assert typed.has_changed()
    assert typed.save().aliases == ["USTR", "Office of the USTR", "the office"]
    assert 'name="mentions-0-aliases"' in html
