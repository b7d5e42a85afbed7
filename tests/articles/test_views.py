"""The reader's pages of the articles app: home, articles, quotes, tags, sitemap, robots."""

import datetime
import html
import json
import re
from xml.etree import ElementTree

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote
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
    make_user,
)

pytestmark = pytest.mark.django_db

BODY = (
    "Prime Minister Mark Carney said Tuesday that talks were moving.\n\n"
    "“We’re in ongoing discussions with the Americans,” he said. "
    "Officials said the metals file was close.\n\n"
    "Trade minister Dominic LeBlanc said: “We’re making progress.”"
)
HOUR = datetime.timedelta(hours=1)


def json_ld(response):
    """Every schema.org block of the page, parsed."""
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def canonical(response):
    match = re.search(r'<link rel="canonical" href="([^"]+)">', response.content.decode())
    return match and html.unescape(match.group(1))


@pytest.fixture
def story():
    """A published story with two speakers, sectors, an event, mentions and a correction."""
    canada = make_country(name="Canada", iso_code="CA")
    government = make_organization(name="Government of Canada", country=canada)
    carney = make_person(
        name="Mark Carney",
        title="Prime Minister",
        aliases="Carney",
        country=canada,
        affiliation=government,
    )
    leblanc = make_person(name="Dominic LeBlanc", country=canada)
    steel = make_sector(name="steel")
    apec = make_event(name="APEC summit 2025", start_date=datetime.date(2025, 10, 31))
    article = make_article(
        headline="Is a Canada-US trade deal inching closer?",
        dek="Talks continue in Malaysia and South Korea",
        byline="By Ana Li and Sam Roe",
        outlet="CTV News",
        dateline="OTTAWA",
        body=BODY,
        tags=["tariffs"],
    )
    first = make_quote(
        article=article,
        text="We’re in ongoing discussions with the Americans,",
        speaker=carney,
        speaker_title="Prime Minister",
        sectors=[steel],
        events=[apec],
    )
    second = make_quote(article=article, text="We’re making progress.", speaker=leblanc)
    make_mention(article=article, entity=canada)
    make_mention(article=article, entity=government)
    make_correction(article=article, text="An earlier version misnamed the summit.")
    return {
        "article": article,
        "quotes": [first, second],
        "carney": carney,
        "leblanc": leblanc,
        "steel": steel,
        "apec": apec,
        "canada": canada,
        "government": government,
    }


# Home -----------------------------------------------------------------------------------


