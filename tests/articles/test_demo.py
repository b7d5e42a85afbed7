import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max, Min
from taggit.models import Tag, TaggedItem

from articles.bundles import export_lines, import_lines
from articles.demo.loader import DEMO_PASSWORD, load_demo
from articles.demo.stories import STORIES
from articles.models import Article, Correction, Mention, Quote
from entities.models import Country, Event, EventStatusChange, Organization, Person, Sector

pytestmark = pytest.mark.django_db

SEED_ID = "demo-2025-10-21-carney-talks-apec"
REAL_PEOPLE = ["Mark Carney", "Dominic LeBlanc", "Howard Lutnick", "Donald Trump", "JD Vance"]
SEED_QUOTATIONS = {
    "We’re in ongoing discussions with the Americans, and I wouldn’t overplay it,",
    "We’re making progress,",
    "We’re into a level of detail that we hadn’t seen previously, but we still have work to do.",
}


@pytest.fixture
def demo():
    return load_demo()


def snapshot():
    models = (
        Article, Quote, Mention, Correction, Person, Organization, Sector, Event, Country,
        EventStatusChange, Tag, TaggedItem, User,
    )  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_loading_twice_creates_no_duplicates(demo):
    first = snapshot()
    quote_ids = set(Quote.objects.values_list("pk", flat=True))
    second = load_demo()
    assert snapshot() == first
    assert second == demo
    assert set(Quote.objects.values_list("pk", flat=True)) == quote_ids


def test_minimum_content(demo):
    assert demo.articles >= 8 and demo.quotes >= 40 and demo.people >= 12
    assert demo.drafts >= 1 and demo.scheduled >= 1
    assert demo.published == Article.objects.published().count() >= 8
    assert Correction.objects.exists()
    assert Mention.objects.filter(role=Mention.Role.ABOUT).exists()
    assert Article.objects.filter(tags__name="sample data").count() >= 8
    kinds = set(Quote.objects.values_list("kind", flat=True))
    assert kinds == {Quote.Kind.DIRECT, Quote.Kind.INDIRECT, Quote.Kind.PARTIAL}
    assert Quote.objects.filter(speaker__isnull=True).exclude(unnamed_speaker="").count() >= 3
    assert Quote.objects.filter(is_key=True).count() >= 3
    for name in ["steel", "aluminum", "automotive", "copper", "lumber"]:
        assert Quote.objects.filter(sectors__name=name).exists(), name
    assert Sector.objects.get(name="steel").parent.name == "metals"
    quoted_events = Event.objects.filter(quotes__isnull=False).distinct()
    assert quoted_events.count() >= 6
    span = quoted_events.aggregate(first=Min("start_date"), last=Max("start_date"))
    assert span["last"] - span["first"] >= datetime.timedelta(days=180)


def test_every_quote_is_anchored_in_its_body(demo):
    for quote in Quote.objects.select_related("article"):
        assert quote.article.body[quote.start : quote.end] == quote.text, quote.pk
        assert quote.prefix == quote.article.body[max(0, quote.start - 32) : quote.start]


def test_seed_quotations_are_attributed_as_the_story_gives_them(demo):
    seed = Article.objects.get(external_id=SEED_ID)
    assert seed.outlet == "CTV News"
    assert seed.publish_at.date() == datetime.date(2025, 10, 21)
    by_text = {q.text: q for q in seed.quotes.select_related("speaker")}

    carney = by_text["We’re in ongoing discussions with the Americans, and I wouldn’t overplay it,"]
    assert (carney.speaker.name, carney.kind) == ("Mark Carney", Quote.Kind.DIRECT)
    progress = by_text["We’re making progress,"]
    assert (progress.speaker.name, progress.kind) == ("Dominic LeBlanc", Quote.Kind.DIRECT)
    continuation = by_text[
        "We’re into a level of detail that we hadn’t seen previously, but we still have work to do."
    ]
    assert continuation.speaker.name == "Dominic LeBlanc"
    # The continuation carries no attribution of its own: it ends its paragraph.
    assert seed.body[progress.end : continuation.start] == "” he said. “"
    assert seed.body[continuation.end :].startswith("”\n\n")

    deadlines = next(q for q in seed.quotes.all() if "artificial deadlines" in q.text)
    assert (deadlines.speaker.name, deadlines.kind) == ("Dominic LeBlanc", Quote.Kind.INDIRECT)
    assert seed.body[: deadlines.start].endswith("LeBlanc added that ")
    lutnick = next(q for q in seed.quotes.all() if "concessions" in q.text)
    assert (lutnick.speaker.name, lutnick.kind) == ("Howard Lutnick", Quote.Kind.INDIRECT)
    essential = next(q for q in seed.quotes.all() if "remains essential" in q.text)
    assert (essential.speaker.name, essential.kind) == ("Mark Carney", Quote.Kind.INDIRECT)
    assert carney.speaker.title == "Prime Minister of Canada"


