"""Profiles, index pages and the tracker, through the test client."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.public.profiles import details, lists
from articles.public.profiles import sections as profile_sections
from articles.public.profiles import tracker as tracker_view
from entities.models import Event, EventStatusChange
from tests import factories as f

pytestmark = pytest.mark.django_db

BODY = (
    'Mark Carney said "we will keep working on steel" on Tuesday.\n\n'
    '"Aluminum talks continue," LeBlanc said.\n\n'
    '"They took advantage of us," Trump said.'
)


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


@pytest.fixture
def world():
    w = {}
    w["ca"] = f.make_country(name="Canada", iso_code="CA")
    w["us"] = f.make_country(name="United States", iso_code="US")
    w["gov"] = f.make_organization(name="Government of Canada", kind="government", country=w["ca"])
    w["metals"] = f.make_sector(name="metals")
    w["steel"] = f.make_sector(name="steel", parent=w["metals"])
    w["aluminum"] = f.make_sector(name="aluminum", parent=w["metals"])
    w["carney"] = f.make_person(
        name="Mark Carney",
        title="Prime Minister",
        affiliation=w["gov"],
        country=w["ca"],
        wikidata_id="Q4357236",
    )
    w["leblanc"] = f.make_person(name="Dominic LeBlanc", affiliation=w["gov"], country=w["ca"])
    w["trump"] = f.make_person(name="Donald Trump", country=w["us"])
    w["tariff"] = f.make_event(
        name="Steel tariffs",
        kind=Event.Kind.TARIFF_ACTION,
        start_date=datetime.date(2025, 3, 12),
        sectors=[w["steel"]],
        rate="25%",
        legal_basis="Section 232",
    )
    w["tariff"].implementing_countries.set([w["us"]])
    w["tariff"].affected_countries.set([w["ca"]])
    EventStatusChange.objects.create(
        event=w["tariff"], status="announced", date=datetime.date(2025, 2, 10)
    )
    EventStatusChange.objects.create(
        event=w["tariff"], status="in_force", date=datetime.date(2025, 3, 12)
    )
    w["summit"] = f.make_event(
        name="APEC summit",
        kind=Event.Kind.SUMMIT,
        start_date=datetime.date(2025, 10, 31),
        end_date=datetime.date(2025, 11, 1),
        sectors=[w["steel"]],
        location="Gyeongju",
    )
    w["summit"].participants.set([w["carney"]])
    w["review"] = f.make_event(
        name="USMCA review",
        kind=Event.Kind.DEADLINE,
        start_date=timezone.localdate() + datetime.timedelta(days=200),
        sectors=[w["steel"]],
        status=Event.Status.SCHEDULED,
    )
    w["march"] = f.make_article(
        headline="Steel tariffs bite", body=BODY, publish_at=at(2025, 3, 13)
    )
    w["q_steel"] = f.make_quote(
        article=w["march"],
        text="we will keep working on steel",
        speaker=w["carney"],
        sectors=[w["steel"]],
        events=[w["tariff"]],
        is_key=True,
    )
    f.make_quote(
        article=w["march"],
        text="Aluminum talks continue",
        speaker=w["leblanc"],
        sectors=[w["aluminum"]],
    )
    w["october"] = f.make_article(headline="Summit ahead", body=BODY, publish_at=at(2025, 10, 20))
    w["q_summit"] = f.make_quote(
        article=w["october"],
        text="we will keep working on steel",
        speaker=w["carney"],
        sectors=[w["aluminum"]],
        events=[w["summit"]],
    )
    f.make_quote(article=w["october"], text="They took advantage of us", speaker=w["trump"])
    f.make_mention(article=w["october"], entity=w["ca"])
    # Not public: a draft and a scheduled article, each quoting Carney on steel (key quotes).
    w["draft"] = f.make_article(headline="Secret draft", body=BODY, published=False)
    f.make_quote(
        article=w["draft"],
        text="Aluminum talks continue",
        speaker=w["carney"],
        sectors=[w["steel"]],
        events=[w["tariff"]],
        is_key=True,
    )
    w["scheduled"] = f.make_article(
        headline="Scheduled story",
        body=BODY,
        publish_at=timezone.now() + datetime.timedelta(days=2),
    )
    f.make_quote(
        article=w["scheduled"],
        text="They took advantage of us",
        speaker=w["carney"],
        sectors=[w["steel"]],
        is_key=True,
    )
    f.make_mention(article=w["draft"], entity=w["steel"])
    return w


def text_of(response):
    """The page's visible text, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(a|strong|em|span|time|q|cite|abbr)\b[^>]*>", "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def timeline_text(response):
    """The text of the tracker's timeline alone (after the order toggle)."""
    return text_of(response).split("Oldest first", 1)[1]


