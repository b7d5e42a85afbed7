"""The embedded default (SQLite, no Redis): worker processes share the page cache through
files, so a page cached by one is served by the others and an import from a third process
reaches them all at once."""

import json

import pytest

from tests.servers import GUNICORN, embedded_env, get, manage, serving

pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="needs gunicorn in the virtualenv")


def bundle_line(article_id, headline, published):
    return json.dumps(
        {
            "id": article_id,
            "headline": headline,
            "byline": "Desk Reporter",
            "outlet": "Example Ledger",
            "published": published,
            "status": "published",
            "body": f"{headline}, officials said on Monday.",
        }
    )


def import_article(env, tmp_path, article_id, headline, published):
    path = tmp_path / f"{article_id}.jsonl"
    path.write_text(bundle_line(article_id, headline, published) + "\n", encoding="utf-8")
    manage(env, "import_bundle", str(path))


def test_workers_share_cached_pages_and_see_an_import_at_once(tmp_path):
    env = embedded_env(tmp_path)
    cache_dir = tmp_path / "cache"
    manage(env, "migrate", "--noinput", "-v0")
    import_article(env, tmp_path, "steel-1", "Steel talks resume", "2025-10-20T09:00:00-04:00")

    with serving(env, tmp_path / "gunicorn.log") as base:
        first = get(base, "/articles/")
        assert first[0] == 200 and "Steel talks resume" in first[2]
        assert first[1]["X-Page-Cache"] == "miss" and first[1]["ETag"]
        # Whichever worker answers, the page comes from the shared files.
        for _ in range(8):
            status, headers, text = get(base, "/articles/")
            assert status == 200 and headers["X-Page-Cache"] == "hit"
            assert headers["ETag"] == first[1]["ETag"]
        assert get(base, "/articles/", {"If-None-Match": first[1]["ETag"]})[0] == 304
        assert any(cache_dir.iterdir())

        import_article(
            env,
            tmp_path,
            "aluminum-1",
            "Aluminum quota agreed",
            "2025-10-21T09:00:00-04:00",
        )
        for _ in range(8):
            status, headers, text = get(base, "/articles/")
            assert status == 200 and "Aluminum quota agreed" in text
            assert headers["ETag"] != first[1]["ETag"]
        assert get(base, "/articles/", {"If-None-Match": first[1]["ETag"]})[0] == 200
