"""Services that stop, restart or lengthen the legal clock: 보완 요청 (법 제22조, 시행령 제24조),
현장조사 for 고충민원 (시행령 제17조④⑤), 처리기간 연장 (시행령 제21조) and the 중간 통지
(시행령 제23조)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import deadlines, notices
from ..choices import ComplaintEventKind, ComplaintKind, ComplaintStatus, PauseKind
from ..models import Complaint, ComplaintExtension, ComplaintPause
from ..selectors import period_label
from . import clock
from .common import (
    locked,
    record,
    require_handler,
    require_open,
    require_running,
    resumed_status,
    start_if_assigned,
    text_required,
)


def supplement_days_default() -> int:
    return int(getattr(settings, "COMPLAINT_SUPPLEMENT_DAYS", 7))


def inspection_days_max() -> int:
    """현장조사 up to 14일 (시행령 제17조④)."""
    return int(getattr(settings, "COMPLAINT_INSPECTION_DAYS", 14))


@transaction.atomic
def complaint_request_supplement(
    *, complaint: Complaint, acting_user, request_text: str, reply_by: datetime | None = None
) -> ComplaintPause:
    """보완 요청 (법 제22조①, 시행령 제24조): ask the citizen for what is missing, in writing,
    with a 보완 기한. The clock stops until the citizen answers (시행령 제20조) and the citizen
    is told what to add, by when, and who is asking (시행령 제31조)."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    require_running(complaint)
    request_text = text_required(request_text, "request_text", _("보완할 내용을 적어 주세요."))
    now = timezone.now()
    if reply_by is None:
        reply_by = deadlines.due_at(now, f"{supplement_days_default()}d")
    if reply_by <= now:
        raise ValidationError({"reply_by": [_("보완 기한은 지금보다 뒤여야 합니다.")]})
    start_if_assigned(complaint, acting_user, now=now)
    pause = ComplaintPause.objects.create(
        complaint=complaint,
        kind=PauseKind.SUPPLEMENT,
        started_at=now,
        request_text=request_text,
        reply_by=reply_by,
        created_by=acting_user,
    )
    complaint.status = ComplaintStatus.SUPPLEMENT
    complaint.paused_since = now
    complaint.save(update_fields=["status", "paused_since", "updated_at"])
    record(
        complaint,
        kind=ComplaintEventKind.SUPPLEMENT_REQUESTED,
        acting_user=acting_user,
        action="complaint.request_supplement",
        note=request_text,
        data={"pause": pause.pk, "reply_by": reply_by.isoformat()},
        visible=True,
        at=now,
    )
    notices.supplement_notice(complaint, pause=pause, official=acting_user)
    return pause


