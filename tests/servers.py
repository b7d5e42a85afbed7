"""Real app servers for tests that cross the network: gunicorn on a free loopback port,
run with the environment the test gives it, and a urllib client."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

GUNICORN = Path(sys.executable).parent / "gunicorn"


def embedded_env(tmp_path, **extra):
    """The environment of a small newsroom's servers: SQLite and a file cache in
    `tmp_path`, no Redis, whatever this test process was given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CACHE_URL", "PAGE_CACHE_SECONDS", "DATABASE_URL"}
    }
    return env | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'newsroom.sqlite3'}",
        "CACHE_URL": f"file://{tmp_path / 'cache'}",
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        **extra,
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    """Run a management command in its own process, with `env`."""
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


def start_gunicorn(port, env, log, workers=2):
    return subprocess.Popen(
        [
            str(GUNICORN),
            "tradewatch.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until_serving(base, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {base} exited with status {process.returncode}")
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server at {base} did not answer within {timeout} s")


@contextmanager
def serving(env, log_path, workers=2):
    """A gunicorn server with `env`, its output in `log_path`; yields its base address."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        server = start_gunicorn(port, env, log, workers)
        try:
            wait_until_serving(base, server)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


def get(base, path, headers=None):
    """(status, headers, text) of an anonymous GET."""
    request = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
