"""Views of the staff desk (Wagtail admin) and the public statistics summary: parse, call one
selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import rules, selectors, services, statistics
from .forms import BulkAssignForm, QueueFilterForm, ReminderForm, StatisticsForm

PUBLIC_CACHE_SECONDS = 600


def _require_desk(request) -> None:
    if not rules.can_use_desk(request.user):
        raise PermissionDenied


def _link_rows(rows) -> None:
    """Each row links to the handling detail page (madang.complaints.admin_handling), where
    personal data is shown to those handling the 민원 and each view is logged."""
    try:
        # Reversed once with a marker id, then filled in per row (50 reverse() calls cost more
        # than the page's queries).
        pattern = reverse("complaints_handling:detail", args=[987654321])
    except NoReverseMatch:
        return
    head, tail = pattern.split("987654321", 1)
    for row in rows:
        row.url = f"{head}{row.complaint.pk}{tail}"


def _queue_filter(request) -> tuple[selectors.QueueFilter, QueueFilterForm]:
    form = QueueFilterForm(request.GET, departments=selectors.desk_departments(user=request.user))
    form.is_valid()
    data = form.cleaned_data  # the fields that were valid; a bad one falls back to its default
    default_scope = (
        selectors.SCOPE_DEPARTMENT
        if rules.oversees_all(request.user) or request.user.department_id
        else selectors.SCOPE_MINE
    )
    flt = selectors.QueueFilter(
        scope=data.get("scope") or default_scope,
        due=data.get("due") or selectors.DUE_ALL,
        department=data.get("department"),
        status=data.get("status") or "",
        kind=data.get("kind") or "",
        page=data.get("page") or 1,
    )
    return flt, form


def _query(flt: selectors.QueueFilter, **changes) -> str:
    values = {
        "scope": flt.scope,
        "due": flt.due,
        "department": flt.department.pk if flt.department else "",
        "status": flt.status,
        "kind": flt.kind,
    }
    values.update(changes)
    return "?" + urlencode({k: v for k, v in values.items() if v not in ("", None)})


@require_http_methods(["GET", "POST"])
def queue(request):
    """민원 처리 현황: my 민원 or the department's, due today, overdue (in red and in words),
    unassigned; bulk assignment and 독촉 from the same page."""
    _require_desk(request)
    flt, filter_form = _queue_filter(request)
    assign_errors: list[str] = []
    assign_data = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "remind":
            return _remind(request, flt)
        if action == "assign":
            assign_data = request.POST
    result = selectors.desk_queue(user=request.user, flt=flt)
    _link_rows(result.rows)
    officials = selectors.desk_officials(
        user=request.user, department=result.department, all_departments=result.all_departments
    )
    assign_form = BulkAssignForm(
        assign_data, officials=officials, complaint_ids=[r.complaint.pk for r in result.rows]
    )
    if assign_data is not None:
        if assign_form.is_valid():
            try:
                assigned = services.complaint_bulk_assign(
                    acting_user=request.user,
                    complaint_ids=assign_form.cleaned_data["complaint"],
                    official=assign_form.cleaned_data["official"],
                )
            except ValidationError as exc:
                assign_errors = exc.messages
            else:
                messages.success(
                    request,
                    _("민원 %(n)d건을 %(official)s 님에게 배정했습니다.")
                    % {"n": len(assigned), "official": assign_form.cleaned_data["official"]},
                )
                return HttpResponseRedirect(request.path + _query(result.filters))
        else:
            assign_errors = [e for errors in assign_form.errors.values() for e in errors]
    if assign_data is not None:
        selected = {int(v) for v in assign_data.getlist("complaint") if v.isdigit()}
        for row in result.rows:
            row.checked = row.complaint.pk in selected
    chosen = str(assign_form["official"].value() or "")
    official_groups: list[tuple[str, list[tuple[int, str, bool]]]] = []
    for user in officials:
        name = user.department.display_name
        if not official_groups or official_groups[-1][0] != name:
            official_groups.append((name, []))
        label = f"{user} ({user.position})" if user.position else str(user)
        official_groups[-1][1].append((user.pk, label, str(user.pk) == chosen))
    tabs = [
        (selectors.SCOPE_MINE, _("내 민원")),
        (
            selectors.SCOPE_DEPARTMENT,
            _("부서 민원") if not rules.oversees_all(request.user) else _("부서별 민원"),
        ),
    ]
    chips = [
        (selectors.DUE_ALL, _("처리 중 전체"), result.counts["all"]),
        (selectors.DUE_TODAY, _("오늘 기한"), result.counts["today"]),
        (selectors.DUE_OVERDUE, _("기한 지남"), result.counts["overdue"]),
    ]
    if result.scope == selectors.SCOPE_DEPARTMENT:
        unassigned = result.counts["unassigned"]
        if unassigned > selectors.UNASSIGNED_CAP:
            unassigned = f"{selectors.UNASSIGNED_CAP:,}+"
        chips.append((selectors.DUE_UNASSIGNED, _("미배정"), unassigned))
    return TemplateResponse(
        request,
        "complaints/desk/queue.html",
        {
            "page_title": _("민원 처리 현황"),
            "header_title": _("민원 처리 현황"),
            "header_icon": "tasks",
            "result": result,
            "flt": result.filters,
            "filter_form": filter_form,
            "assign_form": assign_form,
            "assign_errors": assign_errors,
            "official_groups": official_groups,
            "tabs": [
                (key, label, _query(result.filters, scope=key, due="")) for key, label in tabs
            ],
            "chips": [(key, label, n, _query(result.filters, due=key)) for key, label, n in chips],
            "page_query": _query(result.filters, due=result.filters.due),
            "oversees_all": rules.oversees_all(request.user),
            "can_remind": result.department is not None
            and result.scope == selectors.SCOPE_DEPARTMENT
            and result.counts["overdue"] > 0,
            "open_statuses": selectors.STATUS_CHOICES_OPEN,
        },
    )


def _remind(request, flt):
    form = ReminderForm(request.POST)
    back = request.path + _query(flt)
    if not form.is_valid():
        messages.error(request, _("독촉을 보낼 부서를 찾을 수 없습니다. 목록을 새로 고치세요."))
        return HttpResponseRedirect(back)
    department = form.cleaned_data["department"]
    if not rules.can_see_department(request.user, department):
        raise PermissionDenied
    try:
        sent = services.complaint_reminder_send(acting_user=request.user, department=department)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if sent.sent:
            messages.success(
                request,
                _("%(department)s에 처리기한이 지난 민원 %(n)d건의 독촉을 보냈습니다.")
                % {"department": department.name_ko, "n": sent.complaints},
            )
        else:
            messages.info(request, _("처리기한이 지난 민원이 없어 독촉을 보내지 않았습니다."))
    return HttpResponseRedirect(back)


@require_GET
def staff_statistics(request):
    """민원 통계 for staff: the whole office for the 민원 총괄 부서, one's own department for
    everyone else; charts with their tables, and the latest survey comments."""
    _require_desk(request)
    oversees = rules.oversees_all(request.user)
    departments = selectors.desk_departments(user=request.user)
    form = StatisticsForm(request.GET or None, departments=departments)
    today = timezone.localdate()
    start, end, department = today.replace(month=1, day=1), today, None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start_date"], form.cleaned_data["end_date"]
        department = form.cleaned_data.get("department")
    if not oversees:
        department = request.user.department
        if department is None:
            raise PermissionDenied
    stats = statistics.complaint_statistics(start=start, end=end, department=department)
    comments = statistics.satisfaction_comments(start=start, end=end, department=department)
    return TemplateResponse(
        request,
        "complaints/desk/statistics.html",
        {
            "page_title": _("민원 통계"),
            "header_title": _("민원 통계"),
            "header_icon": "table",
            "form": form,
            "stats": stats,
            "charts": list(stats.charts.values()),
            "comments": comments,
            "start_value": f"{start:%Y-%m}",
            "end_value": f"{end:%Y-%m}",
            "oversees_all": oversees,
        },
    )


@require_GET
def public_statistics(request):
    """민원 처리 현황 공개 (public): one year's counts, on-time rate, handling time and
    satisfaction, by kind, department and month. No personal data; cached for ten minutes."""
    today = timezone.localdate()
    first_year = today.year - 4
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if not first_year <= year <= today.year:
        year = today.year
    start, end = statistics.year_bounds(year, today)
    key = f"complaints:public-statistics:v1:{year}:{end}:{get_language()}"
    stats = cache.get(key)
    if stats is None:
        stats = statistics.complaint_statistics(start=start, end=end)
        cache.set(key, stats, PUBLIC_CACHE_SECONDS)
    return render(
        request,
        "complaints/desk/public_statistics.html",
        {
            "stats": stats,
            "charts": [
                stats.charts[k] for k in ("kind", "month", "department", "on_time", "satisfaction")
            ],
            "year": year,
            "years": list(range(today.year, first_year - 1, -1)),
        },
    )
