"""GIN indexes for full-text search on PostgreSQL (no-ops on other databases).

The indexed expressions are the ones `articles/search.py` queries: an article's
headline (weight A), dek (B) and body (C), and a quote's text, in the `english`
configuration. Built with Django's own expression compiler so that the index and the
queries compile to the same SQL and the planner can use the index.
"""

from django.db import migrations

CONFIG = "english"


def _indexes():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    article = GinIndex(
        SearchVector("headline", weight="A", config=CONFIG)
        + SearchVector("dek", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG),
        name="article_search_document",
    )
    quote = GinIndex(SearchVector("text", config=CONFIG), name="quote_search_document")
    return {"Article": article, "Quote": quote}


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in _indexes().items():
        schema_editor.add_index(apps.get_model("articles", model_name), index)


def remove_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in _indexes().items():
        schema_editor.remove_index(apps.get_model("articles", model_name), index)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_roles"),
    ]

    operations = [
        migrations.RunPython(add_search_indexes, remove_search_indexes, elidable=False),
    ]
