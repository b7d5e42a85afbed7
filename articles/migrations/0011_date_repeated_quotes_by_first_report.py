from django.db import migrations
from django.db.models import OuterRef, Subquery


def date_repeats_by_first_report(apps, schema_editor):
    """A repeated quote dated after the report it repeats takes that report's day."""
    Quote = apps.get_model("articles", "Quote")
    first_day = Quote.objects.filter(pk=OuterRef("first_appearance_id")).values("day")[:1]
    Quote.objects.filter(first_appearance__isnull=False, day__gt=Subquery(first_day)).update(
        day=Subquery(first_day)
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_quote_day")]

    operations = [migrations.RunPython(date_repeats_by_first_report, migrations.RunPython.noop)]
