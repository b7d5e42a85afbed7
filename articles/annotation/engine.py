"""The annotation pipeline: text structure, entities, quotes, speakers, topics."""

from __future__ import annotations

from .gazetteer import Gazetteer
from .mentions import ArticleEntities, find_entities
from .proposals import Annotation, QuoteProposal
from .quotes import Draft, draft_for_quote, fill_unattributed, not_speech, partial_draft
from .refs import Ref
from .reported import reported_in_sentence
from .speakers import Resolver
from .text import Doc, analyse


def annotate(body: str, gazetteer: Gazetteer) -> Annotation:
    """Propose quotes (with speakers, sectors, events) and entity mentions for a body."""
    doc = analyse(body)
    entities = find_entities(doc, gazetteer)
    resolver = Resolver(doc, entities)
    drafts = _drafts(doc, resolver)
    fill_unattributed(doc, drafts, resolver)
    resolver.settle_pending([(d.attributed_at, d.ref) for d in drafts if d.ref is not None])
    quotes = [_proposal(doc, entities, d) for d in drafts]
    return Annotation(quotes=quotes, mentions=entities.proposals())


def _drafts(doc: Doc, resolver: Resolver) -> list[Draft]:
    drafts: list[Draft] = []
    qi = 0
    for si, (s_start, s_end) in enumerate(doc.sentences):
        used: set[int] = set()
        unresolved: list[tuple[int, Draft]] = []
        while qi < len(doc.quotes) and doc.quotes[qi].open_mark < s_end:
            draft, verb = draft_for_quote(doc, resolver, qi)
            drafts.append(draft)
            if verb is not None:
                used.add(verb)
            elif draft.kind == "partial" and draft.ref is None:
                unresolved.append((qi, draft))
            qi += 1
        if not _question(doc, s_start):
            drafts.extend(reported_in_sentence(doc, resolver, si, used))
        for qj, draft in unresolved:
            # "X said that ..., but she called it '…'": the reported clause names the
            # sentence's speaker, whom the pronoun of the partial quote refers to.
            resolver.forget_unresolved(s_start, s_end)
            retry = partial_draft(doc, resolver, doc.quotes[qj], s_start)
            draft.ref, draft.confidence = retry.ref, retry.confidence
            draft.evidence = retry.evidence
    return _drop_overlaps(doc, drafts)


def _question(doc: Doc, pos: int) -> bool:
    """An interviewer's question ("Q: Your CFO said ... Will you?") reports nobody."""
    tag = doc.speaker_tags.get(doc.paragraph_index(pos))
    return tag is not None and doc.body[tag.name_start : tag.name_end].lower() in ("q", "question")


def _drop_overlaps(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Partial quotes inside a reported clause belong to it; nothing else may overlap."""
    drafts.sort(key=lambda d: (d.start, -d.end))
    indirect = [d for d in drafts if d.kind == "indirect"]
    direct = [d for d in drafts if d.kind == "direct"]
    kept: list[Draft] = []
    for d in drafts:
        if d.kind == "partial" and any(i.start <= d.start and d.end <= i.end for i in indirect):
            continue
        if d.kind == "indirect" and any(x.start < d.end and d.start < x.end for x in direct):
            continue
        if d.kind == "partial" and d.ref is None and not d.framed:
            continue  # a scare quote or a document's words, not somebody's
        if d.kind == "partial" and d.ref is None and len(doc.body[d.start : d.end].split()) < 4:
            continue  # a scare quote, not somebody's words
        if not_speech(doc, d):
            continue  # a title, a sign or a slogan
        kept.append(d)
    return kept


def _speaker_fields(entities: ArticleEntities, ref: Ref | None) -> dict[str, object]:
    if ref is None:
        return {"speaker": "", "speaker_named": False}
    ref = ref.final()
    if ref.person is not None:
        person = entities.people[ref.person]
        return {
            "speaker": person.name,
            "speaker_named": True,
            "speaker_key": person.key,
            "speaker_is_new": person.is_new,
            "speaker_title": person.title,
        }
    return {"speaker": ref.label, "speaker_named": False}


def _proposal(doc: Doc, entities: ArticleEntities, d: Draft) -> QuoteProposal:
    sentences = {doc.sentence_index(d.start), doc.sentence_index(max(d.start, d.end - 1))}
    sentences.add(doc.sentence_index(d.attributed_at))
    lo = min(doc.sentences[i][0] for i in sentences)
    hi = max(doc.sentences[i][1] for i in sentences)
    lo, hi = min(lo, d.start), max(hi, d.end)
    sectors: dict[str, None] = {}
    events: dict[str, None] = {}
    for start, end, name, kind in entities.topic_spans:
        if start >= lo and end <= hi:
            if kind == "sector":
                sectors[name] = None
            elif kind == "event":
                events[name] = None
    confidence = d.confidence if d.ref is not None else min(d.confidence, 0.3)
    return QuoteProposal(
        text=doc.body[d.start : d.end],
        start=d.start,
        end=d.end,
        kind=d.kind,
        sectors=tuple(sectors),
        events=tuple(events),
        confidence=round(confidence, 2),
        evidence=d.evidence,
        **_speaker_fields(entities, d.ref),  # type: ignore[arg-type]
    )
