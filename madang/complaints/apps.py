from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "madang.complaints"
    label = "complaints"
    verbose_name = _("전자민원창구")
