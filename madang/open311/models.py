"""Open311 GeoReport v2 clients (API keys) and what each filed through the interface."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from madang.core.models import TimeStampedModel
from madang.privacy.fields import EncryptedCharField


class Open311Client(TimeStampedModel):
    """An application allowed to file 민원 through Open311 (POST requests needs an api_key).
    Only the key's SHA-256 is stored; the key is shown once when it is made (안전성 확보조치
    기준 제7조: authentication data not in the clear)."""

    name = models.CharField(_("이름"), max_length=100, help_text=_("예: 동작구 생활불편 앱"))
    key_prefix = models.CharField(_("앞자리"), max_length=12, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("사용 중"), default=True)
    last_used_at = models.DateTimeField(_("마지막 사용"), null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 클라이언트")
        verbose_name_plural = _("Open311 클라이언트")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class Open311Request(models.Model):
    """The Open311 side of a 민원 filed through the interface: which client sent it, the
    service it chose and what GeoReport carries that the 민원 itself has no column for."""

    wagtail_reference_index_ignore = True

    complaint = models.OneToOneField(
        "complaints.Complaint",
        verbose_name=_("민원"),
        on_delete=models.CASCADE,
        related_name="open311",
    )
    client = models.ForeignKey(
        Open311Client,
        verbose_name=_("클라이언트"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    service_code = models.CharField(_("서비스 코드"), max_length=64)
    jurisdiction_id = models.CharField(_("관할 ID"), max_length=100, blank=True)
    # Identifiers of a person or their phone: personal data, stored encrypted.
    account_id = EncryptedCharField(_("클라이언트 계정 ID"), max_length=100, blank=True)
    device_id = EncryptedCharField(_("기기 ID"), max_length=100, blank=True)
    address_id = models.CharField(_("주소 ID"), max_length=100, blank=True)
    media_url = models.URLField(_("사진 등 자료 주소"), max_length=500, blank=True)
    attributes = models.JSONField(_("추가 항목"), default=dict, blank=True)
    created_at = models.DateTimeField(_("받은 일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 접수")
        verbose_name_plural = _("Open311 접수")

    def __str__(self) -> str:
        return f"Open311Request({self.complaint_id}, {self.service_code})"
