"""The command-line contract of suggest_quotes and evaluate_suggestions."""

import json

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_person

pytestmark = pytest.mark.django_db

BODY = (
    "Dairy farmers in the Eastern Townships are bracing for a tougher review, "
    "Agriculture Minister Lise Aubertin said Monday.\n\n"
    "“We will not trade away supply management,” Aubertin told reporters in Sherbrooke.\n\n"
    "Farm lobbyist Owen Pryce said the quota system had survived worse."
)
QUOTE = "We will not trade away supply management,"


def bundle(tmp_path, articles):
    path = tmp_path / "bundle.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n")
    return path


def article(**extra):
    return {"id": "sample-1", "headline": "Dairy", "body": BODY, **extra}


def test_suggest_quotes_prints_one_json_line_per_article(tmp_path, capsys):
    make_person(name="Lise Aubertin", aliases="Aubertin")
    path = bundle(tmp_path, [article(), article(id="sample-2")])
    call_command("suggest_quotes", str(path))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["sample-1", "sample-2"]
    quotes = {q["text"]: q for q in lines[0]["quotes"]}
    assert quotes[QUOTE]["speaker"] == "Lise Aubertin"
    assert quotes[QUOTE]["kind"] == "direct"
    assert BODY[quotes[QUOTE]["start"] : quotes[QUOTE]["end"]] == QUOTE
    assert set(quotes[QUOTE]) == {
        "text", "start", "end", "speaker", "speaker_named", "speaker_title", "kind", "confidence",
    }  # fmt: skip
    assert {"name": "Lise Aubertin", "type": "person"} in lines[0]["mentions"]


def test_suggest_quotes_ignores_gold_quotes_in_the_file(tmp_path, capsys):
    gold = [{"text": "bogus", "start": 0, "end": 5, "speaker": "Nobody", "kind": "direct"}]
    call_command("suggest_quotes", str(bundle(tmp_path, [article(quotes=gold)])))
    line = json.loads(capsys.readouterr().out)
    assert "bogus" not in [q["text"] for q in line["quotes"]]


def test_evaluate_suggestions_scores_against_gold(tmp_path, capsys):
    start = BODY.index(QUOTE)
    gold = {
        "text": QUOTE,
        "start": start,
        "end": start + len(QUOTE),
        "speaker": "Lise Aubertin",
        "speaker_named": True,
        "kind": "direct",
    }
    mentions = [{"name": "Lise Aubertin", "type": "person", "aliases": ["Aubertin"]}]
    call_command(
        "evaluate_suggestions", str(bundle(tmp_path, [article(quotes=[gold], mentions=mentions)]))
    )
    out = capsys.readouterr().out
    assert "1 gold quotes" in out
    direct = next(line for line in out.splitlines() if line.startswith("span direct"))
    assert direct.split()[3] == "1.000"  # recall of the one direct quote


def test_evaluate_suggestions_errors_counts_classes_and_phenomena(tmp_path, capsys):
    start = BODY.index(QUOTE)
    gold = {
        "text": QUOTE,
        "start": start,
        "end": start + len(QUOTE),
        "speaker": "Somebody Else",
        "speaker_named": True,
        "kind": "direct",
        "phenomena": ["surname only"],
    }
    path = bundle(tmp_path, [article(quotes=[gold], mentions=[])])
    call_command("evaluate_suggestions", str(path), "--errors")
    lines = capsys.readouterr().out.splitlines()
    by_class = lines.index("errors by class:")
    assert lines[by_class + 4].split() == ["wrong", "speaker", "1"]
    row = next(line for line in lines if line.startswith("  surname only"))
    assert row.split()[2:] == ["1", "0", "0", "0", "0", "1", "0"]
    assert any(json.loads(line)["error"] == "wrong speaker" for line in lines if line[:1] == "{")


def test_bad_bundle_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "body": "ok"}\n{not json\n')
    with pytest.raises(CommandError, match="Line 2"):
        call_command("suggest_quotes", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("suggest_quotes", str(tmp_path / "missing.jsonl"))
