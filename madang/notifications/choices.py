"""Choices of the notification outbox."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("전자우편")
    SMS = "sms", _("문자메시지")
    ALIMTALK = "alimtalk", _("카카오 알림톡")


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("발송 대기")
    SENDING = "sending", _("발송 중")
    SENT = "sent", _("발송 완료")
    FAILED = "failed", _("실패(재시도 예정)")
    GIVEN_UP = "given_up", _("발송 포기")


# A notification in one of these may still be (re)sent by the outbox.
PENDING_STATUSES = (NotificationStatus.QUEUED, NotificationStatus.FAILED)
# Staff see these in the report as needing attention.
PROBLEM_STATUSES = (NotificationStatus.FAILED, NotificationStatus.GIVEN_UP)
