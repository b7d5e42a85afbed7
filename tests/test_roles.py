"""Who may do what in the admin, enforced on the server: every action × every role.

Each attempt is a hand-built request (what a crafted POST would send, whatever the
buttons on the page show), followed by a look at the database. A refused attempt
is a 403, a redirect to the login page (anonymous) or an answer that changed
nothing; an allowed one did what it says.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Correction, PreviewLink, Quote
from articles.previews import create_preview_link as create_preview_link_for
from entities.models import Person
from tests.factories import (
    SIGNED,
    article_form,
    make_article,
    make_correction,
    make_person,
    make_quote,
    make_sector,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reporter", "editor", "superuser")
BODY = "Ministers met in Ottawa.\n\n“We are close to a deal,” the minister said."
YES, NO = True, False


def article_post(article=None, **overrides):
    """The article add/change form's POST, with empty inline formsets."""
    return article_form(article, **{**SIGNED, **overrides})


@dataclass
class Attempt:
    response: object
    happened: bool


def changelist_action(client, model_admin_url, action, objects, **extra):
    return client.post(
        reverse(model_admin_url),
        {"action": action, "_selected_action": [o.pk for o in objects], "post": "yes", **extra},
    )


# The actions. Each builds what it needs, tries, and reports whether it took effect.


def add_draft(client):
    response = client.post(reverse("admin:articles_article_add"), article_post())
    return Attempt(response, Article.objects.filter(headline="Ministers meet").exists())


def change_draft(client):
    article = make_article(body=BODY, published=False)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post(article, headline="Ministers meet again"))
    article.refresh_from_db()
    return Attempt(response, article.headline == "Ministers meet again")


def change_published(client):
    article = make_article(body=BODY, published=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post(article, headline="Ministers meet again"))
    article.refresh_from_db()
    return Attempt(response, article.headline == "Ministers meet again")


def publish_by_form(client):
    article = make_article(body=BODY, published=False)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post(
        article, status="published", publish_at_0="2025-10-21", publish_at_1="10:00:00"
    )
    response = client.post(url, data)
    return Attempt(response, Article.objects.published().filter(pk=article.pk).exists())


def schedule_by_form(client):
    article = make_article(body=BODY, published=False)
    url = reverse("admin:articles_article_change", args=[article.pk])
    later = timezone.localtime() + datetime.timedelta(days=2)
    data = article_post(
        article,
        status="published",
        publish_at_0=f"{later:%Y-%m-%d}",
        publish_at_1=f"{later:%H:%M:%S}",
    )
    response = client.post(url, data)
    return Attempt(response, Article.objects.scheduled().filter(pk=article.pk).exists())


def publish_by_adding(client):
    data = article_post(status="published", publish_at_0="2025-10-21", publish_at_1="10:00:00")
    response = client.post(reverse("admin:articles_article_add"), data)
    return Attempt(response, Article.objects.published().exists())


def publish_now_action(client):
    article = make_article(body=BODY, published=False)
    response = changelist_action(
        client, "admin:articles_article_changelist", "publish_now", [article]
    )
    return Attempt(response, Article.objects.published().filter(pk=article.pk).exists())


def unpublish_action(client):
    article = make_article(body=BODY, published=True)
    response = changelist_action(
        client, "admin:articles_article_changelist", "unpublish", [article]
    )
    article.refresh_from_db()
    return Attempt(response, article.status == Article.Status.DRAFT)


def delete_view(client):
    article = make_article(body=BODY, published=True)
    url = reverse("admin:articles_article_delete", args=[article.pk])
    response = client.post(url, {"post": "yes"})
    article.refresh_from_db()  # still there: deleting moves it to the trash
    return Attempt(response, article.deleted_at is not None)


def delete_action(client):
    article = make_article(body=BODY, published=True)
    response = changelist_action(
        client, "admin:articles_article_changelist", "delete_selected", [article]
    )
    article.refresh_from_db()
    return Attempt(response, article.deleted_at is not None)


def restore_from_trash(client):
    article = make_article(body=BODY, published=True)
    article.move_to_trash()
    response = changelist_action(
        client, "admin:articles_article_changelist", "restore_from_trash", [article]
    )
    article.refresh_from_db()
    return Attempt(response, article.deleted_at is None)


def empty_trash(client):
    article = make_article(body=BODY, published=True)
    article.move_to_trash()
    response = changelist_action(
        client, "admin:articles_article_changelist", "empty_from_trash", [article]
    )
    return Attempt(response, not Article.objects.filter(pk=article.pk).exists())


def merge_people(client):
    kept, other = make_person(name="Mark Carney"), make_person(name="M. Carney")
    response = changelist_action(
        client,
        "admin:entities_person_changelist",
        "merge_selected",
        [kept, other],
        confirm="1",
        kept=kept.pk,
    )
    return Attempt(response, not Person.objects.filter(pk=other.pk).exists())


