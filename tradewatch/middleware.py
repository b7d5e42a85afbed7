"""Response headers every page carries, and the methods the public site answers."""

from django.conf import settings
from django.http import HttpResponseNotAllowed

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


# The public site is read-only: every address outside the admin answers these methods only,
# but for the email alert forms, which also take a POST.
PUBLIC_METHODS = ("GET", "HEAD")
FORM_METHODS = ("GET", "HEAD", "POST")
FORM_PREFIXES = ("/alerts/",)


class PublicMethodsMiddleware:
    """A 405 naming the allowed methods for OPTIONS, TRACE, POST and the rest on public
    addresses, before any view runs; the admin (forms, logins) is left to its own views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(f"/{settings.ADMIN_URL}/"):
            return self.get_response(request)
        allowed = FORM_METHODS if path.startswith(FORM_PREFIXES) else PUBLIC_METHODS
        if request.method in allowed:
            return self.get_response(request)
        return HttpResponseNotAllowed(
            allowed,
            content=f"{request.method} is not allowed here: this address answers "
            f"{', '.join(allowed)}.\n",
            content_type="text/plain; charset=utf-8",
        )
