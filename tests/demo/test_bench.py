"""The benchmark's pure parts: wrk's output read, percentiles, tables and the report."""

import datetime
import http.server
import math
import re
import threading

import pytest

from articles.demo.bench.figures import fastest, median_and_p99, percentile
from articles.demo.bench.load import (
    HITS_LINE,
    STALE_LINE,
    Result,
    mixed_script_text,
    parse_wrk,
    run_python_load,
    wrk_command,
)
from articles.demo.bench.pages import quote_scans
from articles.demo.bench.report import (
    PROFILE_HEADING,
    WRITE_RATE_HEADING,
    milliseconds,
    profile_markdown,
    results_markdown,
    table,
    with_section,
    write_rate_markdown,
)
from articles.demo.profiling import Profile

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.23ms  456.00us  12.34ms   89.12%
    Req/Sec     3.21k   123.45     3.50k    70.00%
  Latency Distribution
     50%  850.00us
     75%    1.40ms
     90%    1.80ms
     99%    1.20s
  63912 requests in 10.00s, 1.23GB read
  Socket errors: connect 1, read 2, write 0, timeout 4
  Non-2xx or 3xx responses: 5
Requests/sec:   6391.20
Transfer/sec:    125.97MB
"""


def run(rps, *, p50=1.0, p99=2.0, requests=1000, errors=0, bad_status=0):
    return Result(rps, p50, p99, requests, errors, bad_status)


def test_wrk_output_is_read_with_its_units():
    result = parse_wrk(WRK_OUTPUT)
    assert result == Result(
        rps=6391.2, p50=0.85, p99=1200.0, requests=63912, errors=7, bad_status=5
    )
    assert result.failures == 12


def test_wrk_output_without_failures_or_answers():
    output = WRK_OUTPUT.replace("  Socket errors: connect 1, read 2, write 0, timeout 4\n", "")
    output = output.replace("  Non-2xx or 3xx responses: 5\n", "")
    assert parse_wrk(output).failures == 0
    silent = parse_wrk(output.replace("63912 requests", "0 requests"))
    assert silent.p50 == silent.p99 == math.inf
    assert milliseconds(silent.p99) == "> 10 s"
    assert milliseconds(1234.56) == "1,234.6 ms"


def test_wrk_is_asked_for_latency_with_the_browser_headers():
    command = wrk_command(
        "http://127.0.0.1:1/", connections=1, duration=5, headers=["If-None-Match: x"]
    )
    assert command[:5] == ["wrk", "-t1", "-c1", "-d5s", "--latency"]
    assert command[-1] == "http://127.0.0.1:1/"
    assert "Accept-Encoding: gzip" in command and "If-None-Match: x" in command
    assert "-s" not in command
    assert wrk_command("u", connections=32, duration=1, script="s.lua")[1:3] == ["-t2", "-c32"]


def test_the_mixed_script_cycles_through_the_paths():
    script = mixed_script_text(["/", '/search/?q="steel"'])
    assert 'local paths = {"/", "/search/?q=\\"steel\\""}' in script
    assert "i = i % #paths + 1" in script
    assert "response" not in script and "done" not in script


def test_the_hit_counting_script_sums_every_threads_hits_in_the_lines_parse_wrk_reads():
    script = mixed_script_text(["/"], count_hits=True)
    assert script.startswith(mixed_script_text(["/"]))
    assert 'if headers["X-Page-Cache"] == "hit" then' in script
    assert 'elseif headers["X-Page-Cache"] == "stale" then' in script
    assert "table.insert(threads, thread)" in script
    assert 'total = total + thread:get("hits")' in script
    assert 'copies = copies + thread:get("stale")' in script
    # The format Lua prints with, filled in as string.format would: parse_wrk reads it back.
    printed = re.search(r'string\.format\("(.*)\\n", total, copies\)', script).group(1)
    printed = printed.replace("%d", "61234", 1).replace("%d", "321").replace("\\n", "\n")
    result = parse_wrk(WRK_OUTPUT + printed + "\n")
    assert (result.hits, result.stale) == (61234, 321)


def test_wrk_output_with_the_hits_lines():
    output = WRK_OUTPUT + f"{HITS_LINE} 60000\n{STALE_LINE} 12\n"
    assert parse_wrk(output) == Result(6391.2, 0.85, 1200.0, 63912, 7, 5, hits=60000, stale=12)
    assert parse_wrk(WRK_OUTPUT).hits is None and parse_wrk(WRK_OUTPUT).stale is None


class Pages(http.server.BaseHTTPRequestHandler):
    """Answers /hit from the page cache, /stale with a stale copy, /miss rendered, anything
    else with a 404."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self):
        answers = {"/hit": (200, "hit"), "/stale": (200, "stale"), "/miss": (200, "miss")}
        status, cache = answers.get(self.path, (404, ""))
        self.send_response(status)
        self.send_header("Content-Length", "2")
        if cache:
            self.send_header("X-Page-Cache", cache)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def pages_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_python_generator_counts_hits_and_bad_answers(pages_server):
    paths = ["/hit", "/stale", "/miss", "/gone"]
    result = run_python_load(
        pages_server, connections=2, duration=0.5, paths=paths, count_hits=True
    )
    assert result.requests > 40 and result.errors == 0
    # Each connection goes through the four paths in turn: a quarter of each answer.
    assert result.hits == pytest.approx(result.requests / 4, abs=2)
    assert result.stale == pytest.approx(result.requests / 4, abs=2)
    assert result.bad_status == pytest.approx(result.requests / 4, abs=2)
    assert run_python_load(pages_server + "hit", connections=1, duration=0.2).hits is None