def test_home_lists_public_articles_quotes_events_and_sectors(client, story):
    draft = make_article(headline="Secret draft", published=False)
    make_quote(article=draft, text="Canada and the United States", speaker=story["carney"])
    draft_quote = draft.quotes.get()
    draft_quote.sectors.set([story["steel"]])
    make_event(name="USMCA joint review", start_date=timezone.localdate() + datetime.timedelta(30))
    make_event(name="Old summit", start_date=datetime.date(2020, 1, 1))

    response = client.get(reverse("articles:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert story["article"].headline in html
    assert "Secret draft" not in html
    assert "ongoing discussions with the Americans" in html
    assert "USMCA joint review" in html and "Old summit" not in html
    # The steel tally counts the public quote only, and says what it counts.
    assert "Quotes in our latest 100 articles." in html
    assert re.search(r">steel</a> <span class=\"tally\">1 quote</span>", html)
    assert 'href="/feeds/latest/"' in html and 'type="application/rss+xml"' in html


def test_home_has_skip_link_landmarks_and_nav(client, story):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ("<header", '<nav class="site-nav" aria-label="Main">', '<main id="main"'):
        assert landmark in html
    for name in (
        "articles:list",
        "entities:tracker",
        "articles:quote-list",
        "entities:person-list",
    ):
        assert f'href="{reverse(name)}"' in html
    assert 'role="search"' in html
    assert "style=" not in html
    assert re.search(r"<script(?! type=\"application/ld\+json\")", html) is None


def _coverage(n, *, speaker, sector, event):
    """`n` published articles with a quote each, and one draft."""
    for i in range(n):
        article = make_article(
            headline=f"Steel story {i}",
            body=f"Story {i}.\n\n“Steel matters,” she said.",
            publish_at=timezone.now() - (i + 2) * HOUR,
            tags=["steel", f"tag-{i % 3}"],
        )
        make_quote(
            article=article,
            text="Steel matters,",
            speaker=speaker,
            sectors=[sector],
            events=[event],
        )
        make_mention(article=article, entity=sector)
    make_article(headline="Draft", published=False)


@pytest.fixture
def grow(story):
    """Adds `n` more published articles to the story's coverage.

    Content types are cached once per process in production; warm that cache so the
    counts below are those of a running site.
    """
    ContentType.objects.get_for_models(Article, Quote)

    def add(n):
        _coverage(n, speaker=story["carney"], sector=story["steel"], event=story["apec"])

    return add


@pytest.mark.parametrize(
    "url_name,expected",
    [("articles:home", 4), ("articles:list", 4), ("articles:quote-list", 4)],
)
def test_list_pages_run_a_fixed_number_of_queries(
    client, grow, django_assert_num_queries, url_name, expected
):
    grow(3)
    with django_assert_num_queries(expected):
        assert client.get(reverse(url_name)).status_code == 200
    grow(30)
    with django_assert_num_queries(expected):
        assert client.get(reverse(url_name)).status_code == 200


# Article page -----------------------------------------------------------------------------


def test_article_page_shows_everything_about_the_story(client, story):
    article = story["article"]
    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    for text in (
        article.headline,
        "Talks continue in Malaysia and South Korea",
        "By Ana Li and Sam Roe",
        "CTV News",
        "OTTAWA",
        "An earlier version misnamed the summit.",
        "Correction",
    ):
        assert text in html
    assert f'datetime="{article.publish_at:%Y}' in html
    assert f'href="{reverse("articles:tag-detail", args=["tariffs"])}"' in html


def test_article_body_marks_quotes_linked_to_speakers_sectors_and_events(client, story):
    first, second = story["quotes"]
    html = client.get(story["article"].get_absolute_url()).content.decode()

    assert (
        f'<mark class="quote quote--direct" id="quote-{first.pk}" '
        f'aria-describedby="quote-note-{first.pk}">{first.text}</mark>'
    ) in html
    note = re.search(rf'<li id="quote-note-{first.pk}".*?</li>', html, re.S).group(0)
    assert f'href="{story["carney"].get_absolute_url()}"' in note
    assert f'href="{story["steel"].get_absolute_url()}"' in note
    assert f'href="{story["apec"].get_absolute_url()}"' in note
    assert f'href="{first.get_absolute_url()}"' in note
    assert "Prime Minister" in note
    assert f'id="quote-{second.pk}"' in html
    # Paragraphs are split on blank lines.
    assert html.count("<p>Prime Minister Mark Carney said Tuesday") == 1


def test_quotes_needing_review_or_unanchored_are_not_marked(client, story):
    first, second = story["quotes"]
    Quote.objects.filter(pk=first.pk).update(needs_review=True)
    Quote.objects.filter(pk=second.pk).update(start=None, end=None)
    html = client.get(story["article"].get_absolute_url()).content.decode()
    body = html.split('class="article__body"')[1].split("</article>")[0]
    assert "<mark" not in body
    assert first.text in html and second.text in html


def test_article_body_is_escaped(client):
    article = make_article(body="Before <script>alert(1)</script> after.\n\n<b>bold</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_article_lists_mentioned_entities_and_speakers(client, story):
    html = client.get(story["article"].get_absolute_url()).content.decode()
    aside = html.split('<aside class="article-aside"')[1]
    for key in ("carney", "leblanc", "steel", "apec", "canada", "government"):
        assert f'href="{story[key].get_absolute_url()}"' in aside
    for label in ("People", "Organizations", "Sectors", "Events", "Countries"):
        assert f"<h3>{label}</h3>" in aside


def test_related_articles_share_entities_and_are_published(client, story):
    sibling = make_article(headline="Carney in Seoul", publish_at=timezone.now() - 3 * HOUR)
    make_mention(article=sibling, entity=story["carney"])
    draft = make_article(headline="Carney draft", published=False)
    make_mention(article=draft, entity=story["carney"])
    stranger = make_article(headline="Unrelated lumber story")

    html = client.get(story["article"].get_absolute_url()).content.decode()
    related = html.split('id="related-heading"')[1]
    assert "Carney in Seoul" in related
    assert "Carney draft" not in html
    assert stranger.headline not in related


@pytest.mark.parametrize(
    "fields",
    [
        {"published": False},
        {"publish_at": timezone.now() + datetime.timedelta(days=2)},
        {"deleted_at": timezone.now()},
    ],
    ids=["draft", "scheduled", "in-trash"],
)
def test_unpublished_articles_are_404_for_readers(client, fields):
    article = make_article(headline="Not yet", **fields)
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404


def test_staff_see_a_noindex_preview_of_drafts_and_scheduled_articles(client):
    client.force_login(make_user(superuser=True))
    draft = make_article(headline="Draft story", published=False)
    scheduled = make_article(
        headline="Scheduled story", publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    for article in (draft, scheduled):
        response = client.get(article.get_absolute_url())
        html = response.content.decode()
        assert response.status_code == 200
        assert "Preview — not public." in html
        assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "scheduled for" in client.get(scheduled.get_absolute_url()).content.decode()


def test_public_article_has_no_preview_banner(client, story):
    html = client.get(story["article"].get_absolute_url()).content.decode()
    assert "Preview" not in html and "noindex" not in html


def test_wrong_date_or_impossible_date_is_404(client, story):
    article = story["article"]
    day = timezone.localtime(article.publish_at).date() - datetime.timedelta(days=3)
    url = reverse(
        "articles:detail",
        kwargs={"year": day.year, "month": day.month, "day": day.day, "slug": article.slug},
    )
    assert client.get(url).status_code == 404
    assert client.get(f"/articles/2025/02/30/{article.slug}/").status_code == 404
    assert client.get("/articles/2025/13/01/x/").status_code == 404


def test_old_slug_redirects_permanently(client, story):
    article = story["article"]
    old_url = article.get_absolute_url()
    article.slug = "canada-us-deal-closer"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_article_metadata_canonical_open_graph_and_news_article(client, story):
    article = story["article"]
    response = client.get(article.get_absolute_url() + "?utm_source=x")
    html = response.content.decode()
    assert canonical(response) == "http://testserver" + article.get_absolute_url()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{article.headline}">' in html
    assert '<meta property="article:published_time"' in html
    [data] = json_ld(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert [a["name"] for a in data["author"]] == ["Ana Li", "Sam Roe"]
    assert data["publisher"]["name"] == "TradeWatch"  # The site publishes; CTV News is the source.
    assert data["sourceOrganization"]["name"] == "CTV News"
    mentioned = {(m["@type"], m["name"]) for m in data["mentions"]}
    assert ("Person", "Mark Carney") in mentioned
    assert ("Country", "Canada") in mentioned
    assert ("Event", "APEC summit 2025") in mentioned


def test_json_ld_cannot_be_closed_by_copy(client):
    article = make_article(headline="</script><script>alert(1)</script>")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    [data] = json_ld(response)
    assert data["headline"] == "</script><script>alert(1)</script>"


def test_article_page_runs_a_fixed_number_of_queries(client, story, django_assert_num_queries):
    def enlarge(article, n):
        extra = "\n\n".join(f"Paragraph {i}: “Quote number {i},” she said." for i in range(n))
        article.body = article.body + "\n\n" + extra
        article.save()
        for i in range(n):
            sector = make_sector()
            make_quote(article=article, text=f"Quote number {i},", sectors=[sector])
            make_mention(article=article, entity=make_organization())
            make_correction(article=article)
            other = make_article(headline=f"Related {i}", publish_at=timezone.now() - 5 * HOUR)
            make_mention(article=other, entity=sector)

    article = story["article"]
    enlarge(article, 2)
    with django_assert_num_queries(5):
        assert client.get(article.get_absolute_url()).status_code == 200
    enlarge(article, 20)
    article.refresh_from_db()
    with django_assert_num_queries(5):
        assert client.get(article.get_absolute_url()).status_code == 200


# Article list -----------------------------------------------------------------------------


def test_article_list_filters_by_tag_sector_person_and_month(client, story):
    march = make_article(
        headline="March lumber story",
        publish_at=datetime.datetime(2025, 3, 12, 15, tzinfo=datetime.UTC),
        tags=["lumber"],
    )
    quoted = make_article(headline="LeBlanc quoted", body="“Sure,” he said.")
    make_quote(article=quoted, text="Sure,", speaker=story["leblanc"])
    draft = make_article(headline="Draft on steel", published=False, tags=["tariffs"])
    make_mention(article=draft, entity=story["steel"])

    def headlines(query):
        response = client.get(reverse("articles:list") + query)
        assert response.status_code == 200
        return [a.headline for a in response.context["page"]]

    assert headlines("?tag=lumber") == ["March lumber story"]
    assert headlines("?tag=tariffs") == [story["article"].headline]
    assert headlines("?sector=steel") == [story["article"].headline]
    assert set(headlines(f"?person={story['leblanc'].slug}")) == {
        story["article"].headline,
        "LeBlanc quoted",
    }
    assert headlines("?month=2025-03") == ["March lumber story"]
    assert headlines(f"?person={story['leblanc'].slug}&tag=tariffs") == [story["article"].headline]
    assert "Draft on steel" not in headlines("")
    assert march.headline in headlines("")


@pytest.mark.parametrize(
    "query,message",
    [
        ("?tag=no-such-tag", "No tag with that address."),
        ("?sector=%3Cscript%3E", "No sector with that address in our coverage."),
        ("?person=nobody", "No person with that address in our coverage."),
        ("?month=2025-13", "Month: give it as YYYY-MM"),
        ("?month=%3Cb%3Ex", "Month: give it as YYYY-MM"),
        ("?page=0", "Pages are numbered from 1."),
        ("?page=abc", "The page must be a whole number."),
        ("?page=99999999999", "There is no such page."),
    ],
)
def test_article_list_bad_filters_are_400_with_a_message(client, story, query, message):
    response = client.get(reverse("articles:list") + query)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "<script>" not in html and "<b>x" not in html


def test_article_list_page_past_the_end_is_404(client, story):
    assert client.get(reverse("articles:list") + "?page=2").status_code == 404


def test_article_list_paginates_and_keeps_filters_in_links(client, grow):
    grow(25)
    response = client.get(reverse("articles:list") + "?tag=steel")
    html = response.content.decode()
    assert response.context["page"].paginator.count == 25
    assert 'href="?tag=steel&amp;page=2"' in html
    assert "25 articles in our coverage match these filters." in html
    second = client.get(reverse("articles:list") + "?tag=steel&page=2")
    assert len(second.context["page"]) == 5
    assert canonical(second) == "http://testserver/articles/?tag=steel&page=2"


# Quotes browser ---------------------------------------------------------------------------


@pytest.fixture
def quotes_world(story):
    us = make_country(name="United States", iso_code="US")
    lutnick = make_person(name="Howard Lutnick", country=us)
    autos = make_sector(name="automotive")
    older = make_article(
        headline="Autos in Toronto",
        body="“Concessions may be needed,” Lutnick said.\n\n“Autos first,” he said.",
        publish_at=datetime.datetime(2025, 9, 10, 15, tzinfo=datetime.UTC),
    )
    concessions = make_quote(
        article=older, text="Concessions may be needed,", speaker=lutnick, sectors=[autos]
    )
    autos_first = make_quote(
        article=older,
        text="Autos first,",
        speaker=lutnick,
        sectors=[autos],
        kind=Quote.Kind.PARTIAL,
        said_on=datetime.date(2025, 9, 1),
    )
    draft = make_article(headline="Draft", published=False, body="“Hidden words,” he said.")
    hidden = make_quote(article=draft, text="Hidden words,", speaker=lutnick, sectors=[autos])
    return {
        **story,
        "us": us,
        "lutnick": lutnick,
        "autos": autos,
        "concessions": concessions,
        "autos_first": autos_first,
        "hidden": hidden,
    }


def quote_ids(client, query):
    response = client.get(reverse("articles:quote-list") + query)
    assert response.status_code == 200, response.content
    return [q.pk for q in response.context["page"]]


def test_quote_list_shows_public_quotes_newest_first(client, quotes_world):
    w = quotes_world
    ids = quote_ids(client, "")
    assert w["hidden"].pk not in ids
    assert ids == [
        w["quotes"][0].pk,
        w["quotes"][1].pk,
        w["concessions"].pk,
        w["autos_first"].pk,
    ]


def test_quote_list_filters_combine(client, quotes_world):
    w = quotes_world
    assert quote_ids(client, f"?speaker={w['carney'].slug}") == [w["quotes"][0].pk]
    assert quote_ids(client, "?sector=automotive") == [w["concessions"].pk, w["autos_first"].pk]
    assert quote_ids(client, f"?event={w['apec'].slug}") == [w["quotes"][0].pk]
    assert quote_ids(client, f"?country={w['us'].slug}") == [
        w["concessions"].pk,
        w["autos_first"].pk,
    ]
    assert quote_ids(client, "?kind=partial") == [w["autos_first"].pk]
    assert quote_ids(client, "?from=2025-09-05&to=2025-09-30") == [w["concessions"].pk]
    assert quote_ids(client, "?to=2025-09-02") == [w["autos_first"].pk]
    assert quote_ids(client, f"?speaker={w['lutnick'].slug}&kind=direct&sector=automotive") == [
        w["concessions"].pk
    ]
    assert quote_ids(client, f"?speaker={w['carney'].slug}&sector=automotive") == []


def test_quote_list_heading_counts_and_feed_link_follow_the_filters(client, quotes_world):
    response = client.get(reverse("articles:quote-list") + "?sector=automotive&kind=direct")
    html = response.content.decode()
    assert "<h1>Direct quotes on automotive</h1>" in html
    assert "1 quote in our coverage match these filters." in html
    assert 'href="/quotes/feed/?sector=automotive&amp;kind=direct"' in html
    assert 'href="/quotes/feed/atom/?sector=automotive&amp;kind=direct"' in html
    assert canonical(response) == "http://testserver/quotes/?sector=automotive&kind=direct"


def test_quote_list_options_count_public_quotes_only(client, quotes_world):
    html = client.get(reverse("articles:quote-list")).content.decode()
    # Two public quotes by Lutnick; the draft's quote is not counted.
    assert "Howard Lutnick (2 quotes)" in html
    assert "Hidden words" not in html


@pytest.mark.parametrize(
    "query,message",
    [
        ("?speaker=nobody", "No person with that address in our coverage."),
        ("?sector=%3Cscript%3Ealert(1)%3C/script%3E", "No sector with that address"),
        ("?event=nope", "No event with that address"),
        ("?country=atlantis", "No country with that address"),
        ("?kind=shouted", "Kind must be direct, indirect or partial."),
        ("?from=2025-02-30", "From: give a date as YYYY-MM-DD."),
        ("?to=yesterday", "To: give a date as YYYY-MM-DD."),
        ("?from=2025-10-01&to=2025-09-01", "must not be after"),
        ("?page=-1", "Pages are numbered from 1."),
    ],
)
def test_quote_list_bad_filters_are_400_with_a_plain_message(client, quotes_world, query, message):
    response = client.get(reverse("articles:quote-list") + query)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "<script>alert" not in html


def test_quote_list_page_past_the_end_is_404(client, quotes_world):
    assert client.get(reverse("articles:quote-list") + "?page=3").status_code == 404


# Quote permalink --------------------------------------------------------------------------


def test_quote_page_shows_the_quote_in_context(client, story):
    quote = story["quotes"][0]
    response = client.get(quote.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<p>“{quote.text}”</p>" in html
    context = html.split('class="context__paragraph"')[1].split("</div>")[0]
    assert "he said. Officials said the metals file was close." in context
    assert f'<mark class="quote quote--direct" id="quote-{quote.pk}">' in context
    for key in ("carney", "steel", "apec", "canada", "government"):
        assert f'href="{story[key].get_absolute_url()}"' in html
    assert f'href="{story["article"].get_absolute_url()}#quote-{quote.pk}"' in html
    assert "Prime Minister" in html
    assert f'datetime="{quote.date:%Y-%m-%d}"' in html


def test_quote_page_json_ld_is_a_quotation(client, story):
    quote = story["quotes"][0]
    [data] = json_ld(client.get(quote.get_absolute_url()))
    assert data["@type"] == "Quotation"
    assert data["text"] == quote.text
    assert data["spokenByCharacter"]["name"] == "Mark Carney"
    assert data["creator"]["url"] == "http://testserver" + story["carney"].get_absolute_url()
    assert data["isPartOf"]["headline"] == story["article"].headline


def test_quote_page_shows_first_and_other_reports(client, story):
    original = story["quotes"][0]
    later = make_article(headline="Later story", body=f"He said “{original.text}” again.")
    repeat = make_quote(
        article=later, text=original.text, speaker=story["carney"], first_appearance=original
    )
    draft = make_article(headline="Draft repeat", published=False, body=original.text)
    make_quote(
        article=draft, text=original.text, speaker=story["carney"], first_appearance=original
    )

    html = client.get(repeat.get_absolute_url()).content.decode()
    reports = html.split('id="reports-heading"')[1].split("</section>")[0]
    assert f'First reported in <a href="{original.get_absolute_url()}">' in reports
    assert "Draft repeat" not in html

    html = client.get(original.get_absolute_url()).content.decode()
    reports = html.split('id="reports-heading"')[1].split("</section>")[0]
    assert "First reported in this article" in reports
    assert f'href="{repeat.get_absolute_url()}">Later story</a>' in reports
    assert "Draft repeat" not in html


def test_quote_page_of_an_unpublished_article_is_404(client, quotes_world):
    assert client.get(quotes_world["hidden"].get_absolute_url()).status_code == 404
    assert client.get(reverse("articles:quote-detail", args=[999999])).status_code == 404


def test_quote_page_runs_a_fixed_number_of_queries(client, story, django_assert_num_queries):
    quote = story["quotes"][0]
    with django_assert_num_queries(3):
        assert client.get(quote.get_absolute_url()).status_code == 200
    quote.sectors.add(*(make_sector() for _ in range(10)))
    quote.events.add(*(make_event() for _ in range(10)))
    quote.tags.add(*(f"topic-{i}" for i in range(10)))
    for i in range(10):
        later = make_article(headline=f"Repeat {i}", body=quote.text)
        make_quote(article=later, text=quote.text, speaker=story["carney"], first_appearance=quote)
    with django_assert_num_queries(3):
        assert client.get(quote.get_absolute_url()).status_code == 200


# Tags -------------------------------------------------------------------------------------


def test_tag_page_lists_public_articles_and_quotes(client, story):
    quote = story["quotes"][1]
    quote.tags.add("tariffs")
    draft = make_article(headline="Draft tariffs", published=False, tags=["tariffs"])
    response = client.get(reverse("articles:tag-detail", args=["tariffs"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert story["article"].headline in html
    assert quote.text in html
    assert draft.headline not in html
    assert "1 article and 1 quote in our coverage carry this tag." in html
    assert 'href="/tags/tariffs/feed/"' in html


def test_tag_pages_unknown_or_only_on_drafts_are_404(client):
    make_article(headline="Draft", published=False, tags=["secret-plan"])
    assert client.get(reverse("articles:tag-detail", args=["no-such-tag"])).status_code == 404
    assert client.get(reverse("articles:tag-detail", args=["secret-plan"])).status_code == 404


def test_tag_page_bad_page_is_400_and_past_the_end_404(client, story):
    url = reverse("articles:tag-detail", args=["tariffs"])
    assert client.get(url + "?page=x").status_code == 400
    assert client.get(url + "?page=5").status_code == 404


def test_tag_page_runs_a_fixed_number_of_queries(client, grow, django_assert_num_queries):
    url = reverse("articles:tag-detail", args=["steel"])
    grow(3)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    grow(30)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


# Sitemap and robots.txt -------------------------------------------------------------------


def test_sitemap_lists_published_articles_and_covered_profiles_only(client, story):
    draft = make_article(headline="Draft", published=False)
    scheduled = make_article(publish_at=timezone.now() + datetime.timedelta(days=1))
    draft_only = make_person(name="Only In Drafts")
    make_mention(article=draft, entity=draft_only)
    make_person(name="Nobody Quoted")

    response = client.get(reverse("articles:sitemap"))
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {el.text for el in ElementTree.fromstring(response.content).findall(".//s:loc", ns)}
    base = "http://testserver"
    assert base + story["article"].get_absolute_url() in locs
    assert base + draft.get_absolute_url() not in locs
    assert base + scheduled.get_absolute_url() not in locs
    for key in ("carney", "leblanc", "steel", "apec", "canada", "government"):
        assert base + story[key].get_absolute_url() in locs
    assert not any("only-in-drafts" in loc or "nobody-quoted" in loc for loc in locs)


def test_robots_txt_points_at_the_sitemap_and_keeps_bots_out_of_the_admin(client, settings):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Disallow: /{settings.ADMIN_URL}/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


# Every page -------------------------------------------------------------------------------


def test_every_page_has_canonical_open_graph_json_ld_and_feeds(client, story):
    quote = story["quotes"][0]
    for url in (
        "/",
        reverse("articles:list"),
        story["article"].get_absolute_url(),
        reverse("articles:quote-list"),
        quote.get_absolute_url(),
        reverse("articles:tag-detail", args=["tariffs"]),
        reverse("articles:search") + "?q=steel",
    ):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert canonical(response), url
        assert '<meta property="og:title"' in html, url
        assert 'rel="alternate" type="application/rss+xml"' in html, url
        assert 'rel="alternate" type="application/atom+xml"' in html, url
        assert 'aria-labelledby="subscribe-heading"' in html, url
        assert "style=" not in html, url
        assert not re.search(r"<script(?! type=\"application/ld\+json\")", html), url


def test_counts_never_include_unpublished_articles(client, story):
    """Drafts, scheduled and trashed articles: not listed, not counted anywhere public."""
    for fields in (
        {"published": False},
        {"publish_at": timezone.now() + datetime.timedelta(days=1)},
        {"deleted_at": timezone.now()},
    ):
        hidden = make_article(headline="Hidden steel story", body="“Steel!” he said.", **fields)
        make_quote(article=hidden, text="Steel!", speaker=story["carney"], sectors=[story["steel"]])
        hidden.tags.add("tariffs")
    assert Article.objects.count() == 4
    assert '>steel</a> <span class="tally">1 quote</span>' in client.get("/").content.decode()
    html = client.get(reverse("articles:list")).content.decode()
    assert "1 article in our coverage" in html and "Hidden steel story" not in html
    html = client.get(reverse("articles:quote-list") + "?sector=steel").content.decode()
    assert "1 quote in our coverage" in html and "Steel!" not in html
    html = client.get(reverse("articles:tag-detail", args=["tariffs"])).content.decode()
    assert "1 article and 0 quotes" in html


def test_home_ranks_sectors_over_the_latest_articles(client, monkeypatch):
    from articles.public import views

    steel, lumber = make_sector(name="steel"), make_sector(name="lumber")
    old = make_article(publish_at=timezone.now() - datetime.timedelta(days=30))
    make_quote(article=old, text="Canada", sectors=[steel])
    new = make_article(publish_at=timezone.now() - datetime.timedelta(days=1))
    make_quote(article=new, text="United States", sectors=[lumber])
    monkeypatch.setattr(views, "HOME_RECENT_ARTICLES", 1)
    html = client.get(reverse("articles:home")).content.decode()
    assert "Quotes in our latest 1 articles." in html
    assert ">lumber</a>" in html and ">steel</a>" not in html
