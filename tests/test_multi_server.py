"""Two app servers sharing one PostgreSQL and one Redis: a publish on one is seen on both at once.

Runs real gunicorn servers against the test database (committed data, hence a
transactional test) and a dedicated Redis database, which is flushed first.
"""

import http.cookiejar
import os
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from articles.models import Article
from tests.factories import make_article, make_user
from tests.servers import GUNICORN, free_port, get, start_gunicorn, wait_until_serving

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379"
REDIS_DB = 13
PASSWORD = "pw-for-tests-only"


def redis_client():
    import redis

    parts = urllib.parse.urlsplit(REDIS_URL)
    base = parts._replace(path=f"/{REDIS_DB}").geturl()
    return redis.Redis.from_url(base, socket_connect_timeout=1), base


def redis_answers():
    try:
        client, _ = redis_client()
        return bool(client.ping())
    except Exception:
        return False


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.skipif(not redis_answers(), reason=f"needs Redis at {REDIS_URL}"),
    pytest.mark.skipif(not GUNICORN.exists(), reason="needs gunicorn in the virtualenv"),
    pytest.mark.django_db(transaction=True),
]


def database_url():
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = urllib.parse.quote(db["PASSWORD"] or "")
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_server(port, redis_url, log):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PAGE_CACHE_SECONDS": "600",
    }
    env.pop("CACHE_URL", None)
    return start_gunicorn(port, env, log)


class AdminSession:
    """An editor in the admin of one server, logged in through the login form."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def csrf_token(self):
        return next(c.value for c in self.cookies if c.name == settings.CSRF_COOKIE_NAME)

    def post(self, path, data):
        data = {**data, "csrfmiddlewaretoken": self.csrf_token()}
        body = urllib.parse.urlencode(data, doseq=True).encode()
        with self.opener.open(self.base + path, data=body, timeout=20) as response:
            return response.status, response.read().decode()

    def log_in(self, username, password):
        login = f"/{settings.ADMIN_URL}/login/"
        with self.opener.open(self.base + login, timeout=10) as response:
            assert re.search(r'name="csrfmiddlewaretoken"', response.read().decode())
        status, page = self.post(
            login, {"username": username, "password": password, "next": f"/{settings.ADMIN_URL}/"}
        )
        assert status == 200 and "Log out" in page, "the editor could not log in"


def test_a_publish_through_one_server_is_served_by_both_at_once(tmp_path):
    redis, redis_url = redis_client()
    redis.flushdb()
    make_article(headline="Steel talks resume in Ottawa")
    draft = make_article(headline="Aluminum quota agreed", published=False)
    editor_account = make_user(username="desk-editor", role="Editor")
    # The servers run with the production password hashers, not the tests' fast one.
    hasher = PBKDF2PasswordHasher()
    editor_account.password = hasher.encode(PASSWORD, hasher.salt())
    editor_account.save(update_fields=["password"])

    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = open(tmp_path / f"gunicorn-{name}.log", "wb")
            servers.append((f"http://127.0.0.1:{port}", start_server(port, redis_url, log), log))
        for base, process, _ in servers:
            wait_until_serving(base, process)
        (a, _, _), (b, _, _) = servers

        # Both servers have the home page and the article list in the shared cache.
        old_etags = {}
        for base in (a, b):
            for path in ("/", "/articles/"):
                status, headers, text = get(base, path)
                assert status == 200 and "Steel talks resume in Ottawa" in text
                assert "Aluminum quota agreed" not in text
                old_etags[base, path] = headers["ETag"]
        for base in (a, b):
            for path in ("/", "/articles/"):
                status, headers, _ = get(base, path)
                assert headers["X-Page-Cache"] == "hit", (base, path)
                assert headers["ETag"] == old_etags[base, path]
                assert get(base, path, {"If-None-Match": headers["ETag"]})[0] == 304

        editor = AdminSession(a)
        editor.log_in("desk-editor", PASSWORD)
        status, _ = editor.post(
            f"/{settings.ADMIN_URL}/articles/article/",
            {"action": "publish_now", "_selected_action": [draft.pk], "index": "0"},
        )
        assert status == 200
        draft.refresh_from_db()
        assert draft.status == Article.Status.PUBLISHED

        for base in (a, b):
            for path in ("/", "/articles/"):
                status, headers, text = get(base, path)
                assert status == 200 and "Aluminum quota agreed" in text, (base, path)
                revalidated = get(base, path, {"If-None-Match": old_etags[base, path]})
                assert revalidated[0] == 200, (base, path)
                assert "Aluminum quota agreed" in revalidated[2]
            status, _, text = get(base, draft.get_absolute_url())
            assert status == 200 and "Aluminum quota agreed" in text
    finally:
        for _, process, _ in servers:
            process.terminate()
        for _, process, log in servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
        redis.flushdb()
