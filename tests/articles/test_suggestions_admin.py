"""The suggestions panel: accept, edit, reject and accept-all, with JavaScript off and
through the JSON answers its script asks for."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Quote, RejectedSuggestion
from entities.models import Person
from tests.factories import make_article, make_person, make_quote, make_user

pytestmark = pytest.mark.django_db

BODY = (
    "Trade Minister Alma Ferreira said Tuesday that the talks with Washington would go on "
    "through the winter.\n\n"
    "“We are not walking away from this table,” Ferreira said.\n\n"
    "“Our mills need certainty before the spring,” she added."
)
FIRST = "We are not walking away from this table,"
SECOND = "Our mills need certainty before the spring,"


@pytest.fixture
def article():
    make_person(name="Alma Ferreira", title="Trade Minister", aliases="Ferreira")
    return make_article(body=BODY, published=False, headline="Talks go on")


def panel(client, article):
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    return response.context["suggestions"], response.content.decode()


def decide(client, article, **data):
    url = reverse("admin:articles_article_suggestions", args=[article.pk])
    return client.post(url, data)


def decide_json(client, article, **data):
    url = reverse("admin:articles_article_suggestions", args=[article.pk])
    return client.post(url, data, headers={"accept": "application/json"})


def proposal_post(suggestion, op="accept_quote", **overrides):
    p = suggestion.proposal
    data = {
        "op": op,
        "signature": suggestion.signature,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "kind": p.kind,
        "speaker": p.speaker,
        "speaker_title": p.speaker_title,
        "sectors": ";".join(p.sectors),
        "events": ";".join(p.events),
    }
    if p.speaker_named:
        data["speaker_named"] = "on"
    data.update(overrides)
    return data


def by_text(suggestions, text):
    return next(s for s in suggestions.quotes if s.proposal.text == text)


def test_panel_lists_proposed_quotes_with_speaker_and_confidence(client, editor, article):
    suggestions, page = panel(client, article)
    texts = [s.proposal.text for s in suggestions.quotes]
    assert FIRST in texts and SECOND in texts
    assert by_text(suggestions, SECOND).proposal.speaker == "Alma Ferreira"
    assert 'id="suggestions"' in page and "confidence" in page
    assert not Quote.objects.exists()  # proposals are never stored by themselves


def test_accept_creates_an_anchored_quote(client, editor, article):
    suggestions, _ = panel(client, article)
    response = decide(client, article, **proposal_post(by_text(suggestions, FIRST)))
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert article.body[quote.start : quote.end] == FIRST
    assert quote.speaker.name == "Alma Ferreira"
    suggestions, _ = panel(client, article)
    assert FIRST not in [s.proposal.text for s in suggestions.quotes]


def test_edit_then_accept_uses_the_editors_speaker(client, editor, article):
    suggestions, _ = panel(client, article)
    data = proposal_post(by_text(suggestions, SECOND), speaker="Rui Tavares", speaker_title="Aide")
    decide(client, article, **data)
    quote = Quote.objects.get()
    assert quote.speaker.name == "Rui Tavares" and quote.speaker_title == "Aide"
    assert quote.speaker.title == "Aide"  # a new person is created with that title


def test_rejected_suggestion_is_not_proposed_again(client, editor, article):
    suggestions, _ = panel(client, article)
    decide(client, article, **proposal_post(by_text(suggestions, SECOND), op="reject_quote"))
    assert RejectedSuggestion.objects.count() == 1
    suggestions, _ = panel(client, article)
    assert SECOND not in [s.proposal.text for s in suggestions.quotes]
    assert not Quote.objects.exists()


def test_accept_all_above_a_threshold(client, editor, article):
    suggestions, _ = panel(client, article)
    expected = [s for s in suggestions.quotes if s.proposal.confidence >= 0.5]
    assert expected
    decide(client, article, op="accept_all", threshold="0.5")
    assert Quote.objects.count() == len(expected)
    decide(client, article, op="accept_all", threshold="0")
    assert Quote.objects.count() == len(suggestions.quotes)


def test_bad_decision_is_a_400_not_a_500(client, editor, article):
    assert decide(client, article, op="accept_quote").status_code == 400
    assert decide(client, article, op="explode").status_code == 400


def test_repeated_quote_is_flagged_and_linked_on_accept(client, editor, article):
    ferreira = Person.objects.get(name="Alma Ferreira")
    earlier = make_article(body=f"“{FIRST}” Ferreira said in June.")
    first = make_quote(article=earlier, text=FIRST, speaker=ferreira)
    suggestions, page = panel(client, article)
    suggestion = by_text(suggestions, FIRST)
    assert suggestion.repeat_of == first
    assert "also in" in page
    decide(client, article, **proposal_post(suggestion))
    accepted = Quote.objects.exclude(pk=first.pk).get()
    assert accepted.first_appearance == first


def test_reporter_may_accept_on_a_draft_but_not_on_a_published_article(client, article):
    client.force_login(make_user(role="Reporter"))
    suggestions, _ = panel(client, article)
    assert decide(client, article, **proposal_post(suggestions.quotes[0])).status_code == 302
    published = make_article(body=BODY)
    assert decide(client, published, op="accept_all", threshold="0").status_code == 403
    assert not published.quotes.exists()


def test_panel_loads_its_script_from_a_file_and_has_a_status_region(client, editor, article):
    _, page = panel(client, article)
    assert 'src="/static/js/admin-assist.js" defer' in page
    assert 'aria-live="polite"' in page and "data-assist-status" in page
    assert "<script>" not in page.split('id="suggestions"')[1]  # no inline script in the panel


def test_json_accept_answers_with_the_new_quote_instead_of_a_redirect(client, editor, article):
    suggestions, _ = panel(client, article)
    response = decide_json(client, article, **proposal_post(by_text(suggestions, FIRST)))
    assert response.status_code == 200
    data = response.json()
    quote = Quote.objects.get()
    assert (data["ok"], data["op"], data["quote"]["id"]) == (True, "accept_quote", quote.pk)
    assert data["message"].startswith("Quote accepted")
    # no flash message waits for the next page: the script showed it already
    _, page = panel(client, article)
    assert "Quote accepted" not in page


def test_json_reject_and_accept_all(client, editor, article):
    suggestions, _ = panel(client, article)
    rejected = by_text(suggestions, SECOND)
    response = decide_json(client, article, **proposal_post(rejected, op="reject_quote"))
    assert response.json() == {
        "ok": True,
        "op": "reject_quote",
        "message": "Suggestion rejected; it will not come back.",
    }
    remaining = [s.signature for s in suggestions.quotes if s is not rejected]
    data = decide_json(client, article, op="accept_all", threshold="0").json()
    assert data["accepted"] == remaining
    assert Quote.objects.count() == len(remaining)


def test_json_errors_keep_their_status_and_say_why(client, editor, article):
    response = decide_json(client, article, op="accept_quote")
    assert response.status_code == 400
    assert response.json()["ok"] is False and "text" in response.json()["message"]
    gone = {"op": "accept_quote", "text": "Words that are not in the body.", "start": 0}
    response = decide_json(client, article, **gone, end=31, kind="direct", speaker="Ana Lind")
    assert response.status_code == 409
    assert response.json() == {
        "ok": False,
        "op": "accept_quote",
        "message": "The proposed words are no longer in the body.",
    }
    assert not Quote.objects.exists()


def test_bench_assist_times_the_panel_and_keeps_nothing(article):
    out = io.StringIO()
    call_command("bench_assist", "--words", "300", "--runs", "2", stdout=out)
    report = out.getvalue()
    assert "admin change page: median" in report and "suggestions_for alone: median" in report
    assert list(Article.objects.all()) == [article]
    assert not User.objects.filter(username="bench-assist").exists()


def test_imported_line_without_quotes_is_a_draft_with_proposals_waiting(client, editor):
    from articles.bundles import import_article

    make_person(name="Alma Ferreira", title="Trade Minister", aliases="Ferreira")
    imported, created = import_article(
        {"id": "wire-0001", "headline": "Talks go on", "body": BODY, "published": None}
    )
    assert created and imported.status == "draft" and not imported.quotes.exists()
    suggestions, _ = panel(client, imported)
    assert {FIRST, SECOND} <= {s.proposal.text for s in suggestions.quotes}
