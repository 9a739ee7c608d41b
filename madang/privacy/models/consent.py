"""Consent notices, the record of every grant and withdrawal, and identity verifications.

개인정보 보호법 제22조①④ asks for each consent separately and clearly, with required and
optional items apart; 제15조② lists what each notice shows (purpose, items, retention, the right
to refuse and what refusing means). The processor bears the burden of proving consent, so every
grant and withdrawal is kept with the exact version of the notice the person saw.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from madang.core.models import TimeStampedModel


class ConsentNotice(TimeStampedModel):
    """One version of one consent notice. Staff add a new version in the Wagtail admin
    (snippets); a version someone has answered is never edited again (ConsentNoticeForm refuses)."""

    kind = models.SlugField(
        _("동의 종류"),
        max_length=50,
        help_text=_("같은 동의의 버전은 같은 종류를 씁니다. 예: signup-required, news-optional"),
    )
    version = models.PositiveIntegerField(_("버전"))
    title = models.CharField(_("제목"), max_length=200)
    required = models.BooleanField(
        _("필수 동의"),
        default=False,
        help_text=_(
            "필수 동의를 거부하면 가입할 수 없습니다. 선택 동의는 거부해도 가입할 수 있습니다."
        ),
    )
    purpose = models.TextField(_("수집·이용 목적"))
    items = models.TextField(_("수집 항목"))
    retention = models.TextField(_("보유·이용 기간"))
    refusal_consequence = models.TextField(
        _("동의를 거부할 권리 및 거부 시 불이익"),
        help_text=_("동의를 거부할 수 있다는 사실과, 거부하면 어떻게 되는지 적습니다."),
    )
    effective_at = models.DateTimeField(_("시행일시"))
    display_order = models.PositiveSmallIntegerField(_("표시 순서"), default=0)

    class Meta:
        verbose_name = _("개인정보 동의 안내문")
        verbose_name_plural = _("개인정보 동의 안내문")
        ordering = ["display_order", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="consentnotice_kind_version")
        ]

    def __str__(self) -> str:
        marker = _("필수") if self.required else _("선택")
        return f"[{marker}] {self.title} (v{self.version})"


class ConsentAction(models.TextChoices):
    GRANT = "grant", _("동의")
    WITHDRAW = "withdraw", _("동의 철회")


class ConsentRecord(models.Model):
    """One grant or withdrawal, append-only (제22조: the processor proves consent)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    notice = models.ForeignKey(
        ConsentNotice,
        verbose_name=_("동의 안내문 버전"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    action = models.CharField(_("구분"), max_length=10, choices=ConsentAction.choices)
    created_at = models.DateTimeField(_("일시"), auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP 주소"), null=True, blank=True)

    class Meta:
        verbose_name = _("개인정보 동의 기록")
        verbose_name_plural = _("개인정보 동의 기록")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.notice_id}"


class IdentityVerification(models.Model):
    """A completed 본인확인. Holds no 주민등록번호 and no CI/DI in the clear: only keyed HMACs
    (blind indexes), so the same person can be recognised without the database ever holding
    the identifiers (개인정보 보호법 제24조의2; 안전성 확보조치 기준 제7조)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="identity_verifications",
    )
    provider = models.CharField(_("본인확인기관"), max_length=50)
    purpose = models.CharField(_("목적"), max_length=50)
    ci_hash = models.CharField(_("CI 색인"), max_length=64, db_index=True)
    di_hash = models.CharField(_("DI 색인"), max_length=64, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("출생연도"), null=True, blank=True)
    is_adult = models.BooleanField(_("성인 여부"), default=False)
    verified_at = models.DateTimeField(_("확인일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("본인확인 기록")
        verbose_name_plural = _("본인확인 기록")
        ordering = ["-verified_at", "-id"]

    def __str__(self) -> str:
        return f"IdentityVerification(user={self.user_id}, {self.provider})"


# The admin (versioning rules) lives with the sign-up code that uses the notices.
register_snippet(ConsentNotice, viewset="madang.accounts.consent_admin.ConsentNoticeViewSet")
