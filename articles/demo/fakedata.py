"""A generated newsroom archive for benchmarks and scale tests: clearly fake, reproducible.

`generate(articles=10_000, entities=5_000, seed=1, until=date)` writes about ten quotes
and six mentions per article, countries, organizations, people, sectors with parents,
events over ten years (trade measures with their dated status history), tags,
corrections, a few drafts, articles in review and scheduled articles. Every quote is
anchored in its article's body (`body[start:end] == text`). The same seed and the same
`until` date give the same data.

Everything goes in with `bulk_create`, including many-to-many and tag rows, so no
revision history is written for generated rows. Names say what they are: “Sample
Person 0042”, the outlet “Fake Wire”, and every article is tagged “generated”.
"""

import bisect
import datetime
import random
import uuid
from dataclasses import dataclass, fields

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.anchoring import Anchor
from articles.models import Article, Correction, Mention, Quote, publish_day
from entities.models import Country, Event, EventStatusChange, Organization, Person, Sector

OUTLET = "Fake Wire"
GENERATED_TAG = "generated"
YEARS = 10
BATCH = 2_000

# Shares of the entities, in this order; people take what is left.
COUNTRY_SHARE, SECTOR_SHARE, ORGANIZATION_SHARE, EVENT_SHARE = 0.01, 0.03, 0.16, 0.20
SECTOR_PARENTS = 12
MIN_ENTITIES = 100

# One article in DRAFT_EVERY is a draft, and so on.
DRAFT_EVERY, REVIEW_EVERY, SCHEDULED_EVERY = 100, 200, 200
CORRECTION_EVERY = 20  # one article in 20 carries a correction
KEY_QUOTE_EVERY = 3  # the first quote of one article in 3 is a key quote
UNNAMED_SHARE = 0.05

TOPICS = [
    "tariffs", "steel", "aluminum", "autos", "lumber", "copper", "dairy", "energy",
    "retaliation", "negotiations", "supply chains", "border", "exports", "imports",
    "quotas", "subsidies", "investment", "jobs", "manufacturing", "agriculture",
]  # fmt: skip
TITLES = [
    "Trade Minister", "Finance Minister", "Prime Minister", "Ambassador", "Senator",
    "Chief Executive", "Union President", "Spokesperson", "Economist", "Analyst",
    "Commerce Secretary", "Trade Representative", "Mayor", "Premier", "Chief Negotiator",
]  # fmt: skip
OPENERS = [
    "We will not accept", "Nobody wants", "We are ready to discuss", "This is about",
    "Our members are worried about", "The market has already priced in",
    "We have made clear our position on", "There is room for a deal on",
    "It would be a mistake to escalate", "Families will pay for",
]  # fmt: skip
OBJECTS = [
    "tariffs on {topic}", "the new duties on {topic}", "a fair outcome for {topic}",
    "the rules of origin for {topic}", "retaliation over {topic}",
    "the review of the agreement on {topic}", "quotas for {topic}",
]  # fmt: skip
CLOSERS = [
    "and we will say so at the table", "before the deadline", "in the coming weeks",
    "whatever the other side decides", "for workers on both sides of the border",
    "and that has not changed", "",
]  # fmt: skip
FILLER = [
    "Officials met again on {day} as talks over {topic} continued.",
    "Trade in {topic} between the two countries has grown for a decade.",
    "The measure covers {topic} worth billions of dollars a year.",
    "Analysts expect the dispute over {topic} to last into next year.",
    "Neither side gave a date for the next round of talks.",
    "Exporters of {topic} have warned of job losses.",
]  # fmt: skip
MEASURE_STEPS = [
    EventStatusChange.Status.THREATENED,
    EventStatusChange.Status.ANNOUNCED,
    EventStatusChange.Status.IN_FORCE,
    EventStatusChange.Status.SUSPENDED,
    EventStatusChange.Status.ENDED,
]


