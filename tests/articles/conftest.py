"""Fixtures shared by the articles tests: a client logged in to the admin by role."""

import pytest

from tests.factories import make_user


@pytest.fixture
def reporter(client):
    user = make_user(role="Reporter")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = make_user(role="Editor")
    client.force_login(user)
    return user
