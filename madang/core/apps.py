from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
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


class MadangStaticFilesConfig(StaticFilesConfig):
    """Static files without krds-uiux 1.1.0's broken leftovers.

    component.css points at ../../img/img/ paths that do not exist, which stops the manifest
    storage's collectstatic; Madang uses output.css instead. ui-script_bak.js is a stray backup.
    """

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "component.css", "ui-script_bak.js"]