@dataclass
class Generated:
    """How many rows of each kind were written."""

    countries: int = 0
    organizations: int = 0
    people: int = 0
    sectors: int = 0
    events: int = 0
    status_changes: int = 0
    articles: int = 0
    quotes: int = 0
    mentions: int = 0
    corrections: int = 0
    tags: int = 0
    tagged_items: int = 0

    def summary(self):
        return ", ".join(
            f"{getattr(self, f.name)} {f.name.replace('_', ' ')}" for f in fields(self)
        )


class Generator:
    def __init__(self, *, seed, until, first_number=1):
        # An appended batch draws other ids than the first one, even with the same seed.
        self.rng = random.Random(f"{seed}:{first_number}")
        self.until = until
        self.first = first_number
        self.tz = timezone.get_current_timezone()
        self.counts = Generated()

    # Helpers.

    def uid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def numbered(self, noun, n, width=4):
        number = f"{self.first + n:0{width}d}"
        return f"Sample {noun} {number}", f"sample-{noun.lower()}-{number}"

    def skewed(self, items):
        """One of `items`, the first ones far more often (a few people are quoted a lot)."""
        return items[int(len(items) * self.rng.random() ** 2)]

    def day(self, days_back):
        return self.until - datetime.timedelta(days=days_back)

    # Entities.

    def entities(self, total):
        rng = self.rng
        n_countries = max(2, int(total * COUNTRY_SHARE))
        n_sectors = max(SECTOR_PARENTS + 1, int(total * SECTOR_SHARE))
        n_organizations = max(1, int(total * ORGANIZATION_SHARE))
        n_events = max(1, int(total * EVENT_SHARE))
        n_people = total - n_countries - n_sectors - n_organizations - n_events

        countries = Country.objects.bulk_create(
            Country(name=name, slug=slug, uid=self.uid(), short_description="A generated country.")
            for name, slug in (self.numbered("Country", i, 3) for i in range(n_countries))
        )
        parents = Sector.objects.bulk_create(
            Sector(name=name, slug=slug, uid=self.uid(), short_description="A generated sector.")
            for name, slug in (self.numbered("Sector", i, 3) for i in range(SECTOR_PARENTS))
        )
        children = Sector.objects.bulk_create(
            Sector(
                name=name,
                slug=slug,
                uid=self.uid(),
                parent=parents[i % SECTOR_PARENTS],
                short_description="A generated sub-sector.",
            )
            for i, (name, slug) in enumerate(
                self.numbered("Sector", i, 3) for i in range(SECTOR_PARENTS, n_sectors)
            )
        )
        kinds = list(Organization.Kind)
        organizations = Organization.objects.bulk_create(
            (
                Organization(
                    name=name,
                    slug=slug,
                    uid=self.uid(),
                    kind=kinds[i % len(kinds)],
                    country=self.skewed(countries),
                    short_description="A generated organization.",
                )
                for i, (name, slug) in enumerate(
                    self.numbered("Organization", i) for i in range(n_organizations)
                )
            ),
            batch_size=BATCH,
        )
        people = Person.objects.bulk_create(
            (
                Person(
                    name=name,
                    slug=slug,
                    uid=self.uid(),
                    aliases=name.removeprefix("Sample "),
                    title=rng.choice(TITLES),
                    affiliation=rng.choice(organizations),
                    country=self.skewed(countries),
                    short_description="A generated person.",
                )
                for name, slug in (self.numbered("Person", i) for i in range(n_people))
            ),
            batch_size=BATCH,
        )
        self.countries, self.organizations, self.people = countries, organizations, people
        self.sectors = children + parents  # quotes name sub-sectors far more often
        self.counts.countries, self.counts.organizations = len(countries), len(organizations)
        self.counts.people, self.counts.sectors = len(people), len(parents) + len(children)
        self.events_over_ten_years(n_events)

    def events_over_ten_years(self, n_events):
        rng = self.rng
        kinds = list(Event.Kind)
        span = YEARS * 365
        events = []
        for i in range(n_events):
            name, slug = self.numbered("Event", i)
            kind = kinds[i % len(kinds)]
            start = self.day(rng.randrange(-120, span))  # a few are still to come
            end = start + datetime.timedelta(days=rng.randrange(1, 4)) if i % 5 == 0 else None
            measure = kind in Event.MEASURE_KINDS
            events.append(
                Event(
                    name=name,
                    slug=slug,
                    uid=self.uid(),
                    kind=kind,
                    start_date=start,
                    end_date=end,
                    date_is_approximate=i % 17 == 0,
                    status=Event.Status.SCHEDULED if start > self.until else Event.Status.CONCLUDED,
                    location=f"Sample City {rng.randrange(1, 40):02d}",
                    rate=f"{rng.choice((10, 15, 25, 35, 50))}%" if measure else "",
                    legal_basis="Sample Act, section 232" if measure else "",
                    short_description="A generated event.",
                )
            )
        events = Event.objects.bulk_create(events, batch_size=BATCH)
        self.use_events(events)
        self.counts.events = len(events)

        changes, links = [], {name: [] for name in self.EVENT_LINKS}
        for event in events:
            if event.is_trade_measure:
                day = event.start_date
                for status in MEASURE_STEPS[: rng.randrange(1, len(MEASURE_STEPS) + 1)]:
                    changes.append(EventStatusChange(event=event, status=status, date=day))
                    day += datetime.timedelta(days=rng.randrange(7, 120))
            for person in rng.sample(self.people, rng.randrange(1, 4)):
                links["participants"].append((event.pk, person.pk))
            links["organizations"].append((event.pk, rng.choice(self.organizations).pk))
            for sector in rng.sample(self.sectors, rng.randrange(1, 3)):
                links["sectors"].append((event.pk, sector.pk))
            implementing, affected = rng.sample(self.countries, 2)
            links["implementing_countries"].append((event.pk, implementing.pk))
            links["affected_countries"].append((event.pk, affected.pk))
        EventStatusChange.objects.bulk_create(changes, batch_size=BATCH)
        self.counts.status_changes = len(changes)
        for name, pairs in links.items():
            bulk_link(getattr(Event, name), pairs)

    def use_events(self, events):
        self.events = sorted(events, key=lambda e: (e.start_date, e.pk))
        self.event_days = [e.start_date for e in self.events]

    def existing_entities(self):
        """Write articles about the entities already in the database instead of new ones."""
        self.countries = list(Country.objects.order_by("pk"))
        self.organizations = list(Organization.objects.order_by("pk"))
        self.people = list(Person.objects.order_by("pk"))
        self.sectors = list(Sector.objects.order_by(F("parent").asc(nulls_last=True), "pk"))
        self.use_events(Event.objects.order_by("pk"))
        pools = (self.countries, self.organizations, self.people, self.sectors, self.events)
        if len(self.countries) < 2 or not all(pools):
            raise ValueError("There are not enough entities to write about; generate some.")

    EVENT_LINKS = Event.LINKS

    def events_near(self, day, window=90):
        """Events within `window` days of `day` (what a story that day would be about)."""
        lo = bisect.bisect_left(self.event_days, day - datetime.timedelta(days=window))
        hi = bisect.bisect_right(self.event_days, day + datetime.timedelta(days=window))
        return self.events[lo:hi]

    # Articles.

    def tags(self):
        names = [GENERATED_TAG, *(f"sample {topic}" for topic in TOPICS)]
        existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
        missing = [Tag(name=n, slug=n.replace(" ", "-")) for n in names if n not in existing]
        created = Tag.objects.bulk_create(missing)
        self.counts.tags = len(created)
        by_name = {**existing, **{t.name: t for t in created}}
        self.generated_tag = by_name[GENERATED_TAG]
        self.topic_tags = [by_name[f"sample {topic}"] for topic in TOPICS]

    def article(self, n, when, status):
        """An unsaved article and its quotes (with their links), anchored in its body."""
        rng = self.rng
        topic = rng.choice(TOPICS)
        quoted = []
        paragraphs, pos = [], 0

        def add(text):
            nonlocal pos
            paragraphs.append(text)
            pos += len(text) + 2

        local_day = timezone.localtime(when, self.tz).date()
        add(rng.choice(FILLER).format(topic=topic, day=local_day.strftime("%A")))
        for i in range(rng.randrange(7, 14)):
            speaker = None if rng.random() < UNNAMED_SHARE else self.skewed(self.people)
            words = " ".join(
                part
                for part in (
                    rng.choice(OPENERS),
                    rng.choice(OBJECTS).format(topic=rng.choice(TOPICS)),
                    rng.choice(CLOSERS),
                )
                if part
            )
            who = f"{speaker.name}, {speaker.title}," if speaker else "sample officials"
            lead = "“"
            quoted.append((pos + len(lead), words, speaker, i))
            add(f"{lead}{words},” said {who} in a statement.")
            if rng.random() < 0.3:
                add(rng.choice(FILLER).format(topic=topic, day=local_day.strftime("%A")))
        body = "\n\n".join(paragraphs)
        number = f"{self.first + n:05d}"
        article = Article(
            uid=self.uid(),
            external_id=f"generated-{number}",
            headline=f"Sample story {number}: talks on {topic}",
            slug=f"sample-story-{number}",
            dek=f"A generated article about {topic}, for benchmarks and tests.",
            byline=f"Sample Reporter {rng.randrange(1, 60):02d}",
            outlet=OUTLET,
            dateline=f"SAMPLE CITY {rng.randrange(1, 40):02d}",
            body=body,
            status=status,
            publish_at=when,
            updated_at=when or self.now,
        )
        near = self.events_near(local_day) or self.events
        quotes = []
        for start, words, speaker, position in quoted:
            end = start + len(words)
            anchor = Anchor.at(body, start, end)
            quote = Quote(
                uid=self.uid(),
                text=words,
                start=start,
                end=end,
                prefix=anchor.prefix,
                suffix=anchor.suffix,
                kind=rng.choice((Quote.Kind.DIRECT, Quote.Kind.DIRECT, Quote.Kind.PARTIAL)),
                speaker=speaker,
                unnamed_speaker="" if speaker else "Sample officials",
                speaker_title=speaker.title if speaker else "",
                said_on=local_day - datetime.timedelta(days=1) if rng.random() < 0.1 else None,
                is_key=position == 0 and n % KEY_QUOTE_EVERY == 0,
                position=position,
            )
            quote.day = quote.said_on or publish_day(when)
            quote.sector_links = rng.sample(self.sectors, rng.randrange(1, 3))
            quote.event_links = [rng.choice(near)] if rng.random() < 0.6 else []
            quotes.append(quote)
        return article, quotes

    def mentions_of(self, article, quotes):
        """About six mentions: the first quoted people, a sector, an organization, a country."""
        rng = self.rng
        people = list({q.speaker_id: q.speaker for q in quotes if q.speaker_id}.values())[:3]
        entities = [
            *(("person", p) for p in people),
            ("sector", quotes[0].sector_links[0]),
            ("organization", rng.choice(self.organizations)),
            ("country", self.skewed(self.countries)),
        ]
        if quotes[0].event_links:
            entities.append(("event", quotes[0].event_links[0]))
        return [
            Mention(
                article=article,
                role=Mention.Role.ABOUT if i == 0 else Mention.Role.MENTIONS,
                position=i,
                aliases=[entity.name],
                **{kind: entity},
            )
            for i, (kind, entity) in enumerate(entities)
        ]

    def publish_times(self, count):
        """(publish time, status) per article, oldest first, spread over ten years."""
        rng = self.rng
        span = YEARS * 365 * 24 * 3600
        end = datetime.datetime.combine(self.until, datetime.time(18), tzinfo=self.tz)
        moments = sorted(
            end - datetime.timedelta(seconds=rng.randrange(span)) for _ in range(count)
        )
        out = []
        for n, moment in enumerate(moments):
            if n % DRAFT_EVERY == DRAFT_EVERY // 3:
                out.append((None, Article.Status.DRAFT))
            elif n % REVIEW_EVERY == REVIEW_EVERY // 3:
                out.append((None, Article.Status.REVIEW))
            elif n % SCHEDULED_EVERY == SCHEDULED_EVERY // 2:
                ahead = datetime.timedelta(days=rng.randrange(1, 30), hours=rng.randrange(24))
                out.append((end + ahead, Article.Status.PUBLISHED))
            else:
                out.append((moment.replace(microsecond=0), Article.Status.PUBLISHED))
        return out

    def articles(self, count):
        self.now = timezone.now()
        self.tags()
        schedule = self.publish_times(count)
        for offset in range(0, count, BATCH):
            self.article_batch(offset, schedule[offset : offset + BATCH])

    def article_batch(self, offset, schedule):
        rng = self.rng
        built = [self.article(offset + i, *when) for i, when in enumerate(schedule)]
        articles = Article.objects.bulk_create([a for a, _ in built], batch_size=BATCH)
        quotes = []
        for article, (_, article_quotes) in zip(articles, built, strict=True):
            for quote in article_quotes:
                quote.article = article
                quotes.append(quote)
        Quote.objects.bulk_create(quotes, batch_size=BATCH)
        bulk_link(Quote.sectors, [(q.pk, s.pk) for q in quotes for s in q.sector_links])
        bulk_link(Quote.events, [(q.pk, e.pk) for q in quotes for e in q.event_links])
        mentions = [
            m for article, (_, qs) in zip(articles, built, strict=True)
            for m in self.mentions_of(article, qs)
        ]  # fmt: skip
        Mention.objects.bulk_create(mentions, batch_size=BATCH)

        corrections, tagged = [], []
        article_type = ContentType.objects.get_for_model(Article)
        quote_type = ContentType.objects.get_for_model(Quote)
        for n, article in enumerate(articles):
            topics = rng.sample(self.topic_tags, rng.randrange(1, 4))
            for tag in (self.generated_tag, *topics):
                tagged.append(TaggedItem(tag=tag, content_type=article_type, object_id=article.pk))
            if article.publish_at and n % CORRECTION_EVERY == 1:
                corrections.append(
                    Correction(
                        article=article,
                        kind=rng.choice(list(Correction.Kind)),
                        text="A generated correction: an earlier version misstated a rate.",
                        created_at=article.publish_at + datetime.timedelta(hours=3),
                    )
                )
        for quote in quotes:
            if rng.random() < 0.1:
                tag = rng.choice(self.topic_tags)
                tagged.append(TaggedItem(tag=tag, content_type=quote_type, object_id=quote.pk))
        Correction.objects.bulk_create(corrections, batch_size=BATCH)
        TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)
        self.counts.articles += len(articles)
        self.counts.quotes += len(quotes)
        self.counts.mentions += len(mentions)
        self.counts.corrections += len(corrections)
        self.counts.tagged_items += len(tagged)


