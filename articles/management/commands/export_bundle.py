"""Export every live article as a bundle: python manage.py export_bundle FILE.jsonl"""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from articles.bundles import export_lines


class Command(BaseCommand):
    help = (
        "Export every article not in the trash as a bundle (one JSON object per line), "
        "oldest first. '-' writes to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the .jsonl file to write, or '-'.")

    def handle(self, *args, file, **options):
        skipped = []
        if file == "-":
            try:
                count = self._write(lambda line: self.stdout.write(line, ending=""), skipped)
            except BrokenPipeError:  # the reader (`| head`) stopped early: not an error
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return
        else:
            try:
                with open(file, "w", encoding="utf-8", newline="\n") as out:
                    count = self._write(out.write, skipped)
            except OSError as exc:
                raise CommandError(f"Cannot write {file}: {exc.strerror or exc}") from None
        for quote in skipped:
            self.stderr.write(
                f"Article “{quote.article.headline}”: quote {quote.pk} left out, its words "
                "are no longer in the body (it needs an editor's review)."
            )
        if file != "-":
            self.stdout.write(self.style.SUCCESS(f"{count} article(s) written to {file}"))

    def _write(self, write, skipped):
        count = 0
        for line in export_lines(skipped=skipped):
            write(line)
            count += 1
        return count
