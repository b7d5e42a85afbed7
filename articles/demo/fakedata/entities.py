"""Generated entities: countries, sectors with parents, organizations, people, and events
over ten years with their dated status history."""

import bisect
import datetime
import random
import uuid
from dataclasses import dataclass, fields

from django.db.models import F
from django.utils import timezone

from articles.demo.fakedata.recipe import (
    BATCH,
    COUNTRY_SHARE,
    EVENT_SHARE,
    MEASURE_STEPS,
    ORGANIZATION_SHARE,
    SECTOR_PARENTS,
    SECTOR_SHARE,
    TITLES,
    YEARS,
)
from entities.models import Country, Event, EventStatusChange, Organization, Person, Sector


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


class EntityGenerator:
    """Draws reproducible names and numbers from the seed, and writes the entities."""

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


def bulk_link(descriptor, pairs):
    """Insert (source id, target id) rows into a many-to-many field's table."""
    through = descriptor.through
    field = descriptor.field
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    rows = [through(**{source: a, target: b}) for a, b in dict.fromkeys(pairs)]
    through.objects.bulk_create(rows, batch_size=BATCH)
