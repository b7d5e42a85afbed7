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

from django.db import transaction
from django.utils import timezone

from articles.demo.fakedata.articles import Generator
from articles.demo.fakedata.entities import EntityGenerator, Generated, bulk_link
from articles.demo.fakedata.recipe import GENERATED_TAG, MIN_ENTITIES, OUTLET
from articles.models import Article
from entities.models import Country, Event, Organization, Person, Sector

__all__ = [
    "EntityGenerator",
    "GENERATED_TAG",
    "Generated",
    "Generator",
    "MIN_ENTITIES",
    "OUTLET",
    "bulk_link",
    "first_free_number",
    "generate",
    "highest_number",
]


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