def test_percentiles_of_known_samples():
    assert median_and_p99([float(n) for n in range(1, 101)]) == (50.5, pytest.approx(99.99))
    assert median_and_p99([7.0]) == (7.0, 7.0)
    assert median_and_p99([]) == (math.inf, math.inf)
    assert percentile([50, 10, 40, 20, 30], 0.5) == 30
    assert percentile([50, 10, 40, 20, 30], 0.95) == 50
    assert percentile([50, 10, 40, 20, 30], 0) == 10


def test_the_fastest_run_is_kept():
    slow, quick = run(10.0), run(30.0)
    assert fastest([slow, quick, run(20.0)]) is quick


def test_a_table_rendered_from_known_rows():
    assert table(["page", "queries", ""], "lrl", [["home", 0, "none"], ["search", 12, ""]]) == [
        "| page | queries | |",
        "|---|--:|---|",
        "| home | 0 | none |",
        "| search | 12 | |",
    ]


def test_only_full_scans_of_quote_tables_count():
    plan = [
        "Hash Join  (cost=1.0..2.0 rows=1 width=8)",
        "  ->  Seq Scan on articles_quote  (cost=0.00..1.00 rows=1 width=8)",
        "  ->  Seq Scan on entities_sector  (cost=0.00..1.00 rows=1 width=8)",
        "  ->  Index Scan using x on articles_quote_sectors  (cost=0.1..8.1 rows=1)",
    ]
    assert quote_scans(plan) == ["articles_quote"]


SECTION = f"{WRITE_RATE_HEADING}\n\nnew figures\n"


def test_the_write_rate_section_replaces_an_earlier_one():
    text = f"# Benchmarks\n\n{WRITE_RATE_HEADING}\n\nold figures\n## Goals\n\n- x\n"
    # A blank line keeps the next heading apart.
    assert with_section(text, SECTION) == f"# Benchmarks\n\n{SECTION}\n## Goals\n\n- x\n"


def test_the_write_rate_section_goes_before_the_goals_or_at_the_end():
    assert with_section("# B\n\n## Goals\n", SECTION) == f"# B\n\n{SECTION}\n## Goals\n"
    assert with_section("# B\n", SECTION) == f"# B\n\n{SECTION}"


OPTIONS = {
    "connections": 8,
    "duration": 10,
    "repeats": 3,
    "long_duration": 30,
    "articles": 10_000,
    "seed": 1,
    "redis_url": "redis://127.0.0.1:6379/14",
    "workers": 2,
    "threads": 4,
}


def results(*, search_p99=40.0, scans=()):
    names = ["home", "search"]
    return {
        "measured": [("home", "/"), ("search", "/search/?q=tariffs")],
        "static_path": "/static/css/site.css",
        "static": run(1000.0),
        # The static file beside the warm rows once ran faster than the first static run.
        "beside": {"home": run(2000.0), "search": run(900.0), "304": run(1000.0)},
        "cold": {"home": run(100.0), "search": run(50.0)},
        "single": {"home": run(20.0, p99=30.0), "search": run(10.0, p99=search_p99)},
        "warm": {"home": run(1800.0), "search": run(810.0)},
        "revalidated": run(500.0),
        "cold_mixed": run(60.0, requests=1800),
        "warm_mixed": run(900.0, requests=27000, errors=2),
        "plans": [("person profile", "/people/a/", 9, list(scans))],
        "machine": {"CPU": "test", "Load generator": "wrk 4.2.0"},
        "counts": dict.fromkeys(names, 1),
    }


def markdown(r, problems=()):
    return results_markdown(
        r,
        options=OPTIONS,
        problems=list(problems),
        gunicorn_command="gunicorn tradewatch.wsgi",
        load_at_start=0.5,
    )


def test_the_report_takes_each_ratio_against_the_right_static_run():
    text = markdown(results())
    # Cold: to the fastest static run of all (2,000 req/s); warm: to the run beside it.
    assert (
        "| home (`/`) | 100.0 | 0.050 | 1.0 ms | 2.0 ms | 1.0 ms / 30.0 ms "
        "| 1,800.0 | 2,000.0 | 0.90 | 1.0 ms | 2.0 ms |"
    ) in text
    assert "| search (`/search/?q=tariffs`) | 50.0 | 0.025 |" in text
    assert "| warm | 27,000 | 900.0 | 1.0 ms | 2.0 ms | 2 | 0 |" in text
    assert "| person profile (`/people/a/`) | 9 | none |" in text
    assert "| Load average when the run started | 0.5 (other jobs" in text


