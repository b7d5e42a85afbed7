"""WSGI entry point (gunicorn tradewatch.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradewatch.settings")

application = get_wsgi_application()
