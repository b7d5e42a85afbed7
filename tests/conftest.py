"""Test settings: a fast password hasher, a fresh cache per test, plain static files."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

# CI runs the property-based tests on a fixed sequence of inputs, so that a landing
# never depends on luck; a local run explores new inputs each time.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False
    # Each test process keeps its own cache: nothing leaks between runs or into var/cache.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tradewatch-tests",
        }
    }
    # Every request renders its page; tests/test_http_cache.py turns the page cache on.
    settings.PAGE_CACHE_SECONDS = 0
    # Shared parts are built on every render; tests/test_fragments.py and
    # tests/test_targeted_invalidation.py keep them.
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _clear_cache(_test_settings):
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
