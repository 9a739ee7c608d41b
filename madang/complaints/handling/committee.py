"""민원조정위원회 (법 제34조, 시행령 제26조·제38조·제39조): staff record that a 민원 was
referred to the committee, when it meets, and what it decided.

- Why (법 제34조①, 시행령 제38조①): a 거부처분 이의신청 (법 제35조), 장기 미해결·반복·다수인관련
  민원, the 법규 적용 of the 처리주무부서, a 민원 whose department is unclear, a law or system to
  improve, or any other 종합 검토·조정·종결. Closing a 다수인관련민원 as repeated or duplicated
  needs the committee first (시행령 제26조).
- The meeting: the chair tells the 민원인 in advance so they can attend, or state their opinion
  in writing (시행령 제38조⑤) — `complaint_committee_schedule` sends that notice.
- The decision: the head of the agency respects it when deciding the 민원 (시행령 제39조); the
  result still reaches the citizen as the answer (법 제27조). The referral does not stop the
  clock (시행령 제20조 does not list it): extend the period if the meeting needs the time.

Each step is one `ComplaintCommitteeReview` change, one timeline line the citizen sees (a 처리
진행 notice) and one audit row, in one transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import deadlines
from ..choices import CommitteeOutcome, CommitteeReason, ComplaintEventKind, ComplaintStatus
from ..models import Complaint, ComplaintCommitteeReview
from .common import locked, record, require_handler, start_if_assigned, text_required

# A 민원 withdrawn by the citizen or sent to another agency is no longer this agency's to review.
NOT_REFERABLE = (ComplaintStatus.WITHDRAWN, ComplaintStatus.TRANSFERRED)
PLACE_MAX = 200


def _when(value: datetime) -> str:
    return timezone.localtime(value, deadlines.SEOUL).strftime("%Y-%m-%d %H:%M")


def _open_review(complaint: Complaint) -> ComplaintCommitteeReview | None:
    return (
        complaint.committee_reviews.select_for_update()
        .filter(decided_at__isnull=True)
        .order_by("-pk")
        .first()
    )


def _require_open_review(complaint: Complaint) -> ComplaintCommitteeReview:
    review = _open_review(complaint)
    if review is None:
        raise ValidationError(
            _("민원조정위원회에 회부된 뒤에 할 수 있습니다. 먼저 회부를 등록하세요."),
            code="not_referred",
        )
    return review


@transaction.atomic
def complaint_committee_refer(
    *, complaint: Complaint, acting_user, reason: str, detail: str = ""
) -> ComplaintCommitteeReview:
    """회부: record that the 민원 goes before the 민원조정위원회 and why. One referral at a
    time; a 거부처분 이의신청 needs a refusal on record (법 제35조①). `detail` is for staff
    only; the citizen sees the reason's name on the timeline."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    if complaint.status in NOT_REFERABLE:
        raise ValidationError(
            _("취하되었거나 다른 기관으로 이송된 민원은 민원조정위원회에 회부할 수 없습니다."),
            code="not_referable",
        )
    if reason not in CommitteeReason.values:
        raise ValidationError({"reason": [_("회부 사유를 고르세요.")]})
    if (
        reason == CommitteeReason.OBJECTION
        and not complaint.answers.filter(is_refusal=True).exists()
    ):
        raise ValidationError(
            {
                "reason": [
                    _(
                        "거부처분에 대한 이의신청은 처리 불가(거부) 통지를 한 민원만 회부할 수 "
                        "있습니다(법 제35조①)."
                    )
                ]
            }
        )
    if _open_review(complaint) is not None:
        raise ValidationError(
            _("이미 민원조정위원회에 회부되어 결과를 기다리고 있습니다."), code="already"
        )
    detail = (detail or "").strip()
    if len(detail) > 5000:
        raise ValidationError({"detail": [_("%(n)d자 이내로 줄여 주세요.") % {"n": 5000}]})
    now = timezone.now()
    start_if_assigned(complaint, acting_user, now=now)
    review = ComplaintCommitteeReview.objects.create(
        complaint=complaint,
        reason=reason,
        reason_detail=detail,
        referred_at=now,
        referred_by=acting_user,
    )
    record(
        complaint,
        kind=ComplaintEventKind.COMMITTEE_REFERRED,
        acting_user=acting_user,
        action="complaint.committee_refer",
        note=_("민원조정위원회 심의에 부쳤습니다. 사유: %(reason)s")
        % {"reason": CommitteeReason(reason).label},
        data={"review": review.pk, "reason": reason},
        visible=True,
        at=now,
        changes={"review": review.pk, "reason": reason},
    )
    return review


