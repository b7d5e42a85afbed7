"""The load benchmark: python manage.py bench (or `make bench`), writing docs/benchmarks.md.

Serves this database with gunicorn (DEBUG off, the cache in Redis) on loopback and
measures requests/s and latency with wrk for each kind of public page, cold (the
page cache off: every request renders the page from PostgreSQL) and warm (pages
cached in Redis), a conditional GET answered with a 304, and a static file served
by whitenoise from the same server, the reference for every ratio.
"""

import datetime
import http.client
import json
import math
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count

from articles.models import Article
from entities.models import Person, Sector

WARM_GOAL, REVALIDATE_GOAL, COLD_GOAL = 0.8, 0.25, 0.04
P99_GOAL_MS, SEARCH_P99_GOAL_MS = 100, 150
STATIC_FILE = "css/site.css"
SEARCH_WORDS = "tariffs"
# A request not answered within this many seconds counts as an error (wrk's timeout).
WRK_TIMEOUT_S = 10
# Every request says what browsers and feed readers say.
ACCEPT_ENCODING = "Accept-Encoding: gzip"


@dataclass
class Result:
    """One load run: throughput, latency percentiles in milliseconds, failures."""

    rps: float
    p50: float
    p99: float
    requests: int
    errors: int
    bad_status: int

    @property
    def failures(self):
        return self.errors + self.bad_status


# Load generators -----------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(value):
    return f"{value:,.1f} ms" if math.isfinite(value) else f"> {WRK_TIMEOUT_S} s"


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS_MS[unit]


def parse_wrk(output):
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return Result(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        # No request answered within wrk's timeout: the latency is beyond it.
        p50=_ms(percentiles["50"]) if requests else math.inf,
        p99=_ms(percentiles["99"]) if requests else math.inf,
        requests=requests,
        errors=sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        bad_status=int(bad.group(1)) if bad else 0,
    )


