"""Pieces every handling service shares: the row lock, the timeline line, the audit row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record

from ..choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    PAUSED_STATUSES,
    ComplaintEventKind,
    ComplaintStatus,
)
from ..models import Complaint, ComplaintEvent
from .access import can_handle


def locked(complaint: Complaint) -> Complaint:
    """The stored row, locked until commit, so two staff acting at once are serialised and
    every check below sees what is in the database."""
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("department", "assigned_to", "assigned_to__department", "field")
        .get(pk=complaint.pk)
    )


def require_handler(acting_user, complaint: Complaint) -> None:
    """Staff services refuse anyone not handling the 민원 (None = the system)."""
    if acting_user is None:
        return
    if not can_handle(acting_user, complaint):
        raise ValidationError(_("이 민원을 처리할 권한이 없습니다."), code="forbidden")


def require_open(complaint: Complaint) -> None:
    if complaint.status not in OPEN_STATUSES:
        raise ValidationError(
            _("이미 종결된 민원입니다 (%(status)s). 다시 처리하려면 먼저 재개하세요.")
            % {"status": complaint.get_status_display()},
            code="closed",
        )


def require_running(complaint: Complaint) -> None:
    """Open and its clock running (no 보완 or 현장조사 under way)."""
    require_open(complaint)
    if complaint.status in PAUSED_STATUSES:
        raise ValidationError(
            _("%(status)s입니다. 먼저 보완 제출이나 현장조사 종료로 처리기간을 다시 시작하세요.")
            % {"status": complaint.get_status_display()},
            code="paused",
        )


def require_closed(complaint: Complaint) -> None:
    if complaint.status not in CLOSED_STATUSES:
        raise ValidationError(_("종결되지 않은 민원입니다."), code="not_closed")


def resumed_status(complaint: Complaint) -> str:
    """Where a 민원 goes when its clock restarts or it is reopened."""
    if complaint.assigned_to_id is None:
        return ComplaintStatus.RECEIVED
    return ComplaintStatus.IN_PROGRESS


def actor(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def record(
    complaint: Complaint,
    *,
    kind: str,
    acting_user,
    action: str,
    note: str = "",
    data: dict[str, Any] | None = None,
    visible: bool = False,
    at=None,
    changes: dict[str, Any] | None = None,
) -> ComplaintEvent:
    """One timeline line and one audit row, in the service's transaction. Personal data goes
    into neither (the audit row holds ids and states only)."""
    event = ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        actor=actor(acting_user),
        at=at or timezone.now(),
        note=note,
        data=data or {},
        visible_to_citizen=visible,
    )
    audit_log_record(
        acting_user=actor(acting_user),
        action=action,
        obj=complaint,
        changes={"status": complaint.status, **(changes or {}), "event": event.pk},
    )
    return event


def start_if_assigned(complaint: Complaint, acting_user, *, now=None) -> bool:
    """처리 시작: the assigned official's first action on a 민원 in 배정 (a 보완 request, a
    현장조사, an extension, a 중간 통지, a 이송, an answer, a 민원조정위원회 referral…) moves it
    to 처리 중, with its own line on the timeline (shown to the citizen) and audit row. Anyone
    else acting (a colleague, the 민원실, the daily job) leaves the status as it is. Call it
    after the action's checks have passed and before its own change, with the same `now`, so
    the timeline reads 처리 시작 first. Returns whether the status moved."""
    if (
        complaint.status != ComplaintStatus.ASSIGNED
        or acting_user is None
        or complaint.assigned_to_id is None
        or getattr(acting_user, "pk", None) != complaint.assigned_to_id
    ):
        return False
    complaint.status = ComplaintStatus.IN_PROGRESS
    complaint.save(update_fields=["status", "updated_at"])
    record(
        complaint,
        kind=ComplaintEventKind.STARTED,
        acting_user=acting_user,
        action="complaint.start",
        note=_("담당자가 민원 처리를 시작했습니다."),
        visible=True,
        at=now,
        changes={"status": [ComplaintStatus.ASSIGNED, ComplaintStatus.IN_PROGRESS]},
    )
    return True


def text_required(value: str, field: str, message: str, *, limit: int = 5000) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [message]})
    if len(value) > limit:
        raise ValidationError(
            {field: [_("%(n)d자 이내로 줄여 주세요.") % {"n": limit}]}, code="too_long"
        )
    return value


def end_running_pause(complaint: Complaint, now):
    """Close a 보완 or 현장조사 still running (the 민원 is closing); returns it or None."""
    pause = complaint.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
    if pause is not None:
        pause.ended_at = now
        pause.save(update_fields=["ended_at"])
    complaint.paused_since = None
    return pause
