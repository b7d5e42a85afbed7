import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from taggit.models import Tag

from articles.bundles import BundleError, export_lines, import_article, import_lines
from articles.models import Article, Mention, Quote
from entities.models import Event, Organization, Person, Sector
from tests.factories import (
    make_article,
    make_country,
    make_event,
    make_mention,
    make_organization,
    make_person,
    make_quote,
    make_sector,
    wipe_everything,
)

pytestmark = pytest.mark.django_db

BODY = (
    "Prime Minister Mark Carney said Tuesday that talks were moving.\n\n"
    "“We’re making progress,” Carney said. “There is more to do.”\n\n"
    "Officials said the metals file was close."
)


def quote(text, *, body=BODY, speaker="Mark Carney", named=True, kind="direct", **extra):
    start = body.index(text)
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "speaker": speaker,
        "speaker_named": named,
        "speaker_title": "Prime Minister" if named else "",
        "kind": kind,
        **extra,
    }


def line(article_id="a-1", **fields):
    data = {
        "id": article_id,
        "headline": "Talks move ahead",
        "dek": "Metals first",
        "byline": "A. Writer",
        "outlet": "Example Outlet",
        "dateline": "OTTAWA",
        "published": "2025-10-21T14:00:00-04:00",
        "url": "https://news.example/talks",
        "tags": ["tariffs", "steel"],
        "body": BODY,
        "quotes": [
            quote("We’re making progress,", sectors=["steel"], events=["APEC summit 2025"]),
            quote("the metals file was close", speaker="Officials", named=False, kind="indirect"),
        ],
        "mentions": [{"name": "Mark Carney", "type": "person", "aliases": ["Carney"]}],
    }
    data.update(fields)
    return data


def jsonl(*objects):
    return [json.dumps(o, ensure_ascii=False).encode() for o in objects]


def export_bytes():
    return "".join(export_lines()).encode("utf-8")


def build_varied_data():
    canada = make_country(name="Canada", iso_code="CA")
    metals = make_sector(name="metals")
    steel = make_sector(name="steel", parent=metals, hs_chapters="72, 73")
    autos = make_sector(name="automotive")
    tariff = make_event(name="Steel tariffs", kind=Event.Kind.TARIFF_ACTION, sectors=[steel])
    summit = make_event(name="Leaders’ summit", start_date=datetime.date(2025, 10, 31))
    union = make_organization(name="Ironside Union", kind=Organization.Kind.UNION, country=canada)
    ana = make_person(name="Ána Lindqvist-Côté", title="President, Ironside Union")
    bo = make_person(name="Bo Brandt", title="Economist")
    body = (
        "Steel talks resumed, the union’s president said.\n\n"
        "“Every shift counts,” said Ána Lindqvist-Côté. “We are watching.”\n\n"
        "Bo Brandt said the tariff would bite. People close to the talks called it “a long haul.”"
    )
    first = make_article(
        headline="Steel talks resume",
        body=body,
        publish_at=timezone.now() - datetime.timedelta(days=2),
        external_id="first",
        dek="Unions watch",
        byline="Reporter One",
        outlet="Sample Wire",
        dateline="HAMILTON, Ont.",
        original_url="https://sample.example/1",
        tags=["steel", "Union"],
    )
    make_quote(
        article=first,
        text="Every shift counts,",
        speaker=ana,
        speaker_title="President, Ironside Union",
        sectors=[steel, autos],
        events=[tariff, summit],
    )
    make_quote(article=first, text="We are watching.", speaker=ana)
    make_quote(article=first, text="the tariff would bite", speaker=bo, kind=Quote.Kind.INDIRECT)
    make_quote(
        article=first,
        text="a long haul.",
        unnamed_speaker="People close to the talks",
        kind=Quote.Kind.PARTIAL,
    )
    make_mention(article=first, entity=ana, aliases=["Lindqvist-Côté"], role=Mention.Role.ABOUT)
    make_mention(article=first, entity=union, aliases=[])
    make_mention(article=first, entity=steel, aliases=["Steel"])
    make_mention(article=first, entity=tariff, aliases=["the tariff"])
    make_mention(article=first, entity=canada)
    # An article created in the admin (no bundle id), a draft, a scheduled one, one in the trash.
    admin_made = make_article(
        headline="Autos next", publish_at=timezone.now() - datetime.timedelta(days=1)
    )
    make_quote(article=admin_made, text="Talks went on.", speaker=bo)
    make_article(headline="Draft piece", published=False, external_id="draft")
    make_article(
        headline="Coming soon",
        publish_at=timezone.now() + datetime.timedelta(days=3),
        external_id="later",
    )
    make_article(headline="Trashed", external_id="gone", deleted_at=timezone.now())


def test_export_then_import_into_empty_database_then_export_gives_the_same_bytes():
    build_varied_data()
    first_export = export_bytes()
    assert first_export.count(b"\n") == 4  # the trashed article is not exported

    wipe_everything()
    assert not Person.objects.exists() and not Article.objects.exists()
    report = import_lines(first_export.splitlines())
    assert report.ok, report.refused
    assert len(report.imported) == 4

    assert export_bytes() == first_export


