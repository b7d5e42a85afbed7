"""Email alerts: double opt-in, digests sent once, one-click unsubscribe, through a real
SMTP server (aiosmtpd) on the loopback."""

import datetime
import email
import re
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.models import Quote, Subscription
from tests.factories import make_article, make_mention, make_person, make_quote, make_sector

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"

    def bodies(self):
        return [message.get_content() for _, message in self.messages]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.DEFAULT_FROM_EMAIL = "TradeWatch <alerts@tradewatch.example>"
    settings.SITE_URL = "https://news.example"
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def dana():
    return make_person(name="Dana Minister", title="Minister")


def link_in(text, kind):
    return re.search(rf"https?://\S+/alerts/{kind}/\S+/", text).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def subscribe(client, person, address="reader@example.org"):
    return client.post(f"/alerts/subscribe/?person={person.slug}", {"email": address})


def test_the_whole_round_trip(client, inbox, dana):
    form = client.get(f"/alerts/subscribe/?person={dana.slug}")
    assert form.status_code == 200 and b"Email alerts about Dana Minister" in form.content

    response = subscribe(client, dana, "Reader@Example.ORG")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    ((recipients, confirmation),) = inbox.messages
    assert recipients == ["Reader@example.org"]
    assert confirmation["From"] == "TradeWatch <alerts@tradewatch.example>"
    confirm_url = link_in(confirmation.get_content(), "confirm")
    assert confirm_url.startswith("http://testserver/alerts/confirm/")

    # Opening the link shows a button; a mail scanner's GET confirms nothing.
    assert client.get(path_of(confirm_url)).status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert client.post(path_of(confirm_url)).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    article = make_article(
        headline="Steel talks resume",
        body="“We are close to a deal on steel,” said Dana Minister.",
    )
    make_quote(article=article, text="We are close to a deal on steel,", speaker=dana)
    make_mention(article=article, entity=dana)
    Subscription.objects.update(checked_until=timezone.now() - datetime.timedelta(hours=2))

    call_command("send_alerts")
    assert len(inbox.messages) == 2
    recipients, digest = inbox.messages[1]
    assert recipients == ["Reader@example.org"]
    assert digest["Subject"] == "TradeWatch: 1 new quote and 1 new article on Dana Minister"
    body = digest.get_content()
    assert "“We are close to a deal on steel,”" in body
    assert "https://news.example/quotes/" in body
    unsubscribe_url = link_in(body, "unsubscribe")
    assert unsubscribe_url.startswith("https://news.example/alerts/unsubscribe/")
    assert digest["List-Unsubscribe"].strip() == f"<{unsubscribe_url}>"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Idempotent: a second run sends nothing.
    call_command("send_alerts")
    assert len(inbox.messages) == 2

    # One click: the mail client's POST, without a session or CSRF token.
    one_click = client.__class__(enforce_csrf_checks=True)
    response = one_click.post(path_of(unsubscribe_url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    later = make_article(headline="More steel", body="“Still close,” said Dana Minister.")
    make_quote(article=later, text="Still close,", speaker=dana)
    call_command("send_alerts")
    assert len(inbox.messages) == 2


def confirmed(person, *, address="reader@example.org", since=None):
    return Subscription.objects.create(
        email=address,
        person=person,
        confirmed_at=timezone.now(),
        checked_until=since or timezone.now() - datetime.timedelta(hours=1),
    )


def test_drafts_and_older_quotes_are_never_in_a_digest(inbox, dana):
    old = make_article(
        headline="Old news",
        body="“Old words,” said Dana Minister.",
        publish_at=timezone.now() - datetime.timedelta(days=3),
    )
    old_quote = make_quote(article=old, text="Old words,", speaker=dana)
    Quote.objects.filter(pk=old_quote.pk).update(created_at=old.publish_at)
    draft = make_article(headline="Draft", body="“Secret words,” she said.", published=False)
    make_quote(article=draft, text="Secret words,", speaker=dana)
    fresh = make_article(headline="Fresh", body="“New words,” said Dana Minister.")
    make_quote(article=fresh, text="New words,", speaker=dana)
    confirmed(dana)
    call_command("send_alerts")
    ((_, digest),) = inbox.messages
    body = digest.get_content()
    assert "New words," in body
    assert "Secret words" not in body and "Old words" not in body


def test_a_quote_added_later_to_a_published_article_is_new(inbox, dana):
    article = make_article(
        headline="Published yesterday",
        body="“Added words,” said Dana Minister.",
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )
    confirmed(dana)
    call_command("send_alerts")
    assert inbox.messages == []
    make_quote(article=article, text="Added words,", speaker=dana)
    call_command("send_alerts")
    assert "Added words," in inbox.bodies()[0]


def test_reported_speech_is_not_put_in_quotation_marks(inbox, dana):
    article = make_article(headline="Reported", body="Dana Minister said talks would resume.")
    make_quote(article=article, text="talks would resume", speaker=dana, kind=Quote.Kind.INDIRECT)
    confirmed(dana)
    call_command("send_alerts")
    body = inbox.bodies()[0]
    assert "Dana Minister (reported): talks would resume" in body
    assert "“talks would resume" not in body


def test_sector_alerts_include_sub_sectors(inbox):
    metals = make_sector(name="Metals")
    steel = make_sector(name="Steel", parent=metals)
    article = make_article(headline="Mills", body="“Mills are busy,” an official said.")
    make_quote(
        article=article, text="Mills are busy,", unnamed_speaker="an official", sectors=[steel]
    )
    Subscription.objects.create(
        email="metals@example.org",
        sector=metals,
        confirmed_at=timezone.now(),
        checked_until=timezone.now() - datetime.timedelta(hours=1),
    )
    call_command("send_alerts")
    assert "Mills are busy," in inbox.bodies()[0]


def test_unconfirmed_subscriptions_get_nothing_but_the_confirmation(inbox, client, dana):
    subscribe(client, dana)
    article = make_article(headline="Fresh", body="“New words,” said Dana Minister.")
    make_quote(article=article, text="New words,", speaker=dana)
    call_command("send_alerts")
    assert len(inbox.messages) == 1  # the confirmation only


def test_a_failed_send_keeps_the_window_for_the_next_run(inbox, dana, settings):
    article = make_article(headline="Fresh", body="“New words,” said Dana Minister.")
    make_quote(article=article, text="New words,", speaker=dana)
    subscription = confirmed(dana)
    before = subscription.checked_until
    settings.EMAIL_PORT = free_port()  # nothing listens there
    with pytest.raises(CommandError):
        call_command("send_alerts")
    subscription.refresh_from_db()
    assert subscription.checked_until == before
    settings.EMAIL_PORT = inbox.port
    call_command("send_alerts")
    assert "New words," in inbox.bodies()[0]


def test_bad_input_gets_clear_answers(client, inbox, dana):
    assert client.get("/alerts/subscribe/").status_code == 400
    assert client.get("/alerts/subscribe/?person=nobody-here").status_code == 404
    assert client.get(f"/alerts/subscribe/?person={dana.slug}&sector=steel").status_code == 400
    response = subscribe(client, dana, "not-an-address")
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert Subscription.objects.count() == 0
    assert client.get("/alerts/confirm/forged-token/").status_code == 400
    assert client.post("/alerts/unsubscribe/forged-token/").status_code == 400
    assert client.put(f"/alerts/subscribe/?person={dana.slug}").status_code == 405


def test_an_old_confirmation_link_has_expired(client, inbox, dana, monkeypatch):
    subscribe(client, dana)
    confirm_url = link_in(inbox.bodies()[0], "confirm")
    later = datetime.datetime.now() + datetime.timedelta(days=8)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())
    assert client.post(path_of(confirm_url)).status_code == 400
    assert Subscription.objects.get().confirmed_at is None


def test_robots_filling_the_hidden_field_get_nothing(client, inbox, dana):
    response = client.post(
        f"/alerts/subscribe/?person={dana.slug}",
        {"email": "bot@example.org", "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert inbox.messages == [] and Subscription.objects.count() == 0


def test_subscriptions_are_rate_limited(client, inbox, dana):
    statuses = [subscribe(client, dana, f"reader{n}@example.org").status_code for n in range(12)]
    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]
    assert len(inbox.messages) == 10
    person = make_person(name="Other Person")
    same_address = [
        client.post(
            f"/alerts/subscribe/?person={person.slug}",
            {"email": "one@example.org"},
            REMOTE_ADDR=f"10.0.0.{n}",
        ).status_code
        for n in range(4)
    ]
    assert same_address == [302, 302, 302, 429]


def test_subscribing_twice_sends_a_new_link_but_keeps_one_subscription(client, inbox, dana):
    subscribe(client, dana)
    subscribe(client, dana)
    assert Subscription.objects.count() == 1 and len(inbox.messages) == 2


def test_merged_profiles_send_one_digest_per_address(inbox, dana):
    from entities.merging import merge_entities

    twin = make_person(name="D. Minister")
    confirmed(dana)
    confirmed(twin)
    merge_entities(dana, [twin])
    article = make_article(headline="Fresh", body="“New words,” said Dana Minister.")
    make_quote(article=article, text="New words,", speaker=dana)
    call_command("send_alerts")
    assert len(inbox.messages) == 1
