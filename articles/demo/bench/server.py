"""The server under test: gunicorn on loopback with DEBUG off and the cache in Redis."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError


def gunicorn_command(*, workers, threads):
    """The command line serving the site, without its `--bind`."""
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        "tradewatch.wsgi",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
    ]


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
    """The server's environment: production settings on loopback, pages cached for
    `page_cache` seconds (0: the page cache off)."""
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


def collect_static(redis_url):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=server_env(redis_url=redis_url, page_cache=0),
        check=True,
    )


@contextmanager
def gunicorn(command, env, log_path):
    """The site served by `command` on a free port, its base URL once it answers."""
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
