"""The reader's site in headless Chromium: navigation, keyboard use and accessibility."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    make_article,
    make_correction,
    make_country,
    make_event,
    make_mention,
    make_person,
    make_quote,
    make_sector,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "Canada and the United States are advancing sector-specific trade talks, Prime Minister "
    "Mark Carney said Tuesday.\n\n"
    "“We’re in ongoing discussions with the Americans, and I wouldn’t overplay it,” he said.\n\n"
    "Trade minister Dominic LeBlanc said the negotiations have entered a detailed stage. "
    "“We’re making progress,” he said."
)
SERIOUS = {"serious", "critical"}


@pytest.fixture
def story():
    canada = make_country(name="Canada", iso_code="CA")
    carney = make_person(name="Mark Carney", title="Prime Minister", country=canada)
    leblanc = make_person(name="Dominic LeBlanc", title="Minister", country=canada)
    steel = make_sector(name="steel")
    apec = make_event(name="APEC summit 2025", start_date=datetime.date(2025, 10, 31))
    article = make_article(
        headline="Is a Canada-US trade deal inching closer?",
        dek="Talks continue in Malaysia and South Korea amid tariff turmoil",
        byline="By a staff reporter",
        outlet="CTV News",
        dateline="OTTAWA",
        body=BODY,
        tags=["tariffs"],
    )
    first = make_quote(
        article=article,
        text="We’re in ongoing discussions with the Americans, and I wouldn’t overplay it,",
        speaker=carney,
        speaker_title="Prime Minister",
        sectors=[steel],
        events=[apec],
    )
    make_quote(article=article, text="We’re making progress,", speaker=leblanc, sectors=[steel])
    make_mention(article=article, entity=canada)
    make_correction(article=article, text="An earlier version misspelled a name.")
    return {"article": article, "quote": first, "carney": carney, "steel": steel, "apec": apec}


def test_home_to_article_to_speaker_profile(live_server, page, story):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=story["article"].headline).first.click()
    page.wait_for_url(f"**{story['article'].get_absolute_url()}")
    assert page.locator("h1").inner_text() == story["article"].headline

    mark = page.locator(f"#quote-{story['quote'].pk}")
    assert mark.evaluate("el => el.tagName") == "MARK"
    # The quote's number leads to its note, whose first link is the speaker's profile.
    page.locator(f'a.quote-ref[href="#quote-note-{story["quote"].pk}"]').click()
    note = page.locator(f"#quote-note-{story['quote'].pk}")
    note.get_by_role("link", name="Mark Carney").click()
    page.wait_for_url(f"**{story['carney'].get_absolute_url()}")
    assert "Mark Carney" in page.locator("h1").inner_text()


def test_the_article_works_without_javascript_on_a_phone(live_server, page_without_js, story):
    page = page_without_js
    page.goto(live_server.url + story["article"].get_absolute_url())
    assert page.locator("mark.quote").count() == 2
    page.get_by_role("link", name="steel").first.click()
    page.wait_for_url(f"**{story['steel'].get_absolute_url()}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"


def test_quotes_filter_by_sector_is_a_shareable_address(live_server, page, story):
    page.goto(live_server.url + reverse("articles:quote-list"))
    page.select_option("#id_sector", "steel")
    page.select_option("#id_kind", "direct")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/quotes/?*sector=steel*")
    assert page.locator("h1").inner_text() == "Direct quotes on steel"
    assert page.locator(".quote-card").count() == 2


def test_keyboard_users_can_skip_to_the_content(live_server, page, story):
    page.goto(live_server.url + story["article"].get_absolute_url())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


PAGES = {
    "home": lambda s: "/",
    "article": lambda s: s["article"].get_absolute_url(),
    "article list": lambda s: reverse("articles:list"),
    "quotes": lambda s: reverse("articles:quote-list") + "?sector=steel",
    "quote": lambda s: s["quote"].get_absolute_url(),
    "tag": lambda s: reverse("articles:tag-detail", args=["tariffs"]),
    "search": lambda s: reverse("articles:search") + "?q=Carney",
    "person": lambda s: s["carney"].get_absolute_url(),
    "sector": lambda s: s["steel"].get_absolute_url(),
    "event": lambda s: s["apec"].get_absolute_url(),
    "tracker": lambda s: reverse("entities:tracker"),
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(live_server, page, story, axe_source, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(live_server.url + PAGES[name](story))
    assert response.status == 200
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
    )
    serious = [v for v in violations if v["impact"] in SERIOUS]
    assert not serious, serious
