"""Reads of the staff desk: the queue page (one counting query, one page of rows, whatever the
number of 민원) and what the forms on it offer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.departments.models import Department
from madang.privacy.masking import mask_personal_data

from ..choices import OPEN_STATUSES, PAUSED_STATUSES, ComplaintKind, ComplaintStatus
from ..models import Complaint
from . import rules

PAGE_SIZE = 25
UNASSIGNED_CAP = 1000

SCOPE_MINE = "mine"
SCOPE_DEPARTMENT = "department"
SCOPES = (SCOPE_MINE, SCOPE_DEPARTMENT)

DUE_ALL = ""
DUE_TODAY = "today"
DUE_OVERDUE = "overdue"
DUE_UNASSIGNED = "unassigned"
DUE_FILTERS = (DUE_ALL, DUE_TODAY, DUE_OVERDUE, DUE_UNASSIGNED)

# Only what a row shows: no personal-data column is ever read for a list.
ROW_FIELDS = (
    "id",
    "receipt_number",
    "receipt_sequence",
    "kind",
    "title",
    "received_at",
    "due_at",
    "status",
    "extension_count",
    "department__id",
    "department__name_ko",
    "department__name_en",
    "assigned_to__id",
    "assigned_to__username",
    "assigned_to__first_name",
    "assigned_to__last_name",
)


@dataclass(frozen=True)
class QueueFilter:
    """What the queue page shows. `department` None with scope "department" means every
    department (overseers only; others fall back to their own)."""

    scope: str = SCOPE_DEPARTMENT
    due: str = DUE_ALL
    department: Department | None = None
    status: str = ""
    kind: str = ""
    page: int = 1


@dataclass
class QueueRow:
    """One row as the page shows it, every cell already a string: the queue renders a page of
    rows within its time budget only if the template does no per-row lookups or formatting."""

    complaint: Complaint
    title_masked: str
    overdue: bool
    due_today: bool
    paused: bool
    days_overdue: int
    kind_label: str = ""
    status_label: str = ""
    department_name: str = ""
    assignee: str = ""
    received: str = ""
    due: str = ""
    badge: str = ""
    checkbox_label: str = ""
    url: str = ""
    checked: bool = False


@dataclass
class QueuePage:
    rows: list[QueueRow]
    page: Page
    counts: dict[str, int]
    now: datetime
    department: Department | None
    scope: str
    filters: QueueFilter
    all_departments: bool = False
    extra: dict = field(default_factory=dict)


class _CountedPaginator(Paginator):
    """A paginator told its count, so the page makes no second COUNT(*)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def today_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Start of today and of tomorrow in Asia/Seoul (the district's day)."""
    today = timezone.localtime(now).date()
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(today, time.min), tz)
    return start, start + timedelta(days=1)


def overdue_q(now: datetime) -> Q:
    """Open, not paused (보완·현장조사 stop the clock, 시행령 제20조), past due."""
    return Q(status__in=OPEN_STATUSES) & ~Q(status__in=PAUSED_STATUSES) & Q(due_at__lt=now)


def _due_q(due: str, now: datetime) -> Q:
    if due == DUE_TODAY:
        start, end = today_bounds(now)
        return Q(due_at__gte=start, due_at__lt=end)
    if due == DUE_OVERDUE:
        return overdue_q(now)
    if due == DUE_UNASSIGNED:
        return Q(assigned_to__isnull=True)
    return Q()


def resolve_scope(*, user, flt: QueueFilter) -> tuple[str, Department | None, bool]:
    """(scope, department, all_departments) the user may actually see for `flt`."""
    if flt.scope == SCOPE_MINE:
        return SCOPE_MINE, None, False
    if rules.oversees_all(user):
        return SCOPE_DEPARTMENT, flt.department, flt.department is None
    department = user.department
    return SCOPE_DEPARTMENT, department, False


def _scope_qs(*, user, scope: str, department, all_departments: bool) -> QuerySet[Complaint]:
    qs = Complaint.objects.filter(status__in=OPEN_STATUSES)
    if scope == SCOPE_MINE:
        return qs.filter(assigned_to=user)
    if all_departments:
        return qs
    if department is None:
        return qs.none()
    return qs.filter(department=department)


