"""The benchmark's report: Markdown tables of the results, the goals reached, the setup,
and the write-rate and profile sections kept in place when only one is measured again."""

import datetime
import math

from articles.demo.bench.figures import fastest
from articles.demo.bench.load import WRK_TIMEOUT_S
from articles.demo.profiling import profile_table

WARM_GOAL, REVALIDATE_GOAL, COLD_GOAL = 0.8, 0.25, 0.04
P99_GOAL_MS, SEARCH_P99_GOAL_MS = 100, 150
# Reading while an editor writes, as a share of the req/s with no writes.
WRITE_RATE_GOAL = 0.7
WRITE_RATE_RUNS = (
    ("none", "no writes"),
    ("targeted", "targeted"),
    ("targeted-rendering", "targeted, every reader renders"),
    ("site", "site-wide"),
)
WRITE_RATE_HEADING = "### Reading while an editor writes"
PROFILE_HEADING = "### Where a cold page's time goes"
ALIGN = {"l": "---", "r": "--:"}


def milliseconds(value):
    return f"{value:,.1f} ms" if math.isfinite(value) else f"> {WRK_TIMEOUT_S} s"


def number(value, digits=1):
    return f"{value:,.{digits}f}"


def row(cells):
    """One line of a Markdown table; an empty cell is a single space."""
    return "|" + "|".join(f" {cell} " if cell != "" else " " for cell in cells) + "|"


def table(header, align, rows):
    """Lines of a Markdown table; `align` has one letter per column, l(eft) or r(ight)."""
    return [row(header), "|" + "|".join(ALIGN[a] for a in align) + "|", *map(row, rows)]


def results_markdown(r, *, options, problems, gunicorn_command, load_at_start, today=None):
    """docs/benchmarks.md from the results `r` of a full run."""
    o = options
    today = today or datetime.date.today()
    # The cold rows' reference: the fastest of every static file run (the first one and
    # those beside the warm rows), the least flattering for the cold ratios.
    static = fastest([r["static"], *r["beside"].values()])

    def ratio(result, name=None):
        """req/s as a share of the static file's: the run beside it when there is one."""
        return result.rps / (r["beside"][name] if name else static).rps

    def timing(result):
        return [milliseconds(result.p50), milliseconds(result.p99)]

    lines = [
        "# Benchmarks",
        "",
        f"Measured {today.isoformat()} with `make bench` "
        "(`python manage.py bench`), which regenerates this file.",
        "",
        "## Results",
        "",
        f"Requests/s with {o['connections']} connections for {o['duration']} s per row, "
        "and the ratio to the static file's requests/s on the same server. *Cold*: the "
        "page cache off (`PAGE_CACHE_SECONDS=0`), so every request renders its page from "
        "PostgreSQL, with the parts pages share (tallies over the archive, per-entity "
        "aggregates, quote cards, feed items) kept in Redis as in production "
        "(`FRAGMENT_CACHE_SECONDS`: each current until a write changes what it shows; the "
        "profile table below gives each page's render with them built afresh); "
        "its ratio is to the fastest static file run of the whole benchmark. "
        "*Warm*: pages cached in Redis; each warm row and the static file are "
        f"measured in turn {o['repeats']} times and the fastest run of each is kept, and "
        "the warm ratio is to that static run (*static beside*), so a slowdown of the "
        "shared machine during one run does not decide the figure. *One at a time*: "
        "cold, one connection.",
        "",
    ]
    rows = []
    for name, path in r["measured"]:
        c, s, w = r["cold"][name], r["single"][name], r["warm"][name]
        rows.append(
            [f"{name} (`{path}`)", number(c.rps), f"{ratio(c):.3f}", *timing(c)]
            + [f"{milliseconds(s.p50)} / {milliseconds(s.p99)}", number(w.rps)]
            + [number(r["beside"][name].rps), f"{ratio(w, name):.2f}", *timing(w)]
        )
    lines += table(
        ["page", "cold req/s", "cold ratio", "cold p50", "cold p99", "one at a time p50 / p99"]
        + ["warm req/s", "static beside", "warm ratio", "warm p50", "warm p99"],
        "lrrrrrrrrrr",
        rows,
    )
    v, static_304 = r["revalidated"], r["beside"]["304"]
    references = [
        [
            f"static file, whitenoise (`{r['static_path']}`), fastest run: the cold rows' "
            "reference",
            number(static.rps),
            "1.00",
            *timing(static),
        ],
        [
            "static file, beside the 304 row",
            number(static_304.rps),
            f"{static_304.rps / static.rps:.2f}",
            *timing(static_304),
        ],
        [
            "conditional GET of the home page, 304 (`If-None-Match`), ratio to the row above",
            number(v.rps),
            f"{ratio(v, '304'):.2f}",
            *timing(v),
        ],
    ]
    lines += [""]
    lines += table(
        ["reference and revalidation", "req/s", "ratio", "p50", "p99"], "lrrrr", references
    )
    lines += ["", f"### 32 connections for {o['long_duration']} s, every page in turn", ""]
    lines += table(
        ["run", "requests", "req/s", "p50", "p99", "socket errors", "4xx/5xx"],
        "lrrrrrr",
        [
            [label, f"{m.requests:,}", number(m.rps), *timing(m), m.errors, m.bad_status]
            for label, m in (("cold", r["cold_mixed"]), ("warm", r["warm_mixed"]))
        ],
    )
    lines += [
        "",
        "### Query plans of the profile and tracker pages",
        "",
        "Each page rendered uncached, then PostgreSQL's `EXPLAIN` of every query it ran: "
        "the queries and any sequential scan of the quotes or their links.",
        "",
    ]
    lines += table(
        ["page", "queries", "sequential scans on quotes"],
        "lrl",
        [
            [f"{name} (`{path}`)", count, ", ".join(f"`{t}`" for t in scanned) or "none"]
            for name, path, count, scanned in r["plans"]
        ],
    )
    lines += ["", "## Goals", ""] + goals(r, ratio, long_duration=o["long_duration"])
    if problems:
        lines += ["", "Problems seen while measuring:", ""]
        lines += [f"- {problem}" for problem in problems]
    counts = ", ".join(f"{n:,} {label}" for label, n in r["counts"].items())
    lines += [
        "",
        "## Setup",
        "",
        f"- Data: `generate_fake_data --articles {o['articles']} --seed {o['seed']}`: {counts}.",
        f"- Server: `{gunicorn_command}` on 127.0.0.1, `DEBUG=0`, "
        "PostgreSQL with persistent connections, the cache in Redis (`REDIS_URL`), "
        "static files collected and served by whitenoise from the same server.",
        f"- Load: {r['machine']['Load generator']} on the same machine over loopback "
        f"({min(2, o['connections'])} threads), latency percentiles from its `--latency`.",
        "- Cold rows: the page cache off and Redis flushed; PostgreSQL's own buffers are "
        "warm, as on a server that has been up for a while.",
        "",
    ]
    lines += table(
        ["machine and versions", ""],
        "ll",
        [*r["machine"].items()]
        + [
            [
                "Load average when the run started",
                f"{load_at_start:.1f} (other jobs on the machine share its cores with the "
                "server and wrk)",
            ]
        ],
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


def mark(ok):
    return "reached" if ok else "**not reached**"


def goals(r, ratio, *, long_duration):
    """The goals' lines: each reached or not, with the figure that decides it."""
    measured = r["measured"]
    warm_low = min(measured, key=lambda m: ratio(r["warm"][m[0]], m[0]))[0]
    cold_low = min(measured, key=lambda m: ratio(r["cold"][m[0]]))[0]
    slow = [
        name
        for name, _ in measured
        if r["single"][name].p99 >= (SEARCH_P99_GOAL_MS if name == "search" else P99_GOAL_MS)
    ]
    failures = r["cold_mixed"].failures + r["warm_mixed"].failures
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
        f"- 32 connections for {long_duration} s, cold and warm, no error and "
        f"no 5xx: {mark(failures == 0)} ({failures} failed requests).",
        f"- No sequential scan on quotes for a profile or tracker page: "
        f"{mark(not scanning)} ({', '.join(scanning) or 'none'}).",
    ]


