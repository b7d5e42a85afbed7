"""The public site answers GET and HEAD; every other method is a 405, not the page."""

import pytest

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def addresses():
    article = make_article(headline="Ministers meet on steel")
    return ["/", article.get_absolute_url(), "/tracker/", "/search/?q=steel", "/feeds/latest/"]


@pytest.mark.parametrize("method", ["options", "trace", "post", "put", "patch", "delete"])
def test_public_pages_refuse_other_methods_with_405(client, addresses, method):
    for url in addresses:
        response = client.generic(method.upper(), url)
        assert response.status_code == 405, (method, url)
        assert response["Allow"] == "GET, HEAD"
        assert b"<html" not in response.content
        assert method.upper().encode() in response.content


def test_get_and_head_still_answer(client, addresses):
    for url in addresses:
        assert client.get(url).status_code == 200
        head = client.head(url)
        assert head.status_code == 200 and head.content == b""


def test_an_unknown_address_with_an_odd_method_is_still_refused(client):
    assert client.generic("PROPFIND", "/no-such-page/").status_code == 405


def test_the_admin_keeps_its_forms(client):
    make_user(username="desk", superuser=True)
    response = client.post("/admin/login/", {"username": "desk", "password": "pw-for-tests-only"})
    assert response.status_code == 302