def merge_tags(client):
    article = make_article(body=BODY, tags=["tariffs", "Tariffs!"])
    kept, other = Tag.objects.get(name="tariffs"), Tag.objects.get(name="Tariffs!")
    response = changelist_action(
        client,
        "admin:taggit_tag_changelist",
        "merge_selected",
        [kept, other],
        confirm="1",
        kept=kept.pk,
    )
    merged = not Tag.objects.filter(pk=other.pk).exists()
    return Attempt(response, merged and list(article.tags.names()) == ["tariffs"])


def add_correction_inline(client, *, published, kind, text):
    """Post the article's change form with one correction in its inline."""
    article = make_article(body=BODY, published=published)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post(
        article,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": kind,
            "corrections-0-text": text,
            "corrections-0-created_at_0": "2025-10-22",
            "corrections-0-created_at_1": "09:00:00",
            "corrections-0-article": str(article.pk),
            "corrections-0-id": "",
        },
    )
    response = client.post(url, data)
    return Attempt(response, Correction.objects.filter(article=article).exists())


def correct_inline(client):
    return add_correction_inline(
        client, published=True, kind="correction", text="An earlier version misnamed the minister."
    )


def correct_on_a_draft_inline(client):
    """A reporter may edit the draft; the corrections in the same POST are ignored."""
    return add_correction_inline(
        client, published=False, kind="update", text="Updated with the minister's reply."
    )


def correct_by_correction_admin(client):
    article = make_article(body=BODY, published=True)
    response = client.post(
        reverse("admin:articles_correction_add"),
        {
            "article": article.pk,
            "kind": "clarification",
            "text": "The rate applies to steel only.",
            "created_at_0": "2025-10-22",
            "created_at_1": "09:00:00",
        },
    )
    return Attempt(response, Correction.objects.filter(article=article).exists())


def _two_versions(*, published):
    article = make_article(headline="Original headline", body=BODY, published=published)
    first = article.history.earliest()
    article.headline = "Edited headline"
    article.save()
    return article, first


def restore_revision(client, *, published):
    article, first = _two_versions(published=published)
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    response = client.post(url, {"headline": "Original headline"})
    article.refresh_from_db()
    return Attempt(response, article.headline == "Original headline")


def restore_draft_revision(client):
    return restore_revision(client, published=False)


def restore_published_revision(client):
    return restore_revision(client, published=True)


def restore_revision_that_republishes(client):
    """The current article is a draft; the version brought back was published."""
    article, first = _two_versions(published=True)
    article.status = Article.Status.DRAFT
    article.save()
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    response = client.post(url, {})
    return Attempt(response, Article.objects.published().filter(pk=article.pk).exists())


QUOTE_TEXT = "We are close to a deal,"


def quote_admin_post(article, **overrides):
    return {
        "article": article.pk,
        "text": QUOTE_TEXT,
        "kind": "direct",
        "speaker": "",
        "unnamed_speaker": "a senior official",
        "speaker_title": "",
        "said_on": "",
        "tags": "",
        "first_appearance": "",
        **overrides,
    }


def change_published_quote(client):
    article = make_article(body=BODY, published=True)
    quote = make_quote(article=article, text=QUOTE_TEXT, unnamed_speaker="a senior official")
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    response = client.post(url, quote_admin_post(article, unnamed_speaker="the prime minister"))
    quote.refresh_from_db()
    return Attempt(response, quote.unnamed_speaker == "the prime minister")


def delete_published_quote(client):
    article = make_article(body=BODY, published=True)
    quote = make_quote(article=article, text=QUOTE_TEXT, unnamed_speaker="a senior official")
    url = reverse("admin:articles_quote_delete", args=[quote.pk])
    response = client.post(url, {"post": "yes"})
    return Attempt(response, not Quote.objects.filter(pk=quote.pk).exists())


def add_quote_to_published(client):
    article = make_article(body=BODY, published=True)
    response = client.post(reverse("admin:articles_quote_add"), quote_admin_post(article))
    return Attempt(response, Quote.objects.filter(article=article).exists())


def add_quote_to_draft(client):
    article = make_article(body=BODY, published=False)
    response = client.post(reverse("admin:articles_quote_add"), quote_admin_post(article))
    return Attempt(response, Quote.objects.filter(article=article).exists())


def restore_correction_revision(client):
    correction = make_correction(article=make_article(body=BODY), text="The rate is 25%.")
    first = correction.history.earliest()
    correction.text = "The rate is 35%."
    correction.save()
    url = reverse(
        "admin:articles_correction_simple_history", args=[correction.pk, first.history_id]
    )
    response = client.post(
        url,
        {
            "article": correction.article_id,
            "kind": "correction",
            "text": "The rate is 25%.",
            "created_at_0": "2025-10-22",
            "created_at_1": "09:00:00",
        },
    )
    correction.refresh_from_db()
    return Attempt(response, correction.text == "The rate is 25%.")


ENTITY_FORM = {"short_description": "", "description": "", "aliases": "", "wikidata_id": ""}


def restore_person_revision(client):
    person = make_person(name="Hana Okafor", title="Minister")
    first = person.history.earliest()
    person.title = "Former minister"
    person.save()
    url = reverse("admin:entities_person_simple_history", args=[person.pk, first.history_id])
    data = {**ENTITY_FORM, "name": "Hana Okafor", "slug": person.slug, "title": "Minister"}
    response = client.post(url, {**data, "affiliation": "", "country": ""})
    person.refresh_from_db()
    return Attempt(response, person.title == "Minister")