def write_rate_markdown(writes, *, options, gunicorn_command, articles, wrk, today=None):
    """The write-rate section from {mode: (Result, writes, pages)} of the modes of
    `WRITE_RATE_RUNS`; `wrk`: whether wrk measured them (else the Python generator)."""
    o = options
    today = today or datetime.date.today()
    generator = (
        "wrk, whose Lua script goes through the pages and counts the answers by their "
        "`X-Page-Cache`"
        if wrk
        else "the Python load generator, wrk not being installed (it counts "
        "`X-Page-Cache`; on a small machine it is itself the bottleneck, so its req/s "
        "are far below wrk's)"
    )
    lines = [
        WRITE_RATE_HEADING,
        "",
        f"32 connections read {writes['none'][2]} pages in turn (the home "
        "page, lists, the tracker, the latest feed, the latest articles and quotes, the "
        f"most quoted people and sectors) for {o['write_duration']} s: with no writes, then "
        f"while an editor process saves one of the latest quotes every {o['write_interval']:g} "
        "s (an edit leaving its speaker, sectors and events as they were, as a fix of its "
        "words does: the index pages' tallies stay); the cache is flushed and warmed by one "
        "pass over the pages before each run. "
        "*Targeted*: the write makes stale the pages showing the quote, and while one "
        "request renders a stale page again its other readers get the stale copy "
        "(`X-Page-Cache: stale`; this design). *Every reader renders*: the same with "
        "`PAGE_CACHE_STALE_SECONDS=0`, each reader of a stale page rendering it. "
        "*Site-wide*: every write bumps the one content version and every reader of a stale "
        "page renders it (the former design). *Cache hits*: current pages from the cache; "
        "*stale copies*: stale ones. "
        f"*Ratio*: the run's req/s to the no-writes run's. Measured with {generator}, "
        f"on {today.isoformat()} with `{gunicorn_command}`, {articles:,} articles.",
        "",
    ]
    lines += write_rate_table(writes)
    return "\n".join(lines) + "\n"