def bulk_link(descriptor, pairs):
    """Insert (source id, target id) rows into a many-to-many field's table."""
    through = descriptor.through
    field = descriptor.field
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    rows = [through(**{source: a, target: b}) for a, b in dict.fromkeys(pairs)]
    through.objects.bulk_create(rows, batch_size=BATCH)


def highest_number(values, prefix):
    """The highest number of the generated rows named `prefix` + number (0 when none)."""
    numbers = (v.removeprefix(prefix).replace("-", "") for v in values if v.startswith(prefix))
    return max((int(n) for n in numbers if n.isdigit()), default=0)


def first_free_number():
    """A number above every generated entity and article already in the database."""
    used = [
        highest_number(model.objects.values_list("slug", flat=True), f"sample-{noun}-")
        for model, noun in (
            (Person, "person"),
            (Organization, "organization"),
            (Event, "event"),
            (Sector, "sector"),
            (Country, "country"),
        )
    ]
    ids = Article.objects.values_list("external_id", flat=True)
    return max(*used, highest_number(ids, "generated-")) + 1


def generate(*, articles, entities=5_000, seed=1, until=None):
    """Write a generated archive; returns the counts. Runs in one transaction.

    `entities=0` writes the articles about the entities already in the database.
    """
    if 0 < entities < MIN_ENTITIES:
        raise ValueError(f"Generate at least {MIN_ENTITIES} entities, or 0 to reuse them.")
    until = until or timezone.localdate()
    generator = Generator(seed=seed, until=until, first_number=first_free_number())
    with transaction.atomic():
        if entities:
            generator.entities(entities)
        else:
            generator.existing_entities()
        generator.articles(articles)
    return generator.counts
