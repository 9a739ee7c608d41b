from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    name = "madang.boards"
    label = "boards"
    verbose_name = _("게시판")

    def ready(self) -> None:
        from . import page_cache, tasks  # noqa: F401  (tasks registers the periodic jobs)

        page_cache.connect()
