"""Restoring earlier versions from the admin history: articles with their quotes, quotes, people."""

import pytest
from django.urls import reverse

from articles.models import Article, Quote
from articles.revisions import restore_article
from tests.factories import (
    FIXED_UPDATE,
    article_form,
    make_article,
    make_person,
    make_quote,
    make_sector,
    make_user,
)

pytestmark = pytest.mark.django_db

BODY = (
    "Ministers met in Ottawa.\n\n"
    "“We are close to a deal,” the minister said. “Steel comes first,” she added."
)
EDITED_BODY = "Ministers met in Ottawa on Monday.\n\n“Steel comes first,” she added."


def article_post(article, **overrides):
    """The admin change form's POST for `article`, with empty inline formsets."""
    return article_form(
        article,
        **{"publish_at_0": "", "publish_at_1": "", **FIXED_UPDATE, **overrides},
    )


def quote_form(index, quote=None, **fields):
    data = {
        "text": quote.text if quote else "",
        "kind": quote.kind if quote else "direct",
        "speaker": quote.speaker_id or "" if quote else "",
        "unnamed_speaker": quote.unnamed_speaker if quote else "",
        "speaker_title": quote.speaker_title if quote else "",
        "said_on": "",
    }
    if quote is not None:
        data.update(
            id=quote.pk,
            article=quote.article_id,
            sectors=[s.pk for s in quote.sectors.all()],
        )
    data.update(fields)
    return {f"quotes-{index}-{key}": value for key, value in data.items()}


def snapshot(quote):
    return (
        quote.pk,
        quote.uid,
        quote.text,
        quote.start,
        quote.end,
        quote.kind,
        quote.speaker_id,
        quote.speaker_title,
        sorted(s.pk for s in quote.sectors.all()),
    )


def history_url(record):
    return reverse("admin:articles_article_simple_history", args=[record.id, record.history_id])


@pytest.fixture
def story():
    """A draft with two quotes: the version an editor will want back."""
    article = make_article(published=False, body=BODY, headline="Ministers meet")
    minister = make_person(name="Anita Example")
    dropped = make_quote(article=article, text="We are close to a deal,", speaker=minister)
    changed = make_quote(
        article=article,
        text="Steel comes first,",
        speaker=minister,
        speaker_title="Minister",
        sectors=[make_sector(name="steel")],
    )
    return article, dropped, changed


def edit_in_admin(client, article, dropped, changed):
    """Edit the body, delete one quote, change another and add a third, in one save."""
    data = article_post(
        article,
        body=EDITED_BODY,
        **{"quotes-TOTAL_FORMS": "3", "quotes-INITIAL_FORMS": "2"},
    )
    data.update(quote_form(0, dropped, DELETE="on"))
    data.update(quote_form(1, changed, speaker_title="Deputy minister", kind="partial", sectors=[]))
    data.update(quote_form(2, text="on Monday", unnamed_speaker="officials", kind="partial"))
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["errors"]


def test_restoring_an_earlier_version_brings_back_the_body_and_its_quotes(client, story):
    article, dropped, changed = story
    before = [snapshot(dropped), snapshot(changed)]
    editor = make_user(role="Editor")
    client.force_login(editor)
    edit_in_admin(client, article, dropped, changed)

    article.refresh_from_db()
    assert article.body == EDITED_BODY
    assert not Quote.objects.filter(pk=dropped.pk).exists()
    assert Quote.objects.get(pk=changed.pk).speaker_title == "Deputy minister"
    added = Quote.objects.get(text="on Monday")

    earlier = article.history.filter(body=BODY).latest("history_date")
    page = client.get(history_url(earlier))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Restore this version with its quotes" in html
    assert "We are close to a deal," in html  # the quotes this version had are listed

    response = client.post(history_url(earlier), {"_restore": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])

    article.refresh_from_db()
    assert article.body == BODY
    restored = sorted(article.quotes.all(), key=lambda q: q.start)
    assert [snapshot(q) for q in restored] == before
    assert not Quote.objects.filter(pk=added.pk).exists()
    latest = article.history.latest("history_date")
    assert latest.history_user == editor
    assert latest.history_change_reason.startswith("Restored the version of")
    assert Quote.history.filter(id=dropped.pk).latest("history_date").history_user == editor

    # The restore is itself a version: restoring the edited one undoes it.
    edited = article.history.filter(body=EDITED_BODY).latest("history_date")
    client.post(history_url(edited), {"_restore": "1"})
    article.refresh_from_db()
    assert article.body == EDITED_BODY
    assert set(article.quotes.values_list("text", flat=True)) == {"Steel comes first,", "on Monday"}
    assert Quote.objects.get(pk=changed.pk).speaker_title == "Deputy minister"