def write_rate_table(writes):
    """The write-rate table, each run's req/s as a share of no writes', and the goal."""
    reference = writes["none"][0].rps

    def ratio(mode):
        return writes[mode][0].rps / reference if reference else 0.0

    rows = []
    for mode, label in WRITE_RATE_RUNS:
        result, saved, _ = writes[mode]
        shares = [
            f"{(count or 0) / result.requests:.1%}" if result.requests else "0.0%"
            for count in (result.hits, result.stale)
        ]
        rows.append(
            [label, saved, f"{result.requests:,}", number(result.rps), f"{ratio(mode):.2f}"]
            + [*shares, milliseconds(result.p50), milliseconds(result.p99)]
            + [result.errors, result.bad_status]
        )
    lines = table(
        ["run", "writes", "requests", "req/s", "ratio", "cache hits", "stale copies"]
        + ["p50", "p99", "connection errors", "4xx/5xx"],
        "lrrrrrrrrrr",
        rows,
    )
    lines += ["", f"Goal: reading while an editor writes ≥ {WRITE_RATE_GOAL} of no writes."]
    return lines + [
        f"- {label}: {mark(ratio(mode) >= WRITE_RATE_GOAL)} ({ratio(mode):.2f})."
        for mode, label in WRITE_RATE_RUNS[1:]
    ]


def profile_markdown(profiles, names, *, articles, today=None):
    """The section saying where each cold page's render time goes, from [Profile]."""
    today = today or datetime.date.today()
    lines = [
        PROFILE_HEADING,
        "",
        "Each page rendered in one process with the page cache off, 7 times after a warm-up "
        "render, on the same database; the medians of each part: *SQL* (time in queries), "
        "*templates* (rendering, less the queries templates run) and *Python* (the rest: "
        "routing, middleware, views, forms, feed building); and the median render with the "
        "shared parts built every time (`FRAGMENT_CACHE_SECONDS=0`), as after a write "
        "changing everything a page shows. Measured "
        f"with `python manage.py bench --profile-only` on {today.isoformat()}, "
        f"{articles:,} articles.",
        "",
        profile_table(profiles, names),
        "",
    ]
    by_part = {}
    for profile in profiles:
        by_part.setdefault(profile.largest, []).append(names.get(profile.path, profile.path))
    lines.append(
        "Most of the time goes to "
        + "; ".join(f"{part} on {' · '.join(pages)}" for part, pages in by_part.items())
        + "."
    )
    return "\n".join(lines) + "\n"


def with_section(text, section):
    """`text` with `section` (which starts with its heading) in place of an earlier one of
    that heading, else before the goals, else at the end."""
    heading = section.split("\n", 1)[0]
    if heading in text:
        start = text.index(heading)
        end = text.find("\n#", start + len(heading))
        rest = text[end + 1 :] if end != -1 else ""
        return text[:start] + section.rstrip("\n") + ("\n\n" + rest if rest else "\n")
    if "## Goals" in text:
        start = text.index("## Goals")
        return text[:start] + section + "\n" + text[start:]
    return text + "\n" + section


def write_section(output, section):
    """Put `section` (the write-rate or the profile section) into the file `output`."""
    text = output.read_text() if output.exists() else ""
    output.write_text(with_section(text, section))


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
    "so every other page stays cached. While the first reader after a write renders a "
    "stale page again, the others get the stale copy (`PAGE_CACHE_STALE_SECONDS`). "
    "A site-wide content version "
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
    "A list counts its rows in an uncorrelated subquery, evaluated once, not in a window "
    "over every joined row. The index pages count an entity's articles over the UNION of "
    "the article ids of its mentions and of its quotes, each read from its own index, and "
    "its people and quotes in correlated subqueries (no GROUP BY over the joins). "
    "PostgreSQL connections plan for a web workload on data in memory "
    "(`DATABASE_PLANNER_SETTINGS`: `random_page_cost=1.1`, no parallel workers, no JIT "
    "compilation).",
    "- **Shared parts**: what pages share is kept in the cache, page cache or not "
    "(`FRAGMENT_CACHE_SECONDS`), each under the versions of what it shows, so the page a "
    "write makes stale builds again only the parts showing what the write changed. Each "
    "entity has a tallies key, bumped with its profile key save by a fix of a quote's "
    "words: its tallies on the index pages and its profile's aggregates (quote and article "
    "charts, sectors, events, co-speakers, speakers) are kept under it "
    "(`articles.public.tallies`, `profiles.sections.kept_for`). Who `/people/` lists, the "
    "quote list's options, the tracker's options and its unfiltered months are kept under "
    "the `tallies` key. Quote cards and feed items are kept with the keys of the quote, "
    "article, speaker, sectors, events and tags they show (`articles.public.fragments`). "
    "All are stored under the content version too, which a scheduled article going public "
    "changes.",
]
