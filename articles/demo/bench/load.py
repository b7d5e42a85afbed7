"""Load generators: wrk when it is installed, a small Python one otherwise, both giving a
`Result` of throughput, latency percentiles, failures and, when asked, page cache hits."""

import contextlib
import http.client
import itertools
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from articles.demo.bench.figures import median_and_p99

# A request not answered within this many seconds counts as an error (wrk's timeout).
WRK_TIMEOUT_S = 10
# Every request says what browsers and feed readers say.
ACCEPT_ENCODING = "Accept-Encoding: gzip"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
# The lines a hit-counting wrk script prints when the run is done.
HITS_LINE = "Page cache hits:"
STALE_LINE = "Page cache stale copies:"


@dataclass
class Result:
    """One load run: throughput, latency percentiles in milliseconds, failures."""

    rps: float
    p50: float
    p99: float
    requests: int
    errors: int
    bad_status: int
    # Answers from the page cache (`X-Page-Cache: hit`), when the run counted them, and
    # its stale copies, given while another request rendered the page again (`stale`).
    hits: int | None = None
    stale: int | None = None

    @property
    def failures(self):
        return self.errors + self.bad_status


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS_MS[unit]


def parse_wrk(output):
    """The `Result` in the text wrk prints with `--latency`."""
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    hits = re.search(rf"^{HITS_LINE} (\d+)$", output, re.M)
    stale = re.search(rf"^{STALE_LINE} (\d+)$", output, re.M)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return Result(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        # No request answered within wrk's timeout: the latency is beyond it.
        p50=_ms(percentiles["50"]) if requests else math.inf,
        p99=_ms(percentiles["99"]) if requests else math.inf,
        requests=requests,
        errors=sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        bad_status=int(bad.group(1)) if bad else 0,
        hits=int(hits.group(1)) if hits else None,
        stale=int(stale.group(1)) if stale else None,
    )


def wrk_installed():
    return shutil.which("wrk") is not None


def wrk_command(url, *, connections, duration, headers=(), script=None):
    """The wrk command line for one run."""
    headers = [ACCEPT_ENCODING, *headers]
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["--timeout", f"{WRK_TIMEOUT_S}s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    return command + [url]


def run_wrk(url, *, connections, duration, headers=(), script=None):
    command = wrk_command(
        url, connections=connections, duration=duration, headers=headers, script=script
    )
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def run_python_load(url, *, connections, duration, headers=(), paths=None, count_hits=False):
    """A small load generator for machines without wrk: one keep-alive connection per
    thread, each going through `paths` (else the address of `url`) in turn from its own
    starting point. With `count_hits`, counts the answers the page cache gave."""
    parts = urllib.parse.urlsplit(url)
    targets = paths or [parts.path + (f"?{parts.query}" if parts.query else "")]
    extra = dict(header.split(": ", 1) for header in [ACCEPT_ENCODING, *headers])
    deadline = time.monotonic() + duration

    def reader(offset):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=WRK_TIMEOUT_S)
        with contextlib.closing(connection):
            turn = itertools.islice(itertools.cycle(targets), offset % len(targets), None)
            return read_until(connection, turn, extra, deadline)

    with ThreadPoolExecutor(max_workers=connections) as pool:
        tallies = list(pool.map(reader, range(connections)))
    latencies = [ms for tally in tallies for ms in tally.latencies]
    p50, p99 = median_and_p99(latencies)
    return Result(
        rps=len(latencies) / duration,
        p50=p50,
        p99=p99,
        requests=len(latencies),
        errors=sum(tally.errors for tally in tallies),
        bad_status=sum(tally.bad_status for tally in tallies),
        hits=sum(tally.hits for tally in tallies) if count_hits else None,
        stale=sum(tally.stale for tally in tallies) if count_hits else None,
    )


@dataclass
class Tally:
    """What one connection of the Python generator saw."""

    latencies: list
    errors: int = 0
    bad_status: int = 0
    hits: int = 0
    stale: int = 0


def read_until(connection, paths, headers, deadline):
    """GET each of `paths` in turn on `connection` until `deadline`: the `Tally`."""
    tally = Tally(latencies=[])
    for path in paths:
        if time.monotonic() >= deadline:
            break
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            # wrk's way: a failed request counts as an error and the connection is opened
            # again for the next one.
            connection.close()
            tally.errors += 1
        else:
            tally.bad_status += response.status >= 400
            tally.hits += response.getheader("X-Page-Cache") == "hit"
            tally.stale += response.getheader("X-Page-Cache") == "stale"
        tally.latencies.append((time.perf_counter() - started) * 1000)
    return tally


def mixed_script_text(paths, *, count_hits=False):
    """The Lua of a wrk script cycling through `paths`, one after the other; with
    `count_hits`, each thread counts the answers carrying `X-Page-Cache: hit` and
    `stale`, and the run ends with lines giving their totals (read by `parse_wrk`)."""
    listed = ", ".join(json.dumps(path) for path in paths)
    script = (
        f"local paths = {{{listed}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n'
    )
    return script + (HITS_LUA % (HITS_LINE, STALE_LINE) if count_hits else "")


# `hits` and `stale` are global: each thread's own, read by `done` in the main script
# with thread:get.
HITS_LUA = """
hits = 0
stale = 0
response = function(status, headers, body)
  if headers["X-Page-Cache"] == "hit" then
    hits = hits + 1
  elseif headers["X-Page-Cache"] == "stale" then
    stale = stale + 1
  end
end

local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

done = function(summary, latency, requests)
  local total, copies = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("hits")
    copies = copies + thread:get("stale")
  end
  io.write(string.format("%s %%d\\n%s %%d\\n", total, copies))
end
"""


def mixed_script(paths, *, count_hits=False):
    """A wrk script file cycling through `paths`; the caller deletes it."""
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    with handle:
        handle.write(mixed_script_text(paths, count_hits=count_hits))
    return handle.name


def run_mixed(url, *, paths, connections, duration, count_hits=False):
    """Every one of `paths` in turn: with wrk and a script when wrk is installed, else with
    the Python generator."""
    if not wrk_installed():
        return run_python_load(
            url, connections=connections, duration=duration, paths=paths, count_hits=count_hits
        )
    script = mixed_script(paths, count_hits=count_hits)
    try:
        return run_wrk(url, connections=connections, duration=duration, script=script)
    finally:
        os.unlink(script)
