"""Choices of the foreign-language homepages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpinionStatus(models.TextChoices):
    RECEIVED = "received", _("접수")
    ANSWERED = "answered", _("처리 완료")


class TranslationState(models.TextChoices):
    """How a Korean page stands in one foreign language (translation status report)."""

    MISSING = "missing", _("번역 없음")
    OUTDATED = "outdated", _("원문 수정됨")
    CURRENT = "current", _("최신")
