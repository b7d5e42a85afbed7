"""The tracker as readers use it: choosing a person, their words on event cards, dates typed
the wrong way round. Everyone here is fictional."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from entities.models import Event
from tests import factories as f

pytestmark = pytest.mark.django_db

BODY = (
    "The ministers met in Port Aldous.\n\n"
    "“We will hold the line on steel,” Castellan said.\n\n"
    "“Our mills need an answer by spring,” Renn said."
)


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


@pytest.fixture
def talks():
    steel = f.make_sector(name="steel")
    castellan = f.make_person(name="Mira Castellan", title="Trade Minister")
    renn = f.make_person(name="Tobias Renn", title="Mill owner")
    meeting = f.make_event(
        name="Port Aldous steel meeting",
        kind=Event.Kind.MEETING,
        start_date=datetime.date(2025, 4, 2),
        sectors=[steel],
    )
    meeting.participants.set([castellan, renn])
    article = f.make_article(
        headline="Port Aldous talks on steel", body=BODY, publish_at=at(2025, 4, 3)
    )
    hold = f.make_quote(
        article=article,
        text="We will hold the line on steel,",
        speaker=castellan,
        sectors=[steel],
        events=[meeting],
        is_key=True,
    )
    mills = f.make_quote(
        article=article,
        text="Our mills need an answer by spring,",
        speaker=renn,
        sectors=[steel],
        events=[meeting],
        is_key=True,
    )
    # Named in an article, never quoted: not in the drop-down, but a link may choose her.
    okafor = f.make_person(name="Ines Okafor")
    f.make_mention(article=article, entity=okafor)
    # Quoted only in a draft: never offered, never accepted.
    hidden = f.make_person(name="Quentin Hale")
    draft = f.make_article(headline="Draft", body="“Not yet,” Hale said.", published=False)
    f.make_quote(article=draft, text="Not yet,", speaker=hidden, is_key=True)
    return {"steel": steel, "castellan": castellan, "renn": renn, "hold": hold, "mills": mills}


def event_card(html, name):
    """The markup of the timeline's card for the event called `name`."""
    match = re.search(
        r'<li class="entry entry-event[^"]*">(?:(?!</li>\s*</ol>\s*</li>).)*?'
        + re.escape(name)
        + r".*?</ul>\s*</li>",
        html,
        flags=re.S,
    )
    assert match, f"no card for {name}"
    return match.group(0)


def person_options(html):
    select = re.search(r'<select name="person"[^>]*>(.*?)</select>', html, flags=re.S)
    assert select, "the form has no person drop-down"
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def test_the_tracker_form_offers_the_people_it_quotes(client, talks):
    html = client.get(reverse("entities:tracker")).content.decode()
    assert '<label for="id_person">Person</label>' in html
    assert person_options(html) == ["", "mira-castellan", "tobias-renn"]


def test_the_chosen_person_is_selected_in_the_form(client, talks):
    html = client.get(reverse("entities:tracker"), {"person": "tobias-renn"}).content.decode()
    assert '<option value="tobias-renn" selected>Tobias Renn</option>' in html


def test_a_person_in_our_coverage_chosen_by_a_link_is_offered_too(client, talks):
    response = client.get(reverse("entities:tracker"), {"person": "ines-okafor"})
    assert response.status_code == 200
    html = response.content.decode()
    assert person_options(html) == ["", "ines-okafor", "mira-castellan", "tobias-renn"]
    assert '<option value="ines-okafor" selected>Ines Okafor</option>' in html


def test_people_quoted_only_in_drafts_are_neither_offered_nor_accepted(client, talks):
    assert "quentin-hale" not in person_options(
        client.get(reverse("entities:tracker")).content.decode()
    )
    response = client.get(reverse("entities:tracker"), {"person": "quentin-hale"})
    assert response.status_code == 400
    assert "Quentin Hale" not in response.content.decode()


def test_event_cards_on_a_persons_tracker_show_only_their_quotes(client, talks):
    everyone = event_card(
        client.get(reverse("entities:tracker")).content.decode(), "Port Aldous steel meeting"
    )
    assert "We will hold the line on steel" in everyone
    assert "Our mills need an answer by spring" in everyone

    html = client.get(reverse("entities:tracker"), {"person": "mira-castellan"}).content.decode()
    card = event_card(html, "Port Aldous steel meeting")
    assert "We will hold the line on steel" in card
    assert "Our mills need an answer by spring" not in card
    assert "Tobias Renn" not in card


def test_reversed_dates_give_the_form_back_with_the_error_on_the_to_field(client, talks):
    response = client.get(
        reverse("entities:tracker"),
        {"sector": "steel", "person": "mira-castellan", "from": "2025-05-01", "to": "2025-04-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    # The tracker itself, not a dead end.
    assert '<form class="tracker-filters"' in html
    assert "We could not read this address" not in html
    # The error names the field, beside it and in the summary.
    assert (
        '<label for="id_to">To <span class="field-error">The “From” date (1 May 2025) comes '
        "after the “To” date (1 April 2025): choose a “To” date on or after the “From” date."
        "</span></label>"
    ) in html
    assert "<li>To: The “From” date (1 May 2025) comes after" in html
    # The reader's other choices are kept.
    assert '<option value="steel" selected>steel</option>' in html
    assert '<option value="mira-castellan" selected>Mira Castellan</option>' in html
    assert 'name="from" value="2025-05-01"' in html
    assert 'name="to" value="2025-04-01"' in html


def test_an_unknown_person_is_a_400_on_the_tracker_with_the_error_named(client, talks):
    response = client.get(reverse("entities:tracker"), {"person": "nobody", "order": "oldest"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<li>Person: We have no person at that address." in html
    assert '<input type="hidden" name="order" value="oldest">' in html
    assert ">nobody<" not in html


def test_a_date_that_is_not_one_is_not_put_back_in_the_date_input(client):
    response = client.get("/tracker/?from=soon&to=2025-06-01")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="soon"' not in html
    assert 'value="2025-06-01"' in html
    assert "YYYY-MM-DD" in html
