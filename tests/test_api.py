"""The read-only JSON API (`/api/`): endpoints, filters, visibility, cursors, errors, the
schema, the documentation page, HTTP caching, query counts and a real server."""

import datetime
import json
import urllib.parse

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.demo.fakedata import generate
from articles.models import Article, Quote
from entities.models import Country, Event, EventStatusChange, Organization, Person, Sector
from tests.factories import (
    make_article,
    make_correction,
    make_country,
    make_event,
    make_mention,
    make_organization,
    make_person,
    make_quote,
    make_sector,
)
from tests.queries import assert_same_queries_at_both_sizes
from tests.servers import GUNICORN, embedded_env, get, manage, serving

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
STEEL_BODY = (
    "Ministers met in Ottawa on steel.\n\n"
    "“We are close to a deal on steel,” the minister said.\n\n"
    "Union leaders said that the quotas were too tight."
)
LUMBER_BODY = "Mills waited.\n\n“Lumber duties hurt every town here,” the mayor said."
SECRET_BODY = "Draft copy.\n\n“The embargo plan is ready,” said Quillon Marchbanks-Vey."


@pytest.fixture
def story():
    """Two published articles on steel and lumber, a draft and a scheduled article.

    The draft and the scheduled article quote people named nowhere else, and quote the
    public speaker too (a quote that must not be counted)."""
    canada = make_country(name="Canada", iso_code="CA")
    usa = make_country(name="United States", iso_code="US")
    union = make_organization(name="Ironvale Steelworkers", country=canada)
    minister = make_person(
        name="Dana Ashgrove", title="Minister", country=canada, affiliation=union
    )
    mayor = make_person(name="Tobin Ferrault", title="Mayor", country=usa)
    metals = make_sector(name="metals")
    steel = make_sector(name="steel", parent=metals)
    lumber = make_sector(name="lumber")
    talks = make_event(name="Steel talks", kind=Event.Kind.NEGOTIATION, sectors=[steel])
    duties = make_event(
        name="Lumber duties",
        kind=Event.Kind.TARIFF_ACTION,
        start_date=datetime.date(2025, 8, 1),
        sectors=[lumber],
        rate="14%",
    )
    duties.implementing_countries.set([usa])
    duties.affected_countries.set([canada])
    EventStatusChange.objects.create(
        event=duties, status=EventStatusChange.Status.ANNOUNCED, date=datetime.date(2025, 7, 1)
    )
    EventStatusChange.objects.create(
        event=duties, status=EventStatusChange.Status.IN_FORCE, date=datetime.date(2025, 8, 1)
    )
    now = timezone.now()
    steel_story = make_article(
        headline="Ministers meet on steel",
        body=STEEL_BODY,
        tags=["tariffs"],
        publish_at=now - datetime.timedelta(days=40),
    )
    deal = make_quote(
        article=steel_story,
        text="We are close to a deal on steel,",
        speaker=minister,
        sectors=[steel],
        events=[talks],
        speaker_title="Minister",
    )
    deal.tags.add("deals")
    quotas = make_quote(
        article=steel_story,
        text="the quotas were too tight",
        unnamed_speaker="Union leaders",
        kind=Quote.Kind.INDIRECT,
        sectors=[steel],
    )
    make_correction(article=steel_story)
    make_mention(article=steel_story, entity=union)
    lumber_story = make_article(
        headline="Mills wait on lumber duties",
        body=LUMBER_BODY,
        publish_at=now - datetime.timedelta(days=2),
    )
    duty = make_quote(
        article=lumber_story,
        text="Lumber duties hurt every town here,",
        speaker=mayor,
        sectors=[lumber],
        events=[duties],
    )
    hidden = make_person(name="Quillon Marchbanks-Vey")
    draft = make_article(headline="Embargo plan drafted", body=SECRET_BODY, published=False)
    secret = make_quote(
        article=draft,
        text="The embargo plan is ready,",
        speaker=hidden,
        sectors=[steel],
        events=[talks],
    )
    draft_by_minister = make_quote(
        article=draft, text="Draft copy.", speaker=minister, sectors=[lumber]
    )
    scheduled_person = make_person(name="Wrenna Oakhurst-Tull")
    scheduled = make_article(
        headline="Quota deal to be announced",
        body=SECRET_BODY,
        publish_at=now + datetime.timedelta(days=1),
    )
    early = make_quote(
        article=scheduled, text="The embargo plan is ready,", speaker=scheduled_person
    )
    make_mention(article=draft, entity=make_person(name="Ysolde Brankworth"))
    return {
        "canada": canada,
        "usa": usa,
        "union": union,
        "minister": minister,
        "mayor": mayor,
        "metals": metals,
        "steel": steel,
        "lumber": lumber,
        "talks": talks,
        "duties": duties,
        "steel_story": steel_story,
        "lumber_story": lumber_story,
        "deal": deal,
        "quotas": quotas,
        "duty": duty,
        "draft": draft,
        "scheduled": scheduled,
        "hidden_quotes": [secret, draft_by_minister, early],
        "hidden_people": [hidden, scheduled_person, Person.objects.get(name="Ysolde Brankworth")],
    }


