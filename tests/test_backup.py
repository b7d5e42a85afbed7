"""`manage.py backup` (what `make backup` runs): a database copy and a bundle that restore.

The tests commit their data (transaction=True): pg_dump reads from its own connection,
and SQLite's online backup cannot copy a database inside an open transaction.
"""

import io
import sqlite3
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from articles.bundles import export_lines
from articles.models import Article, Quote
from tests.factories import (
    make_article,
    make_event,
    make_person,
    make_quote,
    make_sector,
    wipe_everything,
)

BODY = "Ottawa answered on Friday.\n\n“Steel is not for sale,” the minister said."


def coverage():
    steel = make_sector(name="steel")
    article = make_article(headline="Ottawa answers", body=BODY, tags=["tariffs"])
    make_quote(
        article=article,
        text="Steel is not for sale,",
        speaker=make_person(name="Anita Example", title="Minister"),
        speaker_title="Minister",
        sectors=[steel],
        events=[make_event(name="Metals talks")],
    )
    make_article(published=False, headline="A draft", body="Nothing yet.")
    return article


def backup(directory):
    out = io.StringIO()
    call_command("backup", output_dir=str(directory), stdout=out)
    files = sorted(directory.iterdir())
    assert len(files) == 2, files
    bundle = next(f for f in files if f.suffix == ".jsonl")
    database = next(f for f in files if f.suffix != ".jsonl")
    assert bundle.stem == database.stem  # one timestamp names both
    assert str(bundle) in out.getvalue() and "2 article(s)" in out.getvalue()
    return database, bundle


@pytest.mark.django_db(transaction=True)
def test_the_bundle_of_a_backup_restores_into_an_empty_database_identically(tmp_path):
    coverage()
    _, bundle = backup(tmp_path)
    exported = bundle.read_bytes()
    assert exported.count(b"\n") == 2

    wipe_everything()
    assert not Article.objects.exists() and not Quote.objects.exists()
    out = io.StringIO()
    call_command("import_bundle", str(bundle), stdout=out)
    assert Article.objects.count() == 2
    quote = Quote.objects.get()
    assert quote.speaker.name == "Anita Example"
    assert [s.name for s in quote.sectors.all()] == ["steel"]
    assert "".join(export_lines()).encode() == exported


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite copy needs SQLite")
def test_the_sqlite_copy_holds_the_whole_database(tmp_path):
    article = coverage()
    database, _ = backup(tmp_path)
    copy = sqlite3.connect(database)
    try:
        headlines = {row[0] for row in copy.execute("SELECT headline FROM articles_article")}
        quotes = copy.execute("SELECT text FROM articles_quote").fetchall()
        migrations = copy.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
    assert headlines == {article.headline, "A draft"}
    assert quotes == [("Steel is not for sale,",)]
    assert migrations > 0 and check == "ok"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL")
def test_the_pg_dump_archive_holds_the_committed_data(tmp_path):
    coverage()
    database, _ = backup(tmp_path)
    assert database.suffix == ".dump"
    script = subprocess.run(
        ["pg_restore", "--data-only", "--table=articles_quote", "--file=-", str(database)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Steel is not for sale," in script
    listing = subprocess.run(
        ["pg_restore", "--list", str(database)], check=True, capture_output=True, text=True
    ).stdout
    assert "TABLE DATA public articles_article" in listing


@pytest.mark.django_db
def test_an_unwritable_output_directory_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(CommandError, match="Cannot create"):
        call_command("backup", output_dir=str(blocker / "sub"), stdout=io.StringIO())