@transaction.atomic
def complaint_inspection_start(
    *, complaint: Complaint, acting_user, reason: str, days: int | None = None
) -> ComplaintPause:
    """현장조사 of a 고충민원 (시행령 제17조④⑤): up to 14일, not counted in the period. The
    clock stops from now until `complaint_inspection_end`."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    require_running(complaint)
    if complaint.kind != ComplaintKind.GRIEVANCE:
        raise ValidationError(_("현장조사로 처리기간을 멈추는 것은 고충민원만 할 수 있습니다."))
    limit = inspection_days_max()
    days = limit if days is None else days
    if not 1 <= days <= limit:
        raise ValidationError(
            {"days": [_("현장조사 기간은 1일에서 %(n)d일 사이로 정하세요.") % {"n": limit}]}
        )
    reason = text_required(reason, "reason", _("현장조사 내용을 적어 주세요."))
    now = timezone.now()
    start_if_assigned(complaint, acting_user, now=now)
    pause = ComplaintPause.objects.create(
        complaint=complaint,
        kind=PauseKind.INSPECTION,
        started_at=now,
        reason=reason,
        reply_by=deadlines.due_at(now, f"{days}d"),
        created_by=acting_user,
    )
    complaint.status = ComplaintStatus.INSPECTION
    complaint.paused_since = now
    complaint.save(update_fields=["status", "paused_since", "updated_at"])
    record(
        complaint,
        kind=ComplaintEventKind.INSPECTION_STARTED,
        acting_user=acting_user,
        action="complaint.inspection_start",
        note=_("현장조사 (예정 종료 %(end)s)")
        % {"end": timezone.localtime(pause.reply_by).strftime("%Y-%m-%d")},
        data={"pause": pause.pk, "days": days, "planned_end": pause.reply_by.isoformat()},
        visible=True,
        at=now,
    )
    return pause


def inspection_extension_days_max() -> int:
    """현장조사 may be extended once by up to 7일 (시행령 제17조⑤)."""
    return int(getattr(settings, "COMPLAINT_INSPECTION_EXTENSION_DAYS", 7))


@transaction.atomic
def complaint_inspection_extend(
    *, complaint: Complaint, acting_user, days: int, reason: str
) -> ComplaintPause:
    """현장조사 기간 연장 (시행령 제17조⑤): once per 현장조사, by at most 7일 from its planned
    end. The clock stays stopped; only the planned end moves."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    if complaint.status != ComplaintStatus.INSPECTION:
        raise ValidationError(_("현장조사 중인 민원이 아닙니다."))
    pause = complaint.pauses.filter(kind=PauseKind.INSPECTION, ended_at__isnull=True).first()
    limit = inspection_extension_days_max()
    if not 1 <= days <= limit:
        message = _("현장조사는 1일에서 %(n)d일 사이로 연장하세요.") % {"n": limit}
        raise ValidationError({"days": [message]})
    reason = text_required(reason, "reason", _("연장 사유를 적어 주세요."))
    already = complaint.events.filter(
        kind=ComplaintEventKind.EXTENDED, data__inspection=pause.pk
    ).exists()
    if already:
        raise ValidationError(_("현장조사 기간은 한 번만 연장할 수 있습니다(시행령 제17조⑤)."))
    previous = pause.reply_by
    calendar = deadlines.default_calendar()
    start = calendar.next_working_start(previous + timedelta(seconds=1))
    pause.reply_by = deadlines.due_at(start, f"{days}d", calendar=calendar)
    pause.save(update_fields=["reply_by"])
    record(
        complaint,
        kind=ComplaintEventKind.EXTENDED,
        acting_user=acting_user,
        action="complaint.inspection_extend",
        note=_("현장조사 기간 연장 (예정 종료 %(end)s): %(reason)s")
        % {"end": timezone.localtime(pause.reply_by).strftime("%Y-%m-%d"), "reason": reason},
        data={
            "inspection": pause.pk,
            "days": days,
            "previous_end": previous.isoformat(),
            "planned_end": pause.reply_by.isoformat(),
        },
        visible=True,
    )
    return pause


