"""Foreign-language homepages (조례 제6조): each language's operating department, and the
opinions readers send through each language's opinion form."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from madang.core.models import TimeStampedModel
from madang.privacy.fields import EncryptedCharField, EncryptedEmailField

from .choices import OpinionStatus


def foreign_language_choices() -> list[tuple[str, str]]:
    """The enabled languages other than Korean, as (code, name in that language)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class LanguageSite(TimeStampedModel):
    """One foreign-language homepage and the department that runs it (조례 제6조③: 구청장은
    외국어 홈페이지의 운영부서를 지정·관리하여야 한다). Shown at the foot of that language's pages;
    its opinion form (제6조②) reaches this department."""

    language_code = models.CharField(
        _("언어"),
        max_length=15,
        unique=True,
        help_text=_("MADANG_FOREIGN_LANGUAGES에 켜 둔 언어 중 하나입니다."),
    )
    operating_department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("운영부서"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("이 언어 홈페이지를 운영하고 의견을 받는 부서입니다(조례 제6조③)."),
    )
    institution_name = models.CharField(
        _("기관명(해당 언어)"),
        max_length=100,
        blank=True,
        help_text=_("그 언어 페이지의 머리말·꼬리말에 보이는 기관명입니다. 예: Dongjak-gu Office"),
    )
    department_name = models.CharField(
        _("운영부서 이름(해당 언어)"),
        max_length=120,
        blank=True,
        help_text=_("그 언어로 적은 부서 이름입니다. 비워 두면 부서의 영문 이름을 씁니다."),
    )
    contact_phone = models.CharField(
        _("연락처 전화"),
        max_length=40,
        blank=True,
        help_text=_("비워 두면 운영부서의 대표 전화를 씁니다. 국외에서 걸 수 있게 +82로 적으세요."),
    )
    contact_email = models.EmailField(
        _("연락처 이메일"),
        blank=True,
        help_text=_("의견 접수 알림을 받는 주소입니다. 비워 두면 운영부서의 대표 이메일을 씁니다."),
    )
    intro = models.TextField(
        _("안내 문구(해당 언어)"),
        max_length=600,
        blank=True,
        help_text=_("그 언어 홈페이지 하단에 운영부서와 함께 보이는 짧은 안내입니다."),
    )

    class Meta:
        verbose_name = _("외국어 홈페이지")
        verbose_name_plural = _("외국어 홈페이지")
        ordering = ["language_code"]

    def __str__(self) -> str:
        return f"{self.language_name} ({self.language_code})"

    def clean(self) -> None:
        super().clean()
        codes = dict(foreign_language_choices())
        if self.language_code and self.language_code not in codes:
            raise ValidationError(
                {
                    "language_code": _(
                        "'%(code)s'은(는) 켜져 있는 외국어가 아닙니다. 다음 중에서 고르세요: "
                        "%(codes)s"
                    )
                    % {"code": self.language_code, "codes": ", ".join(codes)}
                }
            )

    @property
    def language_name(self) -> str:
        return dict(settings.LANGUAGES).get(self.language_code, self.language_code)

    @property
    def department_display(self) -> str:
        dept = self.operating_department
        return self.department_name or dept.name_en or dept.name_ko

    @property
    def phone(self) -> str:
        return self.contact_phone or self.operating_department.phone

    @property
    def email(self) -> str:
        return self.contact_email or self.operating_department.email


class Opinion(TimeStampedModel):
    """An opinion sent through a foreign-language site's form (조례 제6조②: 이용자와 의견을
    교환). No sign-in. Personal data in the subject and message was masked before storing
    (제22조); the name and e-mail address for the reply are stored encrypted (제22조②) and
    erased after MADANG_OPINION_CONTACT_RETENTION_DAYS."""

    receipt_number = models.CharField(_("접수번호"), max_length=32, unique=True, editable=False)
    language_code = models.CharField(_("언어"), max_length=15, db_index=True)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("운영부서"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("제목"), max_length=200)
    message = models.TextField(_("내용"))
    was_masked = models.BooleanField(_("개인정보 가림 여부"), default=False)
    name = EncryptedCharField(_("이름"), max_length=100, blank=True)
    email = EncryptedEmailField(_("답변 받을 이메일"), blank=True)
    consented_at = models.DateTimeField(_("개인정보 수집·이용 동의일시"), null=True, blank=True)
    contact_erased_at = models.DateTimeField(_("연락처 파기일시"), null=True, blank=True)
    status = models.CharField(
        _("처리 상태"), max_length=16, choices=OpinionStatus.choices, default=OpinionStatus.RECEIVED
    )
    answered_at = models.DateTimeField(_("처리 완료일시"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("처리자"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notified_at = models.DateTimeField(_("부서 알림일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("외국어 홈페이지 의견")
        verbose_name_plural = _("외국어 홈페이지 의견")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.receipt_number} {self.subject[:30]}"

    @property
    def wants_reply(self) -> bool:
        return bool(self.email)
