"""Send the email alert digests that are due: run it from cron (every hour, say)."""

from django.core.management.base import BaseCommand, CommandError

from articles.alerts.digests import send_digests


class Command(BaseCommand):
    help = (
        "Emails each confirmed subscriber one digest of the public quotes and articles about "
        "what they follow that appeared since their last one. Safe to run at any time and "
        "as often as you like: nothing is sent twice."
    )

    def handle(self, *args, **options):
        sent, quiet, failed = send_digests()
        self.stdout.write(f"Digests sent: {sent}. Subscriptions with nothing new: {quiet}.")
        if failed:
            raise CommandError(f"{failed} digests could not be sent; they are kept for next run.")
