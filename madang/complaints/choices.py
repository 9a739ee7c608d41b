"""Choices of the 전자민원창구 (민원 처리에 관한 법률 제2조제1호, 시행령 제14-17조)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintKind(models.TextChoices):
    """The kinds of 민원 (법 제2조제1호 가목·나목; 시행령 제14-17조)."""

    STATUTORY = "statutory", _("법정민원")
    INQUIRY = "inquiry", _("질의민원")
    SUGGESTION = "suggestion", _("건의민원")
    OTHER = "other", _("기타민원")
    GRIEVANCE = "grievance", _("고충민원")


class InquirySubkind(models.TextChoices):
    """시행령 제14조: 법령 (제1호, 14일) or 제도·절차 등 (제2호, 7일)."""

    LAW = "law", _("법령에 관한 설명·해석")
    OTHER = "other", _("제도·절차 등 법령 외의 사항")


class ReplyChannel(models.TextChoices):
    """How the citizen wants the result (법 제27조②, 시행령 제29조②)."""

    WEB = "web", _("누리집에서 확인")
    EMAIL = "email", _("전자우편")
    SMS = "sms", _("문자메시지")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("접수")
    IN_PROGRESS = "in_progress", _("처리 중")
    ANSWERED = "answered", _("처리 완료")
    WITHDRAWN = "withdrawn", _("취하")


class ComplaintChannel(models.TextChoices):
    """Where the 민원 came in."""

    WEB = "web", _("전자민원창구")
    API = "api", _("연동 시스템(API)")
    BOARD = "board", _("게시판(구청장과의 대화방 등)")


class HolidayChange(models.TextChoices):
    ADDED = "added", _("공휴일로 추가 (임시공휴일·선거일 등)")
    REMOVED = "removed", _("공휴일에서 제외 (목록 오류 정정)")


class VerificationChannel(models.TextChoices):
    EMAIL = "email", _("전자우편")
    SMS = "sms", _("휴대전화 문자")