def test_the_report_says_which_goals_are_reached():
    text = markdown(results(), problems=["`/` answered 500 before its run."])
    assert "- Warm pages and feeds ≥ 0.8 of the static file: reached (lowest: home, 0.90)." in text
    assert "- 304 ≥ 0.25 of the static file: reached (0.50)." in text
    assert "of the static file: **not reached** (lowest: search, 0.025)." in text
    assert "no 5xx: **not reached** (2 failed requests)." in text
    assert "- `/` answered 500 before its run." in text
    slow = markdown(results(search_p99=math.inf, scans=["articles_quote"]))
    assert "search < 150 ms: **not reached** (> 10 s)." in slow
    assert "tracker page: **not reached** (person profile)." in slow


def test_the_profile_section_keeps_its_place_beside_the_write_rate_section():
    profiles = [
        Profile(path="/", status=200, queries=4, total_ms=12.0, sql_ms=5.0, templates_ms=6.0),
        Profile(
            path="/tracker/", status=200, queries=8, total_ms=60.0, sql_ms=20.0, templates_ms=10.0
        ),
    ]
    names = {"/": "home", "/tracker/": "tracker"}
    section = profile_markdown(profiles, names, articles=10_000, today=datetime.date(2026, 1, 2))
    assert section.startswith(PROFILE_HEADING + "\n")
    assert "| home (`/`) | 4 | 12.0 ms | 5.0 ms | 6.0 ms | 1.0 ms | templates |" in section
    assert (
        "| tracker (`/tracker/`) | 8 | 60.0 ms | 20.0 ms | 10.0 ms | 30.0 ms | Python |" in section
    )
    assert "2026-01-02, 10,000 articles" in section
    assert "Most of the time goes to templates on home; Python on tracker." in section

    text = with_section(f"# B\n\n{SECTION}## Goals\n", section)
    assert text == f"# B\n\n{SECTION}{section}\n## Goals\n"
    again = profile_markdown(profiles[:1], names, articles=5, today=datetime.date(2026, 1, 3))
    updated = with_section(text, again)
    assert "tracker" not in updated and SECTION in updated and "2026-01-03, 5 articles" in updated


def writes(*, none=1000.0, targeted=800.0, rendering=600.0, site=500.0):
    return {
        "none": (run(none, requests=int(none * 60), errors=0), 0, 206),
        "targeted": (
            Result(targeted, 2.0, 30.0, int(targeted * 60), 0, 0, hits=45000, stale=2400),
            12,
            206,
        ),
        "targeted-rendering": (
            Result(rendering, 2.5, 60.0, int(rendering * 60), 0, 0, hits=30000, stale=0),
            12,
            206,
        ),
        "site": (Result(site, 3.0, 90.0, int(site * 60), 1, 0, hits=15000, stale=0), 12, 206),
    }


def write_rate(found, *, wrk=True):
    return write_rate_markdown(
        found,
        options={"write_duration": 60, "write_interval": 5.0},
        gunicorn_command="gunicorn tradewatch.wsgi",
        articles=10_000,
        wrk=wrk,
        today=datetime.date(2026, 1, 2),
    )


def test_the_write_rate_section_compares_each_run_with_no_writes():
    section = write_rate(writes())
    assert section.startswith(WRITE_RATE_HEADING + "\n")
    assert "32 connections read 206 pages in turn" in section
    assert "Measured with wrk, whose Lua script" in section
    assert "| no writes | 0 | 60,000 | 1,000.0 | 1.00 |" in section
    assert (
        "| targeted | 12 | 48,000 | 800.0 | 0.80 | 93.8% | 5.0% | 2.0 ms | 30.0 ms | 0 | 0 |"
        in section
    )
    assert (
        "| targeted, every reader renders | 12 | 36,000 | 600.0 | 0.60 | 83.3% | 0.0% | 2.5 ms "
        "| 60.0 ms | 0 | 0 |" in section
    )
    assert (
        "| site-wide | 12 | 30,000 | 500.0 | 0.50 | 50.0% | 0.0% | 3.0 ms | 90.0 ms | 1 | 0 |"
        in section
    )
    assert "Goal: reading while an editor writes ≥ 0.7 of no writes." in section
    assert "- targeted: reached (0.80)." in section
    assert "- targeted, every reader renders: **not reached** (0.60)." in section
    assert "- site-wide: **not reached** (0.50)." in section


def test_the_write_rate_section_says_when_the_python_generator_measured_it():
    section = write_rate(writes(targeted=650.0, site=750.0), wrk=False)
    assert "Measured with the Python load generator, wrk not being installed" in section
    assert "- targeted: **not reached** (0.65)." in section
    assert "- site-wide: reached (0.75)." in section
    assert with_section(f"# B\n\n{SECTION}## Goals\n", section) == f"# B\n\n{section}\n## Goals\n"
