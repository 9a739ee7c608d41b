"""WSGI entry point for gunicorn: `gunicorn madang.config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madang.config.settings.production")

application = get_wsgi_application()
