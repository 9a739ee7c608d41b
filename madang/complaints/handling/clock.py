"""The legal clock of a 민원 under handling: the deadline with pauses and extensions, and the
이송 time limits. Pure arithmetic is in `madang.complaints.deadlines`; this module reads the
rows it needs and asks it.

- 시행령 제20조: time spent on 보완 and 현장조사 is not counted → ComplaintPause rows.
- 시행령 제21조: an extension adds at most the original length → ComplaintExtension rows; the
  total period is the original plus every extension, in the original's unit, so the deadline
  is always recomputed from the 접수일시 (no drift, whatever the order of pauses and extensions).
- 시행령 제13조: 이송 within 1 근무시간 (3 if the offices are far apart) from the 민원실 to the
  department, 3 근무시간 from a wrong department, 8 근무시간 to another agency.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from .. import deadlines
from ..choices import ComplaintEventKind
from ..models import Complaint


def _hours(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def transfer_hours_first() -> int:
    """민원실 → 처리주무부서: 1 근무시간 (시행령 제13조①); 3 where the offices are far apart."""
    return _hours("COMPLAINT_TRANSFER_HOURS_FIRST", 1)


def transfer_hours_internal() -> int:
    """A wrong department → the right one, through the 민원실: 3 근무시간 (시행령 제13조②)."""
    return _hours("COMPLAINT_TRANSFER_HOURS_INTERNAL", 3)


def transfer_hours_agency() -> int:
    """Another agency's 민원 → that agency: 8 근무시간, telling the citizen (시행령 제13조③)."""
    return _hours("COMPLAINT_TRANSFER_HOURS_AGENCY", 8)


def progress_notice_days() -> int:
    """중간 통지 every 30일 while a 민원 is open (시행령 제23조)."""
    return _hours("COMPLAINT_PROGRESS_NOTICE_DAYS", 30)


def total_period(period: str, extensions: list[str]) -> deadlines.Period:
    """The original period plus each extension, in the original's unit (법 제19조①②: a period
    of 5일 or less stays counted in working hours however long it is extended)."""
    base = deadlines.parse_period(period)
    added = [deadlines.parse_period(e) for e in extensions if e]
    if not added:
        return base
    if base.counted_in_hours:
        hours = base.working_time + sum((a.working_time for a in added), timedelta())
        return deadlines.Period(int(hours.total_seconds() // 3600), deadlines.PeriodUnit.HOURS)
    return deadlines.Period(base.amount + sum(a.amount for a in added), deadlines.PeriodUnit.DAYS)


def extension_limit(period: str) -> deadlines.Period:
    """The longest one extension may be: the original length (시행령 제21조①)."""
    return deadlines.parse_period(period)


def complaint_due_at(complaint: Complaint, *, extra_extension: str = "") -> datetime:
    """The current legal deadline: from the 접수일시, the original period plus extensions, less
    every finished pause. A pause still running is left out: until the clock restarts the
    deadline stays where it stood when it stopped, and it moves when the pause ends."""
    pauses = [(p.started_at, p.ended_at) for p in complaint.pauses.all() if p.ended_at is not None]
    extensions = [e.added_period for e in complaint.extensions.all()]
    if extra_extension:
        extensions.append(extra_extension)
    return deadlines.due_at(
        complaint.received_at, total_period(complaint.period, extensions), pauses=pauses
    )


def arrived_at(complaint: Complaint) -> datetime:
    """When the 민원 reached its current department: the last routing or internal transfer,
    or the 접수일시."""
    last = (
        complaint.events.filter(
            kind__in=[ComplaintEventKind.ROUTED, ComplaintEventKind.TRANSFERRED]
        )
        .order_by("-at", "-pk")
        .values_list("at", flat=True)
        .first()
    )
    return last or complaint.received_at


def transfer_deadline(complaint: Complaint, *, to_agency: bool) -> datetime:
    """By when a 이송 must be made (시행령 제13조): 8 근무시간 from receipt to another agency;
    inside the district 1 근무시간 from receipt before any department holds it, else 3 근무시간
    from its arrival at the wrong department."""
    if to_agency:
        return deadlines.due_at(complaint.received_at, f"{transfer_hours_agency()}h")
    if complaint.department_id is None:
        return deadlines.due_at(complaint.received_at, f"{transfer_hours_first()}h")
    return deadlines.due_at(arrived_at(complaint), f"{transfer_hours_internal()}h")
