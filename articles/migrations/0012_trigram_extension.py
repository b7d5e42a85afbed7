"""pg_trgm on PostgreSQL: search finds names a reader misspells (“Lutnik”, “aluminium”).

`articles/search.py` compares the words of a query with entity names by trigram
similarity. `TrigramExtension` does nothing on other databases, where search compares
names in Python instead.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_date_repeated_quotes_by_first_report"),
    ]

    operations = [TrigramExtension()]
