"""Response headers every page carries, and the methods the public site answers."""

from django.conf import settings
from django.http import HttpResponseNotAllowed

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
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


# The public site is read-only: every address outside the admin answers these methods only.
PUBLIC_METHODS = ("GET", "HEAD")


class PublicMethodsMiddleware:
    """A 405 naming the allowed methods for OPTIONS, TRACE, POST and the rest on public
    addresses, before any view runs; the admin (forms, logins) is left to its own views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in PUBLIC_METHODS or request.path_info.startswith(
            f"/{settings.ADMIN_URL}/"
        ):
            return self.get_response(request)
        return HttpResponseNotAllowed(
            PUBLIC_METHODS,
            content=f"{request.method} is not allowed here: this address answers GET and HEAD.\n",
            content_type="text/plain; charset=utf-8",
        )
