"""What an article's page shows, read in five queries: the article, its quotes with their
speakers, one UNION of what they are linked to (the quotes' sectors and events, the
article's tags and mentions), its corrections, and the related articles."""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery

from articles.models import TOPICS, Article, Mention
from articles.public.feeds.links import feed_links, site_feed
from entities import linking
from entities.models import Country, Event, Organization, Person, Sector

UPDATE_SHOWN_AFTER = datetime.timedelta(minutes=1)
MENTION_GROUPS = (
    ("person", "People"),
    ("organization", "Organizations"),
    ("sector", "Sectors"),
    ("event", "Events"),
    ("country", "Countries"),
)
MENTIONED = {
    "person": Person,
    "organization": Organization,
    "sector": Sector,
    "event": Event,
    "country": Country,
}
# Besides id, name, slug and Wikidata id, what the page's structured data says of some
# kinds: an event's dates and place, a person's title (in the place's column), as
# (loaded field names, their UNION columns).
MENTION_EXTRAS = {
    "event": (("start_date", "end_date", "location"), ("start_date", "end_date", "location")),
    "person": ((None, None, "title"), (None, None, "title")),
}


def mention_part(article, kind):
    """The entities of `kind` the article mentions, as a part of the UNION."""
    fields, columns = MENTION_EXTRAS.get(kind, ((), ()))
    entity = [kind, *(f"{kind}__{field}" for field in linking.ENTITY_FIELDS[1:])]
    extra = [None if column is None else f"{kind}__{column}" for column in columns]
    rows = Mention.objects.filter(article=article.pk, **{f"{kind}__isnull": False}).order_by()
    return linking.Part(
        MENTIONED[kind],
        (*linking.ENTITY_FIELDS, *fields),
        rows.values_list(*linking.row_of(f"mentioned_{kind}", "article_id", entity, extra)),
    )


def link_article(article, quotes):
    """Give the quotes their sectors and events, and the article its tags and what it
    mentions (`article.mentioned_<kind>`), from one query."""
    parts = {f"mentioned_{kind}": mention_part(article, kind) for kind in MENTIONED}
    parts["tags"] = linking.tags_part(Article, [article.pk], "article.tags", as_tagged=True)
    linking.link_together((quotes, TOPICS, None), ([article], (), parts))


def mentioned_entities(article, quotes):
    """[(kind, label, [entities])]: what the article mentions, and who and what it quotes."""
    links = article._prefetched_objects_cache
    found = {kind: {e.pk: e for e in links[f"mentioned_{kind}"]} for kind in MENTIONED}
    for quote in quotes:
        if quote.speaker_id:
            found["person"].setdefault(quote.speaker_id, quote.speaker)
        for sector in quote.sectors.all():
            found["sector"].setdefault(sector.pk, sector)
        for event in quote.events.all():
            found["event"].setdefault(event.pk, event)
    return [
        (kind, label, sorted(found[kind].values(), key=lambda e: e.name.casefold()))
        for kind, label in MENTION_GROUPS
        if found[kind]
    ]


def related_articles(article, mentioned, *, limit=5):
    """Published articles naming the same people, organizations, sectors or events.

    Ranked by how many of those entities they name (most first, then newest). The
    ranking runs on the mentions table alone and keeps only the top few, so it costs
    the same whatever the size of the archive. Countries are left out: nearly every
    story in the dispute names the same two.
    """
    ids = {kind: [e.pk for e in entities] for kind, _, entities in mentioned}
    people, sectors, events = ids.get("person", []), ids.get("sector", []), ids.get("event", [])
    organizations = ids.get("organization", [])
    if not (people or sectors or events or organizations):
        return Article.objects.none()
    shared = (
        Mention.objects.filter(
            Q(person__in=people)
            | Q(organization__in=organizations)
            | Q(sector__in=sectors)
            | Q(event__in=events)
        )
        .filter(article__in=Article.objects.published())
        .exclude(article=article.pk)
    )
    top = shared.values("article").annotate(n=Count("pk")).order_by("-n", "-article")[:limit]
    count = shared.filter(article=OuterRef("pk")).values("article").annotate(n=Count("pk"))
    return (
        Article.objects.filter(pk__in=top.values("article"))
        .annotate(shared=Subquery(count.values("n")))
        .order_by("-shared", "-publish_at", "-pk")
    )


def shown_update(article):
    """The update time worth showing: one later than publication (by more than a minute)."""
    if article.publish_at and article.updated_at - article.publish_at > UPDATE_SHOWN_AFTER:
        return article.updated_at
    return None


def article_context(article):
    """What the article page shows: the article page and its preview links both use it."""
    quotes = list(article.quotes.select_related("speaker"))
    link_article(article, quotes)
    mentioned = mentioned_entities(article, quotes)
    return {
        "article": article,
        "preview": not article.is_public,
        "updated_at": shown_update(article),
        "quotes": quotes,
        "mentioned": mentioned,
        "corrections": list(article.corrections.all()),
        "tags": list(article.tags.all()),
        "related": list(related_articles(article, mentioned)),
        "feeds": feed_links(site_feed()),
        "section": "articles",
    }
