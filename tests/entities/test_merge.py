"""Merging duplicates, delete protection, slug redirects and tag housekeeping."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from entities.models import MergeRecord, Person, SlugRedirect
from entities.tags import merge_tags
from tests.factories import (
    make_article,
    make_event,
    make_mention,
    make_person,
    make_quote,
    make_user,
)

pytestmark = pytest.mark.django_db

BODY = "“Steel is next,” Carney said. “We hold firm,” said Mark Carney."


def test_merge_moves_every_quote_mention_and_participation(client):
    article = make_article(body=BODY)
    kept = make_person(name="Mark Carney")
    dup = make_person(name="M. Carney", aliases="Carney")
    q1 = make_quote(article=article, text="Steel is next,", speaker=dup)
    q2 = make_quote(article=article, text="We hold firm,", speaker=kept)
    make_mention(article=article, entity=dup)
    event = make_event(name="APEC summit")
    event.participants.add(dup)
    old_slug = dup.slug

    client.force_login(make_user(role="Editor"))
    response = client.post(
        reverse("admin:entities_person_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [kept.pk, dup.pk],
            "confirm": "1",
            "kept": kept.pk,
        },
    )
    assert response.status_code == 302

    assert list(Person.objects.all()) == [kept]
    assert set(kept.quotes.all()) == {q1, q2}
    assert kept.mentions.count() == 1
    assert list(event.participants.all()) == [kept]
    kept.refresh_from_db()
    assert kept.answers_to("M. Carney") and kept.answers_to("Carney")
    record = MergeRecord.objects.get()
    assert record.merged_name == "M. Carney"
    assert record.moved["quote.speaker"] == [q1.pk]
    redirect = client.get(reverse("entities:person-detail", args=[old_slug]))
    assert redirect.status_code == 301
    assert redirect["Location"] == kept.get_absolute_url()


def test_merge_asks_which_one_to_keep_first(client):
    a, b = make_person(), make_person()
    client.force_login(make_user(role="Editor"))
    response = client.post(
        reverse("admin:entities_person_changelist"),
        {"action": "merge_selected", "_selected_action": [a.pk, b.pk]},
    )
    assert response.status_code == 200
    assert "Choose the one to keep" in response.content.decode()
    assert Person.objects.count() == 2


def test_reporter_cannot_merge(client):
    a, b = make_person(), make_person()
    client.force_login(make_user(role="Reporter"))
    client.post(
        reverse("admin:entities_person_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [a.pk, b.pk],
            "confirm": "1",
            "kept": a.pk,
        },
    )
    assert Person.objects.count() == 2


def test_deleting_a_person_with_quotes_is_refused_with_a_pointer_to_merge(client):
    article = make_article(body=BODY)
    person = make_person(name="Mark Carney")
    make_quote(article=article, text="Steel is next,", speaker=person)
    client.force_login(make_user(role="Editor"))
    url = reverse("admin:entities_person_delete", args=[person.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert Person.objects.filter(pk=person.pk).exists()
    assert "merge this person" in response.content.decode()


def test_deleting_a_person_without_quotes_works(client):
    person = make_person()
    client.force_login(make_user(role="Editor"))
    client.post(reverse("admin:entities_person_delete", args=[person.pk]), {"post": "yes"})
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_changed_slug_leaves_a_redirect(client):
    person = make_person(name="Dominic LeBlanc")
    old = person.get_absolute_url()
    person.slug = "dominic-leblanc-minister"
    person.save()
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == person.get_absolute_url()
    assert client.get(person.get_absolute_url()).status_code == 200


def test_reusing_an_old_slug_drops_its_redirect():
    a = make_person(name="Alex Smith")
    a.slug = "alex-smith-2"
    a.save()
    b = make_person(name="Other", slug="alex-smith")
    assert not SlugRedirect.objects.filter(old_slug=b.slug).exists()


def test_unknown_profile_is_404(client):
    assert client.get(reverse("entities:person-detail", args=["nobody"])).status_code == 404


def test_merge_tags_retags_without_duplicates():
    article = make_article(tags=["tariffs", "Tariff"])
    other = make_article(tags=["Tariff"])
    kept, dup = Tag.objects.get(name="tariffs"), Tag.objects.get(name="Tariff")
    merge_tags(kept, [dup])
    assert list(article.tags.names()) == ["tariffs"]
    assert list(other.tags.names()) == ["tariffs"]
    assert SlugRedirect.target(Tag, "tariff") == kept


def test_matching_name_finds_accented_names_and_aliases_in_any_case():
    person = make_person(name="Élise Ouellet", aliases="Ouellet\nMinistre Élise Ouellet")
    assert list(Person.objects.matching_name("élise ouellet")) == [person]
    assert list(Person.objects.matching_name("MINISTRE ÉLISE OUELLET")) == [person]
    assert list(Person.objects.matching_name("ouellet")) == [person]
    assert not Person.objects.matching_name("Ouel").exists()