@transaction.atomic
def complaint_committee_schedule(
    *, complaint: Complaint, acting_user, meeting_at: datetime, place: str = ""
) -> ComplaintCommitteeReview:
    """회의 일정: set (or move) the meeting of the referral still open and tell the citizen in
    advance, with the place, that they may attend or state their opinion in writing
    (시행령 제38조⑤), naming the official (시행령 제31조)."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    review = _require_open_review(complaint)
    if meeting_at is None:
        raise ValidationError({"meeting_date": [_("회의 날짜와 시각을 입력하세요.")]})
    now = timezone.now()
    if meeting_at <= now:
        raise ValidationError(
            {
                "meeting_date": [
                    _("회의 일정은 미리 알려야 합니다(시행령 제38조⑤). 앞으로의 일시를 입력하세요.")
                ]
            }
        )
    place = (place or "").strip()
    if len(place) > PLACE_MAX:
        raise ValidationError(
            {"place": [_("장소는 %(n)d자 이내로 적어 주세요.") % {"n": PLACE_MAX}]}
        )
    previous = review.meeting_at
    review.meeting_at = meeting_at
    review.meeting_place = place
    review.save(update_fields=["meeting_at", "meeting_place"])
    if place:
        note = _(
            "민원조정위원회 회의: %(when)s, %(place)s. 참석하거나 서면으로 의견을 낼 수 있습니다."
        )
    else:
        note = _("민원조정위원회 회의: %(when)s. 참석하거나 서면으로 의견을 낼 수 있습니다.")
    record(
        complaint,
        kind=ComplaintEventKind.COMMITTEE_SCHEDULED,
        acting_user=acting_user,
        action="complaint.committee_schedule",
        note=note % {"when": _when(meeting_at), "place": place},
        data={
            "review": review.pk,
            "meeting_at": meeting_at.isoformat(),
            "previous": previous.isoformat() if previous else None,
        },
        visible=True,
        at=now,
        changes={
            "review": review.pk,
            "meeting_at": [previous.isoformat() if previous else None, meeting_at.isoformat()],
        },
    )
    committee_meeting_notice(complaint, review=review, official=acting_user)
    return review


@transaction.atomic
def complaint_committee_decide(
    *, complaint: Complaint, acting_user, outcome: str, summary: str
) -> ComplaintCommitteeReview:
    """심의 결과: what the committee decided on the referral still open. The summary is shown
    to the citizen as written and sent to them as a 처리 진행 notice; the 민원's own answer
    (법 제27조) follows through the usual answer or refusal."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    review = _require_open_review(complaint)
    if outcome not in CommitteeOutcome.values:
        raise ValidationError({"outcome": [_("심의 결과를 고르세요.")]})
    summary = text_required(summary, "summary", _("심의 결과 요지를 적어 주세요."))
    now = timezone.now()
    review.outcome = outcome
    review.outcome_summary = summary
    review.decided_at = now
    review.decided_by = acting_user
    review.save(update_fields=["outcome", "outcome_summary", "decided_at", "decided_by"])
    record(
        complaint,
        kind=ComplaintEventKind.COMMITTEE_DECIDED,
        acting_user=acting_user,
        action="complaint.committee_decide",
        note=_("민원조정위원회 심의 결과: %(outcome)s\n%(summary)s")
        % {"outcome": CommitteeOutcome(outcome).label, "summary": summary},
        data={"review": review.pk, "outcome": outcome},
        visible=True,
        at=now,
        changes={"review": review.pk, "outcome": outcome},
    )
    committee_decision_notice(complaint, review=review, official=acting_user)
    return review


# --- notices to the citizen -----------------------------------------------------------------
# Written here (madang.complaints.notices belongs to intake); they go out exactly like the other
# handling notices, through its `_send` (e-mail, and the phone notice when the citizen asked for
# it or proved who they are by phone) and its 담당자 block (시행령 제31조).


def committee_meeting_notice(complaint: Complaint, *, review, official) -> None:
    """시행령 제38조⑤: the meeting's date and place, in advance, and that the citizen may attend
    or state their opinion in writing; the official's department, name and contact (제31조)."""
    from .. import notices

    with translation.override(settings.LANGUAGE_CODE):
        notices._send(
            complaint,
            purpose="complaint.committee_meeting",
            subject=_("민원조정위원회 회의 일정을 알려 드립니다 (접수번호 %(no)s)")
            % {"no": complaint.receipt_number},
            body=_(
                "%(head)s\n\n신청하신 민원을 민원조정위원회에서 심의합니다.\n"
                "회부 사유: %(reason)s\n회의 일시: %(when)s\n회의 장소: %(place)s\n\n"
                "회의에 참석해 의견을 말씀하실 수 있고, 참석이 어려우면 회의 전까지 서면(전자우편 "
                "포함)으로 의견을 내실 수 있습니다(민원 처리에 관한 법률 시행령 제38조⑤). "
                "참석하시거나 의견을 내시려면 아래 담당자에게 알려 주세요.\n\n%(official)s"
            )
            % {
                "head": notices._head(complaint),
                "reason": review.get_reason_display(),
                "when": _when(review.meeting_at),
                "place": review.meeting_place or "-",
                "official": notices.official_lines(
                    official=official, department=complaint.department
                ),
            },
            sms=_("민원(%(no)s) 민원조정위원회 회의 %(when)s. 참석·서면 의견 가능.")
            % {"no": complaint.receipt_number, "when": _when(review.meeting_at)},
        )


def committee_decision_notice(complaint: Complaint, *, review, official) -> None:
    """처리 진행 notice (시행령 제23조①): the committee's decision; the answer follows."""
    from .. import notices

    with translation.override(settings.LANGUAGE_CODE):
        notices._send(
            complaint,
            purpose="complaint.committee_decision",
            subject=_("민원조정위원회 심의 결과를 알려 드립니다 (접수번호 %(no)s)")
            % {"no": complaint.receipt_number},
            body=_(
                "%(head)s\n\n민원조정위원회가 신청하신 민원을 심의했습니다.\n"
                "심의 결과: %(outcome)s\n%(summary)s\n\n"
                "처리 결과는 이 심의 결과를 존중해 따로 알려 드립니다(민원 처리에 관한 법률 "
                "시행령 제39조).\n\n%(official)s"
            )
            % {
                "head": notices._head(complaint),
                "outcome": review.get_outcome_display(),
                "summary": review.outcome_summary,
                "official": notices.official_lines(
                    official=official, department=complaint.department
                ),
            },
            sms=_("민원(%(no)s) 민원조정위원회 심의 결과가 등록되었습니다.")
            % {"no": complaint.receipt_number},
        )
