"""Tag housekeeping: merging duplicate tags and keeping renamed tags' addresses alive."""

from django.db import transaction
from taggit.models import TaggedItem

from entities.models import SlugRedirect


def remember_tag_slug(tag, old_slug):
    if old_slug and old_slug != tag.slug:
        SlugRedirect.remember(tag, old_slug)


@transaction.atomic
def merge_tags(kept, others, *, user=None):
    """Retag everything tagged with `others` as `kept`, then delete `others`."""
    for other in others:
        if other.pk == kept.pk:
            continue
        items = list(TaggedItem.objects.filter(tag=other))
        tagged_kept = set(
            TaggedItem.objects.filter(
                tag=kept, object_id__in={item.object_id for item in items}
            ).values_list("content_type_id", "object_id")
        )
        duplicates = [
            item.pk for item in items if (item.content_type_id, item.object_id) in tagged_kept
        ]
        TaggedItem.objects.filter(pk__in=duplicates).delete()
        TaggedItem.objects.filter(tag=other).update(tag=kept)
        old_slug = other.slug
        other.delete()
        SlugRedirect.remember(kept, old_slug)