def test_round_trip_keeps_status_speakers_and_entities():
    build_varied_data()
    exported = export_bytes()
    wipe_everything()
    import_lines(exported.splitlines())

    assert Article.objects.get(external_id="draft").status == Article.Status.DRAFT
    later = Article.objects.get(external_id="later")
    assert later.is_scheduled and not later.is_public
    q = Quote.objects.get(text="Every shift counts,")
    assert q.speaker.name == "Ána Lindqvist-Côté"
    assert q.speaker.title == "President, Ironside Union"
    assert {s.name for s in q.sectors.all()} == {"steel", "automotive"}
    unnamed = Quote.objects.get(text="a long haul.")
    assert unnamed.speaker is None and unnamed.unnamed_speaker == "People close to the talks"
    assert unnamed.kind == Quote.Kind.PARTIAL
    assert Organization.objects.filter(name="Ironside Union").exists()
    assert Person.objects.get(name="Ána Lindqvist-Côté").answers_to("Lindqvist-Côté")


def test_export_line_shape():
    build_varied_data()
    first = json.loads(export_bytes().splitlines()[0])
    assert list(first) == [
        "id", "headline", "dek", "byline", "outlet", "dateline", "published", "status",
        "url", "tags", "body", "quotes", "mentions",
    ]  # fmt: skip
    assert first["tags"] == ["steel", "Union"]
    assert [q["text"] for q in first["quotes"]] == [
        "Every shift counts,", "We are watching.", "the tariff would bite", "a long haul.",
    ]  # fmt: skip
    for q in first["quotes"]:
        assert first["body"][q["start"] : q["end"]] == q["text"]
        assert list(q) == [
            "text", "start", "end", "speaker", "speaker_named", "speaker_title", "kind",
            "sectors", "events",
        ]  # fmt: skip
    assert first["mentions"][0] == {
        "name": "Ána Lindqvist-Côté", "type": "person", "aliases": ["Lindqvist-Côté"],
    }  # fmt: skip
    assert "Ána" in export_bytes().decode()  # written as UTF-8, not \u escapes


def test_import_creates_a_published_article_with_its_quotes_and_mentions():
    article, created = import_article(line())
    assert created
    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at == datetime.datetime(2025, 10, 21, 18, 0, tzinfo=datetime.UTC)
    assert article.original_url == "https://news.example/talks"
    assert sorted(article.tags.names()) == ["steel", "tariffs"]
    direct, reported = article.quotes.order_by("start")
    assert direct.speaker.name == "Mark Carney" and direct.speaker.title == "Prime Minister"
    assert [s.name for s in direct.sectors.all()] == ["steel"]
    event = direct.events.get()
    assert event.name == "APEC summit 2025"
    assert event.kind == Event.Kind.ANNOUNCEMENT
    assert event.start_date == datetime.date(2025, 10, 21) and event.date_is_approximate
    assert reported.speaker is None and reported.unnamed_speaker == "Officials"
    assert reported.kind == Quote.Kind.INDIRECT
    for q in article.quotes.all():
        assert article.body[q.start : q.end] == q.text
    mention = article.mentions.get()
    assert mention.person == direct.speaker and mention.aliases == ["Carney"]
    assert direct.speaker.answers_to("Carney")


def test_reimport_updates_instead_of_duplicating():
    article, _ = import_article(line())
    quote_ids = set(article.quotes.values_list("pk", flat=True))
    report = import_lines(jsonl(line(headline="Talks move ahead, officials say")))
    assert len(report.updated) == 1 and not report.imported
    assert Article.objects.count() == 1
    assert (
        Person.objects.count() == 1 and Event.objects.count() == 1 and Sector.objects.count() == 1
    )
    article.refresh_from_db()
    assert article.headline == "Talks move ahead, officials say"
    assert set(article.quotes.values_list("pk", flat=True)) == quote_ids  # permalinks kept
    assert article.mentions.count() == 1


def test_reimporting_the_same_file_is_idempotent():
    lines = jsonl(line("a-1"), line("a-2", headline="Second"))
    import_lines(lines)
    snapshot = export_bytes()
    report = import_lines(lines)
    assert len(report.updated) == 2 and report.ok
    assert export_bytes() == snapshot
    assert Quote.objects.count() == 4 and Mention.objects.count() == 2


def test_a_line_without_quotes_becomes_a_draft():
    data = line()
    del data["quotes"], data["mentions"]
    article, _ = import_article(data)
    assert article.status == Article.Status.DRAFT
    assert not article.quotes.exists()
    assert article not in Article.objects.published()


def test_explicit_status_wins():
    article, _ = import_article(line(status="review"))
    assert article.status == Article.Status.REVIEW


def test_entities_are_reused_by_alias():
    carney = make_person(name="Mark J. Carney", aliases="Carney\nPrime Minister Mark Carney")
    steel = make_sector(name="steel products", aliases="steel")
    import_article(
        line(
            quotes=[quote("We’re making progress,", speaker="Carney", sectors=["Steel"])],
            mentions=[{"name": "Prime Minister Mark Carney", "type": "person", "aliases": []}],
        )
    )
    assert Person.objects.get() == carney
    q = Quote.objects.get()
    assert q.speaker == carney and list(q.sectors.all()) == [steel]
    assert Mention.objects.get().person == carney


