"""The seed story: the engine proposes its quotes with the speakers the demo data gives."""

import pytest

from articles.demo.loader import load_demo
from articles.models import Article
from articles.suggestions import suggestions_for

pytestmark = pytest.mark.django_db

SEED_ID = "demo-2025-10-21-carney-talks-apec"


def _overlap(a_start, a_end, b_start, b_end):
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def test_engine_proposes_every_seed_quote_with_its_speaker():
    load_demo()
    article = Article.objects.get(external_id=SEED_ID)
    gold = [
        (q.start, q.end, q.kind, q.speaker.name if q.speaker else "", q.text)
        for q in article.quotes.select_related("speaker").order_by("start")
    ]
    assert len(gold) == 11
    assert {kind for _, _, kind, _, _ in gold} == {"direct", "indirect"}
    article.quotes.all().delete()

    proposals = suggestions_for(article).quotes
    for start, end, kind, speaker, text in gold:
        found = [
            s.proposal
            for s in proposals
            if _overlap(start, end, s.proposal.start, s.proposal.end)
            >= max(end - start, s.proposal.end - s.proposal.start) / 2
        ]
        assert found, f"not proposed: {text!r}"
        proposal = found[0]
        assert proposal.kind == kind, text
        if speaker:
            assert proposal.speaker == speaker, text
            assert proposal.speaker_named
        else:
            assert not proposal.speaker_named, text
