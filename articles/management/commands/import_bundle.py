"""Import a bundle of articles (JSON lines): python manage.py import_bundle FILE.jsonl"""

import sys

from django.core.management.base import BaseCommand, CommandError

from articles.bundles import import_lines


class Command(BaseCommand):
    help = (
        "Import articles from a bundle (one JSON object per line; '-' reads standard input). "
        "Articles already imported are updated by their bundle id. Lines with problems are "
        "refused and reported; the others are imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the .jsonl bundle, or '-' for standard input.")

    def handle(self, *args, file, **options):
        try:
            if file == "-":
                report = import_lines(sys.stdin.buffer)
            else:
                with open(file, "rb") as lines:
                    report = import_lines(lines)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}") from None

        for number, article_id, message in report.refused:
            label = f"“{article_id}”" if article_id else "(no id)"
            self.stderr.write(f"Line {number}, article {label}: refused: {message}")
        summary = report.summary()
        if report.ok:
            self.stdout.write(self.style.SUCCESS(summary))
            return
        self.stdout.write(summary)
        raise CommandError(
            f"{len(report.refused)} line(s) refused; see the messages above.", returncode=1
        )
