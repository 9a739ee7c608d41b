"""Who may run which part of the district's websites.

- `SiteRequest`: a department's 홈페이지 구축 협의 요청. 조례 제4조② says the council, the health
  centre, the dong centres and the office's own departments consult the heads of the IT
  department and the homepage operating department before they build a site; Madang creates
  the Wagtail site only once both have agreed (madang.sitegov.services).
- `ContractorAccess`: a contractor's account (조례 제5조②, 제6조③ 위탁) is limited to named sites
  or sections and to the contract's term; after `contract_end` it cannot sign in.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from madang.core.models import TimeStampedModel

from .choices import ContractorState, DecisionRole, SiteRequestStatus

hostname_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    _("호스트 이름은 영문 소문자, 숫자, 하이픈과 점으로 씁니다. 예: council.dongjak.go.kr"),
)


class SiteRequest(TimeStampedModel):
    """홈페이지 구축 협의 요청 (조례 제4조②)."""

    requesting_department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("요청 부서"),
        on_delete=models.PROTECT,
        related_name="site_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("요청자"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="site_requests",
    )
    site_name = models.CharField(
        _("누리집 이름"), max_length=100, help_text=_("예: 동작구의회, 노량진1동 주민센터")
    )
    hostname = models.CharField(
        _("호스트 이름(도메인)"), max_length=253, validators=[hostname_validator]
    )
    purpose = models.TextField(
        _("구축 목적"), help_text=_("누구에게 어떤 정보와 서비스를 제공하려는지 적어 주세요.")
    )
    audience = models.CharField(_("주요 이용자"), max_length=200, blank=True)
    operating_department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("운영 부서"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("사이트를 만든 뒤 내용을 최신으로 관리할 부서입니다(조례 제7조)."),
    )
    planned_launch = models.DateField(_("개설 희망일"), null=True, blank=True)
    maintenance_plan = models.TextField(
        _("운영·유지보수 계획"),
        blank=True,
        help_text=_("직접 운영하는지, 위탁하는지(조례 제5조②), 예산과 인력을 적어 주세요."),
    )
    status = models.CharField(
        _("상태"),
        max_length=16,
        choices=SiteRequestStatus.choices,
        default=SiteRequestStatus.PENDING,
        db_index=True,
    )
    created_site = models.OneToOneField(
        Site,
        verbose_name=_("생성된 사이트"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="site_request",
    )

    class Meta:
        verbose_name = _("홈페이지 구축 협의 요청")
        verbose_name_plural = _("홈페이지 구축 협의 요청")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.site_name} ({self.hostname})"

    def decision_for(self, role: str) -> SiteRequestDecision | None:
        for decision in self.decisions.all():
            if decision.role == role:
                return decision
        return None

    @property
    def it_decision(self) -> SiteRequestDecision | None:
        return self.decision_for(DecisionRole.IT)

    @property
    def homepage_decision(self) -> SiteRequestDecision | None:
        return self.decision_for(DecisionRole.HOMEPAGE)


class SiteRequestDecision(models.Model):
    """One department head's answer to a request; one per role, never edited afterwards."""

    request = models.ForeignKey(
        SiteRequest,
        verbose_name=_("요청"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    role = models.CharField(_("협의 부서"), max_length=16, choices=DecisionRole.choices)
    approved = models.BooleanField(_("동의 여부"))
    note = models.TextField(_("의견"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("결정한 사람"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("결정 일시"), default=timezone.now)

    class Meta:
        verbose_name = _("협의 결과")
        verbose_name_plural = _("협의 결과")
        ordering = ["decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "role"], name="site_request_one_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.role} {self.approved}"


class ContractorAccess(TimeStampedModel):
    """What a contractor's account may touch, and until when (조례 제5조②, 제6조③)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("위탁업체 계정"),
        on_delete=models.CASCADE,
        related_name="contractor_access",
    )
    company = models.CharField(_("업체명"), max_length=100)
    contract_name = models.CharField(
        _("계약명"), max_length=200, help_text=_("예: 2026년 동작구의회 누리집 유지보수")
    )
    contract_start = models.DateField(_("계약 시작일"))
    contract_end = models.DateField(
        _("계약 종료일"),
        help_text=_("이 날짜가 지나면 로그인할 수 없습니다(종료일 당일까지 사용 가능)."),
    )
    supervising_department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("감독 부서"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("계약을 관리하고 계정 연장을 요청받는 부서입니다."),
    )
    sites = models.ManyToManyField(
        Site,
        verbose_name=_("맡은 사이트"),
        blank=True,
        related_name="+",
        help_text=_("사이트 전체를 맡는 경우 고릅니다."),
    )
    sections = models.ManyToManyField(
        Page,
        verbose_name=_("맡은 메뉴(섹션)"),
        blank=True,
        related_name="+",
        help_text=_("사이트의 일부만 맡는 경우 그 메뉴의 최상위 페이지를 고릅니다."),
    )
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("권한 그룹"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="contractor_access",
    )

    class Meta:
        verbose_name = _("위탁업체 접근 권한")
        verbose_name_plural = _("위탁업체 접근 권한")
        ordering = ["contract_end", "company"]

    def __str__(self) -> str:
        return f"{self.company} ({self.user})"

    def state(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if today < self.contract_start:
            return ContractorState.NOT_STARTED
        if today > self.contract_end:
            return ContractorState.ENDED
        if self.contract_end - today <= timedelta(days=settings.MADANG_CONTRACTOR_WARNING_DAYS):
            return ContractorState.ENDING
        return ContractorState.ACTIVE

    def get_state_display(self) -> str:
        return ContractorState(self.state()).label

    def can_sign_in(self, today: date | None = None) -> bool:
        return self.state(today) in (ContractorState.ACTIVE, ContractorState.ENDING)
