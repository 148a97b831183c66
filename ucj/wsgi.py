"""WSGI entry point: `gunicorn ucj.wsgi` in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
application = get_wsgi_application()

# Production (UCJ_DEBUG=0) does not start while an account still has the demo password.
from ucj.accounts.demo_guard import refuse_demo_accounts  # noqa: E402  (needs apps loaded)

refuse_demo_accounts()
