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
        for item in TaggedItem.objects.filter(tag=other):
            duplicate = TaggedItem.objects.filter(
                tag=kept, content_type_id=item.content_type_id, object_id=item.object_id
            ).exists()
            if duplicate:
                item.delete()
            else:
                item.tag = kept
                item.save(update_fields=["tag"])
        old_slug = other.slug
        other.delete()
        SlugRedirect.remember(kept, old_slug)
