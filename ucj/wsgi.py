"""WSGI entry point: `gunicorn ucj.wsgi` in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
application = get_wsgi_application()