def test_mention_aliases_are_added_to_the_entity():
    canada = make_country(name="Canada")
    import_article(line(mentions=[{"name": "Canada", "type": "country", "aliases": ["Ottawa’s"]}]))
    canada.refresh_from_db()
    assert canada.alias_list == ["Ottawa’s"]


def test_bad_lines_are_refused_with_line_and_id_and_good_lines_imported():
    wrong_offsets = line("bad-offsets")
    wrong_offsets["quotes"][1]["start"] += 3
    missing_headline = line("no-headline")
    del missing_headline["headline"]
    lines = [
        *jsonl(line("good-1")),
        b'{"id": "broken", "headline": ',
        b'{"id": "latin", "headline": "Caf\xe9", "body": "x"}',
        *jsonl(wrong_offsets, missing_headline, line("good-2")),
    ]
    report = import_lines(lines)

    assert [n for n, _ in report.imported] == [1, 6]
    refused = {number: (article_id, message) for number, article_id, message in report.refused}
    assert set(refused) == {2, 3, 4, 5}
    assert "not valid JSON" in refused[2][1]
    assert "not valid UTF-8" in refused[3][1]
    assert refused[4][0] == "bad-offsets"
    assert "quote 2 (“the metals file was close”)" in refused[4][1]
    assert "not the quote's text" in refused[4][1]
    assert refused[5] == ("no-headline", "“headline” is missing")
    assert set(Article.objects.values_list("external_id", flat=True)) == {"good-1", "good-2"}


def test_a_refused_line_writes_nothing():
    bad = line("half")
    bad["quotes"].append(
        {"text": "nowhere", "start": 0, "end": 7, "speaker": "X", "kind": "direct"}
    )
    with pytest.raises(BundleError) as caught:
        import_article(bad)
    assert caught.value.article_id == "half"
    assert "quote 3 (“nowhere”)" in str(caught.value)
    assert not Article.objects.exists()
    assert not Person.objects.exists() and not Event.objects.exists() and not Tag.objects.exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"published": "2025-10-21 14:00"}, "needs a UTC offset"),
        ({"published": "last Tuesday"}, "not an ISO 8601 time"),
        ({"status": "live"}, "“status” must be one of"),
        ({"tags": "steel"}, "“tags” must be a list"),
        ({"url": "not a url"}, "“url” is not a web address"),
        ({"body": 42}, "“body” must be a string"),
        (
            {"quotes": [{"text": "x", "start": 0, "end": 1, "kind": "direct"}]},
            "“speaker” is missing",
        ),
        ({"quotes": [quote("We’re making progress,", kind="shouted")]}, "“kind” must be one of"),
        ({"quotes": [quote("We’re making progress,", start="3")]}, "must be whole numbers"),
        ({"mentions": [{"name": "Canada", "type": "place"}]}, "“type” must be one of"),
        ({"status": "published", "published": None}, "needs a “published” time"),
    ],
)
def test_invalid_fields_are_named(change, expected):
    with pytest.raises(BundleError, match=expected):
        import_article(line(**change))
    assert not Article.objects.exists()


def test_offsets_into_a_body_that_normalisation_changes_are_reanchored():
    raw = "Intro line.   \r\n\r\n\r\n“Steel matters,” she said.\r\n"
    text = "Steel matters,"
    start = raw.index(text)
    article, _ = import_article(
        line(
            body=raw,
            quotes=[quote(text, body=raw, speaker="Ana Example")],
            mentions=[],
        )
    )
    q = article.quotes.get()
    assert article.body == "Intro line.\n\n“Steel matters,” she said."
    assert q.start != start
    assert article.body[q.start : q.end] == text


def test_import_command_reports_and_exits_non_zero(tmp_path):
    path = tmp_path / "bundle.jsonl"
    path.write_bytes(b"\n".join([*jsonl(line("ok")), b"{not json"]) + b"\n")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_bundle", str(path), stdout=out, stderr=err)
    assert caught.value.returncode == 1
    assert "1 imported, 0 updated, 1 refused" in out.getvalue()
    assert "Line 2" in err.getvalue() and "not valid JSON" in err.getvalue()
    assert Article.objects.filter(external_id="ok").exists()


def test_import_command_succeeds_and_missing_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bundle.jsonl"
    path.write_bytes(b"\n".join(jsonl(line("ok"))))
    out = io.StringIO()
    call_command("import_bundle", str(path), stdout=out)
    assert "1 imported, 0 updated, 0 refused" in out.getvalue()
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_bundle", str(tmp_path / "missing.jsonl"))


def test_export_command_writes_file_and_stdout(tmp_path):
    import_article(line("one"))
    path = tmp_path / "out.jsonl"
    call_command("export_bundle", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("export_bundle", "-", stdout=out)
    assert path.read_text(encoding="utf-8") == out.getvalue() == export_bytes().decode()
    assert json.loads(out.getvalue())["id"] == "one"
