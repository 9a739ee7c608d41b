from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "madang.search"
    label = "search"
    verbose_name = _("통합검색")

    def ready(self):
        from . import signals, tasks  # noqa: F401  (tasks: registers the nightly rebuild)

        signals.connect()