@transaction.atomic
def complaint_inspection_end(*, complaint: Complaint, acting_user, note: str = "") -> Complaint:
    """End the 현장조사: the clock restarts and the deadline moves by the time it took."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    if complaint.status != ComplaintStatus.INSPECTION:
        raise ValidationError(_("현장조사 중인 민원이 아닙니다."))
    now = timezone.now()
    pause = complaint.pauses.filter(kind=PauseKind.INSPECTION, ended_at__isnull=True).first()
    if pause is not None:
        pause.ended_at = now
        pause.save(update_fields=["ended_at"])
    return _resume(
        complaint,
        acting_user=acting_user,
        now=now,
        kind=ComplaintEventKind.INSPECTION_ENDED,
        action="complaint.inspection_end",
        note=(note or "").strip() or _("현장조사 종료"),
        pause=pause,
    )


def _resume(
    complaint, *, acting_user, now, kind, action, note, pause, extra: dict | None = None
) -> Complaint:
    before = complaint.due_at
    complaint.status = resumed_status(complaint)
    complaint.paused_since = None
    complaint.due_at = clock.complaint_due_at(complaint)
    complaint.save(update_fields=["status", "paused_since", "due_at", "updated_at"])
    record(
        complaint,
        kind=kind,
        acting_user=acting_user,
        action=action,
        note=note,
        data={
            "pause": pause.pk if pause else None,
            "previous_due_at": before.isoformat(),
            "due_at": complaint.due_at.isoformat(),
            **(extra or {}),
        },
        visible=True,
        at=now,
        changes={"due_at": [before.isoformat(), complaint.due_at.isoformat()], **(extra or {})},
    )
    return complaint


def resume_after_supplement(
    complaint, *, acting_user, now, pause, attachments: list[int] | None = None
) -> Complaint:
    files = len(attachments or [])
    note = _("보완 내용 제출 (첨부파일 %(n)d개)") % {"n": files} if files else _("보완 내용 제출")
    return _resume(
        complaint,
        acting_user=acting_user,
        now=now,
        kind=ComplaintEventKind.SUPPLEMENT_ANSWERED,
        action="complaint.supplement_answer",
        note=note,
        pause=pause,
        extra={"attachments": list(attachments or [])},
    )


@transaction.atomic
def complaint_extend(
    *,
    complaint: Complaint,
    acting_user,
    added_period: str,
    reason: str,
    citizen_consented: bool = False,
) -> ComplaintExtension:
    """처리기간 연장 (시행령 제21조): once, for an unavoidable reason, by at most the original
    length; a second time only with the citizen's consent, again within the original length;
    never a third. The citizen is told the reason and the 처리완료 예정일 at once (제21조②)."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    require_open(complaint)
    reason = text_required(reason, "reason", _("연장 사유를 적어 주세요."))
    if complaint.extension_count >= 2:
        raise ValidationError(
            _("처리기간은 두 번까지만 연장할 수 있습니다(시행령 제21조)."), code="too_many"
        )
    if complaint.extension_count == 1 and not citizen_consented:
        raise ValidationError(
            {
                "citizen_consented": [
                    _(
                        "두 번째 연장은 민원인의 동의를 받은 경우에만 할 수 있습니다"
                        "(시행령 제21조②)."
                    )
                ]
            }
        )
    limit = clock.extension_limit(complaint.period)
    try:
        added = deadlines.parse_period(added_period)
    except (TypeError, ValueError):
        raise ValidationError({"added_period": [_("연장할 기간을 숫자로 적어 주세요.")]}) from None
    if added.unit != limit.unit or added.amount > limit.amount:
        raise ValidationError(
            {
                "added_period": [
                    _("한 번에 원래 처리기간(%(limit)s)보다 길게 연장할 수 없습니다.")
                    % {"limit": period_label(complaint.period)}
                ]
            }
        )
    now = timezone.now()
    start_if_assigned(complaint, acting_user, now=now)
    previous = complaint.due_at
    new_due = clock.complaint_due_at(complaint, extra_extension=str(added))
    extension = ComplaintExtension.objects.create(
        complaint=complaint,
        reason=reason,
        previous_due_at=previous,
        new_due_at=new_due,
        added_period=str(added),
        citizen_consented=citizen_consented,
        created_by=acting_user,
        created_at=now,
    )
    complaint.extension_count += 1
    complaint.due_at = new_due
    complaint.save(update_fields=["extension_count", "due_at", "updated_at"])
    record(
        complaint,
        kind=ComplaintEventKind.EXTENDED,
        acting_user=acting_user,
        action="complaint.extend",
        note=reason,
        data={
            "extension": extension.pk,
            "added_period": str(added),
            "previous_due_at": previous.isoformat(),
            "due_at": new_due.isoformat(),
            "citizen_consented": citizen_consented,
        },
        visible=True,
        at=now,
        changes={
            "due_at": [previous.isoformat(), new_due.isoformat()],
            "extension_count": complaint.extension_count,
        },
    )
    notices.extension_notice(complaint, extension=extension, official=acting_user)
    return extension


@transaction.atomic
def complaint_progress_notice(*, complaint: Complaint, acting_user) -> Complaint:
    """중간 통지 (시행령 제23조): the progress and the 처리완료 예정일, every 30일 from receipt
    while open, or whenever the citizen asks. `acting_user=None` is the daily job."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    require_open(complaint)
    now = timezone.now()
    start_if_assigned(complaint, acting_user, now=now)
    complaint.last_progress_notice_at = now
    complaint.save(update_fields=["last_progress_notice_at", "updated_at"])
    record(
        complaint,
        kind=ComplaintEventKind.PROGRESS_NOTICE,
        acting_user=acting_user,
        action="complaint.progress_notice",
        note=_("처리 진행 상황 통지 (처리완료 예정일 %(due)s)")
        % {"due": timezone.localtime(complaint.due_at).strftime("%Y-%m-%d")},
        visible=True,
        at=now,
    )
    notices.progress_notice(complaint, official=acting_user or complaint.assigned_to)
    return complaint


def progress_notices_due(*, now=None):
    """Open 민원 received 30일 or more ago whose last 중간 통지 (if any) is 30일 old."""
    from django.db.models import Q

    from ..choices import OPEN_STATUSES

    now = now or timezone.now()
    cutoff = now - timedelta(days=clock.progress_notice_days())
    return Complaint.objects.filter(status__in=OPEN_STATUSES, received_at__lte=cutoff).filter(
        Q(last_progress_notice_at__isnull=True) | Q(last_progress_notice_at__lte=cutoff)
    )


def progress_notices_send(*, now=None) -> int:
    """The daily job: send every 중간 통지 that is due; one transaction per 민원, so one
    failure does not hold back the rest."""
    sent = 0
    for pk in list(progress_notices_due(now=now).values_list("pk", flat=True)):
        complaint_progress_notice(complaint=Complaint(pk=pk), acting_user=None)
        sent += 1
    return sent
