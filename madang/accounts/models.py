import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madang.core.models import TimeStampedModel

from .choices import AccountKind


class User(AbstractUser):
    """Madang's account, swapped in from the first migration.

    Staff, contractors and citizens share one model so that every board, complaint and audit row
    points at one table; `kind` tells them apart.
    """

    kind = models.CharField(
        _("계정 유형"), max_length=16, choices=AccountKind.choices, default=AccountKind.CITIZEN
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("소속 부서"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    position = models.CharField(_("직위·직급"), max_length=50, blank=True)
    office_phone = models.CharField(_("사무실 전화"), max_length=30, blank=True)
    # Stamped by PasswordHistoryValidator.password_changed whenever the password changes, by
    # any path (admin, allauth, Wagtail account); drives the staff 90-day change (제24조).
    password_changed_at = models.DateTimeField(
        _("비밀번호 변경일시"), null=True, blank=True, editable=False
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("사용자")
        verbose_name_plural = _("사용자")

    def __str__(self) -> str:
        full = f"{self.last_name}{self.first_name}".strip()
        return full or self.get_username()


TOKEN_PREFIX = "mdg_"  # noqa: S105 - a public marker, not a secret


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(TimeStampedModel):
    """A bearer token for a staff integration. Only its SHA-256 is stored; the raw token is
    shown once when it is made (안전성 확보조치 기준 제7조: authentication data not in the clear).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자"),
        on_delete=models.CASCADE,
        related_name="madang_api_tokens",
    )
    name = models.CharField(_("이름"), max_length=100)
    prefix = models.CharField(_("앞자리"), max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("권한 범위"), default=list)
    expires_at = models.DateTimeField(_("만료일시"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("마지막 사용"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("폐기일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("API 토큰")
        verbose_name_plural = _("API 토큰")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def generate_raw() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        if self.revoked_at is not None or not self.user.is_active:
            return False
        return self.expires_at is None or self.expires_at > now

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class PasswordHistory(models.Model):
    """A past password of an account, as its hash only, so that reuse of the last
    PASSWORD_HISTORY_COUNT passwords can be refused (ordinance 제24조 → 국가 정보보안 기본지침).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자"),
        on_delete=models.CASCADE,
        related_name="password_history",
    )
    password_hash = models.CharField(_("비밀번호 해시"), max_length=128, editable=False)
    created_at = models.DateTimeField(_("변경일시"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("비밀번호 변경 이력")
        verbose_name_plural = _("비밀번호 변경 이력")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d %H:%M}"
