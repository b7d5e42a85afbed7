"""Search as readers type it: punctuation, possessives, other spellings, typos, speakers' names.

Everyone quoted here is fictional. These run on SQLite and on PostgreSQL; the few that
need PostgreSQL carry the `postgres` marker.
"""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote
from articles.public.search import highlight_excerpt, search
from tests.factories import make_article, make_mention, make_person, make_quote, make_sector

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")

STEEL_BODY = (
    "Negotiators resumed the Canada–US talks on steel in Port Aldous.\n\n"
    "“We will not trade away our mills,” Corrigan said.\n\n"
    "Corrigan’s officials said aluminum would come next."
)
ALUMINUM_BODY = (
    "Smelters in the north waited for word on aluminum.\n\n"
    "“Every smelter here is watching the border,” Lutwick said."
)


@pytest.fixture
def desk():
    corrigan = make_person(
        name="Marta Corrigan", title="Trade Minister", aliases="Corrigan\nMinister Corrigan"
    )
    lutwick = make_person(name="Harold Lutwick", title="Commerce Secretary", aliases="Lutwick")
    lebrun = make_person(name="Renée LeBrun", title="Industry Minister", aliases="LeBrun")
    make_sector(name="aluminum", aliases="aluminium")
    steel = make_article(
        headline="Steel talks resume",
        dek="The ministers meet again",
        body=STEEL_BODY,
        publish_at=timezone.now() - datetime.timedelta(days=2),
    )
    mills = make_quote(article=steel, text="We will not trade away our mills,", speaker=corrigan)
    smelters = make_article(headline="Smelters wait", body=ALUMINUM_BODY)
    border = make_quote(
        article=smelters, text="Every smelter here is watching the border,", speaker=lutwick
    )
    # LeBrun's words never contain her name.
    lebrun_article = make_article(
        headline="Industry plan",
        body="The plan was unveiled on Monday.\n\n“Our factories are ready,” she said.",
    )
    ready = make_quote(article=lebrun_article, text="Our factories are ready,", speaker=lebrun)
    make_mention(article=lebrun_article, entity=lebrun)
    return {
        "corrigan": corrigan,
        "lutwick": lutwick,
        "lebrun": lebrun,
        "steel": steel,
        "smelters": smelters,
        "mills": mills,
        "border": border,
        "ready": ready,
    }


def headlines(results):
    return [hit.article.headline for hit in results.articles]


# Punctuation and possessives -----------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["steel.", '"steel"', "steel?", "(steel)", "Canada-US", "canada-us talks"]
)
def test_punctuation_around_or_joining_words_still_matches(desk, query):
    assert "Steel talks resume" in headlines(search(query))


@pytest.mark.parametrize("query", ["Corrigan.", '"Corrigan"', "Corrigan?", "“Corrigan”"])
def test_punctuation_around_a_name_still_finds_the_profile_and_their_quotes(desk, query):
    results = search(query)
    assert "Marta Corrigan" in [entity.name for entity in results.entities]
    assert desk["mills"] in [hit.quote for hit in results.quotes]


def test_a_dash_typed_where_a_name_has_another_finds_the_profile(desk):
    make_sector(name="Port Aldous–Kestrel corridor")
    for query in ("Port Aldous-Kestrel", "aldous kestrel"):
        names = [entity.name for entity in search(query).entities]
        assert "Port Aldous–Kestrel corridor" in names


def test_a_query_of_punctuation_alone_matches_nothing(desk, client):
    results = search("?!.")
    assert results.is_empty and results.article_total == 0 and results.quote_total == 0
    assert client.get(reverse("articles:search"), {"q": "?!."}).status_code == 200


@pytest.mark.parametrize("query", ["Corrigan's", "Corrigan’s", "CORRIGAN'S"])
def test_a_possessive_finds_the_person_and_their_coverage(desk, query):
    results = search(query)
    assert "Marta Corrigan" in [entity.name for entity in results.entities]
    assert "Steel talks resume" in headlines(results)
    assert desk["mills"] in [hit.quote for hit in results.quotes]


# Other spellings and typos ---------------------------------------------------------------


def test_a_british_spelling_finds_articles_spelt_the_american_way(desk):
    results = search("aluminium")
    assert results.suggestion == "aluminum"
    assert "Smelters wait" in headlines(results)
    assert "aluminum" in [entity.name for entity in results.entities]


def test_a_misspelt_name_finds_the_person_their_quotes_and_suggests_the_name(desk):
    results = search("Lutwik")
    assert results.suggestion == "Lutwick"
    assert "Harold Lutwick" in [entity.name for entity in results.entities]
    assert desk["border"] in [hit.quote for hit in results.quotes]
    assert "Smelters wait" in headlines(results)


def test_only_the_misspelt_word_of_a_longer_query_is_corrected(desk):
    results = search("Lutwik smelters")
    assert results.suggestion == "Lutwick smelters"
    assert headlines(results) == ["Smelters wait"]


@pytest.mark.parametrize(
    "query", ["steel", "Corrigan", "smelters", "Canadian", "aluminum", "talks"]
)
def test_words_spelt_right_get_no_suggestion(desk, query):
    assert search(query).suggestion == ""


