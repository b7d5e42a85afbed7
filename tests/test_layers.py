"""The floor plan holds: each part of the code imports only the parts beneath it.

    entities (the catalogue) ← articles (the newsroom) ← articles.public (the public site)

`articles.demo` (demo data, fake data, benchmarks) may use everything and nothing uses
it; `articles.annotation` (the engine) uses nothing of Django or of the project; and
`tradewatch` (settings, URLs, WSGI) wires the apps together without any of them
importing it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, source):
    """Every module `source` (the file at `path`) imports, relative imports resolved, at
    any depth of the file."""
    tree = ast.parse(source, filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            # `from articles import public` imports the module articles.public.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def within(module, *packages):
    return any(module == p or module.startswith(p + ".") for p in packages)


def part_of(module):
    """Which part of the floor plan a module of ours belongs to."""
    for part in ("articles.annotation", "articles.public", "articles.demo"):
        if within(module, part):
            return part
    return module.split(".")[0]


# What each part may not import (besides what is simply not beneath it).
FORBIDDEN = {
    "entities": ("articles", "tradewatch"),
    "articles": ("articles.public", "articles.demo", "tradewatch"),
    "articles.public": ("articles.demo", "tradewatch"),
    "articles.annotation": ("django", "rest_framework", "entities", "articles", "tradewatch"),
    "tradewatch": ("articles.demo",),
}
ALLOWED_WITHIN = {"articles.annotation": ("articles.annotation",)}


def violations(files):
    """["a imports b", ...] for each import up the floor plan in (path, source) pairs."""
    found = []
    for path, source in files:
        module = module_name(path)
        part = part_of(module)
        for imported in sorted(imported_modules(path, source)):
            if within(imported, *ALLOWED_WITHIN.get(part, ())):
                continue
            if within(imported, *FORBIDDEN.get(part, ())):
                found.append(f"{module} imports {imported}")
    return found


def source_files():
    for top in ("entities", "articles", "tradewatch"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, path.read_text(encoding="utf-8")


def test_every_import_goes_down_the_floor_plan():
    assert violations(source_files()) == []


@pytest.mark.parametrize(
    ("where", "line", "expected"),
    [
        ("entities/example.py", "from articles.models import Quote", "entities.example imports"),
        ("articles/example.py", "from articles.public import feeds", "articles.example imports"),
        ("articles/example.py", "from tradewatch import settings", "articles.example imports"),
        ("articles/public/example.py", "from ..demo import loader", "articles.public.example"),
        ("articles/annotation/example.py", "import django.db", "articles.annotation.example"),
        ("articles/annotation/example.py", "from articles.models import Quote", "annotation"),
        ("articles/annotation/example.py", "    from entities import models", "annotation"),
    ],
)
def test_an_import_up_the_floor_plan_is_caught(where, line, expected):
    body = f"def f():\n{line}\n" if line.startswith(" ") else f"{line}\n"
    found = violations([(ROOT / where, body)])
    assert found
    assert all(expected in violation for violation in found)


@pytest.mark.parametrize(
    ("where", "line"),
    [
        ("articles/example.py", "from entities.models import Person"),
        ("articles/public/example.py", "from articles.models import Quote"),
        ("articles/demo/example.py", "from articles.public import dependencies"),
        ("articles/annotation/example.py", "from .text import Doc"),
        ("tradewatch/example.py", "from articles.public import dependencies"),
    ],
)
def test_an_import_down_the_floor_plan_is_allowed(where, line):
    assert violations([(ROOT / where, f"{line}\n")]) == []