def test_real_people_are_quoted_directly_only_with_their_own_words(demo):
    real_quotes = Quote.objects.filter(speaker__name__in=REAL_PEOPLE)
    quoted = real_quotes.exclude(kind=Quote.Kind.INDIRECT)
    assert set(quoted.values_list("text", flat=True)) == SEED_QUOTATIONS
    assert set(quoted.values_list("article__external_id", flat=True)) == {SEED_ID}


def test_a_repeated_quote_points_to_its_first_appearance(demo):
    repeat = Quote.objects.select_related("first_appearance__article", "article").get(
        first_appearance__isnull=False
    )
    first = repeat.first_appearance
    assert (first.text, first.speaker) == (repeat.text, repeat.speaker)
    assert first.article.publish_at < repeat.article.publish_at
    assert first.first_appearance is None


def test_draft_and_scheduled_quotes_are_not_public(demo):
    hidden = Quote.objects.exclude(pk__in=Quote.objects.public()).select_related("article")
    assert hidden.count() == demo.quotes - demo.public_quotes
    assert any(q.article.status == Article.Status.DRAFT for q in hidden)
    assert any(q.article.is_scheduled for q in hidden)


def test_trade_measures_have_dated_status_histories(demo):
    metals = Event.objects.get(name="US Section 232 tariffs on steel and aluminum")
    assert metals.legal_basis == "Section 232"
    assert [(c.status, c.date) for c in metals.status_changes.all()] == [
        ("in_force", datetime.date(2025, 3, 12)),
        ("in_force", datetime.date(2025, 6, 4)),
    ]
    assert list(metals.implementing_countries.values_list("iso_code", flat=True)) == ["US"]
    assert list(metals.affected_countries.values_list("iso_code", flat=True)) == ["CA"]
    counter = Event.objects.get(name="Canadian counter-tariffs on US goods")
    assert [(c.status, c.date) for c in counter.status_changes.all()] == [
        ("in_force", datetime.date(2025, 3, 4)),
        ("announced", datetime.date(2025, 8, 22)),
        ("ended", datetime.date(2025, 9, 1)),
    ]
    review = Event.objects.get(name="USMCA joint review 2026")
    assert review.kind == Event.Kind.DEADLINE and review.date_is_approximate


def test_demo_accounts_are_in_their_groups(demo):
    editor = User.objects.get(username="editor")
    reporter = User.objects.get(username="reporter")
    assert editor.check_password(DEMO_PASSWORD) and reporter.check_password(DEMO_PASSWORD)
    assert editor.is_active and reporter.is_active
    assert editor.is_staff and list(editor.groups.values_list("name", flat=True)) == ["Editor"]
    assert reporter.is_staff and list(reporter.groups.values_list("name", flat=True)) == [
        "Reporter"
    ]
    assert editor.has_perm("articles.publish_article")
    assert not reporter.has_perm("articles.publish_article")


def test_loading_again_resets_the_demo_password_and_touches_no_other_user(demo):
    other = User.objects.create_user("someone", password="their-own-password")
    editor = User.objects.get(username="editor")
    editor.set_password("changed")
    editor.save()
    load_demo()
    assert User.objects.get(username="editor").check_password(DEMO_PASSWORD)
    other.refresh_from_db()
    assert other.check_password("their-own-password") and not other.is_staff
    assert User.objects.count() == 3


def test_demo_survives_a_bundle_round_trip(demo):
    exported = "".join(export_lines()).encode()
    assert exported.count(b"\n") == len(STORIES)
    Article.objects.all().delete()
    for model in (Person, Organization, Event, Country):
        model.objects.all().delete()
    Sector.objects.filter(parent__isnull=False).delete()
    Sector.objects.all().delete()
    report = import_lines(exported.splitlines())
    assert report.ok and len(report.imported) == len(STORIES)
    assert "".join(export_lines()).encode() == exported


def test_command_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Article.objects.exists()
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert f"{len(STORIES)} articles" in out.getvalue()
    assert "editor, reporter" in out.getvalue()
