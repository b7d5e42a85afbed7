"""The bundle importer fed hostile input: a clear error per line, nothing half-written.

Malformed, truncated, oversized and non-UTF-8 lines, values of the wrong type,
impossible offsets, and articles far larger than any real story: each bad line
is refused with its line number and a message saying what is wrong, the good
lines around it are imported, and the database holds nothing of a refused line.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.bundles import (
    ARTICLE_KEYS,
    MAX_BODY_CHARS,
    MAX_LINE_BYTES,
    MAX_QUOTES,
    BundleError,
    import_article,
    import_lines,
)
from articles.models import Article, Correction, Mention, Quote
from entities.models import Event, Person, Sector
from tests.factories import empty_article_inlines, make_user

pytestmark = pytest.mark.django_db

BODY = "OTTAWA — Talks resumed.\n\n“We are close,” Hana Okafor said. “Not yet,” Ravi Patel said."
FIRST, SECOND = "We are close,", "Not yet,"


def quote(text, *, speaker="Hana Okafor", **fields):
    start = BODY.index(text)
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "speaker": speaker,
        "kind": "direct",
        "sectors": ["steel"],
        "events": ["Ottawa talks"],
        **fields,
    }


def line(**fields):
    data = {
        "id": "talks-1",
        "headline": "Talks resume",
        "published": "2025-10-21T14:00:00-04:00",
        "tags": ["tariffs"],
        "body": BODY,
        "quotes": [quote(FIRST), quote(SECOND, speaker="Ravi Patel")],
        "mentions": [{"name": "Canada", "type": "country"}],
    }
    data.update(fields)
    return json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n"


def snapshot():
    """How many rows of everything an import can write."""
    return {
        model.__name__: model.objects.count()
        for model in (Article, Quote, Mention, Person, Sector, Event, Correction)
    }


BAD_LINES = {
    "not JSON": (b"{this is not json}\n", "not valid JSON"),
    "truncated": (line()[:57] + b"\n", "not valid JSON"),
    "not UTF-8": (line().replace(b"Talks", b"T\xffks"), "not valid UTF-8"),
    "Latin-1 text": ('{"id": "a", "headline": "Café"}\n'.encode("latin-1"), "UTF-8"),
    "a JSON list": (b"[1, 2, 3]\n", "not a JSON object"),
    "a JSON string": (b'"just a string"\n', "not a JSON object"),
    "nested too deeply": (b"[" * 100_000 + b"\n", "nested too deeply"),
    "a 5,000-digit number": (
        b'{"id": "big", "start": ' + b"9" * 5_000 + b"}\n",
        "not valid JSON",
    ),
    "body is a number": (line(body=12345), "“body” must be a string, not int"),
    "body is missing": (line(body=None), "“body” is missing"),
    "headline is a list": (line(headline=["Talks"]), "“headline” must be a string, not list"),
    "headline with NUL": (line(headline="Talks\x00resume"), "NUL"),
    "body with a lone surrogate": (
        b'{"id": "s", "headline": "S", "body": "Talks \\ud800 resumed"}\n',
        "unpaired surrogate",
    ),
    "quotes not a list": (line(quotes="We are close"), "“quotes” must be a list"),
    "quotes a dict": (line(quotes={"text": FIRST}), "“quotes” must be a list"),
    "a quote that is a number": (line(quotes=[42]), "quote 1 must be an object"),
    "start after end": (
        line(quotes=[quote(FIRST, start=20, end=10)]),
        "offsets 20–10 are outside the body",
    ),
    "negative offsets": (
        line(quotes=[quote(FIRST, start=-5, end=3)]),
        "offsets -5–3 are outside the body",
    ),
    "offsets past the body": (
        line(quotes=[quote(FIRST, start=len(BODY), end=len(BODY) + 13)]),
        "outside the body",
    ),
    "offsets as strings": (
        line(quotes=[quote(FIRST, start="27", end="40")]),
        "“start” and “end” must be whole numbers",
    ),
    "offsets as floats": (
        line(quotes=[quote(FIRST, start=27.0, end=40.0)]),
        "“start” and “end” must be whole numbers",
    ),
    "offsets as booleans": (
        line(quotes=[quote(FIRST, start=False, end=True)]),
        "“start” and “end” must be whole numbers",
    ),
    "offsets that miss the text": (
        line(quotes=[quote(FIRST, start=0, end=13)]),
        "not the quote's text",
    ),
    "a huge offset": (
        line(quotes=[quote(FIRST, start=10**30, end=10**30 + 1)]),
        "outside the body",
    ),
    "second quote bad": (
        line(quotes=[quote(FIRST), quote(SECOND, kind="shouted")]),
        "“kind” must be one of",
    ),
    "speaker a number": (line(quotes=[quote(FIRST, speaker=7)]), "“speaker” must be a string"),
    "tags not a list": (line(tags="tariffs"), "“tags” must be a list of non-empty strings"),
    "published not a time": (line(published="last Tuesday"), "not an ISO 8601 time"),
    "published without offset": (line(published="2025-10-21T14:00:00"), "needs a UTC offset"),
    "status unknown": (line(status="live"), "“status” must be one of"),
    "mention of an unknown type": (
        line(mentions=[{"name": "Canada", "type": "planet"}]),
        "“type” must be one of",
    ),
    "url not an address": (line(url="javascript:alert(1)"), "“url” is not a web address"),
}


@pytest.mark.parametrize(("raw", "message"), BAD_LINES.values(), ids=BAD_LINES.keys())
def test_a_bad_line_is_refused_with_its_number_and_the_others_are_imported(raw, message):
    good_before = line(id="before", headline="Before")
    good_after = line(id="after", headline="After")
    report = import_lines([good_before, raw, good_after])
    assert [n for n, _, _ in report.refused] == [2]
    assert message in report.refused[0][2]
    assert [article_id for _, article_id in report.imported] == ["before", "after"]
    assert Article.objects.count() == 2
    assert Quote.objects.count() == 4


def test_nothing_of_a_refused_line_is_written():
    """The first quote is fine, the second is not: no article, person, sector or event."""
    before = snapshot()
    report = import_lines([line(quotes=[quote(FIRST), quote(SECOND, start=-1)])])
    assert not report.ok
    assert snapshot() == before


def test_a_refused_update_leaves_the_article_as_it_was():
    import_lines([line()])
    article = Article.objects.get()
    quotes = list(Quote.objects.values_list("pk", "text", "start", "end"))
    before = snapshot()
    report = import_lines([line(headline="Rewritten", quotes=[quote(FIRST), {"text": 3}])])
    assert len(report.refused) == 1 and not report.updated
    article.refresh_from_db()
    assert article.headline == "Talks resume"
    assert list(Quote.objects.values_list("pk", "text", "start", "end")) == quotes
    assert snapshot() == before


def test_an_oversized_line_is_refused_unread_from_a_file(tmp_path):
    bundle = tmp_path / "bundle.jsonl"
    huge_body = "Talks resumed. " * (MAX_LINE_BYTES // 15 + 10)
    with bundle.open("wb") as out:
        out.write(line(id="before"))
        out.write(line(id="huge", body=huge_body, quotes=[]))
        out.write(line(id="after"))
    with bundle.open("rb") as stream:
        report = import_lines(stream)
    assert [n for n, _, _ in report.refused] == [2]
    assert f"a line may have at most {MAX_LINE_BYTES:,}" in report.refused[0][2]
    assert [article_id for _, article_id in report.imported] == ["before", "after"]


def test_a_line_cut_off_at_the_end_of_the_file_is_refused(tmp_path):
    bundle = tmp_path / "bundle.jsonl"
    bundle.write_bytes(line(id="whole") + line(id="cut")[:-40])
    with bundle.open("rb") as stream:
        report = import_lines(stream)
    assert [article_id for _, article_id in report.imported] == ["whole"]
    assert [n for n, _, _ in report.refused] == [2]
    assert "not valid JSON" in report.refused[0][2]


def test_a_10_mb_body_is_refused_by_the_body_limit():
    data = json.loads(line(body="Talks resumed. " * 700_000, quotes=[]))
    with pytest.raises(BundleError) as refused:
        import_article(data)
    assert f"at most {MAX_BODY_CHARS:,}" in str(refused.value)
    assert not Article.objects.exists()


def test_a_body_at_the_limit_is_accepted():
    body = ("Talks resumed on steel. " * (MAX_BODY_CHARS // 24 + 1))[:MAX_BODY_CHARS].strip()
    article, created = import_article(json.loads(line(body=body, quotes=[])))
    assert created and len(article.body) == len(body)


def test_10000_quotes_in_one_article_are_refused():
    many = [quote(FIRST)] * 10_000
    report = import_lines([line(quotes=many)])
    assert len(report.refused) == 1
    assert (
        f"“quotes” has 10,000 entries; an article may have at most {MAX_QUOTES:,}"
        in (report.refused[0][2])
    )
    assert not Article.objects.exists() and not Quote.objects.exists()


def test_the_command_reports_each_bad_line_and_exits_with_an_error(tmp_path):
    bundle = tmp_path / "bundle.jsonl"
    bundle.write_bytes(
        line(id="good")
        + b"\xff\xfe not even text\n"
        + line(id="typed", body=3)
        + b"[" * 50_000
        + b"\n"
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_bundle", str(bundle), stdout=out, stderr=err)
    assert failed.value.returncode == 1
    messages = err.getvalue().splitlines()
    assert messages[0].startswith("Line 2, article (no id): refused: the line is not valid UTF-8")
    assert messages[1].startswith("Line 3, article “typed”: refused: “body” must be a string")
    assert messages[2].startswith("Line 4, article (no id): refused: the line is not valid JSON")
    assert "1 imported, 0 updated, 3 refused" in out.getvalue()
    assert list(Article.objects.values_list("external_id", flat=True)) == ["good"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
hostile_articles = st.dictionaries(
    st.sampled_from([*ARTICLE_KEYS, "role", "extra"]), json_values, max_size=len(ARTICLE_KEYS)
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lines=st.lists(
        st.one_of(
            st.binary(max_size=200),
            hostile_articles.map(lambda d: json.dumps(d).encode()),
            st.builds(
                lambda d, cut: json.dumps(d).encode()[:cut], hostile_articles, st.integers(0, 80)
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_arbitrary_lines_never_crash_the_importer(lines):
    before = Article.objects.count()
    report = import_lines([raw.replace(b"\n", b" ") + b"\n" for raw in lines])
    assert Article.objects.count() - before == len(report.imported)
    for _, _, message in report.refused:
        assert message


def test_the_admin_refuses_a_body_over_the_limit_naming_the_field(client):
    client.force_login(make_user(role="Editor"))
    data = {
        "headline": "Too long",
        "slug": "too-long",
        "body": "Talks resumed. " * (MAX_BODY_CHARS // 15 + 100),
        "status": "draft",
        "updated_at_0": "2025-10-21",
        "updated_at_1": "10:00:00",
    }
    data.update(empty_article_inlines())
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["body"]
    assert f"at most {MAX_BODY_CHARS:,}" in errors["body"][0]
    assert not Article.objects.exists()
