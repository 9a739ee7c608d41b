"""Static files app configuration (kept out of apps.py: a second AppConfig there would stop
Django from picking CoreConfig automatically)."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class MadangStaticFilesConfig(StaticFilesConfig):
    """Static files without krds-uiux 1.1.0's broken leftovers.

    component.css points at ../../img/img/ paths that do not exist, which stops the manifest
    storage's collectstatic; Madang uses output.css instead. ui-script_bak.js is a stray backup.
    """

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "component.css", "ui-script_bak.js"]
