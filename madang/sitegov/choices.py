from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteRequestStatus(models.TextChoices):
    PENDING = "pending", _("협의 중")
    REJECTED = "rejected", _("반려")
    CREATED = "created", _("구축 승인·사이트 생성")
    WITHDRAWN = "withdrawn", _("요청 철회")


class DecisionRole(models.TextChoices):
    """The two departments whose agreement 조례 제4조② asks for."""

    IT = "it", _("정보화 부서")
    HOMEPAGE = "homepage", _("누리집 운영부서")


class ContractorState(models.TextChoices):
    ACTIVE = "active", _("계약 중")
    ENDING = "ending", _("종료 임박")
    ENDED = "ended", _("계약 종료")
    NOT_STARTED = "not_started", _("계약 시작 전")
