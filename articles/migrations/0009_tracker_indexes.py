"""Covering indexes for the tracker's key quotes, activity tallies and person/sector filters.

Plain SQL (no change to the models' state): each index lets a query read an index
instead of the table. `article_id_publish_at` dates a quote by its article without
reading the articles' bodies; `quote_key_day` holds what the key quotes are sorted,
counted and filtered by; `quote_id_article` and `quote_speaker_article` give the
articles of a sector's or a person's quotes.
"""

from django.db import migrations

INDEXES = {
    "article_id_publish_at": "articles_article (id, publish_at)",
    "quote_key_day": "articles_quote (article_id, said_on, id, speaker_id) WHERE is_key",
    "quote_id_article": "articles_quote (id, article_id)",
    "quote_speaker_article": "articles_quote (speaker_id, article_id)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_stored_search_document"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON {definition}",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, definition in INDEXES.items()
    ]
