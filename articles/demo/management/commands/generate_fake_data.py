"""Generate a clearly fake newsroom archive: python manage.py generate_fake_data --articles N"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.demo.fakedata import MIN_ENTITIES, generate
from articles.models import Article
from articles.public.content_version import bump_content_version


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"“{value}” is not a date like 2025-10-21.") from exc


class Command(BaseCommand):
    help = (
        "Generate a newsroom archive of sample data for benchmarks and scale tests: about ten "
        "quotes and six mentions per article, people, organizations, sectors, events over ten "
        "years, tags and corrections. Everything is named “Sample …” and tagged “generated”. "
        "The same --seed and --until give the same data. Refuses to run on a database that "
        "already has articles unless --append is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles.")
        parser.add_argument(
            "--entities",
            type=int,
            default=5_000,
            help=(
                "How many people, organizations, sectors, events and countries (default 5000); "
                "0 with --append writes about the entities already there."
            ),
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--until",
            type=iso_date,
            default=None,
            help="The last day of the archive, YYYY-MM-DD (default today).",
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to a database that already has articles.",
        )

    def handle(self, *args, articles, entities, seed, until, append, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if entities < 0 or 0 < entities < MIN_ENTITIES or (entities == 0 and not append):
            raise CommandError(
                f"--entities must be at least {MIN_ENTITIES} (or 0 with --append to reuse "
                "the entities already in the database)."
            )
        if not append and Article.objects.exists():
            raise CommandError(
                "This database already has articles. Generated data belongs in an empty "
                "database; use --append to add it anyway."
            )
        started = time.perf_counter()
        try:
            counts = generate(articles=articles, entities=entities, seed=seed, until=until)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        bump_content_version()  # cached pages must not outlive the new archive
        if connection.vendor == "postgresql":
            # Fresh planner statistics: without them, the first pages after a bulk load
            # are planned for empty tables (until autovacuum comes round).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Generated in {elapsed:.1f} s: {counts.summary()}."))
