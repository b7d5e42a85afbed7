"""Search documents of articles and quotes stored in their rows on PostgreSQL.

The GIN indexes of 0004 covered expressions, so a search matching much of the archive
still computed every match's document to rank it, and the planner, which prices that
computation low, preferred reading the whole table. A generated column holds each
document once per write instead: matching, counting and ranking read it from the
index and the row. `articles/search.py` queries the columns by name. A no-op on
other databases.

The columns are generated from headline, dek, body and a quote's text, so PostgreSQL
refuses to change those columns' types while they exist: a migration that alters one
drops the documents first and adds them back after (`remove_search_documents`, then
`add_search_documents`).
"""

from django.db import migrations

DOCUMENTS = {
    "articles_article": (
        "setweight(to_tsvector('english'::regconfig, COALESCE(headline, '')), 'A')"
        " || setweight(to_tsvector('english'::regconfig, COALESCE(dek, '')), 'B')"
        " || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')"
    ),
    "articles_quote": "to_tsvector('english'::regconfig, COALESCE(text, ''))",
}
INDEXES = {"articles_article": "article_search_document", "articles_quote": "quote_search_document"}


def add_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, document in DOCUMENTS.items():
        index = INDEXES[table]
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector "
            f"GENERATED ALWAYS AS ({document}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_document)")


def remove_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, document in DOCUMENTS.items():
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_document")
        schema_editor.execute(f"CREATE INDEX {INDEXES[table]} ON {table} USING gin (({document}))")


# The links of quotes to sectors and events, read from the sector's or event's side
# (profiles, the tracker): the index alone answers which quotes.
LINK_INDEXES = [
    ("quote_sector_quotes", "articles_quote_sectors", "sector_id, quote_id"),
    ("quote_event_quotes", "articles_quote_events", "event_id, quote_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_query_indexes"),
    ]

    operations = [
        migrations.RunPython(add_search_documents, remove_search_documents, elidable=False),
        *(
            migrations.RunSQL(f"CREATE INDEX {name} ON {table} ({columns})", f"DROP INDEX {name}")
            for name, table, columns in LINK_INDEXES
        ),
    ]