def api_get(client, path, params=None, **headers):
    response = client.get(path, params or {}, **headers)
    assert response["Content-Type"].startswith("application/json"), path
    return response, response.json()


def walk(client, path, params=None):
    """Every row of a list, following `next` cursors; (rows, number of pages)."""
    response, data = api_get(client, path, params)
    assert response.status_code == 200, data
    rows, pages = list(data["results"]), 1
    while data["next"]:
        assert data["next"].startswith(BASE + path)
        response, data = api_get(client, data["next"].removeprefix(BASE))
        assert response.status_code == 200, data
        rows += data["results"]
        pages += 1
    return rows, pages


# Endpoints ---------------------------------------------------------------------------

ENTITY_ENDPOINTS = {
    "people": ("minister", Person),
    "organizations": ("union", Organization),
    "sectors": ("steel", Sector),
    "events": ("duties", Event),
    "countries": ("canada", Country),
}


@pytest.mark.parametrize("endpoint", list(ENTITY_ENDPOINTS))
def test_entity_endpoints_list_and_show_each_entity_with_both_addresses(client, story, endpoint):
    key, model = ENTITY_ENDPOINTS[endpoint]
    entity = story[key]
    rows, _ = walk(client, f"/api/{endpoint}/")
    row = next(r for r in rows if r["slug"] == entity.slug)
    assert row["name"] == entity.name
    assert row["url"] == BASE + entity.get_absolute_url()
    assert row["api_url"] == f"{BASE}/api/{endpoint}/{entity.slug}/"

    response, detail = api_get(client, f"/api/{endpoint}/{entity.slug}/")
    assert response.status_code == 200
    assert detail == row
    assert "accept" not in {v.strip().lower() for v in response.get("Vary", "").split(",")}


def test_a_person_carries_affiliation_country_and_public_quote_count(client, story):
    _, person = api_get(client, f"/api/people/{story['minister'].slug}/")
    assert person["title"] == "Minister"
    assert person["affiliation"]["slug"] == story["union"].slug
    assert person["affiliation"]["api_url"] == f"{BASE}/api/organizations/{story['union'].slug}/"
    assert person["country"]["url"] == BASE + story["canada"].get_absolute_url()
    # One public quote; the quote in the draft is not counted.
    assert person["quote_count"] == 1


def test_an_event_carries_its_status_history_sectors_and_countries(client, story):
    _, event = api_get(client, f"/api/events/{story['duties'].slug}/")
    assert event["kind"] == "tariff_action" and event["rate"] == "14%"
    assert event["status_history"] == [
        {"status": "announced", "date": "2025-07-01", "note": ""},
        {"status": "in_force", "date": "2025-08-01", "note": ""},
    ]
    assert [s["slug"] for s in event["sectors"]] == ["lumber"]
    assert [c["slug"] for c in event["implementing_countries"]] == [story["usa"].slug]
    assert [c["slug"] for c in event["affected_countries"]] == [story["canada"].slug]


def test_a_sector_names_its_parent_and_an_organization_its_country(client, story):
    _, steel = api_get(client, f"/api/sectors/{story['steel'].slug}/")
    assert steel["parent"]["slug"] == story["metals"].slug
    _, metals = api_get(client, f"/api/sectors/{story['metals'].slug}/")
    assert metals["parent"] is None
    _, union = api_get(client, f"/api/organizations/{story['union'].slug}/")
    assert union["country"]["slug"] == story["canada"].slug


