"""Writing a bundle article's quotes and mentions, a few queries whatever their number.

Each is planned in memory first (the entities it names found or created as they
come), then written in bulk once those entities are stored.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from articles.anchoring import normalize_quote
from articles.bundles.validation import ENTITY_MODELS
from articles.models import Mention, Quote
from entities.models import Event, Person, Sector

# The fields an import sets on a quote that exists.
QUOTE_FIELDS = (
    "text",
    "start",
    "end",
    "prefix",
    "suffix",
    "kind",
    "speaker",
    "unnamed_speaker",
    "speaker_title",
    "position",
    "needs_review",
    "review_note",
    "day",
    "updated_at",
)
# The quote's links to entities, in the order they are set: many-to-many field, model.
QUOTE_LINKS = (("sectors", Sector), ("events", Event))


def names_to_find(quotes, mentions):
    """The entity names that the quotes and mentions use, by model."""
    names = {}
    for cleaned in quotes or ():
        if cleaned["speaker_named"]:
            names.setdefault(Person, []).append(cleaned["speaker"])
        for name, model in QUOTE_LINKS:
            names.setdefault(model, []).extend(cleaned[name])
    for cleaned in mentions or ():
        names.setdefault(ENTITY_MODELS[cleaned["type"]], []).append(cleaned["name"])
    return names


def _article_date(article):
    return timezone.localdate(article.publish_at) if article.publish_at else timezone.localdate()


def entity_defaults(model, article):
    """The values an entity created by the import gets besides its name."""
    if model is Event:
        return {
            "kind": Event.Kind.ANNOUNCEMENT,
            "start_date": _article_date(article),
            "date_is_approximate": True,
        }
    return {}


@dataclass
class PlannedQuote:
    quote: Quote
    speaker: Person | None
    links: dict = field(default_factory=dict)  # many-to-many field: entities, in bundle order


def _matching_quote(existing, cleaned):
    """The stored quote that a bundle quote updates: same words at the same place, else anywhere."""
    same_text = [q for q in existing if q.text == cleaned["text"]]
    at_start = [q for q in same_text if q.start == cleaned["anchor"].start]
    match = (at_start or same_text or [None])[0]
    if match is not None:
        existing.remove(match)
    return match


def plan_quotes(article, quotes, entities):
    """The article's quotes as the bundle has them, keeping the ids of unchanged ones."""
    existing = list(article.quotes.select_related("first_appearance"))
    planned = []
    for position, cleaned in enumerate(sorted(quotes, key=lambda q: q["anchor"].start)):
        quote = _matching_quote(existing, cleaned) or Quote(article=article)
        quote.text = cleaned["text"]
        quote.set_anchor(cleaned["anchor"])
        quote.kind = cleaned["kind"]
        quote.speaker_title = cleaned["speaker_title"]
        quote.position = position
        quote.needs_review, quote.review_note = False, ""
        person = None
        if cleaned["speaker_named"]:
            person = entities.get(Person, cleaned["speaker"])
            if not person.title and cleaned["speaker_title"]:
                person.title = cleaned["speaker_title"]
                entities.save(person)
            quote.unnamed_speaker = ""
        else:
            quote.unnamed_speaker = cleaned["speaker"]
        plan = PlannedQuote(quote, person)
        defaults = {Event: entity_defaults(Event, article)}
        for name, model in QUOTE_LINKS:
            plan.links[name] = [
                entities.get(model, n, defaults=defaults.get(model)) for n in cleaned[name]
            ]
        planned.append(plan)
    return planned


def _set_links(quote, through, column, current, wanted):
    """What `set()` on one of the quote's many-to-many fields does to its through rows.

    `current`: the quote's rows; `wanted`: the entities, repeats and all. Returns
    the rows removed and the rows added, each None where `set()` sends no signal
    (so the quote's history gets no version).
    """
    old_ids = {getattr(row, column) for row in current}
    new = []
    for entity in wanted:
        if entity.pk in old_ids:
            old_ids.remove(entity.pk)
        else:
            new.append(entity)
    removed = [row for row in current if getattr(row, column) in old_ids] if old_ids else None
    if not new:
        return removed, None
    seen = {getattr(row, column) for row in current} - old_ids
    added = []
    for entity in new:
        if entity.pk not in seen:
            seen.add(entity.pk)
            added.append(through(quote=quote, **{column: entity.pk}))
    return removed, added


def store_quotes(article, planned, versions):
    """Write the planned quotes and their links."""
    now = timezone.now()
    for plan in planned:
        quote = plan.quote
        quote.speaker = plan.speaker
        quote.text = normalize_quote(quote.text)
        quote.day = quote.said_day()
        if quote.pk is not None:
            quote.updated_at = now
    stored = [plan.quote for plan in planned if plan.quote.pk is not None]
    new = [plan.quote for plan in planned if plan.quote.pk is None]
    stored_pks = {quote.pk for quote in stored}
    rows = {}
    for name, _model in QUOTE_LINKS:
        through = getattr(Quote, name).through
        rows[name] = {}
        for row in through.objects.filter(quote__in=[quote.pk for quote in stored]):
            rows[name].setdefault(row.quote_id, []).append(row)
    Quote.objects.bulk_update(stored, QUOTE_FIELDS)
    Quote.objects.bulk_create(new)

    removed = {name: [] for name, _model in QUOTE_LINKS}
    added = {name: [] for name, _model in QUOTE_LINKS}
    for plan in planned:
        quote = plan.quote
        links = {name: rows[name].get(quote.pk, []) for name, _model in QUOTE_LINKS}
        versions.record(quote, "~" if quote.pk in stored_pks else "+", links=dict(links))
        for name, model in QUOTE_LINKS:
            through = getattr(Quote, name).through
            column = f"{model._meta.model_name}_id"
            gone, new_rows = _set_links(quote, through, column, links[name], plan.links[name])
            if gone is not None:
                removed[name].extend(gone)
                links[name] = [row for row in links[name] if all(row is not g for g in gone)]
                versions.record(quote, "~", links=dict(links))
            if new_rows is not None:
                added[name].extend(new_rows)
                links[name] = links[name] + new_rows
                versions.record(quote, "~", links=dict(links))
    for name, _model in QUOTE_LINKS:
        through = getattr(Quote, name).through
        if removed[name]:
            through.objects.filter(pk__in=[row.pk for row in removed[name]]).delete()
        through.objects.bulk_create(added[name])


def delete_other_quotes(article, planned):
    """Delete the article's quotes that the bundle no longer has."""
    article.quotes.exclude(pk__in=[plan.quote.pk for plan in planned]).delete()


def plan_mentions(article, mentions, entities):
    """The mentions as (cleaned mention, entity), the entities' new aliases noted."""
    planned = []
    for cleaned in mentions:
        model = ENTITY_MODELS[cleaned["type"]]
        entity = entities.get(model, cleaned["name"], defaults=entity_defaults(model, article))
        before = entity.aliases
        for alias in cleaned["aliases"]:
            entity.add_alias(alias)
        if entity.aliases != before:
            entities.save(entity)
        planned.append((cleaned, entity))
    return planned


def store_mentions(article, planned):
    """Make the article's mentions the planned ones."""
    article.mentions.all().delete()
    Mention.objects.bulk_create(
        Mention(
            article=article,
            role=cleaned["role"],
            aliases=cleaned["aliases"],
            position=position,
            **{cleaned["type"]: entity},
        )
        for position, (cleaned, entity) in enumerate(planned)
    )
