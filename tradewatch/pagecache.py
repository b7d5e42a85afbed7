"""The public page cache: anonymous GETs of pages and feeds answered before any session work.

`PublicPageCacheMiddleware` is the first middleware, so the pages it stores carry
every header the others add (security headers included). For a GET or HEAD from
a reader without a session (no session cookie) to a public address (not the
admin, not a preview, not a static file) it

- reads the site-wide content version (`articles.public.content_version`) and the cached
  page in one round trip to the cache, then the versions of the page's dependency
  keys (`articles.public.dependencies`) in a second one;
- answers a conditional GET whose ETag or date still holds with a 304, rendering
  nothing and running no query;
- returns the cached page when the site-wide version and its keys' versions are
  those it was stored under;
- when they are not, lets one request render the page again (it claims the page in
  the cache for `PAGE_CACHE_STALE_SECONDS`) and answers the readers asking for it
  meanwhile with the stale copy (`X-Page-Cache: stale`, `Cache-Control: no-cache`):
  a write never makes every reader of a busy page render it at once;
- otherwise runs the view, recording the keys of what the page shows, and caches a
  200 (and, briefly, a 301 or 404) that sets no cookie and is not private, with an
  ETag and a Last-Modified, its keys as `Surrogate-Key` and `Cache-Tag`, both as it
  is and gzip-encoded (compressed once, served to every client that accepts gzip).

An editorial change bumps the versions of the keys it touches, so a publish, an
edit or a correction reaches every page showing it, on every app server sharing
the cache, at once, and leaves the other pages cached. Staff (who have a session
cookie) always get a fresh page, with their previews.

`CachedPages` wraps the WSGI application (`tradewatch.wsgi`) and answers a cache
hit, or a 304 for it, straight from the stored status, headers and bytes, before
Django builds a request: a hit costs two round trips to the cache (the page with
the site-wide version, then its keys' versions) and little else. Everything else
(a miss, a stale page, a missing content version, a scheduled publish time that
has passed) goes on to Django and this middleware.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse, parse_cookie
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.text import compress_string

from articles.public import content_version, dependencies
from articles.public.feeds.links import prefers_html

# Browsers revalidate after a minute; a CDN or reverse proxy may keep a page five minutes.
CACHE_CONTROL = "public, max-age=60, s-maxage=300"
# Redirects and "not found" pages are kept at most this long.
SHORT_TIMEOUT = 60
CACHED_STATUSES = {200, 301, 404}
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# Request headers a cached page may vary on; any other Vary makes a response uncacheable.
# Feeds vary on Accept only by whether the client prefers HTML (a browser), which the
# page key records (`environ_key`); a public page that varied on Accept in another way
# would need its own key.
HARMLESS_VARY = {"cookie", "accept-encoding", "accept"}
# Pages and feeds are stored gzip-encoded too, for the clients that accept it.
COMPRESSED_TYPES = ("text/", "application/xml", "application/rss", "application/atom")
COMPRESSED_TYPES += ("application/json", "application/feed+json", "application/javascript")
MIN_COMPRESSED_SIZE = 200
# Headers that describe one response, not the page: never stored.
NOT_STORED = ("Date", "X-Page-Cache")
# Headers a 304 leaves out: they describe the body it does not send.
NOT_IN_304 = {"content-type", "content-length", "content-encoding", "content-language"}
HIT = ("X-Page-Cache", "hit")
STALE = ("X-Page-Cache", "stale")
# Set in the WSGI environ (a request's META) of the request that renders a stale page again.
RENDERING = "tradewatch.page_cache.rendering"


def private_prefixes():
    return (f"/{settings.ADMIN_URL}/", "/preview/", settings.STATIC_URL)


def is_public_read(environ):
    """An anonymous GET or HEAD of a public address: what the page cache may answer.

    Read from the WSGI environ (a request's `META`), so that the WSGI wrapper and
    the middleware decide alike.
    """
    if not settings.PAGE_CACHE_SECONDS or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    raw_cookies = environ.get("HTTP_COOKIE")
    if raw_cookies:
        cookies = parse_cookie(raw_cookies)
        if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
            return False
    return not environ.get("PATH_INFO", "/").startswith(private_prefixes())


def scheme_of(environ):
    """The scheme as `HttpRequest.scheme` reads it (behind a proxy, from its header)."""
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header:
        header, secure_value = proxy_header
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",")[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def environ_key(environ):
    """The cache key of a page: the address as the client asked for it, and whether the
    client prefers HTML (a browser opening a feed gets it as XML to render, a feed reader
    as a feed: two variants of each feed address).

    The host is taken as sent: a page is only ever stored after Django accepted
    its host, so an address with a host Django refuses never finds an entry.
    """
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")
    query = environ.get("QUERY_STRING", "")
    # A line break: no request line or query string can carry one.
    variant = "\nhtml" if prefers_html(environ.get("HTTP_ACCEPT")) else ""
    address = f"{scheme_of(environ)}://{host}{path}?{query}{variant}"
    return "page:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def page_key(request):
    return environ_key(request.META)


def page_etag(version, versions, key):
    """The ETag of a page: the site-wide version, its keys' versions and its address."""
    tokens = "|".join(f"{name}={value[0]}" for name, value in sorted(versions.items()))
    digest = hashlib.sha256(f"{version.token}|{tokens}|{key}".encode()).hexdigest()
    return '"' + digest[:32] + '"'


def last_changed(version, versions):
    """When the page last changed: the site-wide version's time or a later bump of its keys."""
    times = [value[1] for value in versions.values() if value]
    return max([version.changed_at.timestamp(), *times])


def is_cacheable(response):
    if response.status_code not in CACHED_STATUSES or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= HARMLESS_VARY


def add_validators(response, version, versions, key):
    """ETag, Last-Modified, Cache-Control and Vary on a public 200 (a feed keeps its own)."""
    response.headers.setdefault("ETag", page_etag(version, versions, key))
    response.headers.setdefault("Last-Modified", http_date(last_changed(version, versions)))
    response.headers.setdefault("Cache-Control", CACHE_CONTROL)
    patch_vary_headers(response, ["Cookie"])


def add_keys(response, keys):
    """The page's dependency keys, for a CDN to purge by: `Surrogate-Key` (Fastly,
    Varnish xkey) space-separated and `Cache-Tag` (Cloudflare) comma-separated."""
    keys = dependencies.header_keys(keys)
    response.headers["Surrogate-Key"] = " ".join(keys)
    response.headers["Cache-Tag"] = ",".join(keys)


def stored(version, versions, response):
    """What the cache keeps: the versions the page was rendered under (site-wide, and of
    each of its keys), and the response as its status, reason, headers and bytes
    (cheaper to read back than a pickled response)."""
    for name in NOT_STORED:
        if name in response.headers:
            del response.headers[name]
    headers = tuple(response.items())
    held = tuple((name, value[0]) for name, value in sorted(versions.items()))
    status, reason = response.status_code, response.reason_phrase
    return (version.token, held, status, reason, headers, response.content)


def deps_key(key):
    """The entry keeping a page's keys after the page itself expires (for its ETag)."""
    return f"{key}:deps"


# A page's keys outlive the page, so that a client revalidating an expired page gets a 304.
DEPS_TIMEOUT = 24 * 60 * 60


def rendering_key(key):
    """The entry held while one request renders a stale page again."""
    return f"{key}:rendering"


def claims_render(environ, key):
    """Whether the request of `environ`, which found the page `key` stale, renders it:
    yes unless another request is rendering it (for at most `PAGE_CACHE_STALE_SECONDS`),
    in which case it may answer with the stale copy. The request that claims the page
    is marked in `environ`, and `release` lets it go once the page is stored."""
    if environ.get(RENDERING) or not settings.PAGE_CACHE_STALE_SECONDS:
        return True
    if not cache.add(rendering_key(key), 1, settings.PAGE_CACHE_STALE_SECONDS):
        return False
    environ[RENDERING] = key
    return True


def release(environ):
    key = environ.pop(RENDERING, None)
    if key:
        cache.delete(rendering_key(key))


def stale_headers(headers):
    """The stored headers of a stale copy, which no browser or CDN should keep."""
    kept = [(name, value) for name, value in headers if name.lower() != "cache-control"]
    return [*kept, ("Cache-Control", "no-cache"), STALE]


def as_response(entry, headers=None):
    """The HttpResponse of a stored entry, with `headers` in place of its stored ones."""
    _, _, status, reason, stored_headers, content = entry
    response = HttpResponse(content, status=status, reason=reason)
    for name, value in stored_headers if headers is None else headers:
        response.headers[name] = value
    return response


def is_conditional(request):
    return "if-none-match" in request.headers or "if-modified-since" in request.headers


def conditional(request, response):
    """A 304 if the client's copy of this 200 is current, else the response itself."""
    if response.status_code != 200 or not is_conditional(request):
        return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


def wants_gzip(request):
    return "gzip" in request.headers.get("accept-encoding", "")


def weak(etag):
    return etag if etag.startswith("W/") else f"W/{etag}"


def gzipped(response):
    """The gzip-encoded copy of a cacheable response, or None when it would not pay."""
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if (
        not content_type.startswith(COMPRESSED_TYPES)
        or len(response.content) < MIN_COMPRESSED_SIZE
        or response.has_header("Content-Encoding")
    ):
        return None
    zipped = HttpResponse(compress_string(response.content), status=response.status_code)
    for name, value in response.items():
        zipped.headers[name] = value
    zipped.headers["Content-Encoding"] = "gzip"
    zipped.headers["Content-Length"] = str(len(zipped.content))
    if zipped.has_header("ETag"):
        # Another representation of the same page: a weak validator (as GZipMiddleware does).
        zipped.headers["ETag"] = weak(zipped["ETag"])
    return zipped


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_read(request.META):
            return self.get_response(request)
        try:
            return self.answer(request)
        finally:
            # Whatever the answer, a request that claimed the page to render it lets go.
            release(request.META)

    def answer(self, request):
        key = page_key(request)
        gzip = wants_gzip(request)
        wanted = f"{key}:gzip" if gzip else key
        found = cache.get_many([content_version.STATE_KEY, dependencies.WRITES_KEY, wanted])
        version = content_version.current(found.get(content_version.STATE_KEY))
        entry = found.get(wanted)
        if entry is not None:
            if entry[0] == version.token and dependencies.still_current(entry[1]):
                response = conditional(request, as_response(entry))
                response.headers["X-Page-Cache"] = "hit"
                return response
            if not claims_render(request.META, key):
                return conditional(request, as_response(entry, stale_headers(entry[4])))

        if "if-none-match" in request.headers:
            # Not cached (expired, or evicted), but a client holding the ETag of the
            # current versions has the current page: nothing changed since it was rendered.
            keys = cache.get(deps_key(key))
            versions = dependencies.read_versions(keys)[0] if keys is not None else {}
            if keys is not None and all(versions.values()):
                current_page = HttpResponse()
                add_validators(current_page, version, versions, key)
                if gzip:
                    current_page.headers["ETag"] = weak(current_page["ETag"])
                response = conditional(request, current_page)
                if response is not current_page:
                    response.headers["X-Page-Cache"] = "hit"
                    return response

        writes_before = found.get(dependencies.WRITES_KEY)
        with dependencies.recording() as recorded:
            response = self.get_response(request)
        if not is_cacheable(response):
            return response
        keys = dependencies.page_dependencies(request, recorded, response.status_code)
        versions, writes_after = dependencies.read_versions(keys, create=True)
        if writes_before != writes_after:
            # A write committed while the page rendered may be missing from it: the page
            # is neither stored nor given validators a browser or a CDN could keep it by.
            response.headers["Cache-Control"] = "no-cache"
            response.headers["X-Page-Cache"] = "miss"
            return response
        add_keys(response, keys)
        if response.status_code == 200:
            add_validators(response, version, versions, key)
            timeout = settings.PAGE_CACHE_SECONDS
        else:
            timeout = min(SHORT_TIMEOUT, settings.PAGE_CACHE_SECONDS)
        zipped = gzipped(response)
        entries = {key: stored(version, versions, response)}
        if zipped is not None:
            patch_vary_headers(response, ["Accept-Encoding"])
            patch_vary_headers(zipped, ["Accept-Encoding"])
            entries[f"{key}:gzip"] = stored(version, versions, zipped)
            if gzip:
                response = zipped
        cache.set_many(entries, timeout)
        cache.set(deps_key(key), keys, max(timeout, DEPS_TIMEOUT))
        response = conditional(request, response)
        response.headers["X-Page-Cache"] = "miss"
        return response


# The WSGI wrapper: cache hits answered before Django -----------------------------------


def current_token(state):
    """The content version's token from the stored state, or None when Django must decide
    (no state yet, or a scheduled publish time has passed: the version must be bumped)."""
    if not state or (state.get("next") is not None and state["next"] <= time.time()):
        return None
    return content_version.current(state).token


def not_modified(environ, headers):
    """Whether the client's copy (If-None-Match, else If-Modified-Since) is this page."""
    named = {name.lower(): value for name, value in headers}
    etag = named.get("etag")
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        if not etag:
            return False
        etags = parse_etags(if_none_match)
        return "*" in etags or etag.removeprefix("W/") in {e.removeprefix("W/") for e in etags}
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    modified = parse_http_date_safe(named.get("last-modified") or "")
    return since is not None and modified is not None and modified <= since


class CachedPages:
    """WSGI middleware answering a current cached page (or its 304) without Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        entry, headers = self.cached(environ)
        if entry is None:
            return self.application(environ, start_response)
        _, _, status, reason, _, content = entry
        if (
            status == 200
            and ("HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ)
            and not_modified(environ, headers)
        ):
            kept = [header for header in headers if header[0].lower() not in NOT_IN_304]
            start_response("304 Not Modified", kept)
            return []
        start_response(f"{status} {reason}", headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [content]

    @staticmethod
    def cached(environ):
        """(entry, headers to send) of the page to answer with, or (None, None) for Django:
        the current page, or the stale one while another request renders it again."""
        if not is_public_read(environ):
            return None, None
        key = environ_key(environ)
        wanted = key + ":gzip" if "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "") else key
        found = cache.get_many([content_version.STATE_KEY, wanted])
        entry = found.get(wanted)
        if entry is None:
            return None, None
        # A second round trip: the versions of the keys the page depends on.
        token = current_token(found.get(content_version.STATE_KEY))
        if entry[0] == token and dependencies.still_current(entry[1]):
            return entry, [*entry[4], HIT]
        if token is None or claims_render(environ, key):
            # Django decides (a scheduled time has come), or this request renders the page.
            return None, None
        return entry, stale_headers(entry[4])
