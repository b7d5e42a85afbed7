"""`Quote.objects.with_topics()`: a list's sectors, events and tags read in one query."""

import datetime

import pytest

from articles.models import Quote, link_topics
from tests.factories import make_article, make_event, make_quote, make_sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def quotes():
    article = make_article(body="Steel first. Then aluminum. Then nothing at all.")
    steel, aluminum = make_sector(name="steel"), make_sector(name="aluminum")
    review = make_event(name="Joint review", start_date=datetime.date(2026, 7, 1))
    summit = make_event(name="APEC summit", start_date=datetime.date(2025, 10, 31))
    talks = make_event(name="Autumn talks", start_date=datetime.date(2025, 10, 31))
    first = make_quote(
        article=article, text="Steel first.", sectors=[steel, aluminum], events=[summit]
    )
    first.tags.add("tariffs", "metals")
    second = make_quote(article=article, text="Then aluminum.", events=[summit, review, talks])
    third = make_quote(article=article, text="Then nothing at all.")
    return [first, second, third]


def names(manager):
    return [entity.name for entity in manager.all()]


def test_with_topics_gives_what_prefetch_related_gives_in_one_query(
    quotes, django_assert_num_queries
):
    expected = {
        q.pk: (names(q.sectors), names(q.events), sorted(names(q.tags)))
        for q in Quote.objects.prefetch_related("sectors", "events", "tags")
    }
    with django_assert_num_queries(2):  # The quotes, then their sectors, events and tags.
        read = list(Quote.objects.order_by("pk").with_topics(tags=True))
        found = {q.pk: (names(q.sectors), names(q.events), names(q.tags)) for q in read}
    assert found == expected
    # The models' own orders: sectors by name, events latest first and then by name.
    assert found[quotes[0].pk][0] == ["aluminum", "steel"]
    assert found[quotes[1].pk][1] == ["Joint review", "APEC summit", "Autumn talks"]
    assert found[quotes[2].pk] == ([], [], [])


def test_linked_entities_carry_what_lists_and_structured_data_show(
    quotes, django_assert_num_queries
):
    summit = quotes[0].events.get()
    summit.location = "Gyeongju"
    summit.end_date = datetime.date(2025, 11, 1)
    summit.wikidata_id = "Q1"
    summit.save()
    read = list(Quote.objects.filter(pk=quotes[0].pk).with_topics())
    sector_urls = [s.get_absolute_url() for s in quotes[0].sectors.order_by("name")]
    with django_assert_num_queries(0):
        event = read[0].events.all()[0]
        assert (event.name, event.location, event.end_date, event.wikidata_id) == (
            "APEC summit",
            "Gyeongju",
            datetime.date(2025, 11, 1),
            "Q1",
        )
        assert event.get_absolute_url() == summit.get_absolute_url()
        assert [s.get_absolute_url() for s in read[0].sectors.all()] == sector_urls


def test_slices_and_filters_keep_the_topics(quotes, django_assert_num_queries):
    queryset = Quote.objects.with_topics().filter(pk__in=[q.pk for q in quotes]).order_by("pk")
    with django_assert_num_queries(2):
        page = list(queryset[1:3])
        assert [names(q.events) for q in page] == [
            ["Joint review", "APEC summit", "Autumn talks"],
            [],
        ]


def test_nothing_to_link_runs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        link_topics([])


def test_linked_topics_refuse_to_be_narrowed(quotes):
    quote = Quote.objects.with_topics().get(pk=quotes[0].pk)
    assert quote.sectors.all().count() == 2 and quote.sectors.all().exists()
    with pytest.raises(TypeError, match="list"):
        quote.sectors.all().filter(name="steel")
    # Read without with_topics, the relation is a query as usual.
    assert Quote.objects.get(pk=quote.pk).sectors.filter(name="steel").count() == 1
