"""WSGI entry point (gunicorn ``badgecms.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "badgecms.settings.dev")

application = get_wsgi_application()
