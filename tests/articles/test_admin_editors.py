"""The admin as editors and reporters meet it: publishing without a time, the status a
reporter is offered, slugs made from names, the update time, readable history, the review
queue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote
from entities.history import word_diff
from entities.models import Country, Event, Organization, Person, Sector
from tests.factories import article_form as article_post
from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db

BODY = "Ministers met in Ottawa.\n\n“We are close to a deal,” the minister said."


def local(when):
    when = timezone.localtime(when)
    return f"{when:%Y-%m-%d}", f"{when:%H:%M:%S}"


def quote_form(index, quote, **fields):
    data = {
        "id": quote.pk,
        "article": quote.article_id,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": quote.speaker_id or "",
        "unnamed_speaker": quote.unnamed_speaker,
        "speaker_title": quote.speaker_title,
        "said_on": "",
        "loaded_at": quote.updated_at.isoformat(),
    }
    data.update(fields)
    return {f"quotes-{index}-{key}": value for key, value in data.items()}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


# Publishing with the publish time left empty: empty means now.


def test_publishing_from_the_add_form_with_no_publish_time_publishes_now(client, editor):
    before = timezone.now()
    response = client.post(reverse("admin:articles_article_add"), article_post(status="published"))
    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert before <= article.publish_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publishing_a_draft_from_its_change_form_with_no_publish_time_publishes_now(client, editor):
    article = make_article(published=False, body=BODY)
    response = client.post(change_url(article), article_post(article, status="published"))
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.is_public
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200


def test_no_model_form_reports_the_publish_time_constraint():
    # Every form (admin add/change, restore, anything built on the model) validates the
    # model's constraints before saving: an empty publish time is filled, not refused.
    article = Article(headline="Talks resume", slug="talks-resume", body=BODY, status="published")
    article.full_clean()
    assert article.publish_at is not None
    article.save()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publish_now_action_publishes_a_draft_without_a_time(client, editor):
    article = make_article(published=False)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.is_public


# The status a reporter is offered.


def status_choices(response):
    field = response.context["adminform"].form.fields["status"]
    return [value for value, _ in field.widget.choices]


def test_reporter_is_offered_only_draft_and_in_review(client, reporter):
    add = client.get(reverse("admin:articles_article_add"))
    assert status_choices(add) == ["draft", "review"]
    assert 'value="published"' not in add.content.decode()
    change = client.get(change_url(make_article(published=False)))
    assert status_choices(change) == ["draft", "review"]


def test_editor_is_offered_published(client, editor):
    add = client.get(reverse("admin:articles_article_add"))
    assert status_choices(add) == ["draft", "review", "published"]


def test_reporter_posting_published_anyway_is_still_refused_with_the_reason(client, reporter):
    response = client.post(reverse("admin:articles_article_add"), article_post(status="published"))
    assert response.status_code == 200
    assert "Only editors can publish" in response.content.decode()
    assert not Article.objects.exists()


def test_reporter_can_submit_for_review(client, reporter):
    response = client.post(reverse("admin:articles_article_add"), article_post(status="review"))
    assert response.status_code == 302
    assert Article.objects.get().status == Article.Status.REVIEW


# Slugs made from names.

ENTITY_ADD_FORMS = [
    ("person", Person, {"title": "", "affiliation": "", "country": ""}),
    ("organization", Organization, {"kind": "company", "country": ""}),
    ("sector", Sector, {"parent": "", "hs_chapters": ""}),
    ("country", Country, {"iso_code": ""}),
    (
        "event",
        Event,
        {
            "kind": "meeting",
            "status": "concluded",
            "start_date": "2025-10-21",
            "end_date": "",
            "location": "",
            "rate": "",
            "legal_basis": "",
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
            "status_changes-MIN_NUM_FORMS": "0",
            "status_changes-MAX_NUM_FORMS": "1000",
        },
    ),
]


@pytest.mark.parametrize(("name", "model", "fields"), ENTITY_ADD_FORMS)
def test_entity_add_form_fills_the_slug_from_the_name(client, editor, name, model, fields):
    page = client.get(reverse(f"admin:entities_{name}_add"))
    prepopulated = page.context["adminform"].prepopulated_fields
    assert [(p["field"].name, [d.name for d in p["dependencies"]]) for p in prepopulated] == [
        ("slug", ["name"])
    ]
    assert 'data-prepopulated-fields="' in page.content.decode()


@pytest.mark.parametrize(("name", "model", "fields"), ENTITY_ADD_FORMS)
def test_entity_saved_with_an_empty_slug_gets_one_from_its_name(
    client, editor, name, model, fields
):
    data = {
        "name": "Élise Tremblay-Côté",
        "slug": "",
        "short_description": "",
        "description": "",
        "aliases": "",
        "wikidata_id": "",
        **fields,
    }
    response = client.post(reverse(f"admin:entities_{name}_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert model.objects.get(name="Élise Tremblay-Côté").slug == "elise-tremblay-cote"


# The update time readers see.


@pytest.fixture
def published_story():
    speaker = make_person(name="Ana Fictional")
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    article = make_article(
        headline="Ministers meet",
        body=BODY,
        publish_at=two_days_ago,
        updated_at=two_days_ago,
    )
    quote = make_quote(article=article, text="We are close to a deal,", speaker=speaker)
    return article, quote


def test_changing_quoted_words_in_the_body_moves_the_update_time(client, editor, published_story):
    article, quote = published_story
    before = timezone.now()
    edited = BODY.replace("close to a deal", "very close to a deal")
    response = client.post(change_url(article), article_post(article, body=edited))
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.updated_at >= before
    page = client.get(article.get_absolute_url()).content.decode()
    assert "· Updated <time" in page


def test_changing_quoted_words_and_the_quote_together_moves_the_update_time(
    client, editor, published_story
):
    article, quote = published_story
    before = timezone.now()
    edited = BODY.replace("close to a deal", "far from a deal")
    data = article_post(
        article, body=edited, **{"quotes-TOTAL_FORMS": "1", "quotes-INITIAL_FORMS": "1"}
    )
    data.update(quote_form(0, quote, text="We are far from a deal,"))
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    quote.refresh_from_db()
    assert quote.text == "We are far from a deal," and not quote.needs_review
    article.refresh_from_db()
    assert article.updated_at >= before


def test_editing_the_body_outside_the_quotes_keeps_the_update_time(client, editor, published_story):
    article, quote = published_story
    kept = article.updated_at
    edited = BODY.replace("Ministers met in Ottawa.", "Ministers met in Ottawa on Monday.")
    response = client.post(change_url(article), article_post(article, body=edited))
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    quote.refresh_from_db()
    assert article.body == edited and quote.start == edited.index("We are")
    assert article.updated_at == kept
    page = client.get(article.get_absolute_url()).content.decode()
    assert "· Updated <time" not in page


def test_an_update_time_set_by_hand_is_kept(client, editor, published_story):
    article, quote = published_story
    edited = BODY.replace("close to a deal", "very close to a deal")
    data = article_post(article, body=edited, updated_at_0="2025-10-22", updated_at_1="09:30:00")
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert local(article.updated_at) == ("2025-10-22", "09:30:00")


# Readable history.


def test_word_diff_marks_changed_words_and_escapes():
    html = word_diff("Tariffs <b>rise</b> today", "Tariffs <b>fall</b> today")
    assert html == "Tariffs &lt;b&gt;<del>rise</del><ins>fall</ins>&lt;/b&gt; today"


def test_word_diff_shortens_long_unchanged_stretches_around_a_change():
    long = " ".join(f"word{n}" for n in range(400))
    html = word_diff(long, long.replace("word200", "changed"))
    assert "<del>word200</del><ins>changed</ins>" in html
    assert "word194 word195" in html and "word205 word206" in html  # context kept
    assert "word10 " not in html and "word390" not in html
    assert "unchanged words" in html and len(html) < 600


LONG_BODY = (
    "Aluminum producers in Quebec said the tariffs would cost jobs across the province "
    "and that smelters were running below capacity for the first time in a decade.\n\n"
    "“We can wait,” the fictional minister said, adding that talks would resume <soon>."
)


def history_page(client, admin_name, obj):
    return client.get(reverse(f"admin:{admin_name}_history", args=[obj.pk])).content.decode()


def test_article_history_shows_a_word_diff_of_the_body(client, editor):
    article = make_article(published=False, body=LONG_BODY)
    edited = LONG_BODY.replace("would resume <soon>", "resume on Monday")
    response = client.post(change_url(article), article_post(article, body=edited))
    assert response.status_code == 302, response.context["errors"]
    page = history_page(client, "articles_article", article)
    assert "chars]" not in page
    assert "talks <del>would </del>resume <del>&lt;soon&gt;</del><ins>on Monday</ins>." in page
    assert "Updated:" not in page  # saving the form as shown leaves the update time alone
    assert "css/admin-history.css" in page


def test_quote_and_entity_history_show_word_diffs(client, editor):
    article = make_article(published=False, body=LONG_BODY)
    quote = make_quote(article=article, text="We can wait,", speaker=make_person())
    quote.speaker_title = "Minister of Fictional Affairs and Intergovernmental Relations"
    quote.save()
    quote.speaker_title = "Former Minister of Fictional Affairs and Intergovernmental Relations"
    quote.save()
    page = history_page(client, "articles_quote", quote)
    assert "chars]" not in page and "<ins>Former </ins>" in page

    person = make_person(name="Ana Fictional")
    person.description = LONG_BODY
    person.save()
    person.description = LONG_BODY.replace("smelters", "the smelters")
    person.save()
    page = history_page(client, "entities_person", person)
    assert "chars]" not in page and "<ins>the </ins>" in page


# The review queue.


def test_index_counts_articles_in_review_and_links_to_them(client, editor):
    waiting = [make_article(published=False, status="review") for _ in range(2)]
    trashed = make_article(published=False, status="review")
    trashed.move_to_trash()
    make_article(published=False)
    make_article(published=True)

    index = client.get(reverse("admin:index"))
    html = index.content.decode()
    url = reverse("admin:articles_article_changelist") + "?state=review"
    assert f'<a href="{url}">2 articles waiting for review</a>' in html

    listed = client.get(url)
    assert listed.status_code == 200
    assert {a.pk for a in listed.context["cl"].result_list} == {a.pk for a in waiting}


def test_state_filter_lists_each_state(client, editor):
    draft = make_article(published=False)
    public = make_article(published=True)
    scheduled = make_article(publish_at=timezone.now() + datetime.timedelta(days=1))
    trashed = make_article(published=False)
    trashed.move_to_trash()
    changelist = reverse("admin:articles_article_changelist")
    for state, expected in [
        ("draft", draft),
        ("published", public),
        ("scheduled", scheduled),
        ("trash", trashed),
    ]:
        listed = client.get(changelist, {"state": state}).context["cl"].result_list
        assert [a.pk for a in listed] == [expected.pk], state


def test_index_without_articles_in_review_says_so(client, editor):
    html = client.get(reverse("admin:index")).content.decode()
    assert "No article is waiting for review" in html


def test_reporter_sees_the_queue_too(client, reporter):
    make_article(published=False, status="review")
    html = client.get(reverse("admin:index")).content.decode()
    assert "1 article waiting for review" in html


def test_unchanged_quote_words_mean_no_update_after_a_quote_edit(client, editor, published_story):
    # Editing a quote's speaker title is not a change of the article's words.
    article, quote = published_story
    kept = article.updated_at
    data = article_post(article, **{"quotes-TOTAL_FORMS": "1", "quotes-INITIAL_FORMS": "1"})
    data.update(quote_form(0, quote, speaker_title="Minister"))
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    assert Quote.objects.get(pk=quote.pk).speaker_title == "Minister"
    article.refresh_from_db()
    assert article.updated_at == kept


def test_clearing_the_time_of_a_published_article_keeps_its_time_and_address(client, editor):
    article = make_article(body=BODY, publish_at=timezone.now() - datetime.timedelta(days=3))
    address, published_at = article.get_absolute_url(), article.publish_at
    data = article_post(article, publish_at_0="", publish_at_1="")
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.publish_at == published_at
    assert article.get_absolute_url() == address
    assert client.get(address).status_code == 200


def test_history_names_statuses_and_saving_unchanged_times_records_no_change(client, editor):
    article = make_article(published=False, status="review", body=BODY)
    response = client.post(change_url(article), article_post(article, status="published"))
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    response = client.post(change_url(article), article_post(article, dek="A new dek"))
    assert response.status_code == 302, response.context["errors"]
    page = history_page(client, "articles_article", article)
    assert "In review&nbsp;&rarr;&nbsp;&nbsp;Published" in page
    assert page.count("Publish time:") == 1  # set when published, untouched by the next save
    assert "Updated:" not in page


@pytest.mark.parametrize("query", [{"state": "bogus"}, {"state": "review", "_facets": "True"}])
def test_state_filter_with_counts_or_an_unknown_state_answers(client, editor, query):
    make_article(published=False, status="review")
    response = client.get(reverse("admin:articles_article_changelist"), query)
    assert response.status_code == 200
