"""Public pages fit a phone's width: no sideways scrolling at 390 px."""

import pytest

from articles.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


NARROW_PAGES = ["/feeds/", "/events/", "/organizations/", "/tags/"]
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("main *")]
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .map((element) => element.tagName.toLowerCase() + "." + element.className);
  return {scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 5)};
}"""


def test_pages_fit_a_phone_without_sideways_scrolling(live_server, browser):
    load_demo()
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
