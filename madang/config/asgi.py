"""ASGI entry point, for servers that prefer it; Madang itself is synchronous."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madang.config.settings.production")

application = get_asgi_application()
