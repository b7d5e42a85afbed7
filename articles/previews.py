"""Preview links: a secret, expiring address that shows one draft to a reviewer without an account.

The token is random (256 bits) and stored with the link, so an editor can copy the
address again from the admin and revoke it at any time. A link opens exactly one
article and grants nothing else: no session, no admin access, no other article.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from articles.models import PreviewLink

DEFAULT_LIFETIME_DAYS = 7
MAX_LIFETIME_DAYS = 30


def create_preview_link(article, *, user, days=DEFAULT_LIFETIME_DAYS):
    """A new link to `article`, valid for `days` days."""
    if not 1 <= days <= MAX_LIFETIME_DAYS:
        raise ValueError(f"A preview link lasts from 1 to {MAX_LIFETIME_DAYS} days.")
    return PreviewLink.objects.create(
        article=article,
        created_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )


def revoke(links):
    """Revoke every link of the queryset that is not revoked yet; returns how many."""
    return links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


@dataclass
class Lookup:
    """What a token opens: the link, or why it opens nothing (`gone` says it once existed)."""

    link: PreviewLink | None = None
    message: str = ""
    gone: bool = False


def open_preview(token):
    """The active link with this token, or a reader-facing reason why there is none."""
    link = PreviewLink.objects.select_related("article").filter(token=token).first()
    if link is None:
        return Lookup(message="There is no preview at this address.")
    if link.revoked_at is not None:
        return Lookup(message="This preview link was withdrawn by the newsroom.", gone=True)
    if link.expires_at <= timezone.now():
        return Lookup(
            message="This preview link has expired. Ask the newsroom for a new one.", gone=True
        )
    if link.article.deleted_at is not None:
        return Lookup(message="This article is no longer available for preview.", gone=True)
    return Lookup(link=link)
