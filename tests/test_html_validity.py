"""Every kind of public page is valid HTML in the Nu HTML Checker (vnu).

The checker runs offline with Java: `npm install vnu-jar`, then set VNU_JAR to its
`build/dist/vnu.jar` (`.ci/run` does both). Without Java or the jar the test is skipped.
All the pages go to one run of the checker, which starts Java once.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db.models import Count
from django.urls import reverse

from articles.demo.loader import load_demo
from articles.models import Article, Quote
from articles.public.views import request_error, server_error
from entities.models import Country, Event, Organization, Person, Sector

pytestmark = pytest.mark.django_db

VNU_JAR = os.environ.get("VNU_JAR", "")


def checker():
    java = shutil.which("java")
    if not java or not VNU_JAR or not Path(VNU_JAR).is_file():
        pytest.skip(
            "The HTML validity test needs Java (apt-get install default-jre-headless) and "
            "the Nu HTML Checker: npm install vnu-jar, then set VNU_JAR to its "
            "build/dist/vnu.jar."
        )
    return [java, "-jar", VNU_JAR, "--errors-only"]


def addresses():
    """One page of each kind in the demo data, and what it should answer."""
    article = Article.objects.published().order_by("-publish_at").first()
    quote = Quote.objects.public().order_by("pk").first()
    tag = article.tags.order_by("name").first()

    def top(model, path):
        return model.objects.annotate(n=Count(path)).order_by("-n", "pk").first()

    return {
        "home": (reverse("articles:home"), 200),
        "article": (article.get_absolute_url(), 200),
        "article-list": (reverse("articles:list"), 200),
        "quote": (quote.get_absolute_url(), 200),
        "quote-list": (reverse("articles:quote-list"), 200),
        "person": (top(Person, "quotes").get_absolute_url(), 200),
        "person-list": (reverse("entities:person-list"), 200),
        "organization": (top(Organization, "people__quotes").get_absolute_url(), 200),
        "organization-list": (reverse("entities:organization-list"), 200),
        "sector": (top(Sector, "quotes").get_absolute_url(), 200),
        "sector-list": (reverse("entities:sector-list"), 200),
        "event": (top(Event, "quotes").get_absolute_url(), 200),
        "event-list": (reverse("entities:event-list"), 200),
        "country": (top(Country, "mentions").get_absolute_url(), 200),
        "country-list": (reverse("entities:country-list"), 200),
        "tracker": (reverse("entities:tracker"), 200),
        "search": (reverse("articles:search") + "?q=steel", 200),
        "tags": (reverse("articles:tags"), 200),
        "tag": (reverse("articles:tag-detail", args=[tag.slug]), 200),
        "corrections": (reverse("articles:corrections"), 200),
        "feeds": (reverse("articles:feeds"), 200),
        "not-found": ("/no-such-page/", 404),
        "bad-request": (reverse("articles:list") + "?page=x", 400),
        "bad-request-entities": (reverse("entities:tracker") + "?from=soon", 400),
    }


def test_every_kind_of_public_page_is_valid_html(client, rf, settings, tmp_path):
    command = checker()
    settings.DEBUG = False
    load_demo()
    files = []
    for name, response in [
        ("server-error", server_error(rf.get("/"))),
        ("refused-request", request_error(rf.get("/"), None)),
    ]:
        (tmp_path / f"{name}.html").write_bytes(response.content)
        files.append(str(tmp_path / f"{name}.html"))
    for name, (url, status) in addresses().items():
        response = client.get(url)
        assert response.status_code == status, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [*command, *files], capture_output=True, text=True, timeout=300, check=False
    )
    report = (result.stdout + result.stderr).replace(f"file:{tmp_path}/", "")
    assert result.returncode == 0, report
    assert report.strip() == "", report
