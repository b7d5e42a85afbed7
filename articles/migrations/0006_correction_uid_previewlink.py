"""Corrections get a permanent id for their feed; editors get preview links for drafts."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import articles.models

PREVIEW_LINK_PERMISSIONS = ["add_previewlink", "change_previewlink", "view_previewlink"]


def mint_correction_uids(apps, schema_editor):
    Correction = apps.get_model("articles", "Correction")
    HistoricalCorrection = apps.get_model("articles", "HistoricalCorrection")
    for correction in Correction.objects.all():
        correction.uid = uuid.uuid4()
        correction.save(update_fields=["uid"])
        HistoricalCorrection.objects.filter(id=correction.pk).update(uid=correction.uid)
    for record in HistoricalCorrection.objects.filter(uid__isnull=True):
        record.uid = uuid.uuid4()
        record.save(update_fields=["uid"])


def grant_preview_links_to_editors(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    # Historical apps have no models module; the live registry (tests pass it) keeps its own.
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="articles", codename__in=PREVIEW_LINK_PERMISSIONS
    )
    for editor in Group.objects.filter(name="Editor"):
        editor.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_rejected_suggestions"),
        ("articles", "0003_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="correction",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="permanent id"),
        ),
        migrations.AddField(
            model_name="historicalcorrection",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="permanent id"),
        ),
        migrations.RunPython(mint_correction_uids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="correction",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Minted once; the corrections feed uses it as the item's id.",
                unique=True,
                verbose_name="permanent id",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcorrection",
            name="uid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Minted once; the corrections feed uses it as the item's id.",
                verbose_name="permanent id",
            ),
        ),
        migrations.AlterField(
            model_name="correction",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                help_text="Shown to readers; the article's update time.",
                verbose_name="time",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcorrection",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                help_text="Shown to readers; the article's update time.",
                verbose_name="time",
            ),
        ),
        migrations.CreateModel(
            name="PreviewLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "token",
                    models.CharField(
                        default=articles.models.new_preview_token,
                        editable=False,
                        max_length=64,
                        unique=True,
                        verbose_name="token",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "expires_at",
                    models.DateTimeField(
                        help_text="After this moment the link shows only that it has expired.",
                        verbose_name="expires",
                    ),
                ),
                (
                    "revoked_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="revoked"
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="preview_links",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
            ],
            options={
                "verbose_name": "preview link",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.RunPython(grant_preview_links_to_editors, migrations.RunPython.noop),
    ]
