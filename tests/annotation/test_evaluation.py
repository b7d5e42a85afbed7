"""The scoring functions on tiny hand-made gold data."""

import pytest

from articles.annotation import Annotation, MentionProposal, QuoteProposal
from articles.annotation.evaluation import evaluate, match_spans

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
