"""Editor assist: the annotation engine's proposals for an article, and accepting them.

The engine (`articles.annotation`) is pure; this module feeds it the newsroom's
entities as a gazetteer and turns an editor's accept into Quote and Mention rows.
Proposals are never stored or published by themselves.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Max

from articles.anchoring import Anchor, find_anchor
from articles.annotation import Gazetteer, GazetteerEntry, annotate
from articles.models import Mention, Quote, RejectedSuggestion
from entities.models import ENTITY_MODELS, Event, Person, Sector

_gazetteer_cache = {"signature": None, "gazetteer": None}


def _entities_signature():
    """Changes whenever an entity is added, edited or removed."""
    parts = []
    for model in ENTITY_MODELS.values():
        row = model.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
        parts.append(f"{row['n']}:{row['latest']}")
    return "|".join(parts)


def gazetteer_entries(extra=()):
    entries = []
    for kind, model in ENTITY_MODELS.items():
        for pk, name, aliases in model.objects.values_list("pk", "name", "aliases"):
            entries.append(
                GazetteerEntry(
                    name=name,
                    type=kind,
                    aliases=tuple(a for a in aliases.splitlines() if a.strip()),
                    key=(kind, pk),
                )
            )
    entries.extend(extra)
    return entries


def current_gazetteer():
    """The gazetteer of every known entity, rebuilt only when the entities change."""
    signature = _entities_signature()
    if _gazetteer_cache["signature"] != signature:
        _gazetteer_cache["gazetteer"] = Gazetteer(gazetteer_entries())
        _gazetteer_cache["signature"] = signature
    return _gazetteer_cache["gazetteer"]


def quote_signature(start, end, text):
    return hashlib.sha1(f"{start}:{end}:{text}".encode()).hexdigest()


def mention_signature(kind, name):
    return hashlib.sha1(f"{kind}:{name.casefold()}".encode()).hexdigest()


@dataclass
class QuoteSuggestion:
    proposal: object  # articles.annotation.QuoteProposal
    signature: str
    repeat_of: Quote | None = None
    speaker_person: Person | None = None

    @property
    def confidence_percent(self):
        return round(self.proposal.confidence * 100)


@dataclass
class Suggestions:
    quotes: list = field(default_factory=list)
    mentions: list = field(default_factory=list)


def _overlaps(proposal, quotes):
    return any(
        q.start is not None and q.start < proposal.end and proposal.start < q.end for q in quotes
    )


def suggestions_for(article):
    """What the engine proposes for `article`, minus what is already there or rejected."""
    annotation = annotate(article.body, current_gazetteer())
    existing = list(article.quotes.all())
    rejected = set(article.rejected_suggestions.values_list("kind", "signature"))
    people_ids = {
        p.speaker_key[1]
        for p in annotation.quotes
        if p.speaker_key and p.speaker_key[0] == "person"
    }
    people = Person.objects.in_bulk(people_ids)
    quotes = []
    for proposal in annotation.quotes:
        signature = quote_signature(proposal.start, proposal.end, proposal.text)
        if ("quote", signature) in rejected or _overlaps(proposal, existing):
            continue
        person = people.get(proposal.speaker_key[1]) if proposal.speaker_key else None
        quotes.append(QuoteSuggestion(proposal, signature, speaker_person=person))
    _find_repeats(article, quotes)

    mentioned = _mentioned_keys(article)
    mentions = [
        m
        for m in annotation.mentions
        if ("mention", mention_signature(m.type, m.name)) not in rejected
        and (m.key is None or m.key not in mentioned)
    ]
    return Suggestions(quotes=quotes, mentions=mentions)


def _mentioned_keys(article):
    keys = set()
    for row in article.mentions.values(*[f"{f}_id" for f in Mention.ENTITY_FIELDS]):
        for kind in Mention.ENTITY_FIELDS:
            if row[f"{kind}_id"]:
                keys.add((kind, row[f"{kind}_id"]))
    return keys


def _find_repeats(article, suggestions):
    """Mark proposals whose words and speaker were already quoted in another article."""
    texts = {s.proposal.text for s in suggestions if s.speaker_person}
    if not texts:
        return
    earlier = (
        Quote.objects.filter(text__in=texts)
        .exclude(article=article)
        .select_related("article")
        .order_by("article__publish_at", "pk")
    )
    first = {}
    for quote in earlier:
        first.setdefault((quote.text, quote.speaker_id), quote)
    for suggestion in suggestions:
        if suggestion.speaker_person:
            suggestion.repeat_of = first.get(
                (suggestion.proposal.text, suggestion.speaker_person.pk)
            )


def _entity_by_name(model, name, **defaults):
    found = model.objects.matching_name(name).first()
    if found is not None:
        return found
    return model.objects.create(name=name, **defaults)


@transaction.atomic
def accept_quote(
    article,
    *,
    text,
    start,
    end,
    kind,
    speaker="",
    speaker_named=True,
    speaker_title="",
    sectors=(),
    events=(),
):
    """Turn a (possibly edited) proposal into a Quote anchored in the body."""
    anchor = None
    if 0 <= start < end <= len(article.body) and article.body[start:end] == text:
        anchor = Anchor.at(article.body, start, end)
    else:
        anchor = find_anchor(article.body, text, near=start)
    if anchor is None:
        raise ValueError("The proposed words are no longer in the body.")
    person = None
    unnamed = ""
    if speaker_named and speaker:
        person = _entity_by_name(Person, speaker, title=speaker_title)
    else:
        unnamed = speaker or "unnamed source"
    quote = Quote(
        article=article,
        text=text,
        kind=kind,
        speaker=person,
        unnamed_speaker=unnamed,
        speaker_title=speaker_title,
    )
    quote.set_anchor(anchor)
    if person is not None:
        quote.first_appearance = (
            Quote.objects.filter(text=text, speaker=person, first_appearance__isnull=True)
            .exclude(article=article)
            .order_by("article__publish_at", "pk")
            .first()
        )
    quote.save()
    quote.sectors.set([s for s in (Sector.objects.matching_name(n).first() for n in sectors) if s])
    quote.events.set([e for e in (Event.objects.matching_name(n).first() for n in events) if e])
    return quote


@transaction.atomic
def accept_mention(article, *, name, kind, aliases=()):
    model = ENTITY_MODELS[kind]
    if kind == "event":
        entity = model.objects.matching_name(name).first()
        if entity is None:
            raise ValueError("Unknown event: add it in the events admin first.")
    else:
        entity = _entity_by_name(model, name)
    mention, _ = Mention.objects.get_or_create(article=article, **{kind: entity})
    for alias in aliases:
        if alias not in mention.aliases and alias != entity.name:
            mention.aliases.append(alias)
    mention.save()
    return mention


def reject(article, *, kind, signature, text="", user=None):
    RejectedSuggestion.objects.get_or_create(
        article=article,
        kind=kind,
        signature=signature,
        defaults={"text": text, "rejected_by": user},
    )
