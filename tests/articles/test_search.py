"""Site search: entities first, then articles and quotes; only what the public may see."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote
from articles.public.search import highlight_excerpt, search
from tests.factories import (
    make_article,
    make_event,
    make_mention,
    make_organization,
    make_person,
    make_quote,
    make_sector,
)

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)


@pytest.fixture
def coverage():
    carney = make_person(
        name="Mark Carney", title="Prime Minister", aliases="Carney\nPrime Minister Mark Carney"
    )
    make_organization(name="United Steelworkers", aliases="USW")
    make_sector(name="aluminum", aliases="aluminium")
    make_event(name="APEC summit 2025", aliases="APEC")
    steel = make_article(
        headline="Steel talks advance",
        dek="Ottawa prepares for the APEC summit",
        body="Canada and the United States are advancing talks on metals.\n\n"
        "“We’re in ongoing discussions with the Americans,” Carney said.",
        publish_at=timezone.now() - datetime.timedelta(days=2),
    )
    quote = make_quote(
        article=steel, text="We’re in ongoing discussions with the Americans,", speaker=carney
    )
    lumber = make_article(
        headline="Lumber duties bite",
        body="Mills in British Columbia said the steel of their resolve was tested.",
    )
    draft = make_article(
        headline="Secret steel plan",
        body="“Ongoing discussions are secret,” an official said.",
        published=False,
    )
    make_quote(article=draft, text="Ongoing discussions are secret,", speaker=carney)
    return {"carney": carney, "steel": steel, "lumber": lumber, "quote": quote, "draft": draft}


def test_a_person_named_in_the_query_is_shown_first_with_a_tally(client, coverage):
    response = client.get(reverse("articles:search"), {"q": "Carney"})
    html = response.content.decode()
    assert response.status_code == 200
    profiles = html.index('id="entity-matches-heading"')
    assert profiles < html.index('id="article-hits-heading"')
    assert f'href="{coverage["carney"].get_absolute_url()}">Mark Carney</a>' in html
    # One public quote; the draft's quote is not counted.
    assert "1 quote in our coverage" in html


@pytest.mark.parametrize(
    "query,name",
    [("USW", "United Steelworkers"), ("aluminium", "aluminum"), ("apec", "APEC summit 2025")],
)
def test_organizations_sectors_and_events_match_by_name_or_alias(coverage, query, name):
    assert name in [entity.name for entity in search(query).entities]


def test_exact_names_come_before_partial_matches(coverage):
    make_mention(article=coverage["lumber"], entity=make_person(name="Carney Smith"))
    names = [entity.name for entity in search("Carney").entities]
    assert names.index("Mark Carney") < names.index("Carney Smith")


def test_people_named_only_in_unpublished_articles_are_not_found(coverage):
    hidden = make_person(name="Carney Whitlock")
    make_quote(article=coverage["draft"], text="Ongoing discussions", speaker=hidden)
    assert "Carney Whitlock" not in [entity.name for entity in search("Carney").entities]


def test_published_articles_and_public_quotes_match_drafts_never(coverage):
    results = search("discussions")
    assert [hit.article for hit in results.articles] == [coverage["steel"]]
    assert [hit.quote for hit in results.quotes] == [coverage["quote"]]
    assert results.article_total == 1 and results.quote_total == 1
    assert "Secret" not in str([hit.snippet for hit in results.articles + results.quotes])


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_fallback_ranks_headline_matches_first_and_needs_every_word(coverage):
    results = search("steel")
    assert [hit.article for hit in results.articles] == [coverage["steel"], coverage["lumber"]]
    assert [hit.article for hit in search("steel mills").articles] == [coverage["lumber"]]


def test_search_page_lists_hits_with_highlighted_escaped_snippets(client, coverage):
    make_article(headline="Markup", body="The <script>steel</script> text.")
    html = client.get(reverse("articles:search"), {"q": "steel"}).content.decode()
    assert "Steel talks advance" in html
    assert "<mark>" in html
    assert "<script>steel" not in html
    if connection.vendor != "postgresql":  # PostgreSQL's ts_headline drops tag-like text
        assert "&lt;script&gt;" in html
    assert "Secret steel plan" not in html


def test_query_is_reflected_escaped(client, coverage):
    html = client.get(reverse("articles:search"), {"q": "<img src=x onerror=alert(1)>"})
    text = html.content.decode()
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_empty_query_explains_what_to_do(client, coverage):
    response = client.get(reverse("articles:search"), {"q": "   "})
    assert response.status_code == 200
    assert "Type a name, a sector or a few words" in response.content.decode()
    assert client.get(reverse("articles:search")).status_code == 200


def test_absurdly_long_or_binary_query_is_a_400_with_a_message(client, coverage):
    response = client.get(reverse("articles:search"), {"q": "tariff " * 100})
    assert response.status_code == 400
    assert "That search is too long" in response.content.decode()
    response = client.get(reverse("articles:search"), {"q": "steel\x00"})
    assert response.status_code == 400


def test_no_match_says_so(client, coverage):
    html = client.get(reverse("articles:search"), {"q": "zzzzqqq"}).content.decode()
    assert "No article matches." in html and "No quote matches." in html


def test_search_page_runs_a_fixed_number_of_queries(client, coverage, django_assert_num_queries):
    ContentType.objects.get_for_models(Article, Quote)
    url = reverse("articles:search") + "?q=steel"
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    for i in range(15):
        article = make_article(headline=f"Steel story {i}", body=f"“Steel {i},” he said.")
        make_quote(article=article, text=f"Steel {i},", speaker=coverage["carney"])
        make_person(name=f"Steel Person {i}")
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


def test_highlight_excerpt_escapes_then_marks():
    html = highlight_excerpt("a <b>Steel</b> & STEEL thing", ["steel"])
    assert html == "a &lt;b&gt;<mark>Steel</mark>&lt;/b&gt; &amp; <mark>STEEL</mark> thing"


# PostgreSQL full-text search (run by the lead on PostgreSQL; skipped on SQLite) -----------


@pytest.mark.postgres
@postgres_only
def test_full_text_ranks_headline_over_body_and_stems_words(coverage):
    results = search("steels")
    assert [hit.article for hit in results.articles][:2] == [coverage["steel"], coverage["lumber"]]


@pytest.mark.postgres
@postgres_only
def test_full_text_snippets_are_highlighted_and_escaped(coverage):
    make_article(headline="Markup", body="The <script>alert(1)</script> tariff text.")
    [hit] = search("tariff").articles
    assert "<mark>tariff</mark>" in hit.snippet
    assert "<script>" not in hit.snippet


@pytest.mark.postgres
@postgres_only
def test_full_text_quote_search_and_websearch_syntax(coverage):
    assert [hit.quote for hit in search('"ongoing discussions"').quotes] == [coverage["quote"]]
    assert search("discussions -americans").quotes == []


@pytest.mark.postgres
@postgres_only
def test_full_text_queries_can_use_the_gin_indexes(coverage):
    from articles.public.search import StoredDocument, _search_query

    query = _search_query("steel")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        articles = Article.objects.annotate(document=StoredDocument()).filter(document=query)
        quotes = Quote.objects.annotate(document=StoredDocument()).filter(document=query)
        assert "article_search_document" in articles.explain()
        assert "quote_search_document" in quotes.explain()


@pytest.mark.postgres
@postgres_only
def test_full_text_ranks_the_latest_matches_and_counts_up_to_more_than_them(client, monkeypatch):
    from articles.public import search as search_module

    monkeypatch.setattr(search_module, "RANKED_MATCHES", 2)
    now = timezone.now()
    # The oldest says "lumber" most often: it would rank first among all matches.
    oldest = make_article(
        headline="Lumber lumber lumber",
        body="Lumber duties, lumber mills, lumber exports.",
        publish_at=now - datetime.timedelta(days=9),
    )
    for day in (3, 2, 1):
        make_article(
            headline=f"Trade news {day}",
            body="Softwood lumber came up once.",
            publish_at=now - datetime.timedelta(days=day),
        )
    results = search("lumber")
    assert results.article_total == 3  # Counted up to one more than are ranked.
    assert oldest not in [hit.article for hit in results.articles]
    assert [hit.article.headline for hit in results.articles] == ["Trade news 1", "Trade news 2"]
    html = client.get(reverse("articles:search"), {"q": "lumber"}).content.decode()
    assert "more than 2 matches, best 2 of the latest 2 shown" in html
