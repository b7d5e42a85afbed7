"""Load generators: wrk when it is installed, a small Python one otherwise, both giving a
`Result` of throughput, latency percentiles and failures."""

import http.client
import json
import math
import re
import subprocess
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass

from articles.demo.bench.figures import median_and_p99

# A request not answered within this many seconds counts as an error (wrk's timeout).
WRK_TIMEOUT_S = 10
# Every request says what browsers and feed readers say.
ACCEPT_ENCODING = "Accept-Encoding: gzip"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


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
    p50, p99 = median_and_p99(latencies)
    return Result(
        rps=len(latencies) / duration,
        p50=p50,
        p99=p99,
        requests=len(latencies),
        errors=failures["errors"],
        bad_status=failures["bad"],
    )


def mixed_script_text(paths):
    """The Lua of a wrk script cycling through `paths`, one after the other."""
    listed = ", ".join(json.dumps(path) for path in paths)
    return (
        f"local paths = {{{listed}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n'
    )


def mixed_script(paths):
    """A wrk script file cycling through `paths`; the caller deletes it."""
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    with handle:
        handle.write(mixed_script_text(paths))
    return handle.name
