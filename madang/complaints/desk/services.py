"""Writes of the staff desk: bulk assignment and 독촉 (overdue reminders to departments).

Each runs in one transaction and leaves an audit row; e-mail goes through
madang.notifications (recorded now, delivered after commit)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import override

from madang.core.audit import audit_log_record
from madang.departments.models import Department

from .. import deadlines
from ..choices import ComplaintEventKind
from ..models import Complaint, ComplaintEvent
from . import rules
from .selectors import DUE_OVERDUE, desk_complaints_for_action, overdue_complaints, today_bounds

BULK_ASSIGN_MAX = 200


@transaction.atomic
def complaint_bulk_assign(
    *, acting_user, complaint_ids: Iterable[int], official
) -> list[Complaint]:
    """Assign several open 민원 to one official (담당 공무원) at once.

    Each goes through `complaint_assign` (its own timeline line, audit row and notice to the
    official, and its rules: staff of the 처리 부서 only, so another department's 민원 is
    transferred first); this adds one audit row for the batch. All or nothing: if any cannot
    be assigned, none is, and the message names the receipt number."""
    from ..handling import complaint_assign

    ids = sorted({int(i) for i in complaint_ids})
    if not ids:
        raise ValidationError({"complaints": _("배정할 민원을 하나 이상 고르세요.")})
    if len(ids) > BULK_ASSIGN_MAX:
        raise ValidationError(
            {"complaints": _("한 번에 %(n)d건까지 배정할 수 있습니다. 나누어 배정하세요.")
             % {"n": BULK_ASSIGN_MAX}}
        )  # fmt: skip
    if official is None or not (official.is_active and official.is_staff):
        raise ValidationError({"official": _("배정할 담당 공무원을 고르세요.")})
    complaints = list(
        desk_complaints_for_action(user=acting_user, complaint_ids=ids)
        .select_for_update()
        .order_by("pk")
    )
    if len(complaints) != len(ids):
        raise ValidationError(
            {"complaints": _("고른 민원 가운데 이미 종결되었거나 볼 수 없는 민원이 있습니다. "
                             "목록을 새로 고친 뒤 다시 고르세요.")}
        )  # fmt: skip
    assigned = []
    for complaint in complaints:
        try:
            assigned.append(
                complaint_assign(complaint=complaint, official=official, acting_user=acting_user)
            )
        except ValidationError as exc:
            raise ValidationError(
                {
                    "complaints": [
                        _("%(receipt)s: %(reason)s")
                        % {"receipt": complaint.receipt_number, "reason": " ".join(exc.messages)}
                    ]
                }
            ) from exc
    audit_log_record(
        acting_user=acting_user,
        action="complaint.bulk_assign",
        object_type="complaints.complaint",
        object_repr=_("민원 %(n)d건 일괄 배정") % {"n": len(complaints)},
        changes={
            "complaints": [c.receipt_number for c in complaints],
            "assigned_to": [None, {"id": official.pk, "repr": official.get_username()}],
        },
    )
    return assigned


@dataclass(frozen=True)
class ReminderResult:
    department: Department
    complaints: int
    sent: bool  # False: nothing overdue, or no address to send to


def _desk_url(department: Department) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    query = urlencode({"scope": "department", "department": department.pk, "due": DUE_OVERDUE})
    return f"{base}{reverse('complaints_desk:queue')}?{query}"


@transaction.atomic
def complaint_reminder_send(
    *,
    acting_user,
    department: Department,
    automatic: bool = False,
    now: datetime | None = None,
) -> ReminderResult:
    """독촉: e-mail a department the list of its overdue 민원 (민원심사관의 독촉, 시행령
    제28조②) and put a "reminder" line on each one's timeline.

    By hand (`acting_user` a desk user who may see the department) or by the daily job
    (`acting_user=None`, `automatic=True`). The e-mail names each 민원 by receipt number,
    kind, deadline and official, never its title or the citizen (조례 제22조①)."""
    now = now or timezone.now()
    if acting_user is not None and not rules.can_see_department(acting_user, department):
        raise ValidationError(_("이 부서에 독촉을 보낼 권한이 없습니다."))
    complaints = list(overdue_complaints(department=department, now=now))
    if not complaints:
        return ReminderResult(department=department, complaints=0, sent=False)
    if not department.email:
        if acting_user is not None:
            raise ValidationError(
                _("%(department)s의 대표 이메일이 없어 독촉을 보낼 수 없습니다. "
                  "부서 관리에서 대표 이메일을 입력한 뒤 다시 보내세요.")
                % {"department": department.name_ko}
            )  # fmt: skip
        return ReminderResult(department=department, complaints=len(complaints), sent=False)
    today = timezone.localtime(now).date()
    rows = [
        {
            "receipt_number": c.receipt_number,
            "kind": c.get_kind_display(),
            "due_at": timezone.localtime(c.due_at),
            "days_overdue": (today - timezone.localtime(c.due_at).date()).days,
            "official": str(c.assigned_to) if c.assigned_to_id else "",
        }
        for c in complaints
    ]
    # Staff mail is in Korean, the office's language, whatever language the sender browses in.
    with override(settings.LANGUAGE_CODE):
        subject = _("[민원 독촉] %(department)s 처리기한이 지난 민원 %(n)d건") % {
            "department": department.name_ko,
            "n": len(rows),
        }
        body = render_to_string(
            "complaints/desk/email/reminder.txt",
            {
                "department": department,
                "rows": rows,
                "automatic": automatic,
                "sender": acting_user,
                "desk_url": _desk_url(department),
                "now": timezone.localtime(now),
            },
        )
        note = (
            _("처리기한 경과 자동 독촉(매 근무일)")
            if automatic
            else _("처리기한 경과 독촉(직원 발송)")
        )
    from madang.notifications.services import notification_send

    notification_send(
        purpose="complaint_reminder",
        subject=subject,
        body=body,
        to_email=department.email,
        channels=("email",),
        related=department,
    )
    actor = acting_user if acting_user is not None and acting_user.is_authenticated else None
    ComplaintEvent.objects.bulk_create(
        [
            ComplaintEvent(
                complaint=c,
                kind=ComplaintEventKind.REMINDER,
                actor=actor,
                at=now,
                note=note,
                data={"automatic": automatic, "department_id": department.pk},
                visible_to_citizen=False,
            )
            for c in complaints
        ]
    )
    audit_log_record(
        acting_user=acting_user,
        action="complaint.reminder",
        obj=department,
        changes={
            "complaints": [c.receipt_number for c in complaints],
            "automatic": automatic,
        },
    )
    return ReminderResult(department=department, complaints=len(complaints), sent=True)


def complaint_reminders_send_daily(*, now: datetime | None = None) -> list[ReminderResult]:
    """The daily 독촉 run: on a working day (법 제19조 calendar), each department with overdue
    민원 gets one e-mail, once a day however often the job runs (a retried task sends no
    second one). Returns what was sent."""
    from .selectors import departments_with_overdue

    now = now or timezone.now()
    if not deadlines.default_calendar().is_working_day(timezone.localtime(now).date()):
        return []
    start, end = today_bounds(now)
    results = []
    for department in departments_with_overdue(now=now):
        already = ComplaintEvent.objects.filter(
            kind=ComplaintEventKind.REMINDER,
            at__gte=start,
            at__lt=end,
            data__automatic=True,
            data__department_id=department.pk,
        ).exists()
        if already:
            continue
        results.append(
            complaint_reminder_send(
                acting_user=None, department=department, automatic=True, now=now
            )
        )
    return results
