"""Time the suggestions panel: the article's admin change page and `suggestions_for` alone.

Everything the command creates (the article, a superuser, and the demo entities when the
database has none) lives inside one transaction that is rolled back at the end.
"""

import statistics
import time

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from articles.demo.bench.figures import percentile
from articles.demo.loader import load_demo, marked_body
from articles.demo.stories import STORIES
from articles.models import Article
from articles.suggestions import suggestions_for
from entities.models import Person


class _Rollback(Exception):
    """Raised to leave the benchmark's transaction without committing."""


def sample_body(words):
    """About `words` words of the demo stories' paragraphs, repeated as needed."""
    paragraphs = []
    count = 0
    while count < words:
        for story in STORIES:
            body, _ = marked_body(story["paragraphs"])
            for paragraph in body.split("\n\n"):
                paragraphs.append(paragraph)
                count += len(paragraph.split())
                if count >= words:
                    return "\n\n".join(paragraphs)
    return "\n\n".join(paragraphs)


class Command(BaseCommand):
    help = (
        "Time the article admin page with its suggestions panel on a ~2,000-word article "
        "(median and p95 over --runs requests), and suggestions_for alone. Nothing is kept: "
        "the data it creates is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--words", type=int, default=2000, help="article length")
        parser.add_argument("--runs", type=int, default=20, help="timed requests")

    def handle(self, *args, words, runs, **options):
        if words < 50 or runs < 1:
            raise CommandError("--words must be at least 50 and --runs at least 1.")
        results = {}
        try:
            with transaction.atomic(), override_settings(SECURE_SSL_REDIRECT=False):
                results = self._measure(words, runs)
                raise _Rollback
        except _Rollback:
            pass
        out = self.stdout
        out.write(
            f"article: {results['words']} words, {results['paragraphs']} paragraphs; "
            f"gazetteer: {results['entities']} people in the database; "
            f"{results['proposals']} quote proposals on the panel"
        )
        out.write(
            f"first page view (gazetteer built): {results['cold']:.0f} ms; "
            f"{results['queries']} SQL queries per page view"
        )
        for label, values in (
            ("admin change page", results["page"]),
            ("suggestions_for alone", results["assist"]),
        ):
            out.write(
                f"{label}: median {statistics.median(values):.0f} ms, "
                f"p95 {percentile(values, 0.95):.0f} ms over {len(values)} runs"
            )

    def _measure(self, words, runs):
        if not Person.objects.exists():
            load_demo()
        body = sample_body(words)
        article = Article.objects.create(
            headline="Suggestions panel benchmark", body=body, status=Article.Status.DRAFT
        )
        user = User.objects.create_superuser("bench-assist", password=None)
        client = Client()
        client.force_login(user)
        url = reverse("admin:articles_article_change", args=[article.pk])

        def get_page():
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            return elapsed

        cold = get_page()
        with CaptureQueriesContext(connection) as queries:
            get_page()
        page = [get_page() for _ in range(runs)]
        assist = []
        proposals = 0
        for _ in range(runs):
            started = time.perf_counter()
            proposals = len(suggestions_for(article).quotes)
            assist.append((time.perf_counter() - started) * 1000)
        return {
            "words": len(body.split()),
            "paragraphs": body.count("\n\n") + 1,
            "entities": Person.objects.count(),
            "proposals": proposals,
            "cold": cold,
            "queries": len(queries),
            "page": page,
            "assist": assist,
        }