def run_wrk(url, *, connections, duration, headers=(), script=None):
    headers = [ACCEPT_ENCODING, *headers]
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["--timeout", f"{WRK_TIMEOUT_S}s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def run_python_load(url, *, connections, duration, headers=(), paths=None, hits=None):
    """A small load generator for machines without wrk: one keep-alive connection per thread.

    With `hits` (a dict), counts the answers the page cache gave (`X-Page-Cache: hit`)
    in `hits["hit"]`."""
    parts = urllib.parse.urlsplit(url)
    targets = paths or [parts.path + (f"?{parts.query}" if parts.query else "")]
    extra = dict(header.split(": ", 1) for header in [ACCEPT_ENCODING, *headers])
    latencies, failures = [], {"errors": 0, "bad": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def worker(offset):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine, n = [], offset
        while time.monotonic() < deadline:
            path = targets[n % len(targets)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=extra)
                response = conn.getresponse()
                response.read()
                if hits is not None and response.getheader("X-Page-Cache") == "hit":
                    with lock:
                        hits["hit"] = hits.get("hit", 0) + 1
                if response.status >= 400:
                    with lock:
                        failures["bad"] += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                conn.close()
                with lock:
                    failures["errors"] += 1
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    cuts = cuts or [math.inf] * 99
    return Result(
        rps=len(latencies) / duration,
        p50=cuts[49],
        p99=cuts[98],
        requests=len(latencies),
        errors=failures["errors"],
        bad_status=failures["bad"],
    )


def mixed_script(paths):
    """A wrk script cycling through `paths`, one after the other."""
    listed = ", ".join(json.dumps(path) for path in paths)
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    with handle:
        handle.write(
            f"local paths = {{{listed}}}\nlocal i = 0\n"
            "request = function()\n  i = i % #paths + 1\n"
            '  return wrk.format("GET", paths[i])\nend\n'
        )
    return handle.name


# The server ---------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, headers=None):
    """(status, headers, body) of one GET, as a browser sends it."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def server_env(*, redis_url, page_cache):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": redis_url,
        "PAGE_CACHE_SECONDS": str(page_cache),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("CACHE_URL", None)
    return env


@contextmanager
def gunicorn(command, env, log_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command + ["--bind", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise CommandError(f"gunicorn exited ({process.returncode}); see {log_path}")
                try:
                    fetch(base + "/robots.txt")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise CommandError(f"gunicorn did not answer; see {log_path}") from None
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def flush_redis(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


# What is measured ---------------------------------------------------------------------


def pages():
    """[(name, path)]: one of each kind of public page, chosen from the data."""
    article = Article.objects.published().order_by("-publish_at", "-pk").first()
    if article is None:
        raise CommandError("The database has no published article to measure.")
    person = Person.objects.annotate(n=Count("quotes")).order_by("-n", "pk").first()
    sector = Sector.objects.annotate(n=Count("quotes")).order_by("-n", "pk").first()
    return [
        ("home", "/"),
        ("article", article.get_absolute_url()),
        ("person profile", person.get_absolute_url()),
        ("sector profile", sector.get_absolute_url()),
        ("tracker", "/tracker/"),
        ("tracker, filtered", f"/tracker/?sector={sector.slug}&person={person.slug}"),
        ("search", f"/search/?q={SEARCH_WORDS}"),
        ("feed (RSS)", "/feeds/latest/"),
    ]


def reader_paths(count=60):
    """What readers of a busy site open: the home page, lists, the latest articles and
    quotes, and the most quoted people and sectors (`count` of each)."""
    from articles.models import Quote

    paths = ["/", "/articles/", "/quotes/", "/people/", "/tracker/", "/feeds/latest/"]
    articles = Article.objects.published().order_by("-publish_at", "-pk")[:count]
    people = Person.objects.annotate(n=Count("quotes")).order_by("-n", "pk")[:count]
    sectors = Sector.objects.annotate(n=Count("quotes")).order_by("-n", "pk")[: count // 3]
    quotes = Quote.objects.public().order_by("-day", "-pk")[:count]
    for objects in (articles, people, sectors, quotes):
        paths += [obj.get_absolute_url() for obj in objects]
    return paths


def edit_quotes(mode, *, interval, duration):
    """An editor saving one of the latest quotes every `interval` seconds for `duration`
    seconds, then making the pages stale as `mode` says: `targeted` (the pages showing
    the quote) or `site` (every page: one site-wide version, the former design)."""
    from django.db import transaction

    from articles.models import Quote
    from articles.public.content_version import bump_on_commit

    quotes = list(Quote.objects.public().order_by("-day", "-pk")[:24])
    deadline = time.monotonic() + duration
    saved = 0
    while time.monotonic() < deadline:
        quote = quotes[saved % len(quotes)]
        with transaction.atomic():
            if mode == "targeted":
                bump_on_commit(quote)
            quote.save()
            bump_on_commit(*([quote] if mode == "targeted" else []))
        saved += 1
        time.sleep(max(0.0, min(interval, deadline - time.monotonic())))
    return saved


# Tables whose sequential scan on a profile or tracker page would grow with the archive.
QUOTE_TABLES = ("articles_quote", "articles_quote_sectors", "articles_quote_events")


def plan_pages(measured):
    """[(name, path)]: the profile and tracker pages whose query plans are checked."""
    from entities.models import Country, Event, Organization

    pages = [(name, path) for name, path in measured if "profile" in name or "tracker" in name]
    for name, model, quotes in (
        ("organization profile", Organization, "people__quotes"),
        ("event profile", Event, "quotes"),
        ("country profile", Country, "people__quotes"),
    ):
        entity = model.objects.annotate(n=Count(quotes)).order_by("-n", "pk").first()
        if entity is not None:
            pages.append((name, entity.get_absolute_url()))
    return pages


def query_plans(pages):
    """[(name, path, queries, [table scanned in full, ...])]: each page rendered uncached
    in this process, and PostgreSQL's plan of every query it ran."""
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    found = []
    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name, path in pages:
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            scanned = []
            with connection.cursor() as cursor:
                for query in captured.captured_queries:
                    cursor.execute("EXPLAIN " + query["sql"])
                    for (line,) in cursor.fetchall():
                        match = re.search(r"Seq Scan on (\w+)", line)
                        if match and match.group(1) in QUOTE_TABLES:
                            scanned.append(match.group(1))
            found.append((name, path, len(captured.captured_queries), scanned))
    return found


def data_counts():
    with connection.cursor() as cursor:
        counts = {}
        for label, table in [
            ("articles", "articles_article"),
            ("quotes", "articles_quote"),
            ("mentions", "articles_mention"),
            ("people", "entities_person"),
            ("organizations", "entities_organization"),
            ("sectors", "entities_sector"),
            ("events", "entities_event"),
            ("countries", "entities_country"),
        ]:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            counts[label] = cursor.fetchone()[0]
    return counts


def version_of(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except OSError:
        return "not installed"
    return (result.stdout or result.stderr).strip().splitlines()[0]


def machine(redis_url):
    import gunicorn as gunicorn_package
    import redis

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores (nproc)",
        "Memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": postgres,
        "Redis": redis.Redis.from_url(redis_url).info("server")["redis_version"],
        "gunicorn": gunicorn_package.__version__,
        "Load generator": (
            version_of(["wrk", "--version"]).split(" [")[0] if shutil.which("wrk") else "Python"
        ),
    }


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
            )
            self.stdout.write(f"{saved}")
            return
        self.options = options
        self.problems = []
        self.load_at_start = os.getloadavg()[0]
        self.load = run_wrk if shutil.which("wrk") else run_python_load
        if not shutil.which("wrk"):
            self.stderr.write("wrk is not installed: using the Python load generator.")
        self.prepare_data()
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "tradewatch.wsgi",
            "--workers",
            str(options["workers"]),
            "--worker-class",
            "gthread",
            "--threads",
            str(options["threads"]),
        ]
        self.gunicorn_command = " ".join(["gunicorn", *command[1:]])
        redis_url = options["redis_url"]
        log_path = Path(tempfile.gettempdir()) / "tradewatch-bench-gunicorn.log"
        self.stdout.write("Collecting static files...")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=settings.BASE_DIR,
            env=server_env(redis_url=redis_url, page_cache=0),
            check=True,
        )
        if options["write_rate_only"]:
            writes = self.write_rate(command, redis_url, log_path)
            self.write_section(Path(options["output"]), self.write_rate_markdown(writes))
            return
        manifest = json.loads((Path(settings.STATIC_ROOT) / "staticfiles.json").read_text())
        static_path = settings.STATIC_URL + manifest["paths"][STATIC_FILE]
        measured = pages()
        paths = [path for _, path in measured]

        flush_redis(redis_url)
        self.stdout.write("Cold: the page cache off, every request renders its page.")
        cold, single = {}, {}
        with gunicorn(command, server_env(redis_url=redis_url, page_cache=0), log_path) as base:
            for name, path in measured:
                self.expect(base + path, cached=False)
                cold[name] = self.measure(base + path, options["connections"])
                single[name] = self.measure(base + path, 1)
                self.report(name, "cold", cold[name], single[name])
            cold_mixed = self.mixed(base, paths)

        flush_redis(redis_url)
        self.stdout.write("Warm: pages cached in Redis.")
        warm, beside = {}, {}
        with gunicorn(command, server_env(redis_url=redis_url, page_cache=600), log_path) as base:
            self.expect(base + static_path, cached=None)
            static = self.measure(base + static_path, options["connections"])
            self.report("static file", "", static)
            for name, path in measured:
                fetch(base + path)
                self.expect(base + path, cached=True)
                # The static file again beside it: a warm ratio compares runs taken seconds
                # apart, whatever else the machine is doing meanwhile.
                beside[name], warm[name] = self.paired(base + static_path, base + path)
                self.report(name, "warm", warm[name])
            etag = fetch(base + "/")[1]["ETag"]
            status = fetch(base + "/", {"If-None-Match": etag})[0]
            if status != 304:
                self.problems.append(f"The conditional GET answered {status}, not 304.")
            beside["304"], revalidated = self.paired(
                base + static_path, base + "/", headers=[f"If-None-Match: {etag}"]
            )
            self.report("304", "", revalidated)
            warm_mixed = self.mixed(base, paths)

        writes = self.write_rate(command, redis_url, log_path)

        self.stdout.write("Query plans of the profile and tracker pages.")
        plans = query_plans(plan_pages(measured))
        text = self.markdown(
            plans=plans,
            measured=measured,
            static_path=static_path,
            static=static,
            cold=cold,
            single=single,
            warm=warm,
            beside=beside,
            revalidated=revalidated,
            cold_mixed=cold_mixed,
            warm_mixed=warm_mixed,
            machine=machine(redis_url),
            counts=data_counts(),
        )
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text)
        self.write_section(output, self.write_rate_markdown(writes))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))

    def write_rate(self, command, redis_url, log_path):
        """{mode: (Result, hits, writes, pages)}: 32 connections reading the site while an
        editor saves a quote every few seconds, with targeted and with site-wide
        invalidation, each from a flushed cache warmed by one pass over the pages."""
        paths = reader_paths()
        duration = self.options["write_duration"]
        found = {}
        for mode in ("targeted", "site"):
            self.stdout.write(f"Reading while an editor writes ({mode} invalidation).")
            flush_redis(redis_url)
            env = server_env(redis_url=redis_url, page_cache=600)
            with gunicorn(command, env, log_path) as base:
                for path in paths:
                    fetch(base + path)
                editor = subprocess.Popen(
                    [sys.executable, "manage.py", "bench", "--editor", mode]
                    + ["--write-duration", str(duration)]
                    + ["--write-interval", str(self.options["write_interval"])],
                    cwd=settings.BASE_DIR,
                    env=env,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                hits = {}
                result = run_python_load(
                    base + "/", connections=32, duration=duration, paths=paths, hits=hits
                )
                saved = int(editor.communicate(timeout=120)[0].strip() or 0)
            found[mode] = (result, hits.get("hit", 0), saved, len(paths))
            self.report(f"writes, {mode}", "", result)
        return found

    def write_rate_markdown(self, writes):
        o = self.options
        lines = [
            WRITE_RATE_HEADING,
            "",
            f"32 connections read {next(iter(writes.values()))[3]} pages in turn (the home "
            "page, lists, the tracker, the latest feed, the latest articles and quotes, the "
            f"most quoted people and sectors) for {o['write_duration']} s while an editor "
            f"process saves one of the latest quotes every {o['write_interval']:g} s; the "
            "cache is flushed and warmed by one pass over the pages before each run. "
            "*Targeted*: the write makes stale the pages showing the quote (this design). "
            "*Site-wide*: every write bumps the one content version (the former design). "
            "Measured with the Python load generator (it counts `X-Page-Cache: hit`; a "
            "keep-alive connection the server closed counts as a connection error) "
            f"on {datetime.date.today().isoformat()} with "
            f"`{self.gunicorn_command}`, "
            f"{Article.objects.count():,} articles.",
            "",
            "| invalidation | writes | requests | req/s | cache hits | p50 | p99 "
            "| connection errors | 4xx/5xx |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for mode, label in (("targeted", "targeted"), ("site", "site-wide")):
            result, hits, saved, _ = writes[mode]
            share = hits / result.requests if result.requests else 0
            lines.append(
                f"| {label} | {saved} | {result.requests:,} | {result.rps:,.1f} | "
                f"{share:.1%} | {milliseconds(result.p50)} | {milliseconds(result.p99)} | "
                f"{result.errors} | {result.bad_status} |"
            )
        return "\n".join(lines) + "\n"

    @staticmethod
    def write_section(output, section):
        """Put the write-rate section into `output`, in place of an earlier one, else
        before the goals."""
        text = output.read_text() if output.exists() else ""
        if WRITE_RATE_HEADING in text:
            start = text.index(WRITE_RATE_HEADING)
            end = text.find("\n#", start + len(WRITE_RATE_HEADING))
            text = text[:start] + section + (text[end + 1 :] if end != -1 else "")
        elif "## Goals" in text:
            start = text.index("## Goals")
            text = text[:start] + section + "\n" + text[start:]
        else:
            text += "\n" + section
        output.write_text(text)

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
        connections, duration = self.options["connections"], self.options["duration"]
        runs = [
            (
                self.load(reference, connections=connections, duration=duration),
                self.load(url, connections=connections, duration=duration, headers=headers),
            )
            for _ in range(self.options["repeats"])
        ]
        return (
            max((static for static, _ in runs), key=lambda run: run.rps),
            max((page for _, page in runs), key=lambda run: run.rps),
        )

    def mixed(self, base, paths):
        """Every page in turn under 32 connections for the long duration."""
        duration = self.options["long_duration"]
        if self.load is run_wrk:
            script = mixed_script(paths)
            try:
                return run_wrk(base + "/", connections=32, duration=duration, script=script)
            finally:
                os.unlink(script)
        return run_python_load(base + "/", connections=32, duration=duration, paths=paths)

    def report(self, name, mode, result, single=None):
        line = f"  {name:<20} {mode:<5} {result.rps:8.1f} req/s  p50 {result.p50:6.1f} ms"
        line += f"  p99 {result.p99:6.1f} ms"
        if single:
            line += f"  | one at a time: p99 {single.p99:6.1f} ms"
        self.stdout.write(line)

    def markdown(self, **r):
        o = self.options
        # The cold rows' reference: the fastest of every static file run (the first one and
        # those beside the warm rows), the least flattering for the cold ratios.
        static = max([r["static"], *r["beside"].values()], key=lambda run: run.rps)

        def ratio(result, name=None):
            """req/s as a share of the static file's: the run beside it when there is one."""
            return result.rps / (r["beside"][name] if name else static).rps

        def fmt(value, digits=1):
            return f"{value:,.{digits}f}"

        lines = [
            "# Benchmarks",
            "",
            f"Measured {datetime.date.today().isoformat()} with `make bench` "
            "(`python manage.py bench`), which regenerates this file.",
            "",
            "## Results",
            "",
            f"Requests/s with {o['connections']} connections for {o['duration']} s per row, "
            "and the ratio to the static file's requests/s on the same server. *Cold*: the "
            "page cache off (`PAGE_CACHE_SECONDS=0`), so every request renders its page from "
            "PostgreSQL; its ratio is to the fastest static file run of the whole benchmark. "
            "*Warm*: pages cached in Redis; each warm row and the static file are "
            f"measured in turn {o['repeats']} times and the fastest run of each is kept, and "
            "the warm ratio is to that static run (*static beside*), so a slowdown of the "
            "shared machine during one run does not decide the figure. *One at a time*: "
            "cold, one connection.",
            "",
            "| page | cold req/s | cold ratio | cold p50 | cold p99 | one at a time p50 / p99 "
            "| warm req/s | static beside | warm ratio | warm p50 | warm p99 |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for name, path in r["measured"]:
            c, s, w = r["cold"][name], r["single"][name], r["warm"][name]
            lines.append(
                f"| {name} (`{path}`) | {fmt(c.rps)} | {ratio(c):.3f} | {milliseconds(c.p50)} "
                f"| {milliseconds(c.p99)} | {milliseconds(s.p50)} / {milliseconds(s.p99)} "
                f"| {fmt(w.rps)} | {fmt(r['beside'][name].rps)} | {ratio(w, name):.2f} "
                f"| {milliseconds(w.p50)} | {milliseconds(w.p99)} |"
            )
        v = r["revalidated"]
        lines += [
            "",
            "| reference and revalidation | req/s | ratio | p50 | p99 |",
            "|---|--:|--:|--:|--:|",
            f"| static file, whitenoise (`{r['static_path']}`), fastest run: the cold rows' "
            f"reference | {fmt(static.rps)} | 1.00 | {milliseconds(static.p50)} "
            f"| {milliseconds(static.p99)} |",
            f"| static file, beside the 304 row | {fmt(r['beside']['304'].rps)} | "
            f"{r['beside']['304'].rps / static.rps:.2f} | {milliseconds(r['beside']['304'].p50)} "
            f"| {milliseconds(r['beside']['304'].p99)} |",
            f"| conditional GET of the home page, 304 (`If-None-Match`), ratio to the row above "
            f"| {fmt(v.rps)} | {ratio(v, '304'):.2f} | {milliseconds(v.p50)} "
            f"| {milliseconds(v.p99)} |",
            "",
            f"### 32 connections for {o['long_duration']} s, every page in turn",
            "",
            "| run | requests | req/s | p50 | p99 | socket errors | 4xx/5xx |",
            "|---|--:|--:|--:|--:|--:|--:|",
        ]
        for label, m in (("cold", r["cold_mixed"]), ("warm", r["warm_mixed"])):
            lines.append(
                f"| {label} | {m.requests:,} | {fmt(m.rps)} | {milliseconds(m.p50)} "
                f"| {milliseconds(m.p99)} | {m.errors} | {m.bad_status} |"
            )
        lines += [
            "",
            "### Query plans of the profile and tracker pages",
            "",
            "Each page rendered uncached, then PostgreSQL's `EXPLAIN` of every query it ran: "
            "the queries and any sequential scan of the quotes or their links.",
            "",
            "| page | queries | sequential scans on quotes |",
            "|---|--:|---|",
        ]
        for name, path, count, scanned in r["plans"]:
            seen = ", ".join(f"`{table}`" for table in scanned) or "none"
            lines.append(f"| {name} (`{path}`) | {count} | {seen} |")
        lines += ["", "## Goals", ""] + self.goals(r, ratio)
        if self.problems:
            lines += ["", "Problems seen while measuring:", ""]
            lines += [f"- {problem}" for problem in self.problems]
        counts = ", ".join(f"{n:,} {label}" for label, n in r["counts"].items())
        lines += [
            "",
            "## Setup",
            "",
            f"- Data: `generate_fake_data --articles {o['articles']} --seed {o['seed']}`: "
            f"{counts}.",
            f"- Server: `{self.gunicorn_command}` on 127.0.0.1, `DEBUG=0`, "
            "PostgreSQL with persistent connections, the cache in Redis (`REDIS_URL`), "
            "static files collected and served by whitenoise from the same server.",
            f"- Load: {r['machine']['Load generator']} on the same machine over loopback "
            f"({min(2, o['connections'])} threads), latency percentiles from its `--latency`.",
            "- Cold rows: the page cache off and Redis flushed; PostgreSQL's own buffers are "
            "warm, as on a server that has been up for a while.",
            "",
            "| machine and versions | |",
            "|---|---|",
        ]
        lines += [f"| {key} | {value} |" for key, value in r["machine"].items()]
        lines.append(
            f"| Load average when the run started | {self.load_at_start:.1f} (other jobs "
            "on the machine share its cores with the server and wrk) |"
        )
        lines += [
            "",
            "To rerun (PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379, `wrk` from "
            "Debian; `make bench` installs it when missing and creates the database):",
            "",
            "```sh",
            "make bench",
            "# which runs, on the database tradewatch_bench (created and migrated if needed):",
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/tradewatch_bench \\",
            f"  REDIS_URL={o['redis_url']} \\",
            f"  .venv/bin/python manage.py bench --articles {o['articles']} --seed {o['seed']} "
            f"--duration {o['duration']} --repeats {o['repeats']} --connections {o['connections']} "
            f"--workers {o['workers']} --threads {o['threads']}",
            "```",
            "",
        ]
        lines += HOW_IT_WORKS
        return "\n".join(lines) + "\n"

    def goals(self, r, ratio):
        measured = r["measured"]
        warm_low = min(measured, key=lambda m: ratio(r["warm"][m[0]], m[0]))[0]
        cold_low = min(measured, key=lambda m: ratio(r["cold"][m[0]]))[0]
        slow = [
            name
            for name, _ in measured
            if r["single"][name].p99 >= (SEARCH_P99_GOAL_MS if name == "search" else P99_GOAL_MS)
        ]
        failures = r["cold_mixed"].failures + r["warm_mixed"].failures

        def mark(ok):
            return "reached" if ok else "**not reached**"

        warm_min, cold_min = ratio(r["warm"][warm_low], warm_low), ratio(r["cold"][cold_low])
        search_p99 = r["single"]["search"].p99
        scanning = [name for name, _, _, scanned in r["plans"] if scanned]
        slowest = max((n for n, _ in measured if n != "search"), key=lambda n: r["single"][n].p99)
        return [
            f"- Warm pages and feeds ≥ {WARM_GOAL} of the static file: "
            f"{mark(warm_min >= WARM_GOAL)} (lowest: {warm_low}, {warm_min:.2f}).",
            f"- 304 ≥ {REVALIDATE_GOAL} of the static file: "
            f"{mark(ratio(r['revalidated'], '304') >= REVALIDATE_GOAL)} "
            f"({ratio(r['revalidated'], '304'):.2f}).",
            f"- Cold pages ≥ {COLD_GOAL} of the static file: {mark(cold_min >= COLD_GOAL)} "
            f"(lowest: {cold_low}, {cold_min:.3f}).",
            f"- Cold p99 one at a time < {P99_GOAL_MS} ms: "
            f"{mark(not [n for n in slow if n != 'search'])} (slowest: {slowest}, "
            f"{milliseconds(r['single'][slowest].p99)}); search < {SEARCH_P99_GOAL_MS} ms: "
            f"{mark(search_p99 < SEARCH_P99_GOAL_MS)} ({milliseconds(search_p99)}).",
            f"- 32 connections for {self.options['long_duration']} s, cold and warm, no error and "
            f"no 5xx: {mark(failures == 0)} ({failures} failed requests).",
            f"- No sequential scan on quotes for a profile or tracker page: "
            f"{mark(not scanning)} ({', '.join(scanning) or 'none'}).",
        ]


WRITE_RATE_HEADING = "### Reading while an editor writes"

HOW_IT_WORKS = [
    "## How the figures are reached",
    "",
    "- **Warm pages**: `tradewatch.wsgi` wraps Django in `tradewatch.pagecache.CachedPages`. "
    "For an anonymous GET or HEAD of a public address it reads the site-wide content version "
    "and the cached page (stored as status, headers, bytes and the versions of its dependency "
    "keys) in one Redis round trip, the versions of the page's keys in a second one, and "
    "answers before Django builds a request: no middleware, no session, no user, no template, "
    "no query. A miss goes to Django, where `PublicPageCacheMiddleware`, the first middleware, "
    "renders and stores the page with every header the other middleware add.",
    "- **Invalidation**: targeted (`articles.public.dependencies`). A cached page records the "
    "articles, quotes, entities and tags it shows (lists, the home page, the tracker, search "
    "and feeds: the list keys) and is current while their versions hold; an editorial write "
    "bumps, once committed, the versions of what it changed and of what that is linked to, "
    "so every other page stays cached. A site-wide content version "
    "(`articles.public.content_version`) covers what cannot be targeted; scheduled articles "
    "and the day change are folded into it without any write.",
    "- **304s**: the ETag is made from the content version, the page's key versions and the "
    "address; a matching "
    "`If-None-Match` or `If-Modified-Since` for a cached page is answered by the same WSGI "
    "wrapper, and for a page not in the cache by the middleware before the view runs.",
    "- **Cold pages**: every page runs a fixed number of queries (pinned in "
    "`tests/test_query_budgets.py`), with indexes for each filter and ordering. Quotes keep "
    "the day they were said (`Quote.day`, indexed overall, per speaker and for key quotes), "
    "so quote lists sort without joining every article. A list's many-to-many links "
    "(a quote's sectors, events and tags; an event's people, organizations, sectors and "
    "countries) come from one UNION query (`entities.linking`). Profiles take their quote "
    "total from their monthly chart. Rankings that would grow with the archive are taken "
    "over a recent window: the home page's most discussed sectors and latest quotes over the "
    "latest 100 articles, “often quoted alongside” over a person's latest 100 articles, "
    "search hits among the latest 500 matches (counted up to “more than 500”). Profile and "
    "quote addresses are filled into a template reversed once (`entities.addresses`). "
    "PostgreSQL connections plan for a web workload on data in memory "
    "(`DATABASE_PLANNER_SETTINGS`: `random_page_cost=1.1`, no parallel workers).",
]
