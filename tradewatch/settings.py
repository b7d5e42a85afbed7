"""TradeWatch settings, read from the environment (12-factor).

Development defaults are safe to run locally; production (DEBUG off) refuses to
start without a real SECRET_KEY and turns on every transport-security setting.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Public address of the site, used in feeds and absolute links outside a request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "TradeWatch")

# Email (alert confirmations and digests). With EMAIL_HOST set, mail goes out over SMTP;
# without it, emails are printed to the console (development).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <alerts@localhost>")
# Path of the editors' admin (without slashes); change it to keep bots away.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin").strip("/") or "admin"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "simple_history",
    "axes",
    "rest_framework",
    "entities",
    "articles",
    "articles.public",
    "articles.demo",
]

MIDDLEWARE = [
    # Outermost: pages, feeds and JSON go out gzip-encoded whether or not the page cache
    # is on (a page the cache already holds gzip-encoded passes through untouched).
    "django.middleware.gzip.GZipMiddleware",
    # Then the page cache, so that a cached page is stored with every header the others add.
    "tradewatch.pagecache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tradewatch.middleware.SecurityHeadersMiddleware",
    "tradewatch.middleware.PublicMethodsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The JSON API (`/api/`, Django REST framework): read-only, anonymous, JSON only. One
# renderer and no negotiation on Accept, so API responses do not vary on Accept and the
# page cache stores them (with ETags and 304s) like pages.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "tradewatch.negotiation.FirstRenderer",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": None,
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Admin login throttling: after AXES_FAILURE_LIMIT failed attempts for one username
# from one address, that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

ROOT_URLCONF = "tradewatch.urls"
WSGI_APPLICATION = "tradewatch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tradewatch.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0 if env_bool("DATABASE_POOL", False) else 60,
        conn_health_checks=True,
    )
}
# PostgreSQL planner settings for a web workload, set on each connection: many short
# queries at once, on data that lives in memory. Index lookups cost about as much as
# reading in order (random_page_cost 1.1), a query never waits for parallel workers
# that the other requests need, and none is compiled to machine code first (JIT costs a
# page's query more to compile, about half a second, than it saves in running).
# `DATABASE_PLANNER_SETTINGS=""` leaves the server's own.
DATABASE_PLANNER_SETTINGS = os.environ.get(
    "DATABASE_PLANNER_SETTINGS", "random_page_cost=1.1 max_parallel_workers_per_gather=0 jit=off"
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _planner = " ".join(f"-c {part}" for part in DATABASE_PLANNER_SETTINGS.split())
    if _planner:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = _planner
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_POOL", False
):
    # psycopg's connection pool: one pool per worker process.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 8}

# The cache holds the site-wide content version and, with the page cache on, rendered
# pages. Redis (`redis://`) shares it between app servers; without one, a directory of
# files (`file:///path`, by default var/cache/ beside the code) shares it between the
# worker processes of one machine, so `make run` and a small single-server newsroom get
# the same page cache, ETags and invalidation. `locmem://` keeps it in each process.
_cache_url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "file://"
if not _cache_url.startswith(("redis://", "rediss://", "locmem:", "file://")):
    raise ImproperlyConfigured(
        f"CACHE_URL {_cache_url!r}: use redis://host:port/db, file:///a/directory or locmem://"
    )
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "tradewatch.cache.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tradewatch"),
        }
    }
elif _cache_url.startswith("locmem:"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tradewatch",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": _cache_url.removeprefix("file://") or str(BASE_DIR / "var" / "cache"),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tradewatch"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Rendered public pages are kept this many seconds; a publish, edit or correction replaces
# them at once, in every process sharing the cache. That needs a cache shared by every
# process (Redis, or the files), so the default is on with those and off with local
# memory; 0 turns it off.
_shared_cache = not CACHES["default"]["BACKEND"].endswith("LocMemCache")
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or (600 if _shared_cache else 0))
# While one request renders a page a write made stale, other readers of it get the stale
# copy, for at most this many seconds (if that request fails to store the page, the next
# reader renders it after them); 0: every reader of a stale page renders it.
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS") or 10)
# Parts that pages share are kept in the cache this many seconds, page cache on or off:
# what the index pages, the quote list and the tracker count over the whole archive
# (`articles.public.tallies`), and each feed item (`articles.public.fragments`). Each is
# current while what it shows is unchanged, so a page made stale by a write builds again
# only the parts showing what the write changed. It needs a shared cache, like the page
# cache; 0 builds every part on every render.
FRAGMENT_CACHE_SECONDS = int(
    os.environ.get("FRAGMENT_CACHE_SECONDS") or (86400 if _shared_cache else 0)
)

# Called once a write is committed with the dependency keys it purged (the same keys the
# pages carry as `Surrogate-Key` and `Cache-Tag`), for a CDN or reverse proxy to purge:
# a dotted path to a callable taking the list of keys, or an http(s) URL that receives a
# POST of {"keys": [...]} as JSON. Empty: no hook. A failure is logged, never raised.
CACHE_PURGE_HOOK = os.environ.get("CACHE_PURGE_HOOK", "")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-ca"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Toronto")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The feeds' XSL stylesheet, which browsers apply only when it comes as XSL.
WHITENOISE_MIMETYPES = {".xsl": "text/xsl"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Transport security: on by default in production, overridable for a proxy setup.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Sent on every response by tradewatch.middleware; embeds relax frame-ancestors only.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
