"""Services that end a 민원 (answer, refusal, 반복민원 종결) and that reopen one."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notices
from ..choices import CLOSED_STATUSES, ComplaintEventKind, ComplaintKind, ComplaintStatus
from ..models import Complaint, ComplaintAnswer
from .common import (
    end_running_pause,
    locked,
    record,
    require_closed,
    require_handler,
    require_open,
    resumed_status,
    start_if_assigned,
    text_required,
)

ANSWERED_STATUSES = (ComplaintStatus.ANSWERED, ComplaintStatus.REFUSED)


def default_remedies() -> str:
    """구제 절차 a refusal must state (법 제27조③), offered to staff to adapt."""
    return _(
        "이 결과에 이의가 있으면 처분이 있음을 안 날부터 90일 이내에 행정심판법에 따른 "
        "행정심판을, 또는 행정소송법에 따른 행정소송을 제기할 수 있습니다. 국민권익위원회"
        "(국민신문고 www.epeople.go.kr, 국번 없이 110)에 고충민원을 신청할 수도 있습니다."
    )


def _official_snapshot(official, complaint: Complaint) -> dict:
    """시행령 제31조: the answer names the 담당자's department, name and contact; copied now so
    it reads the same after the official moves."""
    department = official.department if official.department_id else complaint.department
    values = {
        "official_name": notices.official_display_name(official),
        "department_name": department.name_ko if department is not None else "",
        "official_contact": notices.official_contact(official, department),
    }
    if not values["department_name"]:
        raise ValidationError(
            {"body": [_("담당자의 소속 부서가 없습니다. 계정에 소속 부서를 지정하세요.")]}
        )
    if not values["official_contact"]:
        raise ValidationError(
            {
                "body": [
                    _(
                        "답변에 적을 연락처가 없습니다. 계정의 사무실 전화나 부서 대표 전화를 "
                        "입력하세요."
                    )
                ]
            }
        )
    return values


def _close(complaint: Complaint, *, status: str, now) -> None:
    end_running_pause(complaint, now)
    complaint.status = status
    complaint.closed_at = now


def _answer(
    *,
    complaint: Complaint,
    acting_user,
    body: str,
    refusal_reasons: str = "",
    remedies: str = "",
    refusal: bool,
) -> ComplaintAnswer:
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    require_open(complaint)
    if acting_user is None:
        raise ValidationError(_("답변은 담당 공무원이 작성해야 합니다."))
    body = text_required(body, "body", _("답변 내용을 입력하세요."), limit=20000)
    if refusal:
        refusal_reasons = text_required(
            refusal_reasons, "refusal_reasons", _("처리할 수 없는 이유를 적어 주세요.")
        )
        remedies = text_required(
            remedies, "remedies", _("이의를 제기할 수 있는 구제 절차를 적어 주세요.")
        )
    snapshot = _official_snapshot(acting_user, complaint)
    now = timezone.now()
    start_if_assigned(complaint, acting_user, now=now)
    answer = ComplaintAnswer.objects.create(
        complaint=complaint,
        body=body,
        is_refusal=refusal,
        refusal_reasons=refusal_reasons if refusal else "",
        remedies=remedies if refusal else "",
        official=acting_user,
        answered_at=now,
        **snapshot,
    )
    _close(
        complaint, status=ComplaintStatus.REFUSED if refusal else ComplaintStatus.ANSWERED, now=now
    )
    complaint.answered_at = now
    complaint.save(
        update_fields=["status", "closed_at", "answered_at", "paused_since", "updated_at"]
    )
    record(
        complaint,
        kind=ComplaintEventKind.REFUSED if refusal else ComplaintEventKind.ANSWERED,
        acting_user=acting_user,
        action="complaint.refuse" if refusal else "complaint.answer",
        note=_("처리 불가 통지") if refusal else _("답변 완료"),
        data={"answer": answer.pk, "on_time": now <= complaint.due_at},
        visible=True,
        at=now,
        changes={"answer": answer.pk, "on_time": now <= complaint.due_at},
    )
    notices.answer_notice(complaint, answer=answer)
    return answer


@transaction.atomic
def complaint_answer(*, complaint: Complaint, acting_user, body: str) -> ComplaintAnswer:
    """결과 통지 (법 제27조): the answer, naming the official's department, name and contact
    (시행령 제31조); sent electronically to a 민원 filed online (법 제27조②)."""
    return _answer(complaint=complaint, acting_user=acting_user, body=body, refusal=False)


@transaction.atomic
def complaint_refuse(
    *, complaint: Complaint, acting_user, body: str, refusal_reasons: str, remedies: str
) -> ComplaintAnswer:
    """처리 불가 (거부) notice: the reasons and the remedies (법 제27조③), e.g. a matter the
    agency may decline under 법 제21조 or documents still missing after 보완 (시행령 제25조)."""
    return _answer(
        complaint=complaint,
        acting_user=acting_user,
        body=body,
        refusal_reasons=refusal_reasons,
        remedies=remedies,
        refusal=True,
    )


def same_complainant(complaint: Complaint) -> Q:
    """Filings by the same person: the same account, or the same phone or e-mail (blind
    indexes, so nothing is decrypted)."""
    q = Q(pk__in=[])
    if complaint.citizen_id is not None:
        q |= Q(citizen_id=complaint.citizen_id)
    if complaint.complainant_phone_bidx:
        q |= Q(complainant_phone_bidx=complaint.complainant_phone_bidx)
    if complaint.complainant_email_bidx:
        q |= Q(complainant_email_bidx=complaint.complainant_email_bidx)
    return q


def repeat_candidates(complaint: Complaint):
    """Earlier 민원 of the same complainant, for staff to pick the ones of the same content."""
    return (
        Complaint.objects.filter(same_complainant(complaint), received_at__lt=complaint.received_at)
        .exclude(pk=complaint.pk)
        .order_by("-received_at")
    )


@transaction.atomic
def complaint_close_repeated(
    *, complaint: Complaint, acting_user, previous: list[Complaint], reason: str
) -> Complaint:
    """반복민원 종결 (법 제23조①): a 민원 of the same content (not a 법정민원) filed three or more
    times without good reason, after the result was notified two or more times, may be closed,
    with a notice. `previous` are the earlier filings of the same content by the same person
    that staff judged the same (제23조③: nature, similarity, the answer would be the same); at
    least two of them must have been answered. A 다수인관련민원 needs the 민원조정위원회 first
    (시행령 제26조), which staff confirm in `reason`."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    require_open(complaint)
    if complaint.kind == ComplaintKind.STATUTORY:
        raise ValidationError(_("법정민원은 반복민원으로 종결할 수 없습니다(법 제23조①)."))
    reason = text_required(reason, "reason", _("같은 내용으로 판단한 이유를 적어 주세요."))
    ids = {c.pk for c in previous}
    earlier = list(repeat_candidates(complaint).filter(pk__in=ids))
    if len(earlier) != len(ids):
        raise ValidationError(
            {"previous": [_("같은 신청인이 이 민원보다 먼저 낸 민원만 고를 수 있습니다.")]}
        )
    if len(earlier) < 2:
        raise ValidationError(
            {
                "previous": [
                    _(
                        "이 민원을 포함해 같은 내용이 세 번 이상이어야 합니다. "
                        "앞선 민원을 두 건 이상 고르세요."
                    )
                ]
            }
        )
    answered = [c for c in earlier if c.answers.exists()]
    if len(answered) < 2:
        raise ValidationError(
            {
                "previous": [
                    _("처리 결과를 두 번 이상 통지한 뒤에만 종결할 수 있습니다(법 제23조①).")
                ]
            }
        )
    now = timezone.now()
    start_if_assigned(complaint, acting_user, now=now)
    _close(complaint, status=ComplaintStatus.CLOSED_REPEATED, now=now)
    complaint.save(update_fields=["status", "closed_at", "paused_since", "updated_at"])
    numbers = [c.receipt_number for c in earlier]
    record(
        complaint,
        kind=ComplaintEventKind.CLOSED_REPEATED,
        acting_user=acting_user,
        action="complaint.close_repeated",
        note=reason,
        data={"previous": numbers, "answered": [c.receipt_number for c in answered]},
        visible=True,
        at=now,
        changes={"previous": numbers},
    )
    notices.closed_repeated_notice(complaint, reason=reason, official=acting_user)
    return complaint


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, acting_user, reason: str) -> Complaint:
    """재개: staff take a closed 민원 up again (an answer sent in error, a citizen's justified
    objection, a 이송 the other agency sent back). The reason is on the timeline and in the
    audit row; the 처리기한 stays the legal one and earlier answers stay on record."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    require_closed(complaint)
    reason = text_required(reason, "reason", _("재개하는 이유를 적어 주세요."))
    previous = complaint.status
    complaint.status = resumed_status(complaint)
    complaint.closed_at = None
    complaint.save(update_fields=["status", "closed_at", "updated_at"])
    record(
        complaint,
        kind=ComplaintEventKind.REOPENED,
        acting_user=acting_user,
        action="complaint.reopen",
        note=reason,
        data={"previous_status": previous},
        visible=True,
        changes={"status": [previous, complaint.status]},
    )
    return complaint


__all__ = [
    "ANSWERED_STATUSES",
    "CLOSED_STATUSES",
    "complaint_answer",
    "complaint_close_repeated",
    "complaint_refuse",
    "complaint_reopen",
    "default_remedies",
    "repeat_candidates",
]
