from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "madang.complaints"
    label = "complaints"
    verbose_name = _("전자민원창구")

    def ready(self):
        from . import deadlines, selectors, tasks  # noqa: F401  (tasks: the draft purge)
        from .desk import tasks as desk_tasks  # noqa: F401  (daily 독촉 job)
        from .handling import tasks as handling_tasks  # noqa: F401  (30일 중간 통지 job)

        # Staff holiday overrides (임시공휴일 etc.) reach every due_at() (법 제19조).
        deadlines.register_override_provider(selectors.holiday_overrides)
