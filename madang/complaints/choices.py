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
    """Where a 민원 stands. 보완·현장조사 pause the clock; the last five are terminal."""

    RECEIVED = "received", _("접수")
    ASSIGNED = "assigned", _("배정")
    IN_PROGRESS = "in_progress", _("처리 중")
    SUPPLEMENT = "supplement", _("보완 요청 중")
    INSPECTION = "inspection", _("현장조사 중")
    TRANSFERRED = "transferred", _("타 기관 이송")
    ANSWERED = "answered", _("처리 완료")
    REFUSED = "refused", _("처리 불가(거부)")
    CLOSED_REPEATED = "closed_repeated", _("반복민원 종결")
    WITHDRAWN = "withdrawn", _("취하")


OPEN_STATUSES = frozenset(
    {
        ComplaintStatus.RECEIVED,
        ComplaintStatus.ASSIGNED,
        ComplaintStatus.IN_PROGRESS,
        ComplaintStatus.SUPPLEMENT,
        ComplaintStatus.INSPECTION,
    }
)
PAUSED_STATUSES = frozenset({ComplaintStatus.SUPPLEMENT, ComplaintStatus.INSPECTION})
CLOSED_STATUSES = frozenset(
    {
        ComplaintStatus.TRANSFERRED,
        ComplaintStatus.ANSWERED,
        ComplaintStatus.REFUSED,
        ComplaintStatus.CLOSED_REPEATED,
        ComplaintStatus.WITHDRAWN,
    }
)


class ComplaintEventKind(models.TextChoices):
    """A line of the 민원 처리 timeline (민원 처리부, 시행령 제6조)."""

    RECEIVED = "received", _("접수")
    ROUTED = "routed", _("부서 지정")
    ASSIGNED = "assigned", _("담당자 배정")
    TRANSFERRED = "transferred", _("이송")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("보완 요청")
    SUPPLEMENT_ANSWERED = "supplement_answered", _("보완 제출")
    INSPECTION_STARTED = "inspection_started", _("현장조사 시작")
    INSPECTION_ENDED = "inspection_ended", _("현장조사 종료")
    EXTENDED = "extended", _("처리기간 연장")
    PROGRESS_NOTICE = "progress_notice", _("중간 통지")
    ANSWERED = "answered", _("답변")
    REFUSED = "refused", _("처리 불가 통지")
    CLOSED_REPEATED = "closed_repeated", _("반복민원 종결")
    WITHDRAWN = "withdrawn", _("취하")
    REOPENED = "reopened", _("재개")
    REMINDER = "reminder", _("처리기한 알림")
    SATISFACTION = "satisfaction", _("만족도 평가")
    STARTED = "started", _("처리 시작")
    COMMITTEE_REFERRED = "committee_referred", _("민원조정위원회 회부")
    COMMITTEE_SCHEDULED = "committee_scheduled", _("민원조정위원회 회의 일정")
    COMMITTEE_DECIDED = "committee_decided", _("민원조정위원회 심의 결과")


class PauseKind(models.TextChoices):
    """Why the clock stands still (시행령 제20조, 제21조)."""

    SUPPLEMENT = "supplement", _("보완 요청")
    INSPECTION = "inspection", _("현장조사")


class SatisfactionScore(models.IntegerChoices):
    VERY_DISSATISFIED = 1, _("매우 불만족")
    DISSATISFIED = 2, _("불만족")
    NEUTRAL = 3, _("보통")
    SATISFIED = 4, _("만족")
    VERY_SATISFIED = 5, _("매우 만족")


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


class CommitteeReason(models.TextChoices):
    """Why a 민원 goes to the 민원조정위원회 (법 제34조①, 시행령 제26조, 제38조①)."""

    OBJECTION = "objection", _("거부처분에 대한 이의신청 (법 제34조①2호, 제35조)")
    REPEATED_OR_MULTI = (
        "repeated_multi",
        _("장기 미해결·반복·다수인관련민원의 해소·방지 대책 (법 제34조①1호)"),
    )
    MULTI_PARTY_CLOSING = (
        "multi_closing",
        _("다수인관련민원의 반복·중복 종결 처리 심의 (시행령 제26조)"),
    )
    LEGAL_REVIEW = "legal_review", _("처리주무부서 법규 적용의 타당성 (법 제34조①3호)")
    UNCLEAR_DEPARTMENT = (
        "unclear_dept",
        _("소관이 분명하지 않은 민원의 처리주무부서 지정 (시행령 제38조①1호)"),
    )
    IMPROVEMENT = "improvement", _("민원 관련 법령·제도 개선 (시행령 제38조①2호)")
    OTHER = "other", _("그 밖의 종합 검토·조정 또는 종결 처리 (시행령 제38조①4호)")


class CommitteeOutcome(models.TextChoices):
    """What the 민원조정위원회 decided; the head of the agency respects it (시행령 제39조)."""

    ACCEPTED = "accepted", _("인용·수용")
    DISMISSED = "dismissed", _("기각·불수용")
    ADJUSTED = "adjusted", _("조정 (처리 방향 변경)")
    CLOSING_APPROVED = "closing", _("종결 처리 의결")
    DEPARTMENT_DESIGNATED = "department", _("처리주무부서 지정")
    OTHER = "other", _("기타")
