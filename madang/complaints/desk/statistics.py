"""민원 statistics for staff and the public summary: by kind, by department, by month, the
on-time rate, the average handling time and satisfaction (법 제26조 사후관리).

Every figure is a count or an average over 민원 received in a period; nothing here reads a
personal-data column, so the public page can show any of it. Seven queries whatever the
number of 민원 (a query-count test holds this)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.departments.models import Department

from ..choices import ComplaintKind, ComplaintStatus, SatisfactionScore
from ..models import Complaint, ComplaintSatisfaction
from .selectors import overdue_q

# What counts as "처리" for the on-time rate and the handling time: the department answered,
# refused with reasons, or closed a repeated 민원. Transfers (another body answers) and
# withdrawals (the citizen stopped) are counted apart and left out of both.
PROCESSED_STATUSES = (
    ComplaintStatus.ANSWERED,
    ComplaintStatus.REFUSED,
    ComplaintStatus.CLOSED_REPEATED,
)
_PROCESSED = Q(status__in=PROCESSED_STATUSES, closed_at__isnull=False)
_ON_TIME = _PROCESSED & Q(closed_at__lte=F("due_at"))
_HANDLING = ExpressionWrapper(F("closed_at") - F("received_at"), output_field=DurationField())


# SVG layout (user units of the viewBox): label column, bar area, row height.
LABEL_WIDTH = 190
BAR_WIDTH = 330
ROW_HEIGHT = 30
BAR_HEIGHT = 18


@dataclass
class BarRow:
    label: str
    value: float
    display: str
    width: float  # 0-100, share of the chart's largest value

    def layout(self, index: int) -> dict:
        """Coordinates of this row in the chart's SVG."""
        bar = round(BAR_WIDTH * self.width / 100, 1)
        top = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        return {
            "label_x": LABEL_WIDTH - 8,
            "bar_x": LABEL_WIDTH,
            "bar_y": top,
            "bar_w": max(bar, 1 if self.value else 0),
            "bar_h": BAR_HEIGHT,
            "text_y": top + BAR_HEIGHT - 4,
            "value_x": LABEL_WIDTH + bar + 6,
        }


@dataclass
class Chart:
    """A bar chart and the table that carries the same data (KWCAG 5.1.1, 5.3.1)."""

    key: str
    title: str
    value_header: str
    rows: list[BarRow]

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.rows) + 4

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_WIDTH + 110

    @property
    def drawn(self) -> list[tuple[BarRow, dict]]:
        return [(row, row.layout(i)) for i, row in enumerate(self.rows)]

    @property
    def summary(self) -> str:
        """A one-sentence text alternative of the chart."""
        if not self.rows:
            return _("%(title)s: 자료가 없습니다.") % {"title": self.title}
        parts = ", ".join(f"{r.label} {r.display}" for r in self.rows)
        return f"{self.title}: {parts}"


@dataclass
class DepartmentFigures:
    department: Department | None
    received: int = 0
    processed: int = 0
    on_time: int = 0
    transferred: int = 0
    withdrawn: int = 0
    open: int = 0
    overdue_now: int = 0
    handling: timedelta | None = None
    satisfaction_average: float | None = None
    satisfaction_count: int = 0

    @property
    def name(self) -> str:
        return self.department.display_name if self.department else _("부서 미지정")

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.processed, 1) if self.processed else None

    @property
    def handling_days(self) -> float | None:
        return _days(self.handling)


@dataclass
class Statistics:
    start: date
    end: date  # inclusive, for display
    department: Department | None
    received: int = 0
    processed: int = 0
    on_time: int = 0
    handling: timedelta | None = None
    satisfaction_average: float | None = None
    satisfaction_count: int = 0
    overdue_now: int = 0
    departments: list[DepartmentFigures] = field(default_factory=list)
    charts: dict[str, Chart] = field(default_factory=dict)

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.processed, 1) if self.processed else None

    @property
    def handling_days(self) -> float | None:
        return _days(self.handling)

    @property
    def satisfaction_rate(self) -> float | None:
        """Share of processed 민원 whose citizen answered the survey."""
        if not self.processed:
            return None
        return round(100 * self.satisfaction_count / self.processed, 1)


