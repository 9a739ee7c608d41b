from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "madang.notifications"
    label = "notifications"
    verbose_name = _("알림 발송")

    def ready(self):
        # Registers the periodic re-dispatch job with madang.core.scheduling.
        from . import retention, tasks  # noqa: F401  (retention: the nightly 파기 job)
