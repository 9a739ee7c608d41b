"""The notification outbox: one row per message and channel, written in the caller's
transaction and delivered after commit by a task (ARCHITECTURE.md "How data flows")."""

import json

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from madang.core.models import TimeStampedModel
from madang.privacy.fields import EncryptedCharField, EncryptedTextField

from .choices import NotificationChannel, NotificationStatus


class Notification(TimeStampedModel):
    """One message to one recipient through one channel.

    The recipient, the text and the 알림톡 variables are personal data (a receipt names the
    민원's title, a code proves identity), so they are stored encrypted (조례 제22조②)."""

    purpose = models.CharField(
        _("용도"), max_length=64, help_text=_("예: complaint.receipt, complaint.verification")
    )
    channel = models.CharField(_("발송 수단"), max_length=16, choices=NotificationChannel.choices)
    recipient = EncryptedCharField(_("받는 사람"), max_length=254)
    subject = EncryptedCharField(_("제목"), max_length=300, blank=True)
    body = EncryptedTextField(_("내용"))
    template_code = models.CharField(_("알림톡 템플릿 코드"), max_length=64, blank=True)
    template_vars_json = EncryptedTextField(_("알림톡 템플릿 변수"), blank=True)
    related_content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("관련 대상 종류"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_object_id = models.CharField(_("관련 대상 번호"), max_length=64, blank=True)
    status = models.CharField(
        _("상태"),
        max_length=16,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("시도 횟수"), default=0)
    next_attempt_at = models.DateTimeField(_("다음 시도 예정"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("마지막 시도"), null=True, blank=True)
    last_error = models.TextField(_("마지막 오류"), blank=True)
    provider_message_id = models.CharField(_("발송사 메시지 번호"), max_length=128, blank=True)
    sent_at = models.DateTimeField(_("발송 완료 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("알림")
        verbose_name_plural = _("알림")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
            models.Index(
                fields=["related_content_type", "related_object_id"], name="notification_related"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk} ({self.purpose})"

    @property
    def contents_erased(self) -> bool:
        """True once the retention purge blanked the recipient and the text
        (madang.notifications.retention): such a row is kept for statistics only."""
        return not self.recipient

    @property
    def template_vars(self) -> dict:
        return json.loads(self.template_vars_json) if self.template_vars_json else {}
