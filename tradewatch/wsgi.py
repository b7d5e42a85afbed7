"""WSGI entry point (gunicorn tradewatch.wsgi).

Cached public pages are answered by `tradewatch.pagecache.CachedPages` before Django
builds a request; everything else goes to Django.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradewatch.settings")

django_application = get_wsgi_application()

from tradewatch.pagecache import CachedPages  # noqa: E402 (needs the settings configured)

application = CachedPages(django_application)

# What is loaded by now lives as long as the process: full garbage collections, which
# otherwise pause a request now and then, need not scan it again.
gc.collect()
gc.freeze()
