from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    name = "madang.languages"
    label = "languages"
    verbose_name = _("외국어 홈페이지")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the nightly contact-erasure job)