def _days(value: timedelta | None) -> float | None:
    if value is None:
        return None
    return round(value.total_seconds() / 86400, 1)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def _bars(rows: list[tuple[str, float, str]]) -> list[BarRow]:
    top = max((v for _label, v, _display in rows), default=0) or 1
    return [BarRow(label, v, display, round(100 * v / top, 1)) for label, v, display in rows]


def _count_display(n: int) -> str:
    return _("%(n)s건") % {"n": f"{n:,}"}


def complaint_statistics(
    *,
    start: date,
    end: date,
    department: Department | None = None,
    now: datetime | None = None,
) -> Statistics:
    """Figures for 민원 received from `start` to `end` (both included, Asia/Seoul), for one
    department or the whole office. The on-time rate counts a 민원 answered by its deadline,
    extensions included (시행령 제21조); the handling time is calendar time from 접수 to 종결."""
    now = now or timezone.now()
    since, until = _bounds(start, end)
    qs = Complaint.objects.filter(received_at__gte=since, received_at__lt=until)
    if department is not None:
        qs = qs.filter(department=department)
    stats = Statistics(start=start, end=end, department=department)

    # 1. per department: everything that is a count or an average
    per_dept = qs.values("department_id").annotate(
        received=Count("pk"),
        processed=Count("pk", filter=_PROCESSED),
        on_time=Count("pk", filter=_ON_TIME),
        transferred=Count("pk", filter=Q(status=ComplaintStatus.TRANSFERRED)),
        withdrawn=Count("pk", filter=Q(status=ComplaintStatus.WITHDRAWN)),
        open=Count(
            "pk",
            filter=~Q(
                status__in=[
                    *PROCESSED_STATUSES,
                    ComplaintStatus.TRANSFERRED,
                    ComplaintStatus.WITHDRAWN,
                ]
            ),
        ),
        handling=Avg(_HANDLING, filter=_PROCESSED),
        sat_avg=Avg("satisfaction__score"),
        sat_n=Count("satisfaction"),
    )
    per_dept = list(per_dept)
    # 2. open and past due right now (not limited to the period: what needs 독촉 today)
    overdue_qs = Complaint.objects.filter(overdue_q(now))
    if department is not None:
        overdue_qs = overdue_qs.filter(department=department)
    overdue = dict(
        overdue_qs.values("department_id").annotate(n=Count("pk")).values_list("department_id", "n")
    )
    # 3. the departments' names
    ids = {r["department_id"] for r in per_dept} | set(overdue)
    names = {d.pk: d for d in Department.objects.filter(pk__in=[i for i in ids if i])}
    by_id: dict[int | None, DepartmentFigures] = {}
    for r in per_dept:
        by_id[r["department_id"]] = DepartmentFigures(
            department=names.get(r["department_id"]),
            received=r["received"],
            processed=r["processed"],
            on_time=r["on_time"],
            transferred=r["transferred"],
            withdrawn=r["withdrawn"],
            open=r["open"],
            handling=r["handling"],
            satisfaction_average=round(r["sat_avg"], 2) if r["sat_avg"] is not None else None,
            satisfaction_count=r["sat_n"],
        )
    for dept_id, n in overdue.items():
        by_id.setdefault(dept_id, DepartmentFigures(department=names.get(dept_id)))
        by_id[dept_id].overdue_now = n
    figures = sorted(
        by_id.values(),
        key=lambda f: (
            f.department is None,
            f.department.sort_order if f.department else 0,
            f.name,
        ),
    )
    stats.departments = figures
    stats.received = sum(f.received for f in figures)
    stats.processed = sum(f.processed for f in figures)
    stats.on_time = sum(f.on_time for f in figures)
    stats.overdue_now = sum(f.overdue_now for f in figures)
    weighted = [(f.handling, f.processed) for f in figures if f.handling is not None]
    if weighted:
        total = sum((h * n for h, n in weighted), timedelta())
        stats.handling = total / sum(n for _h, n in weighted)
    stats.satisfaction_count = sum(f.satisfaction_count for f in figures)
    rated = [
        (f.satisfaction_average, f.satisfaction_count) for f in figures if f.satisfaction_count
    ]
    if rated:
        stats.satisfaction_average = round(
            sum(a * n for a, n in rated) / stats.satisfaction_count, 2
        )

    # 4. by kind
    kinds = dict(qs.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    stats.charts["kind"] = Chart(
        key="kind",
        title=_("종류별 접수"),
        value_header=_("접수 건수"),
        rows=_bars(
            [
                (
                    str(kind.label),
                    kinds.get(kind.value, 0),
                    _count_display(kinds.get(kind.value, 0)),
                )
                for kind in ComplaintKind
            ]
        ),
    )
    # 5. by month
    months = (
        qs.annotate(month=TruncMonth("received_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    stats.charts["month"] = Chart(
        key="month",
        title=_("월별 접수"),
        value_header=_("접수 건수"),
        rows=_bars(
            [
                (
                    _("%(y)d년 %(m)d월") % {"y": r["month"].year, "m": r["month"].month},
                    r["n"],
                    _count_display(r["n"]),
                )
                for r in months
            ]
        ),
    )
    # 6. satisfaction, five levels (법 제26조)
    sat = ComplaintSatisfaction.objects.filter(
        complaint__received_at__gte=since, complaint__received_at__lt=until
    )
    if department is not None:
        sat = sat.filter(complaint__department=department)
    scores = dict(sat.values("score").annotate(n=Count("pk")).values_list("score", "n"))
    stats.charts["satisfaction"] = Chart(
        key="satisfaction",
        title=_("만족도 응답"),
        value_header=_("응답 수"),
        rows=_bars(
            [
                (
                    str(level.label),
                    scores.get(level.value, 0),
                    _count_display(scores.get(level.value, 0)),
                )
                for level in sorted(SatisfactionScore, key=lambda s: -s.value)
            ]
        ),
    )
    if department is None:
        stats.charts["department"] = Chart(
            key="department",
            title=_("부서별 접수"),
            value_header=_("접수 건수"),
            rows=_bars(
                [(f.name, f.received, _count_display(f.received)) for f in figures if f.received]
            ),
        )
        stats.charts["on_time"] = Chart(
            key="on_time",
            title=_("부서별 기한 내 처리율"),
            value_header=_("기한 내 처리율"),
            rows=[
                BarRow(f.name, f.on_time_rate, f"{f.on_time_rate}%", f.on_time_rate)
                for f in figures
                if f.on_time_rate is not None
            ],
        )
        stats.charts["handling"] = Chart(
            key="handling",
            title=_("부서별 평균 처리 기간"),
            value_header=_("평균 처리 기간"),
            rows=_bars(
                [
                    (f.name, f.handling_days, _("%(d)s일") % {"d": f.handling_days})
                    for f in figures
                    if f.handling_days is not None
                ]
            ),
        )
    return stats


def satisfaction_comments(
    *, start: date, end: date, department: Department | None = None, limit=20
):
    """The latest survey comments (already masked when saved) for the staff page."""
    since, until = _bounds(start, end)
    qs = (
        ComplaintSatisfaction.objects.filter(
            complaint__received_at__gte=since, complaint__received_at__lt=until
        )
        .exclude(comment="")
        .select_related("complaint__department")
        .only(
            "score",
            "comment",
            "created_at",
            "complaint__id",
            "complaint__receipt_number",
            "complaint__department__name_ko",
            "complaint__department__name_en",
        )
        .order_by("-created_at", "-pk")
    )
    if department is not None:
        qs = qs.filter(complaint__department=department)
    return list(qs[:limit])


def year_bounds(year: int, today: date | None = None) -> tuple[date, date]:
    """1 January to 31 December of `year`, or to today for the current year."""
    today = today or timezone.localdate()
    end = date(year, 12, 31)
    return date(year, 1, 1), min(end, today) if year == today.year else end
