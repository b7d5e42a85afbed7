"""The setup a benchmark ran on: the machine, the versions, and how much data."""

import os
import platform
import re
import shutil
import subprocess
from pathlib import Path

import django
from django.db import connection

COUNTED_TABLES = [
    ("articles", "articles_article"),
    ("quotes", "articles_quote"),
    ("mentions", "articles_mention"),
    ("people", "entities_person"),
    ("organizations", "entities_organization"),
    ("sectors", "entities_sector"),
    ("events", "entities_event"),
    ("countries", "entities_country"),
]


def data_counts():
    """{label: rows} of the main tables."""
    with connection.cursor() as cursor:
        counts = {}
        for label, table in COUNTED_TABLES:
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
    """{what: description} of the machine and of every program in the benchmark."""
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