def test_quotes_list_and_show_speaker_topics_anchor_and_article(client, story):
    rows, _ = walk(client, "/api/quotes/")
    deal = story["deal"]
    assert [row["id"] for row in rows] == [story["duty"].pk, story["quotas"].pk, deal.pk]
    response, quote = api_get(client, f"/api/quotes/{deal.pk}/")
    assert response.status_code == 200
    assert quote == next(row for row in rows if row["id"] == deal.pk)
    assert quote["url"] == BASE + deal.get_absolute_url()
    assert quote["api_url"] == f"{BASE}/api/quotes/{deal.pk}/"
    assert quote["text"] == "We are close to a deal on steel,"
    assert quote["speaker"]["api_url"] == f"{BASE}/api/people/{story['minister'].slug}/"
    assert quote["speaker_title"] == "Minister"
    assert [s["slug"] for s in quote["sectors"]] == ["steel"]
    assert [e["slug"] for e in quote["events"]] == [story["talks"].slug]
    assert quote["tags"] == [{"name": "deals", "slug": "deals", "url": f"{BASE}/tags/deals/"}]
    body = story["steel_story"].body
    anchor = quote["anchor"]
    assert body[anchor["start"] : anchor["end"]] == quote["text"]
    assert body[: anchor["start"]].endswith(anchor["prefix"])
    assert quote["article"]["api_url"] == f"{BASE}/api/articles/{story['steel_story'].pk}/"
    assert quote["article"]["url"] == BASE + story["steel_story"].get_absolute_url()
    # Nothing points to a quote the public may not see (an earlier report in a draft).
    assert "first_appearance" not in quote
    unnamed = next(row for row in rows if row["id"] == story["quotas"].pk)
    assert unnamed["speaker"] is None and unnamed["speaker_label"] == "Union leaders"


def test_articles_list_and_show_body_quotes_and_corrections(client, story):
    rows, _ = walk(client, "/api/articles/")
    steel_story = story["steel_story"]
    assert [row["id"] for row in rows] == [story["lumber_story"].pk, steel_story.pk]
    row = rows[1]
    assert row["url"] == BASE + steel_story.get_absolute_url()
    assert row["quote_count"] == 2
    assert row["tags"] == [{"name": "tariffs", "slug": "tariffs", "url": f"{BASE}/tags/tariffs/"}]
    response, article = api_get(client, f"/api/articles/{steel_story.pk}/")
    assert response.status_code == 200
    assert article["body"] == steel_story.body
    assert [q["id"] for q in article["quotes"]] == [story["deal"].pk, story["quotas"].pk]
    assert article["quotes"][0]["sectors"][0]["slug"] == "steel"
    correction = story["steel_story"].corrections.get()
    assert article["corrections"][0]["text"].startswith("An earlier version")
    assert article["corrections"][0]["url"] == BASE + correction.get_absolute_url()


# Filters -----------------------------------------------------------------------------


def quote_ids(client, params):
    response, data = api_get(client, "/api/quotes/", params)
    assert response.status_code == 200, data
    return {row["id"] for row in data["results"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda s: {"speaker": s["minister"].slug}, ["deal"]),
        (lambda s: {"sector": "steel"}, ["deal", "quotas"]),
        (lambda s: {"sector": "lumber"}, ["duty"]),
        (lambda s: {"event": s["duties"].slug}, ["duty"]),
        (lambda s: {"country": s["usa"].slug}, ["duty"]),
        (lambda s: {"tag": "deals"}, ["deal"]),
        (lambda s: {"kind": "indirect"}, ["quotas"]),
        (lambda s: {"from": timezone.localdate().isoformat()[:8] + "01"}, None),
        (lambda s: {"sector": "steel", "kind": "direct"}, ["deal"]),
    ],
    ids=["speaker", "sector", "sector-2", "event", "country", "tag", "kind", "from", "combined"],
)
def test_quote_filters(client, story, params, expected):
    params = params(story)
    if expected is None:
        # `from`: only the quotes said on or after that day.
        start = datetime.date.fromisoformat(params["from"])
        expected = [name for name in ("deal", "quotas", "duty") if story[name].day >= start]
    assert quote_ids(client, params) == {story[name].pk for name in expected}


