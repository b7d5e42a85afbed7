"""One benchmark run: the data, the cold and warm runs, reading while an editor writes,
the query plans, and the report written at the end."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.demo.bench import report
from articles.demo.bench.figures import fastest
from articles.demo.bench.load import run_mixed, run_python_load, run_wrk, wrk_installed
from articles.demo.bench.machine import data_counts, machine
from articles.demo.bench.pages import pages, plan_pages, query_plans, reader_paths
from articles.demo.bench.server import (
    collect_static,
    fetch,
    flush_redis,
    gunicorn,
    gunicorn_command,
    server_env,
)
from articles.demo.profiling import profile_pages
from articles.models import Article

STATIC_FILE = "css/site.css"


class Benchmark:
    """A run with the command's options, printing progress on `stdout`."""

    def __init__(self, options, *, stdout, stderr, style):
        self.options = options
        self.stdout, self.stderr, self.style = stdout, stderr, style
        self.problems = []
        self.load_at_start = os.getloadavg()[0]
        self.load = run_wrk if wrk_installed() else run_python_load
        self.command = gunicorn_command(workers=options["workers"], threads=options["threads"])
        self.gunicorn_command = " ".join(["gunicorn", *self.command[1:]])
        self.redis_url = options["redis_url"]
        self.log_path = Path(tempfile.gettempdir()) / "tradewatch-bench-gunicorn.log"

    def run(self):
        options = self.options
        if self.load is run_python_load:
            self.stderr.write("wrk is not installed: using the Python load generator.")
        self.prepare_data()
        self.stdout.write("Collecting static files...")
        collect_static(self.redis_url)
        if options["write_rate_only"]:
            writes = self.write_rate()
            report.write_section(Path(options["output"]), self.write_rate_markdown(writes))
            return
        if options["profile_only"]:
            report.write_section(Path(options["output"]), self.profile_markdown(pages()))
            return
        manifest = json.loads((Path(settings.STATIC_ROOT) / "staticfiles.json").read_text())
        static_path = settings.STATIC_URL + manifest["paths"][STATIC_FILE]
        measured = pages()
        results = {"measured": measured, "static_path": static_path}
        results |= self.cold(measured)
        results |= self.warm(measured, static_path)
        writes = self.write_rate()
        self.stdout.write("Query plans of the profile and tracker pages.")
        results["plans"] = query_plans(plan_pages(measured))
        results["machine"] = machine(self.redis_url)
        results["counts"] = data_counts()
        text = report.results_markdown(
            results,
            options=options,
            problems=self.problems,
            gunicorn_command=self.gunicorn_command,
            load_at_start=self.load_at_start,
        )
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text)
        report.write_section(output, self.write_rate_markdown(writes))
        report.write_section(output, self.profile_markdown(measured))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))

    def serve(self, page_cache):
        return gunicorn(
            self.command, server_env(redis_url=self.redis_url, page_cache=page_cache), self.log_path
        )

    def cold(self, measured):
        """Every page rendered by every request, with 8 connections and one at a time."""
        flush_redis(self.redis_url)
        self.stdout.write("Cold: the page cache off, every request renders its page.")
        cold, single = {}, {}
        with self.serve(0) as base:
            for name, path in measured:
                self.expect(base + path, cached=False)
                cold[name] = self.measure(base + path, self.options["connections"])
                # Requests the loaded run left in the server's queue are answered first.
                fetch(base + path)
                single[name] = self.measure(base + path, 1)
                self.print_run(name, "cold", cold[name], single[name])
            cold_mixed = self.mixed(base, [path for _, path in measured])
        return {"cold": cold, "single": single, "cold_mixed": cold_mixed}

    def warm(self, measured, static_path):
        """Every page from the page cache, the static file beside each, and a 304."""
        flush_redis(self.redis_url)
        self.stdout.write("Warm: pages cached in Redis.")
        warm, beside = {}, {}
        with self.serve(600) as base:
            self.expect(base + static_path, cached=None)
            static = self.measure(base + static_path, self.options["connections"])
            self.print_run("static file", "", static)
            for name, path in measured:
                fetch(base + path)
                self.expect(base + path, cached=True)
                # The static file again beside it: a warm ratio compares runs taken seconds
                # apart, whatever else the machine is doing meanwhile.
                beside[name], warm[name] = self.paired(base + static_path, base + path)
                self.print_run(name, "warm", warm[name])
            etag = fetch(base + "/")[1]["ETag"]
            status = fetch(base + "/", {"If-None-Match": etag})[0]
            if status != 304:
                self.problems.append(f"The conditional GET answered {status}, not 304.")
            beside["304"], revalidated = self.paired(
                base + static_path, base + "/", headers=[f"If-None-Match: {etag}"]
            )
            self.print_run("304", "", revalidated)
            warm_mixed = self.mixed(base, [path for _, path in measured])
        return {
            "static": static,
            "warm": warm,
            "beside": beside,
            "revalidated": revalidated,
            "warm_mixed": warm_mixed,
        }

    def write_rate(self):
        """{mode: (Result, writes, pages)}: 32 connections reading the site with no writes
        (`none`), then while an editor saves a quote every few seconds with `targeted`
        invalidation (readers of a page being rendered again get its stale copy), the same
        with every reader of a stale page rendering it (`targeted-rendering`), and with
        site-wide (`site`) invalidation, the former design."""
        paths = reader_paths()
        found = {}
        for mode, _ in report.WRITE_RATE_RUNS:
            if mode == "none":
                self.stdout.write("Reading with no writes.")
            else:
                self.stdout.write(f"Reading while an editor writes ({mode} invalidation).")
            result, saved = self.read_while_writing(mode, paths)
            found[mode] = (result, saved, len(paths))
            self.print_run(f"writes, {mode}", "", result)
        return found

    def read_while_writing(self, mode, paths):
        """(Result, quotes saved) of one run from a flushed cache warmed by one pass over
        the pages; `mode` is the editor's, or `none` for no editor."""
        duration = self.options["write_duration"]
        flush_redis(self.redis_url)
        env = server_env(redis_url=self.redis_url, page_cache=600)
        if mode in ("targeted-rendering", "site"):
            env["PAGE_CACHE_STALE_SECONDS"] = "0"
        with gunicorn(self.command, env, self.log_path) as base:
            for path in paths:
                fetch(base + path)
            editor = None
            if mode != "none":
                editor = self.start_editor("site" if mode == "site" else "targeted", env)
            result = run_mixed(
                base + "/", paths=paths, connections=32, duration=duration, count_hits=True
            )
            saved = int(editor.communicate(timeout=120)[0].strip() or 0) if editor else 0
        return result, saved

    def start_editor(self, mode, env):
        """The editor process saving quotes as `mode` says, once it is ready to: its
        start-up (Django's, on the same cores as the server) is not part of the run."""
        editor = subprocess.Popen(
            [sys.executable, "manage.py", "bench", "--editor", mode]
            + ["--write-duration", str(self.options["write_duration"])]
            + ["--write-interval", str(self.options["write_interval"])],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        editor.stdout.readline()
        return editor

    def write_rate_markdown(self, writes):
        return report.write_rate_markdown(
            writes,
            options=self.options,
            gunicorn_command=self.gunicorn_command,
            articles=Article.objects.count(),
            wrk=self.load is run_wrk,
        )

    def profile_markdown(self, measured):
        """Where each measured page's cold render time goes, in this process."""
        self.stdout.write("Profiling cold renders: SQL, templates and Python.")
        profiles = profile_pages([path for _, path in measured])
        names = {path: name for name, path in measured}
        return report.profile_markdown(profiles, names, articles=Article.objects.count())

    def prepare_data(self):
        existing = Article.objects.count()
        wanted = self.options["articles"]
        if existing == 0:
            self.stdout.write(f"Generating {wanted} articles (seed {self.options['seed']})...")
            call_command("generate_fake_data", articles=wanted, seed=self.options["seed"])
        elif existing < wanted:
            raise CommandError(
                f"The database has {existing} articles, fewer than {wanted}: use an empty "
                "database (the benchmark generates its data) or --articles."
            )

    def expect(self, url, *, cached):
        """Before measuring: the address answers 200, from the page cache when `cached`.

        A problem is noted in the results rather than stopping the benchmark.
        """
        status, headers, _ = fetch(url)
        path = "/" + url.split("/", 3)[-1]
        if status != 200:
            self.problems.append(f"`{path}` answered {status} before its run.")
        elif cached is not None and (headers.get("X-Page-Cache") == "hit") != cached:
            self.problems.append(f"`{path}`: X-Page-Cache was {headers.get('X-Page-Cache')}.")

    def measure(self, url, connections, headers=()):
        return self.load(
            url, connections=connections, duration=self.options["duration"], headers=headers
        )

    def paired(self, reference, url, headers=()):
        """(static file, page): each measured `--repeats` times in turn, the fastest run of
        each kept. Work elsewhere on the machine only ever slows a run down, so the best of
        a few runs taken side by side is the fairest comparison of the two."""
        connections = self.options["connections"]
        runs = [
            (self.measure(reference, connections), self.measure(url, connections, headers))
            for _ in range(self.options["repeats"])
        ]
        return fastest(static for static, _ in runs), fastest(page for _, page in runs)

    def mixed(self, base, paths):
        """Every page in turn under 32 connections for the long duration."""
        duration = self.options["long_duration"]
        return run_mixed(base + "/", paths=paths, connections=32, duration=duration)

    def print_run(self, name, mode, result, single=None):
        line = f"  {name:<20} {mode:<5} {result.rps:8.1f} req/s  p50 {result.p50:6.1f} ms"
        line += f"  p99 {result.p99:6.1f} ms"
        if single:
            line += f"  | one at a time: p99 {single.p99:6.1f} ms"
        self.stdout.write(line)
