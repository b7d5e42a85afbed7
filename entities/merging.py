"""Merging duplicate entities: everything moves to the kept one, nothing is lost."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from entities.models import MergeRecord, SlugRedirect
from entities.versions import Versions


def _history_links(model):
    """The many-to-many fields whose links `model`'s history keeps with each version."""
    history = getattr(model, "history", None)
    return list(getattr(history.model, "_history_m2m_fields", ())) if history else []


def _move_links(rel, kept, other, versions):
    """Link every object linked to `other` (through `rel`) to `kept` instead; return their ids.

    As removing `other` and adding `kept` one object at a time would, each object whose
    history keeps these links gets a version after each of the two changes.
    """
    field = rel.field
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    related = list(getattr(other, rel.get_accessor_name()).all())
    ids = [obj.pk for obj in related]
    already = set(
        through.objects.filter(**{target: kept.pk, f"{source}__in": ids}).values_list(
            source, flat=True
        )
    )
    added = {pk: through(**{source: pk, target: kept.pk}) for pk in ids if pk not in already}
    tracked = _history_links(rel.related_model)
    if field in tracked:
        links = {pk: {} for pk in ids}
        for link_field in tracked:
            rows = link_field.remote_field.through.objects.filter(
                **{f"{link_field.m2m_field_name()}__in": ids}
            )
            for row in rows:
                key = getattr(row, f"{link_field.m2m_field_name()}_id")
                links[key].setdefault(link_field.name, []).append(row)
        for obj in related:
            now = links[obj.pk]
            now[field.name] = [
                row for row in now.get(field.name, []) if getattr(row, target) != other.pk
            ]
            versions.record(obj, "~", links=dict(now))
            if obj.pk in added:
                now[field.name] = [*now[field.name], added[obj.pk]]
            versions.record(obj, "~", links=dict(now))
    through.objects.filter(**{target: other.pk, f"{source}__in": ids}).delete()
    through.objects.bulk_create(added.values())
    return ids


def _move_relations(kept, other):
    """Point every foreign key and many-to-many link at `other` to `kept`; return counts."""
    moved = {}
    versions = Versions()
    for rel in type(other)._meta.related_objects:
        accessor = rel.get_accessor_name()
        if accessor is None:
            continue
        label = f"{rel.related_model._meta.model_name}.{rel.field.name}"
        if rel.many_to_many:
            ids = _move_links(rel, kept, other, versions)
        elif rel.one_to_many or rel.one_to_one:
            qs = rel.related_model._base_manager.filter(**{rel.field.name: other})
            ids = list(qs.values_list("pk", flat=True))
            qs.update(**{rel.field.name: kept})
        else:
            continue
        if ids:
            moved[label] = ids
    versions.write()
    return moved


@transaction.atomic
def merge_entities(kept, others, *, user=None):
    """Merge `others` into `kept` (same model). Returns one MergeRecord per merged entity.

    Quotes, mentions, participations and every other link move to `kept`; the merged
    names become aliases of `kept`; the merged profiles' addresses redirect to it.
    """
    model = type(kept)
    content_type = ContentType.objects.get_for_model(model)
    records = []
    for other in others:
        if other.pk == kept.pk:
            continue
        if type(other) is not model:
            raise ValueError("Only entities of the same kind can be merged.")
        moved = _move_relations(kept, other)
        kept.add_alias(other.name)
        for alias in other.alias_list:
            kept.add_alias(alias)
        if not kept.description and other.description:
            kept.description = other.description
        if not kept.wikidata_id and other.wikidata_id:
            kept.wikidata_id = other.wikidata_id
        SlugRedirect.objects.filter(content_type=content_type, object_id=other.pk).update(
            object_id=kept.pk
        )
        old_slug = other.slug
        records.append(
            MergeRecord.objects.create(
                content_type=content_type,
                kept_id=kept.pk,
                kept_name=kept.name,
                merged_name=other.name,
                merged_slug=old_slug,
                moved=moved,
                merged_by=user,
            )
        )
        other.delete()
        SlugRedirect.objects.update_or_create(
            content_type=content_type, old_slug=old_slug, defaults={"object_id": kept.pk}
        )
    kept.save()
    return records