def test_quote_date_filters(client, story):
    steel_day = story["deal"].day
    lumber_day = story["duty"].day
    assert quote_ids(client, {"to": steel_day.isoformat()}) == {
        story["deal"].pk,
        story["quotas"].pk,
    }
    assert quote_ids(client, {"from": lumber_day.isoformat()}) == {story["duty"].pk}
    assert quote_ids(client, {"from": steel_day.isoformat(), "to": steel_day.isoformat()}) == {
        story["deal"].pk,
        story["quotas"].pk,
    }


def article_ids(client, params):
    response, data = api_get(client, "/api/articles/", params)
    assert response.status_code == 200, data
    return {row["id"] for row in data["results"]}


def test_article_filters(client, story):
    steel_story, lumber_story = story["steel_story"].pk, story["lumber_story"].pk
    assert article_ids(client, {"tag": "tariffs"}) == {steel_story}
    assert article_ids(client, {"sector": "lumber"}) == {lumber_story}
    assert article_ids(client, {"person": story["mayor"].slug}) == {lumber_story}
    month = timezone.localtime(story["lumber_story"].publish_at).strftime("%Y-%m")
    assert lumber_story in article_ids(client, {"month": month})
    assert article_ids(client, {"month": "1999-01"}) == set()


# Visibility --------------------------------------------------------------------------


def test_no_draft_or_scheduled_quote_article_or_person_ever_appears(client, story):
    hidden_quotes = {q.pk for q in story["hidden_quotes"]}
    hidden_articles = {story["draft"].pk, story["scheduled"].pk}
    quotes, _ = walk(client, "/api/quotes/")
    assert not hidden_quotes & {row["id"] for row in quotes}
    articles, _ = walk(client, "/api/articles/")
    assert not hidden_articles & {row["id"] for row in articles}
    people, _ = walk(client, "/api/people/")
    hidden_slugs = {p.slug for p in story["hidden_people"]}
    assert not hidden_slugs & {row["slug"] for row in people}
    for path in ("/api/quotes/", "/api/articles/", "/api/people/", "/api/sectors/"):
        text = client.get(path).content.decode()
        for marker in ("embargo", "Marchbanks", "Oakhurst", "Brankworth", "Quota deal"):
            assert marker not in text, (path, marker)

    for quote in hidden_quotes:
        assert client.get(f"/api/quotes/{quote}/").status_code == 404
    for article in hidden_articles:
        assert client.get(f"/api/articles/{article}/").status_code == 404
    for person in story["hidden_people"]:
        assert client.get(f"/api/people/{person.slug}/").status_code == 404
        # Not even as a filter value: the filter says no such person.
        response, data = api_get(client, "/api/quotes/", {"speaker": person.slug})
        assert response.status_code == 400 and "speaker" in data["errors"]


def test_counts_and_filters_leave_out_draft_quotes(client, story):
    # The minister's quote in the draft is on lumber and by the minister: neither
    # the lumber filter nor the minister's count includes it.
    assert quote_ids(client, {"sector": "lumber"}) == {story["duty"].pk}
    assert quote_ids(client, {"event": story["talks"].slug}) == {story["deal"].pk}
    _, person = api_get(client, f"/api/people/{story['minister'].slug}/")
    assert person["quote_count"] == 1
    _, article = api_get(client, f"/api/articles/{story['steel_story'].pk}/")
    assert article["quote_count"] == len(article["quotes"]) == 2


