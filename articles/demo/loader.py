"""The demo database: entities, articles and two demo accounts, loaded idempotently.

`load_demo()` creates what is missing and brings what exists back to the demo's
state, so running it twice changes nothing. Entities are matched by name,
articles by their bundle id (they go through the bundle importer, like any
imported article), the accounts by username.
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from articles.anchoring import normalize_body
from articles.bundles import import_article
from articles.corrections import correction_added
from articles.demo import entities as data
from articles.demo.stories import STORIES
from articles.models import Article, Correction, Quote
from entities.changes import announce
from entities.models import Country, Event, EventStatusChange, Organization, Person, Sector

DEMO_PASSWORD = "tradewatch-demo"
DEMO_ACCOUNTS = (("editor", "Editor"), ("reporter", "Reporter"))
OPEN, CLOSE = "⟦", "⟧"


class DemoDataError(Exception):
    """The demo data itself is inconsistent (a bug in articles/demo, not in the database)."""


# Entities -----------------------------------------------------------------------------


def _upsert(model, name, *, aliases=(), **fields):
    """The entity called `name`, created or updated to `fields`; saved only when changed."""
    obj = model.objects.filter(name=name).first()
    changed = obj is None
    if obj is None:
        obj = model(name=name)
    for key, value in fields.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    before = obj.aliases
    for alias in aliases:
        obj.add_alias(alias)
    if changed or obj.aliases != before:
        obj.save()
    return obj


def _upsert_all(model, items, fields, *, into=None):
    """{name: entity} of the demo's `items`, each upserted with the fields `fields(item)`.

    `into` (the dict returned) receives each entity as soon as it is saved, so that an
    item's fields may refer to one listed before it (a sector to its parent)."""
    found = {} if into is None else into
    for item in items:
        name = item["name"]
        found[name] = _upsert(model, name, aliases=item.get("aliases", ()), **fields(item))
    return found


def load_entities():
    countries = _upsert_all(
        Country,
        data.COUNTRIES,
        lambda c: {"iso_code": c["iso_code"], "wikidata_id": c["wikidata_id"]},
    )
    organizations = _upsert_all(
        Organization,
        data.ORGANIZATIONS,
        lambda o: {
            "kind": o["kind"],
            "country": countries.get(o["country"]),
            "short_description": o["short_description"],
        },
    )
    people = _upsert_all(
        Person,
        data.PEOPLE,
        lambda p: {
            "title": p["title"],
            "affiliation": organizations.get(p["affiliation"]),
            "country": countries.get(p["country"]),
            "short_description": p["short_description"],
            "wikidata_id": p.get("wikidata_id", ""),
        },
    )
    sectors = {}
    _upsert_all(
        Sector,
        data.SECTORS,
        lambda s: {"parent": sectors.get(s["parent"]), "hs_chapters": s["hs_chapters"]},
        into=sectors,
    )
    for e in data.EVENTS:
        event = _upsert(
            Event,
            e["name"],
            aliases=e.get("aliases", ()),
            kind=e["kind"],
            start_date=e["start_date"],
            end_date=e.get("end_date"),
            date_is_approximate=e.get("date_is_approximate", False),
            status=e["status"],
            location=e.get("location", ""),
            rate=e.get("rate", ""),
            legal_basis=e.get("legal_basis", ""),
            short_description=e["short_description"],
        )
        event.participants.set([people[name] for name in e.get("participants", ())])
        event.sectors.set([sectors[name] for name in e.get("sectors", ())])
        event.implementing_countries.set([countries[n] for n in e.get("implementing", ())])
        event.affected_countries.set([countries[n] for n in e.get("affected", ())])
        for status, date, note in e.get("history", ()):
            EventStatusChange.objects.update_or_create(
                event=event, status=status, date=date, defaults={"note": note}
            )


def surface_forms():
    """(form, entity type, canonical name) for every name and alias in the demo data."""
    groups = [
        ("country", data.COUNTRIES),
        ("organization", data.ORGANIZATIONS),
        ("person", data.PEOPLE),
        ("sector", data.SECTORS),
        ("event", data.EVENTS),
    ]
    forms = []
    for kind, items in groups:
        for item in items:
            for form in (item["name"], *item.get("aliases", ())):
                forms.append((form, kind, item["name"]))
                if kind == "sector":  # “Steel” opening a sentence
                    forms.append((form[:1].upper() + form[1:], kind, item["name"]))
    return forms


def find_mentions(body, forms):
    """The entities named in `body`, in order of first appearance, with the forms used.

    Overlapping names resolve to the longest one (“Harrow Point Steel” is the
    company, not the sector).
    """
    hits = []
    for form, kind, name in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", body):
            hits.append((match.start(), -len(form), form, kind, name))
    hits.sort()
    taken_until, found = -1, {}
    for start, negative_length, form, kind, name in hits:
        if start < taken_until:
            continue
        taken_until = start - negative_length
        mention = found.setdefault((kind, name), {"name": name, "type": kind, "aliases": []})
        if form.casefold() != name.casefold() and form not in mention["aliases"]:
            mention["aliases"].append(form)
    return list(found.values())


# Articles -----------------------------------------------------------------------------


