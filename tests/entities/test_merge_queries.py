"""Merging an entity costs the same number of queries however much refers to it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from entities.merging import merge_entities
from entities.tags import merge_tags
from tests.factories import make_article, make_mention, make_person, make_quote, make_sector

pytestmark = pytest.mark.django_db


def quoted_pair(size):
    """A kept and a duplicate person and sector, the duplicates in `size` quotes and mentions."""
    body = " ".join(f"“Offer {i} stands,” she said." for i in range(size))
    article = make_article(body=body)
    kept_person, dup_person = make_person(), make_person()
    kept_sector, dup_sector = make_sector(), make_sector()
    quotes = [
        make_quote(
            article=article,
            text=f"Offer {i} stands,",
            speaker=dup_person,
            # One quote already in the kept sector too.
            sectors=[dup_sector, kept_sector] if i == 0 else [dup_sector],
        )
        for i in range(size)
    ]
    for _ in range(size):
        make_mention(article=article, entity=dup_person)
    return (kept_person, dup_person), (kept_sector, dup_sector), quotes


def queries_to_merge(kept, dup):
    with CaptureQueriesContext(connection) as queries:
        merge_entities(kept, [dup])
    return len(queries)


def test_merging_a_speaker_of_two_quotes_costs_as_much_as_of_six():
    (kept_two, dup_two), _sectors, _quotes = quoted_pair(2)
    (kept_six, dup_six), _sectors, quotes = quoted_pair(6)
    queries_to_merge(*quoted_pair(1)[0])  # fills the content types' cache

    assert queries_to_merge(kept_two, dup_two) == queries_to_merge(kept_six, dup_six)
    assert set(kept_six.quotes.all()) == set(quotes)
    assert kept_six.mentions.count() == 6


def test_merging_a_sector_of_two_quotes_costs_as_much_as_of_six():
    _people, (kept_two, dup_two), _quotes = quoted_pair(2)
    _people, (kept_six, dup_six), quotes = quoted_pair(6)
    queries_to_merge(*quoted_pair(1)[1])

    assert queries_to_merge(kept_two, dup_two) == queries_to_merge(kept_six, dup_six)
    assert set(kept_six.quotes.all()) == set(quotes)
    for quote in quotes:
        assert list(quote.sectors.all()) == [kept_six]
        links = quote.history.latest().historicalquote_sectors_set.all()
        assert [link.sector_id for link in links] == [kept_six.pk]


def tagged_pair(size):
    kept, dup = (
        Tag.objects.create(name=f"tariffs {size}"),
        Tag.objects.create(name=f"tarifs {size}"),
    )
    for i in range(size):
        article = make_article(headline=f"Story {size}-{i}")
        article.tags.add(dup, *([kept] if i == 0 else []))
    return kept, dup


def test_merging_a_tag_of_two_articles_costs_as_much_as_of_six():
    (kept_two, dup_two), (kept_six, dup_six) = tagged_pair(2), tagged_pair(6)

    with CaptureQueriesContext(connection) as merging_two:
        merge_tags(kept_two, [dup_two])
    with CaptureQueriesContext(connection) as merging_six:
        merge_tags(kept_six, [dup_six])

    assert len(merging_two) == len(merging_six)
    assert kept_six.taggit_taggeditem_items.count() == 6
