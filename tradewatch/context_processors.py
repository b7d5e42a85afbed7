"""Template context shared by every page."""

from django.conf import settings

from entities.addresses import site_root


def site(request):
    """The site's name, and its address as this request reached it (`scheme://host`)."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": site_root(request)}