def marked_body(paragraphs):
    """The body without the ⟦ ⟧ marks, and the (start, end) of each marked passage."""
    text = "\n\n".join(paragraphs)
    body, spans, start = [], [], None
    for char in text:
        if char == OPEN:
            if start is not None:
                raise DemoDataError(f"nested quote mark in: {text[:60]}")
            start = len(body)
        elif char == CLOSE:
            if start is None:
                raise DemoDataError(f"closing quote mark without an opening one in: {text[:60]}")
            spans.append((start, len(body)))
            start = None
        else:
            body.append(char)
    body = "".join(body)
    if start is not None or normalize_body(body) != body:
        raise DemoDataError(f"unbalanced marks or unnormalised text in: {body[:60]}")
    return body, spans


def story_line(story, *, now, forms, titles):
    """The story as a bundle line for the importer."""
    body, spans = marked_body(story["paragraphs"])
    if len(spans) != len(story["quotes"]):
        raise DemoDataError(
            f"{story['id']}: {len(spans)} marked passages but {len(story['quotes'])} quotes"
        )
    quotes = []
    for (start, end), spec in zip(spans, story["quotes"], strict=True):
        named = not spec["unnamed"]
        quotes.append(
            {
                "text": body[start:end],
                "start": start,
                "end": end,
                "speaker": spec["speaker"],
                "speaker_named": named,
                "speaker_title": spec["title"] or (titles[spec["speaker"]] if named else ""),
                "kind": spec["kind"],
                "sectors": spec["sectors"],
                "events": spec["events"],
            }
        )
    mentions = find_mentions(body, forms)
    present = {(m["type"], m["name"]) for m in mentions}
    for kind, name, aliases in story.get("extra_mentions", ()):
        if (kind, name) not in present:
            mentions.append({"name": name, "type": kind, "aliases": list(aliases)})
    about = set(story.get("about", ()))
    for mention in mentions:
        mention["role"] = "about" if mention["name"] in about else "mentions"
    published = story.get("published")
    if story.get("schedule_in_days"):
        day = timezone.localdate(now) + datetime.timedelta(days=story["schedule_in_days"])
        published = datetime.datetime.combine(
            day, datetime.time(9), tzinfo=timezone.get_current_timezone()
        ).isoformat()
    return {
        "id": story["id"],
        "headline": story["headline"],
        "dek": story["dek"],
        "byline": story["byline"],
        "outlet": story["outlet"],
        "dateline": story["dateline"],
        "published": published,
        "status": story.get("status", Article.Status.PUBLISHED),
        "tags": story["tags"],
        "body": body,
        "quotes": quotes,
        "mentions": mentions,
    }


def load_articles(*, now):
    forms = surface_forms()
    titles = {p["name"]: p["title"] for p in data.PEOPLE}
    for story in STORIES:
        article, _ = import_article(story_line(story, now=now, forms=forms, titles=titles))
        for quote, spec in zip(article.quotes.order_by("start"), story["quotes"], strict=True):
            if quote.is_key != spec["key"]:
                quote.is_key = spec["key"]
                quote.save(update_fields=["is_key"])
        for kind, text, when in story.get("corrections", ()):
            correction, created = Correction.objects.get_or_create(
                article=article,
                text=text,
                defaults={"kind": kind, "created_at": datetime.datetime.fromisoformat(when)},
            )
            if created:
                correction_added(correction)
    link_repeated_quotes()


def link_repeated_quotes():
    """The same words from the same speaker in several demo articles point to the first."""
    demo_quotes = (
        Quote.objects.filter(article__external_id__in=[s["id"] for s in STORIES])
        .select_related("article")
        .order_by("article__publish_at", "article__pk", "start")
    )
    first_seen = {}
    for quote in demo_quotes:
        key = (quote.speaker_id, quote.unnamed_speaker, quote.text)
        first = first_seen.setdefault(key, quote)
        target = None if first is quote else first
        if quote.first_appearance_id != (target.pk if target else None):
            quote.first_appearance = target
            quote.save(update_fields=["first_appearance"])


# Accounts ------------------------------------------------------------------------------


def load_accounts():
    """The demo editor and reporter, with the documented password (reset on every run)."""
    for username, group_name in DEMO_ACCOUNTS:
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            raise DemoDataError(
                f"The “{group_name}” group is missing; run `manage.py migrate` first."
            )
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(group)


@dataclass(frozen=True)
class DemoCounts:
    articles: int
    published: int
    scheduled: int
    drafts: int
    quotes: int
    public_quotes: int
    people: int
    organizations: int
    sectors: int
    events: int
    countries: int
    corrections: int


def counts(now=None):
    now = now or timezone.now()
    return DemoCounts(
        articles=Article.objects.alive().count(),
        published=Article.objects.published(now).count(),
        scheduled=Article.objects.scheduled(now).count(),
        drafts=Article.objects.alive().exclude(status=Article.Status.PUBLISHED).count(),
        quotes=Quote.objects.count(),
        public_quotes=Quote.objects.public(now).count(),
        people=Person.objects.count(),
        organizations=Organization.objects.count(),
        sectors=Sector.objects.count(),
        events=Event.objects.count(),
        countries=Country.objects.count(),
        corrections=Correction.objects.count(),
    )


def load_demo(*, now=None):
    """Load (or refresh) the whole demo in one transaction; return the database's counts."""
    now = now or timezone.now()
    with transaction.atomic():
        load_entities()
        load_articles(now=now)
        load_accounts()
    announce()
    return counts(now)