def desk_queue(*, user, flt: QueueFilter, now: datetime | None = None) -> QueuePage:
    """One page of the queue, most urgent first (처리기한 순), with the counts of each filter.

    Two queries whatever the number of 민원: one aggregate for the counts (which also gives the
    paginator its total) and one for the page's rows with department and official joined."""
    now = now or timezone.now()
    scope, department, all_departments = resolve_scope(user=user, flt=flt)
    base = _scope_qs(user=user, scope=scope, department=department, all_departments=all_departments)
    if flt.status in OPEN_STATUSES:
        base = base.filter(status=flt.status)
    if flt.kind in ComplaintKind.values:
        base = base.filter(kind=flt.kind)
    due = flt.due if flt.due in DUE_FILTERS else DUE_ALL
    if scope == SCOPE_MINE and due == DUE_UNASSIGNED:
        due = DUE_ALL
    # COUNT(due_at), not COUNT(id): every column the counts read is in the queue indexes
    # ((department|assigned_to), status, due_at), so PostgreSQL counts from the index alone
    # (an index-only scan) instead of visiting ~33,000 wide heap rows of a large department.
    counts = base.aggregate(
        all=Count("due_at"),
        today=Count("due_at", filter=_due_q(DUE_TODAY, now)),
        overdue=Count("due_at", filter=_due_q(DUE_OVERDUE, now)),
    )
    counts = {k: v or 0 for k, v in counts.items()}
    # "미배정" needs assigned_to, which the department index does not hold: counted up to a
    # cap (a LIMIT subquery), shown as "1,000+" beyond it.
    counts["unassigned"] = 0
    if scope == SCOPE_DEPARTMENT:
        counts["unassigned"] = (
            base.filter(assigned_to__isnull=True).order_by().values("pk")[: UNASSIGNED_CAP + 1]
        ).count()
    rows_qs = (
        base.filter(_due_q(due, now))
        .select_related("department", "assigned_to")
        .only(*ROW_FIELDS)
        .order_by("due_at", "pk")
    )
    paginator = _CountedPaginator(rows_qs, PAGE_SIZE, count=counts[due or "all"])
    page = paginator.get_page(flt.page)
    rows = queue_rows(list(page.object_list), now=now)
    return QueuePage(
        rows=rows,
        page=page,
        counts=counts,
        now=now,
        department=department,
        scope=scope,
        filters=QueueFilter(
            scope=scope,
            due=due,
            department=department,
            status=flt.status,
            kind=flt.kind,
            page=page.number,
        ),
        all_departments=all_departments,
    )


def _stamp(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def queue_rows(complaints: list[Complaint], *, now: datetime) -> list[QueueRow]:
    """Rows as the page shows them: titles with personal data masked (조례 제22조①), overdue
    and due-today flags shown in words as well as colour (KWCAG 5.4.1), labels resolved."""
    start, end = today_bounds(now)
    today = timezone.localtime(now).date()
    kinds = {value: str(label) for value, label in ComplaintKind.choices}
    states = {value: str(label) for value, label in ComplaintStatus.choices}
    paused_note = gettext("기한 정지")
    due_today = gettext("오늘 기한")
    overdue_plain = gettext("기한 지남")
    rows = []
    for c in complaints:
        paused = c.status in PAUSED_STATUSES
        overdue = not paused and c.due_at < now
        days = (today - timezone.localtime(c.due_at).date()).days if overdue else 0
        today_due = start <= c.due_at < end
        if overdue:
            badge = (
                ngettext("기한 %(n)d일 지남", "기한 %(n)d일 지남", days) % {"n": days}
                if days
                else overdue_plain
            )
        else:
            badge = due_today if today_due else ""
        status = states.get(c.status, c.status)
        rows.append(
            QueueRow(
                complaint=c,
                title_masked=mask_personal_data(c.title),
                overdue=overdue,
                due_today=today_due,
                paused=paused,
                days_overdue=days,
                kind_label=kinds.get(c.kind, c.kind),
                status_label=f"{status} ({paused_note})" if paused else status,
                department_name=c.department.display_name if c.department_id else "-",
                assignee=str(c.assigned_to) if c.assigned_to_id else "",
                received=_stamp(c.received_at),
                due=_stamp(c.due_at),
                badge=badge,
                checkbox_label=gettext("%(number)s 선택") % {"number": c.receipt_number},
            )
        )
    return rows


def desk_officials(*, user, department: Department | None, all_departments: bool):
    """Staff a desk user may assign 민원 to: the department's active staff (every department's
    for an overseer looking at all of them), ordered for an <optgroup> per department."""
    qs = User.objects.filter(
        is_active=True, is_staff=True, kind=AccountKind.STAFF, department__isnull=False
    )
    if not all_departments:
        if department is None:
            return qs.none()
        qs = qs.filter(department=department)
    return qs.select_related("department").order_by(
        "department__sort_order", "department__name_ko", "last_name", "first_name", "username"
    )


def desk_departments(*, user) -> QuerySet[Department]:
    """Departments an overseer may pick on the queue page (others have only their own)."""
    if not rules.oversees_all(user):
        return Department.objects.none()
    return Department.objects.filter(is_active=True).order_by("sort_order", "name_ko")


def desk_complaints_for_action(*, user, complaint_ids) -> QuerySet[Complaint]:
    """The open 민원 among `complaint_ids` that `user` may act on from the desk."""
    return Complaint.objects.filter(
        rules.visible_complaints_q(user), pk__in=complaint_ids, status__in=OPEN_STATUSES
    )


def overdue_complaints(*, department: Department, now: datetime | None = None):
    """The department's open 민원 past their deadline, most overdue first (for 독촉)."""
    now = now or timezone.now()
    return (
        Complaint.objects.filter(overdue_q(now), department=department)
        .select_related("assigned_to")
        .only(
            "id",
            "receipt_number",
            "kind",
            "due_at",
            "status",
            "department_id",
            "assigned_to__id",
            "assigned_to__username",
            "assigned_to__first_name",
            "assigned_to__last_name",
        )
        .order_by("due_at", "pk")
    )


def departments_with_overdue(*, now: datetime | None = None) -> QuerySet[Department]:
    """Departments with at least one overdue 민원 (the daily 독촉 run)."""
    now = now or timezone.now()
    ids = (
        Complaint.objects.filter(overdue_q(now), department__isnull=False)
        .values_list("department_id", flat=True)
        .distinct()
    )
    return Department.objects.filter(pk__in=ids).order_by("sort_order", "name_ko")


STATUS_CHOICES_OPEN = [
    (s, ComplaintStatus(s).label) for s in ComplaintStatus.values if s in OPEN_STATUSES
]
