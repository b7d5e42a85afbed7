"""The newsroom's two roles: reporters write drafts, editors also publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = {
    "articles": {
        "article": ["add", "change", "view"],
        "quote": ["add", "change", "view", "delete"],
        "mention": ["add", "change", "view", "delete"],
        "correction": ["view"],
    },
    "entities": {
        "person": ["add", "change", "view"],
        "organization": ["add", "change", "view"],
        "sector": ["view"],
        "event": ["add", "change", "view"],
        "country": ["view"],
        "eventstatuschange": ["add", "change", "view"],
    },
    "taggit": {"tag": ["add", "view"]},
}
EDITOR_EXTRA = {
    "articles": {
        "article": ["delete", "publish"],
        "correction": ["add", "change", "delete"],
    },
    "entities": {
        "person": ["delete"],
        "organization": ["delete"],
        "sector": ["add", "change", "delete"],
        "event": ["delete"],
        "country": ["add", "change", "delete"],
        "eventstatuschange": ["delete"],
        "mergerecord": ["view"],
        "slugredirect": ["view"],
    },
    "taggit": {"tag": ["change", "delete"]},
}


def codename(action, model):
    return "publish_article" if action == "publish" else f"{action}_{model}"


def grant(apps, group, spec):
    Permission = apps.get_model("auth", "Permission")
    for app_label, models in spec.items():
        for model, actions in models.items():
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=codename(action, model)
                    )
                )


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    reporter, _ = Group.objects.get_or_create(name="Reporter")
    grant(apps, reporter, REPORTER)
    editor, _ = Group.objects.get_or_create(name="Editor")
    grant(apps, editor, REPORTER)
    grant(apps, editor, EDITOR_EXTRA)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reporter", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial"),
        ("entities", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