def test_a_scheduled_article_appears_when_its_time_comes(client, story):
    scheduled = story["scheduled"]
    assert client.get(f"/api/articles/{scheduled.pk}/").status_code == 404
    Article.objects.filter(pk=scheduled.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(f"/api/articles/{scheduled.pk}/").status_code == 200
    assert story["hidden_quotes"][2].pk in quote_ids(client, {})


# Pagination --------------------------------------------------------------------------


@pytest.fixture
def many_quotes():
    """25 published articles with 2 quotes each, some published at the same moment."""
    same_time = timezone.now() - datetime.timedelta(days=3)
    sector = make_sector(name="copper")
    for n in range(25):
        article = make_article(
            headline=f"Copper report {n}",
            body=f"Report {n}.\n\n“Copper is moving {n},” one said. “Prices rose {n},” "
            "said a trader.",
            publish_at=same_time if n % 3 == 0 else same_time - datetime.timedelta(hours=n),
        )
        make_quote(article=article, text=f"Copper is moving {n},", sectors=[sector])
        make_quote(article=article, text=f"Prices rose {n},", sectors=[sector])
    return sector


@pytest.mark.parametrize(
    ("path", "total", "key"),
    [
        ("/api/quotes/", 50, "id"),
        ("/api/articles/", 25, "id"),
        ("/api/people/", 50, "slug"),
        ("/api/quotes/?sector=copper", 50, "id"),
    ],
)
def test_cursor_pagination_walks_every_row_once(client, many_quotes, path, total, key):
    path, _, query = path.partition("?")
    params = {**dict(urllib.parse.parse_qsl(query)), "page_size": 7}
    rows, pages = walk(client, path, params)
    keys = [row[key] for row in rows]
    assert len(keys) == total and len(set(keys)) == total
    assert pages == -(-total // 7)
    # The previous link of the second page leads back to the first page.
    _, first = api_get(client, path, params)
    _, second = api_get(client, first["next"].removeprefix(BASE))
    _, back = api_get(client, second["previous"].removeprefix(BASE))
    assert [row[key] for row in back["results"]] == [row[key] for row in first["results"]]


def test_pages_hold_fifty_rows_by_default_and_at_most_two_hundred(client, many_quotes):
    extra = make_article(headline="Extra", body="Extra.\n\n“One more,” said a clerk.")
    make_quote(article=extra, text="One more,")
    _, data = api_get(client, "/api/quotes/")
    assert len(data["results"]) == 50 and data["next"]
    _, data = api_get(client, "/api/quotes/", {"page_size": 200})
    assert len(data["results"]) == 51 and data["next"] is None


# Bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/quotes/", {"speaker": "nobody-at-all"}, "speaker"),
        ("/api/quotes/", {"sector": "no-such-sector"}, "sector"),
        ("/api/quotes/", {"event": "no-such-event"}, "event"),
        ("/api/quotes/", {"country": "atlantis"}, "country"),
        ("/api/quotes/", {"tag": "no-such-tag"}, "tag"),
        ("/api/quotes/", {"kind": "shouted"}, "kind"),
        ("/api/quotes/", {"from": "yesterday"}, "from"),
        ("/api/quotes/", {"to": "2025-13-45"}, "to"),
        ("/api/quotes/", {"from": "0001-01-01"}, "from"),
        ("/api/quotes/", {"from": "2025-05-01", "to": "2025-01-01"}, "non_field_errors"),
        ("/api/quotes/", {"page_size": "lots"}, "page_size"),
        ("/api/quotes/", {"page_size": "0"}, "page_size"),
        ("/api/quotes/", {"page_size": "201"}, "page_size"),
        ("/api/quotes/", {"cursor": "not-a-cursor"}, "cursor"),
        ("/api/quotes/", {"cursor": "cD0xMA\x00"}, "cursor"),
        ("/api/articles/", {"month": "2025-13"}, "month"),
        ("/api/articles/", {"person": "nobody-at-all"}, "person"),
        ("/api/articles/", {"sector": "\x00"}, "sector"),
        ("/api/articles/", {"cursor": "cD1ub3QtYS1kYXRl"}, "cursor"),
        ("/api/people/", {"page_size": "-3"}, "page_size"),
        ("/api/events/", {"cursor": "cD1ub3QtYS1kYXRl"}, "cursor"),
        ("/api/quotes/", {"cursor": "cD1hYmM="}, "cursor"),
        ("/api/people/", {"cursor": "cD1hJTAwYg=="}, "cursor"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, story, path, params, field):
    response, data = api_get(client, path, params)
    assert response.status_code == 400
    assert data["detail"]
    assert list(data["errors"]) == [field]
    assert all(isinstance(message, str) and message for message in data["errors"][field])


def test_a_cursor_past_every_id_is_an_empty_page_not_an_error(client, story):
    # The position of `?cursor=` decoded: p=99999999999999999999999999999
    cursor = "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ=="
    response, data = api_get(client, "/api/quotes/", {"cursor": cursor})
    assert response.status_code == 200 and len(data["results"]) == 3


@pytest.mark.parametrize("endpoint", ["people", "sectors"])
def test_an_old_slug_is_a_301_to_the_current_address(client, story, endpoint):
    entity = story["minister"] if endpoint == "people" else story["steel"]
    old = entity.slug
    entity.slug = f"{old}-renamed"
    entity.save()
    response = client.get(f"/api/{endpoint}/{old}/")
    assert response.status_code == 301
    assert response["Location"] == f"/api/{endpoint}/{old}-renamed/"
    response, data = api_get(client, response["Location"])
    assert response.status_code == 200 and data["slug"] == f"{old}-renamed"


def test_an_old_slug_of_a_hidden_person_is_still_a_404(client, story):
    hidden = story["hidden_people"][0]
    old = hidden.slug
    hidden.slug = f"{old}-renamed"
    hidden.save()
    assert client.get(f"/api/people/{old}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/quotes/999999/",
        "/api/quotes/99999999999999999999999/",
        "/api/quotes/abc/",
        "/api/articles/0/",
        "/api/people/nobody-at-all/",
        "/api/organizations/nothing/",
        "/api/sectors/nothing/",
        "/api/events/nothing/",
        "/api/countries/atlantis/",
        "/api/nothing/",
        "/api/quotes/1/extra/",
    ],
)
def test_unknown_addresses_are_a_404_in_json(client, story, path):
    response, data = api_get(client, path)
    assert response.status_code == 404
    assert data["detail"]


def test_the_api_only_reads(client, story):
    for method in ("post", "put", "patch", "delete", "options"):
        response = getattr(client, method)("/api/quotes/")
        assert response.status_code == 405, method
    response = client.get("/api/quotes/")
    assert response["Allow"] == "GET, HEAD"
    head = client.head("/api/quotes/")
    assert head.status_code == 200 and not head.content


# Formats and caching -----------------------------------------------------------------


@pytest.mark.parametrize("accept", ["text/html", "application/xml", "*/*", ""])
def test_every_endpoint_answers_json_whatever_the_accept_header(client, story, accept):
    response = client.get("/api/quotes/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "accept" not in {v.strip().lower() for v in response.get("Vary", "").split(",")}
    json.loads(response.content)


def test_the_page_cache_gives_api_responses_etags_and_304s(client, settings, story):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/api/quotes/", {"sector": "steel"})
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    etag = first["ETag"]
    assert etag and first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    again = client.get("/api/quotes/", {"sector": "steel"})
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    with CaptureQueriesContext(connection) as queries:
        not_modified = client.get("/api/quotes/", {"sector": "steel"}, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not not_modified.content
    assert len(queries) == 0
    # A publish changes the answer, and the old ETag no longer holds.
    story["draft"].status = Article.Status.PUBLISHED
    story["draft"].save()
    from articles.public.content_version import bump_content_version

    bump_content_version()
    fresh = client.get("/api/quotes/", {"sector": "steel"}, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    assert story["hidden_quotes"][0].pk in {row["id"] for row in fresh.json()["results"]}


# Schema and documentation ------------------------------------------------------------

ENDPOINT_PATHS = [
    "/api/articles/",
    "/api/articles/{id}/",
    "/api/quotes/",
    "/api/quotes/{id}/",
    *(f"/api/{name}/{suffix}" for name in ENTITY_ENDPOINTS for suffix in ("", "{slug}/")),
]


def resolve(schema, node):
    if isinstance(node, dict) and "$ref" in node:
        assert node["$ref"].startswith("#/components/schemas/")
        return schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def test_the_schema_is_openapi_3_with_every_endpoint_and_its_filters(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] and schema["info"]["version"]
    assert set(schema["paths"]) == set(ENDPOINT_PATHS)
    operation_ids = []
    for path, item in schema["paths"].items():
        assert set(item) == {"get"}, path
        operation = item["get"]
        operation_ids.append(operation["operationId"])
        for parameter in operation.get("parameters", []):
            assert {"name", "in", "schema"} <= set(parameter), (path, parameter)
            assert parameter["in"] in {"query", "path"}
            if parameter["in"] == "path":
                assert parameter["required"] is True and f"{{{parameter['name']}}}" in path
        content = operation["responses"]["200"]["content"]["application/json"]["schema"]
        resolve(schema, content.get("items", content))
    assert len(set(operation_ids)) == len(operation_ids)

    def query_names(path):
        parameters = schema["paths"][path]["get"]["parameters"]
        return {p["name"] for p in parameters if p["in"] == "query"}

    quote_filters = {"speaker", "sector", "event", "country", "tag", "kind", "from", "to"}
    assert query_names("/api/quotes/") == quote_filters | {"cursor", "page_size"}
    assert query_names("/api/articles/") == {
        "tag",
        "sector",
        "person",
        "month",
        "cursor",
        "page_size",
    }
    assert query_names("/api/people/") == {"cursor", "page_size"}
    assert not query_names("/api/quotes/{id}/")
    kinds = next(
        p for p in schema["paths"]["/api/quotes/"]["get"]["parameters"] if p["name"] == "kind"
    )
    assert kinds["schema"]["enum"] == ["direct", "indirect", "partial"]


def test_the_docs_page_lists_every_endpoint_its_filters_and_an_example(client, settings):
    response = client.get("/api/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert [t.name for t in response.templates][:2] == ["api/docs.html", "base.html"]
    page = response.content.decode()
    for path in ENDPOINT_PATHS:
        shown = path.replace("{id}", "&lt;id&gt;").replace("{slug}", "&lt;slug&gt;")
        assert f"<code>{shown}</code>" in page, path
    for name in ("speaker", "sector", "event", "country", "tag", "kind", "from", "to", "month"):
        assert f"<code>{name}</code>" in page, name
    assert 'href="/api/schema/"' in page
    assert "<code>from</code>: said on or after this day (YYYY-MM-DD)" in page
    assert "GET /api/quotes/?speaker=" in page
    assert "&quot;results&quot;" in page and "&quot;next&quot;" in page
    assert "page_size" in page and "If-None-Match" in page
    # Nothing from elsewhere: the site's strict CSP, and it works offline.
    assert "<script src=" not in page.replace('<script src="/static/', "")
    assert 'href="http' not in page.replace(f'href="{BASE}', "")
    # The docs page is HTML whatever the client asks for; the endpoints stay JSON.
    assert client.get("/api/", HTTP_ACCEPT="application/json")["Content-Type"].startswith(
        "text/html"
    )


# Query counts ------------------------------------------------------------------------

SMALL, LARGE = 10, 60

# name: (address with {placeholders}, queries it runs)
API_QUERIES = {
    "articles": ("/api/articles/", 2),
    "articles-filtered": ("/api/articles/?tag=generated&person={person}", 3),
    "article": ("/api/articles/{article}/", 5),
    "quotes": ("/api/quotes/", 2),
    "quotes-filtered": ("/api/quotes/?speaker={person}&sector={sector}&from=2000-01-01", 3),
    "quote": ("/api/quotes/{quote}/", 2),
    "people": ("/api/people/", 1),
    "person": ("/api/people/{person}/", 1),
    "organizations": ("/api/organizations/", 1),
    "organization": ("/api/organizations/{organization}/", 1),
    "sectors": ("/api/sectors/", 1),
    "sector": ("/api/sectors/{sector}/", 1),
    "events": ("/api/events/", 5),
    "event": ("/api/events/{event}/", 5),
    "countries": ("/api/countries/", 1),
    "country": ("/api/countries/{country}/", 1),
    "docs": ("/api/", 0),
    "schema": ("/api/schema/", 0),
}


@pytest.fixture
def archive():
    generate(articles=SMALL, entities=200, seed=5, until=datetime.date.today())
    ContentType.objects.get_for_models(Article, Quote)
    article = Article.objects.published().filter(quotes__isnull=False).first()
    quote = Quote.objects.public().filter(sectors__isnull=False, speaker__isnull=False).first()
    places = {
        "article": article.pk,
        "quote": quote.pk,
        "person": quote.speaker.slug,
        "sector": quote.sectors.first().slug,
        "organization": Organization.objects.first().slug,
        "event": Event.objects.filter(status_changes__isnull=False).first().slug,
        "country": Country.objects.first().slug,
    }

    def grow():
        generate(articles=LARGE - SMALL, entities=0, seed=6, until=datetime.date.today())

    return places, grow


@pytest.mark.parametrize("name", list(API_QUERIES))
def test_each_endpoint_runs_the_same_queries_at_both_sizes(client, archive, name):
    places, grow = archive
    address, expected = API_QUERIES[name]
    assert_same_queries_at_both_sizes(client, address.format(**places), grow, expected)


def test_lists_are_full_pages_in_the_large_archive(client, archive):
    _, grow = archive
    grow()
    for path in ("/api/quotes/", "/api/articles/"):
        _, data = api_get(client, path, {"page_size": 40})
        assert len(data["results"]) == 40 and data["next"], path


# A real server -----------------------------------------------------------------------


def bundle_line(n, *, status="published"):
    body = (
        f"Talks on copper went on in Ottawa, day {n}.\n\n"
        f"“We will keep talking about copper {n},” said Marisol Quennell-Abt.\n\n"
        f"“Smelters need certainty {n},” said Hollis Brackwater."
    )
    quotes = []
    for text, speaker in (
        (f"We will keep talking about copper {n},", "Marisol Quennell-Abt"),
        (f"Smelters need certainty {n},", "Hollis Brackwater"),
    ):
        start = body.index(text)
        quotes.append(
            {
                "text": text,
                "start": start,
                "end": start + len(text),
                "speaker": speaker,
                "kind": "direct",
                "sectors": ["copper"],
                "events": [],
            }
        )
    if status != "published":
        quotes[0]["speaker"] = "Peregrine Voskuijlen"
    return json.dumps(
        {
            "id": f"copper-{n}",
            "headline": f"Copper talks, day {n}",
            "byline": "Desk Reporter",
            "outlet": "Example Ledger",
            "published": f"2025-10-{n:02d}T09:00:00-04:00",
            "status": status,
            "body": body,
            "quotes": quotes,
        }
    )


def read_all(base, path):
    """Every row of an API list read over HTTP, following `next` to the end."""
    rows, url = [], base + path
    while url:
        assert url.startswith(base + path.split("?")[0])
        status, headers, text = get(base, url.removeprefix(base))
        assert status == 200 and headers["Content-Type"] == "application/json", text
        data = json.loads(text)
        rows += data["results"]
        url = data["next"]
    return rows


@pytest.mark.skipif(not GUNICORN.exists(), reason="needs gunicorn in the virtualenv")
def test_the_api_exercised_by_a_real_http_client(tmp_path):
    env = embedded_env(tmp_path)
    manage(env, "migrate", "--noinput", "-v0")
    bundle = tmp_path / "copper.jsonl"
    lines = [bundle_line(n) for n in range(1, 8)] + [bundle_line(20, status="draft")]
    bundle.write_text("\n".join(lines) + "\n", encoding="utf-8")
    manage(env, "import_bundle", str(bundle))

    with serving(env, tmp_path / "gunicorn.log") as base:
        quotes = read_all(base, "/api/quotes/?page_size=3")
        assert len(quotes) == 14 and len({q["id"] for q in quotes}) == 14
        assert "Peregrine Voskuijlen" not in json.dumps(quotes)
        assert {q["speaker"]["name"] for q in quotes} == {
            "Marisol Quennell-Abt",
            "Hollis Brackwater",
        }
        for quote in quotes[:2]:
            status, _, text = get(base, quote["api_url"].removeprefix(base))
            assert status == 200 and json.loads(text)["id"] == quote["id"]
        articles = read_all(base, "/api/articles/?page_size=2")
        assert [a["headline"] for a in articles] == [
            f"Copper talks, day {n}" for n in range(7, 0, -1)
        ]
        speaker = quotes[0]["speaker"]["slug"]
        filtered = read_all(base, f"/api/quotes/?speaker={speaker}&sector=copper&page_size=2")
        assert len(filtered) == 7 and {q["speaker"]["slug"] for q in filtered} == {speaker}
        people = read_all(base, "/api/people/")
        assert {p["name"] for p in people} == {"Marisol Quennell-Abt", "Hollis Brackwater"}

        status, headers, _ = get(base, "/api/quotes/?page_size=3")
        assert status == 200 and headers["ETag"]
        assert get(base, "/api/quotes/?page_size=3", {"If-None-Match": headers["ETag"]})[0] == 304
        status, _, text = get(base, "/api/quotes/?kind=shouted")
        assert status == 400 and "kind" in json.loads(text)["errors"]
        status, _, text = get(base, "/api/people/peregrine-voskuijlen/")
        assert status == 404 and json.loads(text)["detail"]
        status, headers, text = get(base, "/api/schema/")
        assert status == 200 and "/api/quotes/" in json.loads(text)["paths"]
