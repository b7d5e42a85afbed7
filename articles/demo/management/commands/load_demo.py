"""Load the demo data and accounts: python manage.py load_demo"""

from dataclasses import asdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.bundles import BundleError
from articles.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoDataError, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo site: sample articles, quotes, people, sectors and events, plus the "
        f"demo accounts {' and '.join(name for name, _ in DEMO_ACCOUNTS)} (password "
        f"“{DEMO_PASSWORD}”). Safe to run again: nothing is duplicated. For demo databases "
        "only; it refuses to run with DEBUG off unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (the demo accounts have a published password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a production database; the demo accounts "
                "have a published password. Use --force if this really is a demo site."
            )
        try:
            loaded = load_demo()
        except (DemoDataError, BundleError) as exc:
            raise CommandError(f"The demo data could not be loaded: {exc}") from None
        summary = ", ".join(
            f"{count} {name.replace('_', ' ')}" for name, count in asdict(loaded).items()
        )
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}."))
        accounts = ", ".join(name for name, _ in DEMO_ACCOUNTS)
        self.stdout.write(f"Demo accounts: {accounts} (password “{DEMO_PASSWORD}”).")