def test_quotes_come_back_as_they_were_when_the_version_was_replaced(story):
    """Quote edits made after the article's last save belong to that (current) version."""
    article, dropped, changed = story
    first = article.history.latest("history_date")
    changed.speaker_title = "Acting minister"
    changed.save()
    article.body = EDITED_BODY
    article.save()
    dropped_pk = dropped.pk
    dropped.delete()
    restore_article(first, make_user(role="Editor"))
    assert Quote.objects.get(pk=changed.pk).speaker_title == "Acting minister"
    assert Quote.objects.filter(pk=dropped_pk).exists()


def test_restoring_keeps_the_address_feed_id_and_corrections(story):
    article, dropped, changed = story
    earlier = article.history.latest("history_date")
    uid = article.uid
    article.body = EDITED_BODY
    article.save()
    article.corrections.create(text="Clarified the minister's title.")
    result = restore_article(earlier, make_user(role="Editor"))
    article.refresh_from_db()
    assert article.body == BODY and article.uid == uid
    assert article.corrections.count() == 1
    assert result.recreated == 0 and result.removed == 0


def test_a_hard_deleted_quote_speaker_becomes_an_unnamed_source_flagged_for_review(story):
    article, dropped, changed = story
    earlier = article.history.latest("history_date")
    article.body = EDITED_BODY
    article.save()
    speaker = dropped.speaker
    Quote.objects.filter(pk__in=[dropped.pk, changed.pk]).delete()
    speaker.delete()
    restore_article(earlier, make_user(role="Editor"))
    restored = Quote.objects.get(pk=dropped.pk)
    assert restored.speaker is None
    assert restored.unnamed_speaker == "Anita Example"
    assert restored.needs_review and "deleted" in restored.review_note


def test_reporter_cannot_restore_a_published_article(client, story):
    article, dropped, changed = story
    earlier = article.history.latest("history_date")
    article.status = Article.Status.PUBLISHED
    article.body = EDITED_BODY
    article.save()
    client.force_login(make_user(role="Reporter"))
    page = client.get(history_url(earlier))
    assert page.status_code == 200
    assert "Restore this version with its quotes" not in page.content.decode()
    assert client.post(history_url(earlier), {"_restore": "1"}).status_code == 403
    article.refresh_from_db()
    assert article.body == EDITED_BODY and article.status == Article.Status.PUBLISHED


def test_reporter_cannot_bring_back_a_published_version_of_a_draft(client, story):
    article, dropped, changed = story
    article.status = Article.Status.PUBLISHED
    article.save()
    published = article.history.latest("history_date")
    article.status = Article.Status.DRAFT
    article.save()
    client.force_login(make_user(role="Reporter"))
    assert client.post(history_url(published), {"_restore": "1"}).status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_reporter_can_restore_a_draft(client, story):
    article, dropped, changed = story
    earlier = article.history.latest("history_date")
    article.body = EDITED_BODY
    article.save()
    client.force_login(make_user(role="Reporter"))
    assert client.post(history_url(earlier), {"_restore": "1"}).status_code == 302
    article.refresh_from_db()
    assert article.body == BODY


@pytest.mark.parametrize(
    "path",
    ["abc/history/1/", "1/history/xyz/", "999999/history/999999/"],
)
def test_bad_or_unknown_versions_are_a_404(client, path):
    client.force_login(make_user(role="Editor"))
    url = reverse("admin:articles_article_changelist") + path
    assert client.get(url).status_code == 404
    assert client.post(url, {"_restore": "1"}).status_code == 404


def form_values(response):
    """The values the history page's form shows: what the Revert button posts."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = "" if value is None else getattr(value, "pk", value)
    return data


def test_an_editor_reverts_a_quote_from_its_history(client, story):
    article, dropped, changed = story
    earlier = changed.history.latest("history_date")
    changed.speaker_title = "Former minister"
    changed.save()
    client.force_login(make_user(role="Editor"))
    url = reverse("admin:articles_quote_simple_history", args=[changed.pk, earlier.history_id])
    response = client.post(url, form_values(client.get(url)))
    assert response.status_code == 302
    changed.refresh_from_db()
    assert changed.speaker_title == "Minister"


def test_an_editor_reverts_a_person_from_its_history(client):
    person = make_person(name="Anita Example", title="Minister")
    earlier = person.history.latest("history_date")
    person.title = "Former minister"
    person.save()
    client.force_login(make_user(role="Editor"))
    url = reverse("admin:entities_person_simple_history", args=[person.pk, earlier.history_id])
    response = client.post(url, form_values(client.get(url)))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.title == "Minister"


def test_a_version_whose_slug_is_now_taken_is_refused_with_a_message(client, story):
    article, dropped, changed = story
    article.status = Article.Status.PUBLISHED
    article.save()
    earlier = article.history.latest("history_date")
    article.slug = "ministers-meet-again"
    article.save()
    make_article(headline="Other", slug=earlier.slug, publish_at=earlier.publish_at)
    client.force_login(make_user(role="Editor"))
    response = client.post(history_url(earlier), {"_restore": "1"}, follow=True)
    assert response.status_code == 200
    assert "another article now has the same slug" in response.content.decode()
    article.refresh_from_db()
    assert article.slug == "ministers-meet-again"
