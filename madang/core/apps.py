from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "madang.core"
    label = "core"
    verbose_name = _("마당 공통")

    def ready(self) -> None:
        from django.conf import settings

        from . import (
            checks,
            tasks,  # noqa: F401  (registers the periodic jobs)
        )

        if settings.MADANG_PRODUCTION:
            # gunicorn never runs system checks, so a production process checks itself and
            # refuses to serve when a setting would leave the site open.
            checks.raise_if_unsafe()