def restore_sector_revision(client):
    sector = make_sector(name="steel", hs_chapters="72")
    first = sector.history.earliest()
    sector.hs_chapters = "72, 73"
    sector.save()
    url = reverse("admin:entities_sector_simple_history", args=[sector.pk, first.history_id])
    data = {**ENTITY_FORM, "name": "steel", "slug": sector.slug, "hs_chapters": "72"}
    response = client.post(url, {**data, "parent": ""})
    sector.refresh_from_db()
    return Attempt(response, sector.hs_chapters == "72")


def create_preview_link(client):
    article = make_article(body=BODY, published=False)
    url = reverse("admin:articles_article_preview_link", args=[article.pk])
    response = client.post(url, {"days": "3"})
    return Attempt(response, PreviewLink.objects.filter(article=article).exists())


def revoke_preview_link(client):
    article = make_article(body=BODY, published=False)
    link = create_preview_link_for(article, user=make_user(role="Editor"))
    url = reverse("admin:articles_article_revoke_preview_link", args=[article.pk, link.pk])
    response = client.post(url, {})
    link.refresh_from_db()
    return Attempt(response, link.revoked_at is not None)


# The matrix: action → (anonymous, reporter, editor, superuser).
MATRIX = {
    add_draft: (NO, YES, YES, YES),
    change_draft: (NO, YES, YES, YES),
    change_published: (NO, NO, YES, YES),
    publish_by_adding: (NO, NO, YES, YES),
    publish_by_form: (NO, NO, YES, YES),
    schedule_by_form: (NO, NO, YES, YES),
    publish_now_action: (NO, NO, YES, YES),
    unpublish_action: (NO, NO, YES, YES),
    delete_view: (NO, NO, YES, YES),
    delete_action: (NO, NO, YES, YES),
    restore_from_trash: (NO, NO, YES, YES),
    empty_trash: (NO, NO, YES, YES),
    merge_people: (NO, NO, YES, YES),
    merge_tags: (NO, NO, YES, YES),
    correct_inline: (NO, NO, YES, YES),
    correct_on_a_draft_inline: (NO, NO, YES, YES),
    correct_by_correction_admin: (NO, NO, YES, YES),
    restore_draft_revision: (NO, YES, YES, YES),
    restore_published_revision: (NO, NO, YES, YES),
    restore_revision_that_republishes: (NO, NO, YES, YES),
    add_quote_to_draft: (NO, YES, YES, YES),
    add_quote_to_published: (NO, NO, YES, YES),
    change_published_quote: (NO, NO, YES, YES),
    delete_published_quote: (NO, NO, YES, YES),
    restore_correction_revision: (NO, NO, YES, YES),
    restore_person_revision: (NO, YES, YES, YES),
    restore_sector_revision: (NO, NO, YES, YES),
    create_preview_link: (NO, NO, YES, YES),
    revoke_preview_link: (NO, NO, YES, YES),
}

CASES = [
    pytest.param(action, role, allowed, id=f"{action.__name__}-{role}")
    for action, verdicts in MATRIX.items()
    for role, allowed in zip(ROLES, verdicts, strict=True)
]


def log_in(client, role):
    if role == "anonymous":
        return AnonymousUser()
    user = make_user(
        role=role.title() if role in ("reporter", "editor") else None,
        superuser=role == "superuser",
    )
    client.force_login(user)
    return user


@pytest.mark.parametrize(("action", "role", "allowed"), CASES)
def test_role_matrix(client, action, role, allowed):
    log_in(client, role)
    attempt = action(client)
    status = attempt.response.status_code
    assert status != 500
    assert attempt.happened is allowed
    if role == "anonymous":
        assert status == 302 and "/login/" in attempt.response["Location"]
    elif allowed:
        assert status == 302, attempt.response.content.decode()[:3000]


@pytest.mark.parametrize(
    ("action", "role"),
    [
        (change_published, "reporter"),
        (delete_view, "reporter"),
        (correct_by_correction_admin, "reporter"),
        (restore_published_revision, "reporter"),
        (restore_revision_that_republishes, "reporter"),
        (restore_sector_revision, "reporter"),
        (restore_correction_revision, "reporter"),
        (change_published_quote, "reporter"),
        (delete_published_quote, "reporter"),
        (create_preview_link, "reporter"),
        (revoke_preview_link, "reporter"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_refusals_of_a_single_object_are_403(client, action, role):
    log_in(client, role)
    assert action(client).response.status_code == 403


def test_reporter_publishing_by_form_is_told_why(client):
    log_in(client, "reporter")
    attempt = publish_by_form(client)
    assert attempt.response.status_code == 200
    assert "Only editors can publish" in attempt.response.content.decode()


def test_reporter_adding_a_quote_to_a_published_article_gets_a_form_error(client):
    log_in(client, "reporter")
    attempt = add_quote_to_published(client)
    assert attempt.response.status_code == 200
    assert "article" in attempt.response.context["adminform"].form.errors
