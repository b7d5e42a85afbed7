"""The scoring functions on tiny hand-made gold data."""

import re

import pytest

from articles.annotation import Annotation, MentionProposal, QuoteProposal
from articles.annotation.evaluation import error_report, evaluate, match_spans

BODY = "“We are ready,” Lia Moss said. Officials said the deal was close."


def _gold():
    return [
        {
            "id": "a1",
            "body": BODY,
            "quotes": [
                {
                    "text": "We are ready,",
                    "start": 1,
                    "end": 14,
                    "speaker": "Lia Moss",
                    "speaker_named": True,
                    "kind": "direct",
                },
                {
                    "text": "the deal was close",
                    "start": 46,
                    "end": 64,
                    "speaker": "officials",
                    "speaker_named": False,
                    "kind": "indirect",
                },
            ],
            "mentions": [
                {"name": "Lia Moss", "type": "person", "aliases": ["Moss"]},
                {"name": "Canada", "type": "country", "aliases": []},
            ],
        }
    ]


def _q(start, end, kind, speaker, named=True):
    return QuoteProposal(
        text=BODY[start:end], start=start, end=end, kind=kind, speaker=speaker, speaker_named=named
    )


def test_match_requires_half_of_the_longer_span_and_is_one_to_one():
    assert match_spans([(0, 10)], [(0, 6)]) == [(0, 0)]
    assert match_spans([(0, 10)], [(0, 4)]) == []
    assert match_spans([(0, 10)], [(0, 10), (1, 9)]) == [(0, 0)]


def test_perfect_prediction_scores_one():
    pred = Annotation(
        quotes=[_q(1, 14, "direct", "Lia Moss"), _q(46, 64, "indirect", "officials", False)],
        mentions=[
            MentionProposal(name="Lia Moss", type="person"),
            MentionProposal(name="Canada", type="country"),
        ],
    )
    scores = evaluate(_gold(), {"a1": pred})
    assert scores["spans"]["all"]["f1"] == 1.0
    assert scores["strict"]["f1"] == 1.0
    assert scores["speaker_accuracy"] == 1.0
    assert scores["end_to_end"]["f1"] == 1.0
    assert scores["mentions"]["f1"] == 1.0


def test_loose_match_alias_speaker_and_missed_quote():
    pred = Annotation(
        quotes=[_q(1, 12, "direct", "Moss"), _q(16, 24, "indirect", "Lia Moss")],
        mentions=[
            MentionProposal(name="Moss", type="person"),
            MentionProposal(name="Moss", type="person"),
            MentionProposal(name="Canada", type="organization"),
        ],
    )
    scores = evaluate(_gold(), {"a1": pred})
    assert scores["spans"]["all"]["precision"] == 0.5
    assert scores["spans"]["all"]["recall"] == 0.5
    assert scores["spans"]["direct"]["recall"] == 1.0
    assert scores["spans"]["indirect"]["recall"] == 0.0
    assert scores["strict"]["recall"] == 0.0
    assert scores["speaker_accuracy"] == 1.0  # "Moss" is an alias of the gold speaker
    assert scores["end_to_end"]["recall"] == 0.5
    assert scores["mentions"]["precision"] == pytest.approx(1 / 3)
    assert scores["mentions"]["recall"] == 0.5


def test_unnamed_gold_speaker_needs_an_unnamed_prediction():
    wrong = Annotation(quotes=[_q(46, 64, "indirect", "Lia Moss")])
    right = Annotation(quotes=[_q(46, 64, "indirect", "government officials", False)])
    assert evaluate(_gold(), {"a1": wrong})["speaker_accuracy"] == 0.0
    assert evaluate(_gold(), {"a1": right})["speaker_accuracy"] == 1.0


def _labelled_gold():
    gold = _gold()
    gold[0]["quotes"][0]["phenomena"] = ["split quote"]
    gold[0]["quotes"][1]["phenomena"] = ["role speaker", "reported verb"]
    gold[0]["not_quotes"] = [{"text": "Officials", "start": 31, "end": 40}]
    return gold


def test_errors_have_a_class_and_the_gold_quote_phenomena():
    pred = Annotation(
        quotes=[
            _q(1, 14, "partial", "Lia Moss"),  # right span and speaker, wrong kind
            _q(31, 40, "partial", "", False),  # over a passage that is not speech
        ]
    )
    scores = evaluate(_labelled_gold(), {"a1": pred})
    classes = {(e["error"], tuple(e["phenomena"])) for e in scores["errors"] if "phenomena" in e}
    assert classes == {
        ("wrong kind", ("split quote",)),
        ("missed", ("role speaker", "reported verb")),
        ("spurious", ("not-speech",)),
    }
    assert scores["phenomena"] == {
        "reported verb": {"gold": 1},
        "role speaker": {"gold": 1},
        "split quote": {"gold": 1, "right": 1},
    }


def test_error_report_counts_by_class_and_by_phenomenon():
    pred = Annotation(
        quotes=[_q(1, 12, "direct", "Someone Else"), _q(31, 40, "partial", "", False)]
    )
    lines = error_report(evaluate(_labelled_gold(), {"a1": pred}))
    counts = {line.split("  ")[1].strip(): line.split()[-1] for line in lines[1:6]}
    assert counts == {
        "missed": "1",
        "spurious": "1",
        "boundary": "1",
        "wrong speaker": "1",
        "wrong kind": "0",
    }
    table = next(k for k, line in enumerate(lines) if line.startswith("errors by phenomenon:"))
    cells = [re.split(r"\s{2,}", line.strip()) for line in lines[table + 1 :]]
    rows = {row[0]: row[1:] for row in cells}
    # gold, right, missed, spurious, boundary, speaker, kind
    assert rows == {
        "not-speech": ["0", "0", "0", "1", "0", "0", "0"],
        "reported verb": ["1", "0", "1", "0", "0", "0", "0"],
        "role speaker": ["1", "0", "1", "0", "0", "0", "0"],
        "split quote": ["1", "0", "0", "0", "1", "1", "0"],
    }


def test_error_report_without_labels_has_no_phenomenon_table():
    lines = error_report(evaluate(_gold(), {"a1": Annotation()}))
    assert lines[0] == "errors by class:"
    assert not any("phenomenon" in line for line in lines)
    assert "missed" in lines[1] and lines[1].split()[-1] == "2"
