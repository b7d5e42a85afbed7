"""The load benchmark: python manage.py bench (or `make bench`), writing docs/benchmarks.md.

Serves this database with gunicorn (DEBUG off, the cache in Redis) on loopback and
measures requests/s and latency with wrk for each kind of public page, cold (the
page cache off: every request renders the page from PostgreSQL) and warm (pages
cached in Redis), a conditional GET answered with a 304, and a static file served
by whitenoise from the same server, the reference for every ratio.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.demo.bench.editor import edit_quotes
from articles.demo.bench.runner import Benchmark


class Command(BaseCommand):
    help = (
        "Load benchmark on PostgreSQL: generates the archive if the database is empty, serves "
        "it with gunicorn (DEBUG off, Redis cache) and measures every kind of public page cold "
        "and warm, a 304 and a static file with wrk; writes the results as Markdown."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--duration", type=int, default=10, help="Seconds per row.")
        parser.add_argument(
            "--repeats", type=int, default=3, help="Runs of each warm row and the static file."
        )
        parser.add_argument("--long-duration", type=int, default=30, help="The 32-connection runs.")
        parser.add_argument("--connections", type=int, default=8, help="For the req/s rows.")
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
        parser.add_argument("--threads", type=int, default=4, help="Threads per worker.")
        parser.add_argument(
            "--redis-url",
            default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14",
            help="A Redis database for the benchmark alone: it is flushed.",
        )
        parser.add_argument("--output", default="docs/benchmarks.md")
        parser.add_argument(
            "--write-rate-only",
            action="store_true",
            help="Measure only reading while an editor writes, and update that section.",
        )
        parser.add_argument(
            "--profile-only",
            action="store_true",
            help="Profile only where each page's cold render time goes, and update that section.",
        )
        parser.add_argument("--write-duration", type=int, default=60)
        parser.add_argument("--write-interval", type=float, default=5.0)
        parser.add_argument(
            "--editor",
            choices=["targeted", "site"],
            help="Run as the editor of the write-rate runs (started by the benchmark).",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL.")
        if options["editor"]:
            saved = edit_quotes(
                options["editor"],
                interval=options["write_interval"],
                duration=options["write_duration"],
                ready=self.editor_ready,
            )
            self.stdout.write(f"{saved}")
            return
        Benchmark(options, stdout=self.stdout, stderr=self.stderr, style=self.style).run()

    def editor_ready(self):
        """Tell the benchmark, reading this editor's output, that the writes begin."""
        self.stdout.write("ready")
        self.stdout.flush()
