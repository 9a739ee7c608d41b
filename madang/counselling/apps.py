from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "madang.counselling"
    label = "counselling"
    verbose_name = _("민원상담")
