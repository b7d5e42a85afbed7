"""Indexes for the filters and orderings of the public pages and feeds."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_correction_uid_previewlink"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("status", "published")),
                fields=["-publish_at", "-id"],
                name="article_public_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="correction",
            index=models.Index(fields=["-created_at"], name="correction_newest"),
        ),
        *(
            migrations.AddIndex(
                model_name="mention",
                index=models.Index(fields=[field, "article"], name=f"mention_{field}_article"),
            )
            for field in ("person", "organization", "sector", "event", "country")
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(fields=["article", "start"], name="quote_article_order"),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                condition=models.Q(("is_key", True)), fields=["article"], name="quote_key"
            ),
        ),
    ]
