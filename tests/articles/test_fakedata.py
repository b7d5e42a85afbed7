import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from articles.bundles import export_lines
from articles.demo.fakedata import OUTLET, generate
from articles.models import Article, Mention, Quote
from entities.models import Country, Event, EventStatusChange, Organization, Person, Sector
from tests.factories import make_article, wipe_everything

pytestmark = pytest.mark.django_db

UNTIL = datetime.date(2025, 10, 21)


def test_generates_an_anchored_archive_of_the_requested_size():
    counts = generate(articles=40, entities=200, seed=3, until=UNTIL)

    assert counts.articles == Article.objects.count() == 40
    assert 7 * 40 <= Quote.objects.count() <= 13 * 40
    assert 4 * 40 <= Mention.objects.count() <= 8 * 40
    assert (
        sum(Model.objects.count() for Model in (Person, Organization, Sector, Event, Country))
        == 200
    )
    for quote in Quote.objects.select_related("article"):
        body = quote.article.body
        assert body[quote.start : quote.end] == quote.text
        assert body[: quote.start].endswith(quote.prefix)
        assert body[quote.end :].startswith(quote.suffix)
    assert Sector.objects.filter(parent__isnull=False).exists()
    assert EventStatusChange.objects.exists()
    assert Event.objects.filter(start_date__lt=UNTIL - datetime.timedelta(days=9 * 365)).exists()
    assert set(Article.objects.values_list("outlet", flat=True)) == {OUTLET}
    assert Article.objects.filter(tags__name="generated").count() == 40
    assert Quote.objects.filter(sectors__isnull=False).distinct().count() == Quote.objects.count()


def test_writes_drafts_scheduled_articles_key_quotes_and_corrections():
    generate(articles=200, entities=200, seed=1, until=UNTIL)

    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.filter(publish_at__date__gt=UNTIL).exists()
    assert Quote.objects.filter(is_key=True).exists()
    assert Article.objects.annotate(n=Count("corrections")).filter(n__gt=0).exists()
    names = Person.objects.values_list("name", flat=True)
    assert all(name.startswith("Sample Person ") for name in names)


def test_the_same_seed_gives_the_same_data():
    generate(articles=30, entities=150, seed=9, until=UNTIL)
    first = list(export_lines(Article.objects.all()))
    wipe_everything()
    generate(articles=30, entities=150, seed=9, until=UNTIL)
    assert list(export_lines(Article.objects.all())) == first
    wipe_everything()
    generate(articles=30, entities=150, seed=10, until=UNTIL)
    assert list(export_lines(Article.objects.all())) != first


def test_the_command_refuses_a_database_with_articles_unless_appending():
    make_article(headline="A real story")
    with pytest.raises(CommandError, match="already has articles"):
        call_command("generate_fake_data", "--articles", "5", stdout=io.StringIO())

    out = io.StringIO()
    call_command(
        "generate_fake_data", "--articles", "5", "--entities", "100", "--append", stdout=out
    )
    call_command(
        "generate_fake_data", "--articles", "5", "--entities", "100", "--append", stdout=out
    )
    assert out.getvalue().count(" 5 articles") == 2
    assert Article.objects.filter(external_id__startswith="generated-").count() == 10
    assert Article.objects.filter(headline="A real story").exists()


def test_appending_with_no_entities_writes_about_the_existing_ones():
    generate(articles=10, entities=150, seed=2, until=UNTIL)
    person = Person.objects.get(name="Sample Person 0001")
    before = person.quotes.count()
    people = Person.objects.count()

    call_command(
        "generate_fake_data",
        "--articles",
        "40",
        "--entities",
        "0",
        "--append",
        stdout=io.StringIO(),
    )

    assert Article.objects.count() == 50
    assert Person.objects.count() == people
    assert person.quotes.count() > before