def json_ld_of(response, schema_type):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    found = [json.loads(b) for b in blocks]
    return next(b for b in found if b.get("@type") == schema_type)


# Person profile.


def test_person_profile_shows_who_they_are_and_their_public_quotes_newest_first(client, world):
    carney = world["carney"]
    response = client.get(carney.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert "Mark Carney" in text and "Prime Minister" in text
    assert f'href="{world["gov"].get_absolute_url()}"' in html
    assert f'href="{world["ca"].get_absolute_url()}"' in html
    assert "2 quotes by Mark Carney in our coverage" in text
    assert text.index("20 October 2025") < text.index("13 March 2025")
    assert f'href="{world["q_steel"].get_absolute_url()}"' in html
    assert f'href="{world["march"].get_absolute_url()}"' in html


def test_person_profile_never_shows_or_counts_unpublished_quotes(client, world):
    text = text_of(client.get(world["carney"].get_absolute_url()))
    assert "Secret draft" not in text and "Scheduled story" not in text
    assert "They took advantage of us" not in text
    # Sector tallies count public quotes only: one on steel, one on aluminum.
    assert re.search(r"steel 1 quote\b", text)
    assert re.search(r"aluminum 1 quote\b", text)


def test_person_profile_lists_sectors_events_and_co_speakers(client, world):
    response = client.get(world["carney"].get_absolute_url())
    html = response.content.decode()
    text = text_of(response)
    assert f'href="{world["tariff"].get_absolute_url()}"' in html
    assert f'href="{world["summit"].get_absolute_url()}"' in html
    assert f'href="{world["steel"].get_absolute_url()}"' in html
    assert "Dominic LeBlanc in 1 article" in text
    assert "Donald Trump in 1 article" in text
    assert f'href="{world["leblanc"].get_absolute_url()}"' in html


def test_person_profile_filtered_by_sector_and_event_is_a_page_with_its_own_feed(client, world):
    url = world["carney"].get_absolute_url()
    response = client.get(url, {"sector": "steel"})
    text = text_of(response)
    assert response.status_code == 200
    assert "1 quote by Mark Carney in our coverage, in this selection" in text
    assert "13 March 2025" in text and "20 October 2025" not in text
    assert f'href="{url}feed/?sector=steel"' in response.content.decode()
    assert "Mark Carney: quotes on steel" in text

    by_event = text_of(client.get(url, {"event": world["summit"].slug}))
    assert "20 October 2025" in by_event and "13 March 2025" not in by_event

    both = text_of(client.get(url, {"event": world["summit"].slug, "sector": "steel"}))
    assert "No quotes by Mark Carney in our coverage match this selection" in both


def test_a_parent_sector_filter_covers_its_sub_sectors(client, world):
    text = text_of(client.get(world["carney"].get_absolute_url(), {"sector": "metals"}))
    assert "2 quotes by Mark Carney in our coverage, in this selection" in text


def test_unknown_filter_is_a_400_with_a_message_and_no_reflection(client, world):
    response = client.get(world["carney"].get_absolute_url(), {"sector": "<script>x</script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "We have no sector at that address." in html
    assert "<script>x" not in html and "&lt;script&gt;x" not in html


@pytest.mark.parametrize("page", ["2", "0", "abc", "-1", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_a_404(client, world, page):
    assert client.get(world["carney"].get_absolute_url(), {"page": page}).status_code == 404


def test_quotes_are_paginated(client, world, monkeypatch):
    monkeypatch.setattr(profile_sections, "QUOTES_PER_PAGE", 1)
    url = world["carney"].get_absolute_url()
    first = client.get(url, {"sector": "metals"})
    assert "Page 1 of 2" in text_of(first)
    assert 'href="?sector=metals&amp;page=2"' in first.content.decode()
    second = text_of(client.get(url, {"sector": "metals", "page": "2"}))
    assert "13 March 2025" in second and "20 October 2025" not in second


@pytest.mark.parametrize(
    "key,prefix,new_slug",
    [("carney", "people", "mark-j-carney"), ("steel", "sectors", "steel-mill")],
)
def test_unknown_entity_is_a_404_and_an_old_slug_redirects(client, world, key, prefix, new_slug):
    assert client.get(f"/{prefix}/nobody-at-all/").status_code == 404
    entity = world[key]
    old = entity.get_absolute_url()
    entity.slug = new_slug
    entity.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == f"/{prefix}/{new_slug}/"
    assert client.get(response["Location"]).status_code == 200


def test_person_json_ld_and_open_graph(client, world):
    response = client.get(world["carney"].get_absolute_url())
    data = json_ld_of(response, "Person")
    assert data["name"] == "Mark Carney"
    assert data["sameAs"] == ["https://www.wikidata.org/wiki/Q4357236"]
    assert data["affiliation"]["name"] == "Government of Canada"
    assert '<meta property="og:title" content="Mark Carney">' in response.content.decode()
    leblanc = json_ld_of(client.get(world["leblanc"].get_absolute_url()), "Person")
    assert "sameAs" not in leblanc


def test_profile_pages_offer_rss_and_atom_autodiscovery(client, world):
    html = client.get(world["carney"].get_absolute_url(), {"sector": "steel"}).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/people/mark-carney/feed/atom/?sector=steel"' in html


# Sector, event, organization and country profiles.


def test_sector_profile(client, world):
    steel = world["steel"]
    response = client.get(steel.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert "1 quote on steel in our coverage" in text
    assert f'href="{world["carney"].get_absolute_url()}?sector=steel"' in html
    assert f'href="{reverse("entities:tracker")}?sector=steel"' in html
    # Events in date order, the upcoming one marked in words.
    assert text.index("Steel tariffs") < text.index("APEC summit") < text.index("USMCA review")
    assert "Upcoming" in text
    assert "1 article in our coverage on steel" in text
    assert "Secret draft" not in text
    assert f'href="{world["metals"].get_absolute_url()}"' in html
    assert "coverage-chart" in html


def test_parent_sector_lists_sub_sectors_and_gathers_their_quotes(client, world):
    response = client.get(world["metals"].get_absolute_url())
    text = text_of(response)
    assert "Sub-sectors" in text
    assert re.search(r"Aluminum 2 quotes", text)
    assert re.search(r"Steel 1 quote\b", text)
    assert "4 quotes on metals in our coverage" not in text
    assert "3 quotes on metals in our coverage" in text


def test_sector_intersection_with_a_person(client, world):
    response = client.get(world["aluminum"].get_absolute_url(), {"person": "dominic-leblanc"})
    text = text_of(response)
    assert "1 quote on aluminum in our coverage, in this selection" in text
    assert 'href="/sectors/aluminum/feed/?person=dominic-leblanc"' in response.content.decode()


def test_event_profile_of_a_trade_measure(client, world):
    tariff = world["tariff"]
    response = client.get(tariff.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert "Tariff action" in text and "25%" in text and "Section 232" in text
    assert "12 March 2025" in text
    assert text.index("10 February 2025: Announced") < text.index("12 March 2025: In force")
    assert "Imposed by United States" in text and "Affects Canada" in text
    assert "1 quote at or about this event in our coverage" in text
    assert "Secret draft" not in text
    # The next event in the same sectors.
    assert f'href="{world["summit"].get_absolute_url()}"' in html
    assert "Upcoming" not in text
    data = json_ld_of(response, "Event")
    assert data["startDate"] == "2025-03-12"


def test_event_profile_links_before_and_after_and_marks_upcoming(client, world):
    summit = client.get(world["summit"].get_absolute_url())
    html = summit.content.decode()
    text = text_of(summit)
    assert f'href="{world["tariff"].get_absolute_url()}"' in html
    assert f'href="{world["review"].get_absolute_url()}"' in html
    assert "31 October – 1 November 2025" in text
    assert f'href="{world["carney"].get_absolute_url()}"' in html
    review = text_of(client.get(world["review"].get_absolute_url()))
    assert "Upcoming: this has not happened yet." in review


def test_event_in_no_sector_does_not_offer_neighbours_in_its_sectors(client, world):
    talks = f.make_event(name="Border talks", start_date=datetime.date(2025, 5, 1))
    text = text_of(client.get(talks.get_absolute_url()))
    assert "Border talks" in text
    assert "In the same sectors" not in text and "No other event" not in text
    assert "In the same sectors" in text_of(client.get(world["summit"].get_absolute_url()))


def test_organization_and_country_profiles(client, world):
    org = client.get(world["gov"].get_absolute_url())
    text = text_of(org)
    assert org.status_code == 200
    assert "3 quotes by its people in our coverage" in text
    assert "Mark Carney, Prime Minister 2 quotes" in text
    assert "APEC summit" in text

    country = client.get(world["ca"].get_absolute_url())
    text = text_of(country)
    assert "3 quotes by its people in our coverage" in text
    assert "Steel tariffs" in text and "Affects Canada" in text
    assert "Government of Canada" in text
    us = text_of(client.get(world["us"].get_absolute_url()))
    assert "Imposed by United States" in us


@pytest.mark.parametrize(
    "url", ["/sectors/nope/", "/events/nope/", "/organizations/nope/", "/countries/nope/"]
)
def test_unknown_profiles_are_404(client, world, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/sectors/steel/", {"person": "nobody"}),
        ("/events/apec-summit/", {"sector": "nope"}),
        ("/countries/canada/", {"event": "nope"}),
        ("/organizations/government-of-canada/", {"person": "nope"}),
    ],
)
def test_bad_profile_filters_are_400(client, world, url, query):
    response = client.get(url, query)
    assert response.status_code == 400


# Index pages.


def test_index_pages_count_only_public_coverage_and_say_what_they_count(client, world):
    response = client.get(reverse("entities:person-list"))
    text = text_of(response)
    assert "Quotes in our coverage" in text
    # Carney: 2 public quotes in 2 public articles (the draft and scheduled ones are not counted).
    assert re.search(r"Mark Carney Prime Minister, Government of Canada \(Canada\) 2 2", text)
    sectors = text_of(client.get(reverse("entities:sector-list")))
    assert re.search(r"Steel Metals 3 1 1", sectors)
    assert re.search(r"Metals 3 3 2", sectors)
    events = text_of(client.get(reverse("entities:event-list")))
    assert "USMCA review Upcoming" in events
    assert re.search(r"Steel tariffs 12 March 2025 Tariff action 1 1", events)
    countries = text_of(client.get(reverse("entities:country-list")))
    assert re.search(r"Canada 2 3 1", countries)
    orgs = text_of(client.get(reverse("entities:organization-list")))
    assert re.search(r"Government of Canada Government \(Canada\) 2 3 2", orgs)


@pytest.mark.parametrize("name", ["person", "organization", "sector", "event", "country"])
def test_index_pages_offer_the_site_feed_to_feed_readers(client, world, name):
    html = client.get(reverse(f"entities:{name}-list")).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/feeds/latest/"' in html


def test_profile_without_quotes_shows_no_empty_chart(client, world):
    # A sector no one has been quoted on has a profile, but nothing to chart.
    copper = f.make_sector(name="copper")
    response = client.get(copper.get_absolute_url())
    assert response.status_code == 200
    assert "0 quotes on copper in our coverage" in text_of(response)
    assert "chart-figure" not in response.content.decode()
    # Once someone is, the chart appears.
    assert "chart-figure" in client.get(world["steel"].get_absolute_url()).content.decode()


def test_index_pages_are_paginated_and_reject_bad_pages(client, world, monkeypatch):
    monkeypatch.setattr(lists, "ENTITIES_PER_PAGE", 2)
    assert "Page 1 of 2" in text_of(client.get("/people/"))
    assert client.get("/people/", {"page": "3"}).status_code == 404
    assert client.get("/countries/", {"page": "x"}).status_code == 404


# The tracker.


def test_tracker_shows_events_articles_and_key_quotes_by_month(client, world):
    response = client.get(reverse("entities:tracker"))
    assert response.status_code == 200
    text = timeline_text(response)
    assert "October 2025" in text and "March 2025" in text and "February 2025" in text
    assert text.index("October 2025") < text.index("March 2025")
    assert "Event · Tariff action" in text and "Rate: 25%" in text
    assert "Announced 10 Feb 2025" in text and "In force 12 Mar 2025" in text
    assert "Article Steel tariffs bite" in text
    assert "Key quote “ we will keep working on steel" in text or (
        "Key quote" in text and "we will keep working on steel" in text
    )
    # Non-key quotes and unpublished coverage stay off the tracker.
    assert "Aluminum talks continue" not in text
    assert "Secret draft" not in text and "Scheduled story" not in text
    assert "They took advantage of us" not in text


def test_tracker_upcoming_events_are_at_the_top_marked_in_words(client, world):
    text = text_of(client.get(reverse("entities:tracker")))
    assert "Upcoming Scheduled events that have not happened yet." in text
    assert text.index("USMCA review") < text.index("Activity per month")
    assert text.count("USMCA review") == 1


def test_tracker_oldest_first(client, world):
    text = timeline_text(client.get(reverse("entities:tracker"), {"order": "oldest"}))
    assert text.index("February 2025") < text.index("March 2025") < text.index("October 2025")


def test_tracker_filters_combine(client, world):
    url = reverse("entities:tracker")
    by_kind = timeline_text(client.get(url, {"kind": "summit"}))
    assert "APEC summit" in by_kind and "Steel tariffs bite" not in by_kind
    # An article quoting someone about a summit belongs to the summits' timeline.
    assert "Summit ahead" in by_kind

    by_person = timeline_text(client.get(url, {"person": "mark-carney"}))
    assert "APEC summit" in by_person and "Steel tariffs bite" in by_person
    assert "Event · Tariff action" not in by_person

    response = client.get(url, {"sector": "steel", "from": "2025-03-01", "to": "2025-03-31"})
    assert "Tracker: steel (2025-03-01 to 2025-03-31)" in text_of(response)
    dated = timeline_text(response)
    assert "Steel tariffs bite" in dated and "Event · Tariff action" in dated
    assert "APEC summit" not in dated and "Summit ahead" not in dated

    by_country = timeline_text(client.get(url, {"country": "united-states"}))
    assert "Event · Tariff action" in by_country and "APEC summit" not in by_country

    by_sub_sector = timeline_text(client.get(url, {"sector": "aluminum"}))
    assert "Steel tariffs bite" in by_sub_sector and "Summit ahead" in by_sub_sector
    assert "Event · Tariff action" not in by_sub_sector


def test_tracker_filtered_view_has_its_feed_and_shareable_links(client, world):
    response = client.get(reverse("entities:tracker"), {"sector": "steel", "order": "oldest"})
    html = response.content.decode()
    assert 'href="/tracker/feed/?sector=steel"' in html
    assert 'href="/tracker/feed/atom/?sector=steel"' in html
    assert 'href="?sector=steel"' in html  # newest-first toggle keeps the filter
    assert 'href="?sector=steel&amp;order=oldest"' in html


@pytest.mark.parametrize(
    "query",
    [
        {"sector": "nope"},
        {"person": "nobody"},
        {"country": "atlantis"},
        {"kind": "picnic"},
        {"from": "2025-13-01"},
        {"to": "yesterday"},
        {"from": "2025-05-01", "to": "2025-04-01"},
        {"order": "sideways"},
    ],
)
def test_tracker_bad_filters_are_400_with_a_message(client, world, query):
    response = client.get(reverse("entities:tracker"), query)
    assert response.status_code == 400
    html = response.content.decode()
    # The tracker's form again, with what was wrong named beside the field.
    assert '<form class="tracker-filters"' in html
    assert '<div class="form-errors" role="alert"' in html
    for value in query.values():
        if value not in ("2025-05-01", "2025-04-01"):
            assert f">{value}<" not in html


def test_tracker_is_bounded_and_shows_older_by_month(client, world, monkeypatch):
    monkeypatch.setattr(tracker_view, "TRACKER_LIMIT", 3)
    response = client.get(reverse("entities:tracker"))
    text = timeline_text(response)
    assert "October 2025" in text and "March 2025" not in text
    match = re.search(r'<a rel="next" href="([^"]+)">Show older</a>', response.content.decode())
    older = match.group(1).replace("&amp;", "&")
    assert older == "?to=2025-03-31"
    text = timeline_text(client.get(reverse("entities:tracker") + older))
    assert "March 2025" in text and "Steel tariffs bite" in text and "Summit ahead" not in text


def test_tracker_overview_strip_links_each_month(client, world):
    html = client.get(reverse("entities:tracker")).content.decode()
    assert 'id="activity-strip"' in html
    assert '<a href="?from=2025-03-01&amp;to=2025-03-31">' in html
    assert "March 2025: 1 event, 1 article, 1 key quote" in html


def test_tracker_form_timeline_is_reusable_without_a_request(world):
    from articles.public.forms import TrackerFilterForm

    form = TrackerFilterForm({"sector": "steel"})
    assert form.is_valid()
    page = form.timeline(limit=10)
    kinds = {(e.kind, getattr(e.obj, "pk", None)) for e in page.entries}
    assert ("article", world["march"].pk) in kinds
    assert ("quote", world["q_steel"].pk) in kinds
    assert all(e.obj.pk != world["draft"].pk for e in page.entries if e.kind == "article")


def test_tracker_form_reads_its_drop_downs_and_chosen_person_in_one_query(
    world, django_assert_num_queries
):
    from articles.public.forms import TrackerFilterForm

    with django_assert_num_queries(1):
        form = TrackerFilterForm({"sector": "steel", "person": "mark-carney", "country": "canada"})
        assert form.is_valid()
    assert [form.cleaned_data[name].name for name in ("sector", "person", "country")] == [
        "steel",
        "Mark Carney",
        "Canada",
    ]
    assert form.cleaned_data["person"].get_absolute_url() == world["carney"].get_absolute_url()
    # The drop-downs list every sector and country by name, after the empty choice.
    assert form.fields["sector"].choices == [
        ("", "Any sector"),
        ("aluminum", "aluminum"),
        ("metals", "metals"),
        ("steel", "steel"),
    ]
    assert [label for _, label in form.fields["country"].choices] == [
        "Any country",
        "Canada",
        "United States",
    ]


def test_tracker_form_without_drop_downs_reads_only_what_is_chosen(
    world, django_assert_num_queries
):
    from articles.public.forms import TrackerFilterForm

    with django_assert_num_queries(0):
        assert TrackerFilterForm({"kind": "summit"}, choices=False).is_valid()
    with django_assert_num_queries(1):
        form = TrackerFilterForm({"sector": "steel", "country": "atlantis"}, choices=False)
        assert not form.is_valid()
    assert form.errors == {"country": ["We have no country at that address."]}
    assert form.fields["sector"].choices == [("", "Any sector"), ("steel", "steel")]


def test_tracker_form_can_leave_the_chosen_to_the_timeline(world, django_assert_num_queries):
    from articles.public.forms import TrackerFilterForm

    with django_assert_num_queries(0):
        form = TrackerFilterForm({"sector": "steel"}, choices=False, defer_chosen=True)
        assert form.is_valid()
    page = form.timeline(today=datetime.date(2025, 12, 31), limit=10)
    assert form.cleaned_data["sector"].get_absolute_url() == world["steel"].get_absolute_url()
    assert ("event", world["tariff"].pk) in {(e.kind, e.obj.pk) for e in page.entries}
    missing = {"sector": "steel", "country": "atlantis"}
    form = TrackerFilterForm(missing, choices=False, defer_chosen=True)
    assert form.is_valid()
    with django_assert_num_queries(1):
        assert form.timeline(limit=10) is None
    assert form.errors == {"country": ["We have no country at that address."]}


def test_tracker_events_get_their_sectors_and_countries_by_name_in_one_query(
    world, django_assert_num_queries
):
    from articles.public.forms import TrackerFilterForm

    world["summit"].sectors.add(world["aluminum"])
    world["summit"].implementing_countries.set([world["us"], world["ca"]])
    events = [world["tariff"], world["summit"], world["review"]]
    with django_assert_num_queries(1):
        TrackerFilterForm.link_events(events, countries=True)
    tariff, summit, review = events
    assert [s.name for s in tariff.sector_list] == ["steel"]
    assert [c.name for c in tariff.implementing] == ["United States"]
    assert [c.name for c in tariff.affected] == ["Canada"]
    assert [s.get_absolute_url() for s in summit.sector_list] == [
        world["aluminum"].get_absolute_url(),
        world["steel"].get_absolute_url(),
    ]
    assert [c.name for c in summit.implementing] == ["Canada", "United States"]
    assert summit.affected == [] and review.implementing == []
    with django_assert_num_queries(0):
        TrackerFilterForm.link_events([])


def test_tracker_timeline_gives_each_event_its_status_history(world):
    from articles.public.forms import TrackerFilterForm

    form = TrackerFilterForm({"sector": "steel"})
    assert form.is_valid()
    page = form.timeline(today=datetime.date(2025, 12, 31), limit=10)
    tariff = next(e.obj for e in page.entries if e.kind == "event" and e.obj == world["tariff"])
    assert [(c.status, c.date) for c in tariff.status_history] == [
        ("announced", datetime.date(2025, 2, 10)),
        ("in_force", datetime.date(2025, 3, 12)),
    ]
    # The status entries are the changes themselves, whatever the events on the page.
    statuses = [e.obj for e in page.entries if e.kind == "status"]
    assert sorted(c.date for c in statuses) == [
        datetime.date(2025, 2, 10),
        datetime.date(2025, 3, 12),
    ]
    assert [e.name for e in page.upcoming] == ["USMCA review"]


# Fixed query counts at two data sizes.


def grow(world, n, *, start=0):
    """`n` more public articles, each quoting every speaker on steel about the tariff."""
    for i in range(start, start + n):
        article = f.make_article(
            headline=f"More {i}", body=BODY, publish_at=at(2025, 1 + i % 12, 3)
        )
        for speaker, text in (
            (world["carney"], "we will keep working on steel"),
            (world["leblanc"], "Aluminum talks continue"),
        ):
            f.make_quote(
                article=article,
                text=text,
                speaker=speaker,
                sectors=[world["steel"], world["aluminum"]],
                events=[world["tariff"], world["summit"]],
                is_key=True,
            )
        f.make_mention(article=article, entity=world["ca"])
        event = f.make_event(
            name=f"Round {i}",
            kind=Event.Kind.TARIFF_ACTION,
            start_date=datetime.date(2025, 1 + i % 12, 5),
            sectors=[world["steel"]],
        )
        event.participants.set([world["carney"]])
        EventStatusChange.objects.create(event=event, status="announced", date=event.start_date)
        f.make_person(name=f"Official {i}", affiliation=world["gov"], country=world["ca"])


# Page, query string and the queries it runs: the same at both data sizes.
PAGES = {
    "person": ("/people/mark-carney/", {}, 7),
    "person-filtered": ("/people/mark-carney/", {"sector": "steel", "event": "steel-tariffs"}, 8),
    "sector": ("/sectors/steel/", {}, 8),
    "event": ("/events/steel-tariffs/", {}, 8),
    "organization": ("/organizations/government-of-canada/", {}, 7),
    "country": ("/countries/canada/", {}, 8),
    "people": ("/people/", {}, 3),
    "organizations": ("/organizations/", {}, 2),
    "sectors": ("/sectors/", {}, 2),
    "events": ("/events/", {}, 2),
    "countries": ("/countries/", {}, 2),
    "tracker": ("/tracker/", {}, 7),
    "tracker-filtered": (
        "/tracker/",
        {"sector": "steel", "person": "mark-carney", "country": "canada", "from": "2024-01-01"},
        5,
    ),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_runs_a_fixed_number_of_queries(client, world, name, django_assert_num_queries):
    url, query, expected = PAGES[name]
    grow(world, 3)
    with django_assert_num_queries(expected):
        assert client.get(url, query).status_code == 200
    grow(world, 30, start=3)
    with django_assert_num_queries(expected):
        assert client.get(url, query).status_code == 200


def test_visibility_follows_the_publish_time(client, world):
    """A scheduled article's quote appears once its time has come, with no job running."""
    Article.objects.filter(pk=world["scheduled"].pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    text = text_of(client.get(world["carney"].get_absolute_url()))
    assert "They took advantage of us" in text
    assert "3 quotes by Mark Carney in our coverage" in text


@pytest.mark.parametrize(
    "url",
    [
        "/tracker/?to=9999-12-31",
        "/tracker/?from=0001-01-01",
        "/quotes/?to=9999-12-31",
        "/tracker/feed/?to=9999-12-31",
        "/quotes/feed/?from=0001-01-01",
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400


def test_often_quoted_alongside_counts_the_persons_latest_articles(client, world, monkeypatch):
    old = f.make_article(publish_at=timezone.now() - datetime.timedelta(days=30))
    f.make_quote(article=old, text="Canada", speaker=world["carney"])
    f.make_quote(article=old, text="United States", speaker=world["trump"])
    new = f.make_article(publish_at=timezone.now() - datetime.timedelta(days=1))
    f.make_quote(article=new, text="Canada", speaker=world["carney"])
    f.make_quote(article=new, text="United States", speaker=world["leblanc"])
    monkeypatch.setattr(details, "CO_SPEAKER_ARTICLES", 1)
    text = text_of(client.get(world["carney"].get_absolute_url()))
    assert "In the latest 1 articles that quote Mark Carney." in text
    assert "Dominic LeBlanc in 1 article" in text
    assert "Donald Trump in" not in text


def test_an_events_links_are_read_in_one_query_in_each_models_order(
    world, django_assert_num_queries
):
    from entities import linking

    tariff = world["tariff"]
    tariff.participants.set([world["trump"], world["carney"]])
    tariff.sectors.add(world["aluminum"])
    with django_assert_num_queries(1):
        linking.link([tariff], ("participants", "sectors", "affected_countries"))
    with django_assert_num_queries(0):
        assert [p.name for p in tariff.participants.all()] == ["Donald Trump", "Mark Carney"]
        assert [s.name for s in tariff.sectors.all()] == ["aluminum", "steel"]
        assert [c.get_absolute_url() for c in tariff.affected_countries.all()] == [
            world["ca"].get_absolute_url()
        ]
    with pytest.raises(TypeError):
        tariff.sectors.all().filter(name="steel")


def test_a_quote_without_a_stored_day_is_still_listed_and_counted(client, world):
    from articles.models import Quote

    first = Quote.objects.filter(speaker=world["carney"]).order_by("pk").first()
    Quote.objects.filter(pk=first.pk).update(day=None)
    response = client.get(world["carney"].get_absolute_url())
    assert response.status_code == 200
    assert "2 quotes by Mark Carney in our coverage" in text_of(response)
