"""Merging duplicate entities: everything moves to the kept one, nothing is lost."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from entities.models import MergeRecord, SlugRedirect


def _move_relations(kept, other):
    """Point every foreign key and many-to-many link at `other` to `kept`; return counts."""
    moved = {}
    for rel in type(other)._meta.related_objects:
        accessor = rel.get_accessor_name()
        if accessor is None:
            continue
        label = f"{rel.related_model._meta.model_name}.{rel.field.name}"
        if rel.many_to_many:
            related = list(getattr(other, accessor).all())
            for obj in related:
                getattr(obj, rel.field.name).remove(other)
                getattr(obj, rel.field.name).add(kept)
            ids = [obj.pk for obj in related]
        elif rel.one_to_many or rel.one_to_one:
            qs = rel.related_model._base_manager.filter(**{rel.field.name: other})
            ids = list(qs.values_list("pk", flat=True))
            qs.update(**{rel.field.name: kept})
        else:
            continue
        if ids:
            moved[label] = ids
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
