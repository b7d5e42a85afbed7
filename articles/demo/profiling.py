"""Where a page's render time goes: SQL, templates, and the rest of Python.

`profile_pages(paths)` renders each page several times in this process with the page
cache off, and splits each render's wall time three ways:

- *SQL*: the time spent in database queries (timed around every query the connection runs);
- *templates*: the time spent rendering templates, less the SQL run from inside them
  (a lazy queryset a template iterates);
- *Python*: the rest: URL routing, middleware, views, forms, feed and JSON building.

It reports the median of each part, so that one slow render does not decide the figure.
The parts pages share (tallies over the archive, per-entity aggregates, quote cards, feed
items: `articles.public.tallies` and `articles.public.fragments`) are kept in the cache
as in production; `afresh_ms` is the median render with them built every time, as after
a write that changes everything a page shows.
"""

import statistics
import time
from dataclasses import dataclass, replace

from django.db import connection
from django.template.backends.django import Template
from django.test import Client, override_settings


@dataclass(frozen=True)
class Profile:
    path: str
    status: int
    queries: int
    total_ms: float
    sql_ms: float
    templates_ms: float
    afresh_ms: float | None = None

    @property
    def python_ms(self):
        return max(0.0, self.total_ms - self.sql_ms - self.templates_ms)

    @property
    def largest(self):
        """Which of the three parts takes the most time."""
        parts = {"SQL": self.sql_ms, "templates": self.templates_ms, "Python": self.python_ms}
        return max(parts, key=parts.get)


class Timer:
    """Times queries and outermost template renders while installed."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.sql = self.templates = self.sql_in_templates = 0.0
        self.queries = 0
        self.depth = 0

    def query(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.sql += spent
            self.queries += 1
            if self.depth:
                self.sql_in_templates += spent

    def template(self, render):
        timer = self

        def timed(template, *args, **kwargs):
            timer.depth += 1
            started = time.perf_counter()
            try:
                return render(template, *args, **kwargs)
            finally:
                timer.depth -= 1
                if not timer.depth:
                    timer.templates += time.perf_counter() - started

        return timed


def profile_pages(paths, *, repeat=7, host="127.0.0.1"):
    """[Profile] of each path: medians over `repeat` renders after one warm-up render."""
    timer = Timer()
    client = Client(HTTP_HOST=host)
    render = Template.render
    Template.render = timer.template(render)
    try:
        with override_settings(PAGE_CACHE_SECONDS=0), connection.execute_wrapper(timer.query):
            profiles = [_profile(client, timer, path, repeat) for path in paths]
            with override_settings(FRAGMENT_CACHE_SECONDS=0):
                return [
                    replace(
                        profile, afresh_ms=_profile(client, timer, profile.path, repeat).total_ms
                    )
                    for profile in profiles
                ]
    finally:
        Template.render = render


def _profile(client, timer, path, repeat):
    client.get(path, secure=True)  # imports, compiled templates, per-process caches
    runs = []
    for _ in range(repeat):
        timer.reset()
        started = time.perf_counter()
        response = client.get(path, secure=True)
        total = time.perf_counter() - started
        runs.append((total, timer.sql, timer.templates - timer.sql_in_templates, timer.queries))

    def median(index):
        return statistics.median(run[index] for run in runs) * 1000

    return Profile(
        path=path,
        status=response.status_code,
        queries=runs[-1][3],
        total_ms=median(0),
        sql_ms=median(1),
        templates_ms=median(2),
    )


def profile_table(profiles, names):
    """Markdown rows of the profiles; `names` gives each path's label."""
    lines = [
        "| page | queries | render | SQL | templates | Python | most time in "
        "| render, shared parts built afresh |",
        "|---|--:|--:|--:|--:|--:|---|--:|",
    ]
    for profile in profiles:
        afresh = "–" if profile.afresh_ms is None else f"{profile.afresh_ms:.1f} ms"
        lines.append(
            f"| {names.get(profile.path, profile.path)} (`{profile.path}`) | {profile.queries} "
            f"| {profile.total_ms:.1f} ms | {profile.sql_ms:.1f} ms "
            f"| {profile.templates_ms:.1f} ms | {profile.python_ms:.1f} ms | {profile.largest} "
            f"| {afresh} |"
        )
    return "\n".join(lines)
