"""Back up the database and export every article: python manage.py backup --output-dir DIR

Writes two files with the same UTC timestamp:

- `tradewatch-<time>.dump`: a `pg_dump --format=custom` archive when the database is
  PostgreSQL (restore with `pg_restore`), or `tradewatch-<time>.sqlite3`, a consistent
  copy made with SQLite's online backup, when it is SQLite (restore by copying it back);
- `tradewatch-<time>.jsonl`: the bundle export, the portable archive of the coverage
  (restore with `import_bundle` into an empty database of either kind).

`docs/operations.md` gives the restore steps.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from articles.bundles import export_lines


def database_backup(path):
    """Write a full copy of the database to `path` (a PostgreSQL archive or an SQLite file)."""
    if connection.vendor == "postgresql":
        args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
        command = ["pg_dump", "--format=custom", f"--file={path}", *args[1:]]
        try:
            subprocess.run(
                command,
                env={**os.environ, **(env or {})},
                check=True,
                capture_output=True,
                text=True,
            )
        except FileNotFoundError:
            raise CommandError(
                "pg_dump is not installed (apt-get install postgresql-client)."
            ) from None
        except subprocess.CalledProcessError as exc:
            raise CommandError(f"pg_dump failed: {exc.stderr.strip()}") from None
    elif connection.vendor == "sqlite":
        if connection.in_atomic_block:
            # SQLite's online backup waits for the connection's own open transaction.
            raise CommandError("The SQLite backup must run outside a transaction.")
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise CommandError(f"No backup method for a {connection.vendor} database.")


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump archive or SQLite copy) and export every article as a "
        "bundle, into --output-dir (default: backups/)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default="backups", help="Directory for the backup files."
        )

    def handle(self, *args, output_dir, **options):
        directory = Path(output_dir)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Cannot create {directory}: {exc.strerror or exc}") from None
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        suffix = ".dump" if connection.vendor == "postgresql" else ".sqlite3"
        database_file = directory / f"tradewatch-{stamp}{suffix}"
        bundle_file = directory / f"tradewatch-{stamp}.jsonl"
        if database_file.exists() or bundle_file.exists():
            raise CommandError(f"A backup named tradewatch-{stamp} already exists in {directory}.")

        database_backup(database_file)
        skipped = []
        count = 0
        with open(bundle_file, "w", encoding="utf-8", newline="\n") as out:
            for line in export_lines(skipped=skipped):
                out.write(line)
                count += 1
        for quote in skipped:
            self.stderr.write(
                f"Article “{quote.article.headline}”: quote {quote.pk} is not in the bundle, "
                "its words are no longer in the body (the database backup keeps it)."
            )
        self.stdout.write(self.style.SUCCESS(f"Database: {database_file}"))
        self.stdout.write(self.style.SUCCESS(f"Bundle:   {bundle_file} ({count} article(s))"))
