"""The admin login is throttled after repeated failures, with a clear message."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.9",
    )


def test_lockout_after_repeated_failures_even_with_the_right_password(client):
    user = make_user(role="Editor", password="right-password-123")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, user.username, "wrong").status_code == 200
    locked = login(client, user.username, "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    again = login(client, user.username, "right-password-123")
    assert again.status_code == 429


def test_successful_login_before_the_limit(client):
    user = make_user(role="Editor", password="right-password-123")
    login(client, user.username, "wrong")
    response = login(client, user.username, "right-password-123")
    assert response.status_code == 302
