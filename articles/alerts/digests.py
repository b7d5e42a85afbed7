"""Subscribing, confirming, unsubscribing, and the digests `send_alerts` sends.

Links in emails carry the subscription's secret, signed: a confirmation link for a
week, an unsubscribe link for as long as the subscription exists. A digest lists the
public quotes and articles about the followed entity that appeared (were published,
or were added to a published article) after the subscription's `checked_until` and up
to the run's start. The window is claimed before the email goes out (a conditional
update, so two runs at once never claim the same window) and given back if sending
fails: nothing is sent twice.
"""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote, Subscription

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
DIGEST_QUOTES = 20
DIGEST_ARTICLES = 10

log = logging.getLogger(__name__)


def signed(subscription, salt):
    return signing.dumps(str(subscription.token), salt=salt)


def from_signed(value, salt, max_age=None):
    """The subscription a signed link names, or None (tampered, expired or gone)."""
    try:
        token = signing.loads(value, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(token=token).first()


def confirm_path(subscription):
    return reverse("articles:alert-confirm", args=[signed(subscription, CONFIRM_SALT)])


def unsubscribe_path(subscription):
    return reverse("articles:alert-unsubscribe", args=[signed(subscription, UNSUBSCRIBE_SALT)])


def subscribe(email, entity):
    """The pending subscription of `email` to `entity` (an existing one is reused, and a
    subscription that was ended starts over); the caller sends the confirmation."""
    field = type(entity)._meta.model_name
    subscription = Subscription.objects.filter(email=email, **{field: entity}).first()
    if subscription is None:
        return Subscription.objects.create(email=email, **{field: entity})
    if subscription.unsubscribed_at:
        subscription.unsubscribed_at = subscription.confirmed_at = None
        subscription.save(update_fields=["unsubscribed_at", "confirmed_at"])
    return subscription


def send_confirmation(subscription, absolute):
    """The double opt-in email: nothing is sent to the address until its owner confirms."""
    context = {
        "subscription": subscription,
        "entity": subscription.entity,
        "confirm_url": absolute(confirm_path(subscription)),
        "site_name": settings.SITE_NAME,
        "days": CONFIRM_MAX_AGE.days,
    }
    EmailMessage(
        subject=f"Confirm your {settings.SITE_NAME} alerts about {subscription.entity.name}",
        body=render_to_string("articles/alerts/confirm_email.txt", context),
        to=[subscription.email],
    ).send()


def confirm(subscription, now=None):
    """Start the alerts: from now on, new quotes and articles go into digests."""
    if subscription.confirmed_at and not subscription.unsubscribed_at:
        return
    now = now or timezone.now()
    subscription.confirmed_at = subscription.checked_until = now
    subscription.unsubscribed_at = None
    subscription.save(update_fields=["confirmed_at", "checked_until", "unsubscribed_at"])


def unsubscribe(subscription, now=None):
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = now or timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])


def quotes_about(subscription, quotes):
    """`quotes` narrowed to those about what the subscription follows."""
    entity, kind = subscription.entity, subscription.kind
    if kind == "sector":  # and its sub-sectors, as the sector's page
        return quotes.in_sector(entity)
    by_kind = {"person": "speaker", "event": "events", "country": "speaker__country"}
    return quotes.filter(**{by_kind[kind]: entity})


def new_items(subscription, until):
    """(quotes, articles): public, about the entity, appeared in (checked_until, until]."""
    since = subscription.checked_until
    quotes = (
        quotes_about(subscription, Quote.objects.public(until))
        .annotate(appeared=Greatest("article__publish_at", "created_at"))
        .filter(appeared__gt=since, appeared__lte=until)
        .select_related("speaker", "article")
        .distinct()
        .order_by("article__publish_at", "position", "pk")
    )
    articles = (
        Article.objects.published(until)
        .filter(publish_at__gt=since, publish_at__lte=until)
        .filter(**{f"mentions__{subscription.kind}": subscription.entity})
        .distinct()
        .order_by("publish_at", "pk")
    )
    return list(quotes), list(articles)


def digest_message(subscription, quotes, articles, connection):
    site = settings.SITE_URL
    unsubscribe_url = site + unsubscribe_path(subscription)
    entity = subscription.entity
    context = {
        "entity": entity,
        "entity_url": site + entity.get_absolute_url(),
        "quotes": quotes[:DIGEST_QUOTES],
        "more_quotes": max(0, len(quotes) - DIGEST_QUOTES),
        "articles": articles[:DIGEST_ARTICLES],
        "more_articles": max(0, len(articles) - DIGEST_ARTICLES),
        "site_url": site,
        "site_name": settings.SITE_NAME,
        "unsubscribe_url": unsubscribe_url,
    }
    counted = []
    if quotes:
        counted.append(f"{len(quotes)} new quote{'s' if len(quotes) != 1 else ''}")
    if articles:
        counted.append(f"{len(articles)} new article{'s' if len(articles) != 1 else ''}")
    return EmailMessage(
        subject=f"{settings.SITE_NAME}: {' and '.join(counted)} on {entity.name}",
        body=render_to_string("articles/alerts/digest_email.txt", context),
        to=[subscription.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_digests(now=None):
    """Send every due digest; returns (sent, with nothing new, failed). A digest that could
    not be sent keeps its window for the next run."""
    now = now or timezone.now()
    sent = quiet = failed = 0
    seen = set()
    subscriptions = Subscription.objects.active().select_related(
        "person", "sector", "event", "country"
    )
    connection = get_connection()
    try:
        for subscription in subscriptions.order_by("pk"):
            since = subscription.checked_until
            claimed = Subscription.objects.filter(pk=subscription.pk, checked_until=since)
            duplicate = (subscription.email.lower(), subscription.kind, subscription.entity.pk)
            if duplicate in seen:  # two profiles merged: one digest per address and entity
                claimed.update(checked_until=now)
                continue
            seen.add(duplicate)
            quotes, articles = new_items(subscription, now)
            if not quotes and not articles:
                claimed.update(checked_until=now)
                quiet += 1
                continue
            if not claimed.update(checked_until=now):
                continue  # another run has this window
            try:
                connection.open()  # once: later calls find it open
                digest_message(subscription, quotes, articles, connection).send()
            except Exception:
                log.exception("The digest to subscription %s could not be sent", subscription.pk)
                Subscription.objects.filter(pk=subscription.pk, checked_until=now).update(
                    checked_until=since
                )
                failed += 1
                continue
            Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
            sent += 1
    finally:
        connection.close()
    return sent, quiet, failed