def test_the_page_offers_the_corrected_query_as_a_link(client, desk):
    html = client.get(reverse("articles:search"), {"q": "Lutwik"}).content.decode()
    assert (
        '<p class="search-suggestion">Did you mean <a href="/search/?q=Lutwick">Lutwick</a>?'
        in html
    )
    html = client.get(reverse("articles:search"), {"q": "steel"}).content.decode()
    assert "Did you mean" not in html


def test_names_only_in_unpublished_articles_are_never_suggested(desk):
    hidden = make_person(name="Ottoline Vasquez-Brand")
    draft = make_article(
        headline="Embargoed", body="“Nothing yet,” Vasquez-Brand said.", published=False
    )
    make_quote(article=draft, text="Nothing yet,", speaker=hidden)
    results = search("Vasquex")
    assert results.suggestion == ""
    assert results.is_empty


# A speaker's name finds their quotes --------------------------------------------------------


def test_a_persons_name_finds_their_quotes_even_when_the_words_do_not_contain_it(client, desk):
    results = search("LeBrun")
    assert [hit.quote for hit in results.quotes] == [desk["ready"]]
    assert results.quote_total == 1
    html = client.get(reverse("articles:search"), {"q": "LeBrun"}).content.decode()
    heading = re.search(r'<h2 id="quote-hits-heading">(.*?)</h2>', html, flags=re.S).group(1)
    assert "(1 match)" in heading
    assert "Our factories are ready" in html


def test_a_speakers_full_name_and_their_alias_both_find_their_quotes(desk):
    for query in ("Renée LeBrun", "lebrun"):
        assert [hit.quote for hit in search(query).quotes] == [desk["ready"]]


def test_quotes_by_someone_named_only_in_drafts_stay_hidden(desk):
    draft = make_article(headline="Draft", body="“Soon,” LeBrun said.", published=False)
    make_quote(article=draft, text="Soon,", speaker=desk["lebrun"])
    results = search("LeBrun")
    assert [hit.quote for hit in results.quotes] == [desk["ready"]]
    assert results.quote_total == 1


# Snippets ------------------------------------------------------------------------------------


def test_snippets_show_no_paragraph_signs(client, desk):
    html = client.get(reverse("articles:search"), {"q": "Corrigan"}).content.decode()
    assert "Steel talks resume" in html
    assert "¶" not in html
    for hit in search("aluminum").articles + search("Corrigan").articles:
        assert "¶" not in hit.snippet


def test_highlight_excerpt_reads_paragraph_breaks_as_spaces():
    assert highlight_excerpt("One.\n\nTwo steel.", ["steel"]) == "One. Two <mark>steel</mark>."


# Queries -----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["steel", "Lutwik", "aluminium smelters", "LeBrun"])
def test_search_runs_the_same_number_of_queries_with_or_without_a_suggestion(
    client, desk, django_assert_num_queries, query
):
    ContentType.objects.get_for_models(Article, Quote)
    with django_assert_num_queries(4):
        assert client.get(reverse("articles:search"), {"q": query}).status_code == 200


# PostgreSQL: trigram similarity --------------------------------------------------------------


@pytest.mark.postgres
@postgres_only
def test_the_trigram_extension_is_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == ("pg_trgm",)


def test_a_name_misspelt_in_several_places_is_corrected_word_by_word(desk):
    results = search("Harrold Lutwik")
    assert results.suggestion == "Harold Lutwick"
    assert "Harold Lutwick" in [entity.name for entity in results.entities]
    assert desk["border"] in [hit.quote for hit in results.quotes]


@pytest.mark.postgres
@postgres_only
def test_on_postgresql_only_names_similar_to_the_query_are_read_for_spelling(
    desk, django_assert_num_queries
):
    from articles.public.search import _spelling_candidates

    with django_assert_num_queries(1):
        names = [name for name, _ in _spelling_candidates(["Lutwik"])]
    assert names == ["Harold Lutwick"]


def test_the_pages_search_form_is_named_apart_from_the_sites(client, desk):
    html = client.get(reverse("articles:search"), {"q": "steel"}).content.decode()
    assert html.count('role="search"') == 2
    assert '<form class="search-form" role="search" aria-labelledby="search-q-label"' in html
    assert '<label id="search-q-label" for="search-q">' in html


def test_quote_hits_are_in_quotation_marks_except_reported_speech(client):
    speaker = make_person(name="Ines Corrigan")
    article = make_article(
        headline="Copper smelter talks",
        body="“Copper smelters need certainty,” said Ines Corrigan.\n\n"
        "Corrigan said copper buyers were waiting.",
    )
    make_quote(article=article, text="Copper smelters need certainty,", speaker=speaker)
    make_quote(article=article, text="copper buyers were waiting", speaker=speaker, kind="indirect")
    text = client.get("/search/?q=copper").content.decode()
    assert "“Copper smelters need certainty,”" in re.sub(r"</?mark>", "", text)
    assert "“copper buyers" not in re.sub(r"</?mark>", "", text)
    assert "copper buyers were waiting" in re.sub(r"</?mark>", "", text)
