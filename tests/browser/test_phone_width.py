"""Public pages fit a phone's width: no sideways scrolling at 390 px."""

import pytest

from articles.demo.loader import load_demo
from tests.factories import ensure_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    ensure_roles()  # tests that commit empty the database, groups included
    load_demo()


NARROW_PAGES = [
    "/feeds/",
    "/events/",
    "/organizations/",
    "/tags/",
    "/api/",
    "/alerts/subscribe/?person=mark-carney",
]
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("main *")]
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .map((element) => element.tagName.toLowerCase() + "." + element.className);
  return {scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 5)};
}"""


def test_pages_fit_a_phone_without_sideways_scrolling(live_server, browser, demo):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for path in NARROW_PAGES:
            page.goto(live_server.url + path)
            measured = page.evaluate(OVERFLOW)
            assert measured["scroll"] <= 390, (path, measured)
            # Tables in a scrolling box would not widen the page, but still scroll sideways.
            assert measured["wide"] == [], (path, measured)
    finally:
        context.close()


def test_new_and_stacked_pages_have_no_serious_accessibility_violations(
    live_server, browser, axe_source, demo
):
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    try:
        for path in [*NARROW_PAGES, "/no-such-page/"]:
            page.goto(live_server.url + path)
            page.add_script_tag(content=axe_source)
            violations = page.evaluate(
                """async () => (await axe.run(document, {resultTypes: ["violations"]}))
                    .violations.filter(v => ["serious", "critical"].includes(v.impact))
                    .map(v => ({id: v.id, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
            )
            assert violations == [], (path, violations)
    finally:
        context.close()
