"""Forms of the staff desk and the statistics pages. They only parse; services decide."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madang.departments.models import Department

from ..choices import OPEN_STATUSES, ComplaintKind, ComplaintStatus
from .selectors import DUE_FILTERS, SCOPES


def _open_status_choices():
    return [("", _("전체"))] + [
        (value, label) for value, label in ComplaintStatus.choices if value in OPEN_STATUSES
    ]


class QueueFilterForm(forms.Form):
    """GET parameters of the queue page; anything invalid falls back to the default view."""

    scope = forms.ChoiceField(choices=[(s, s) for s in SCOPES], required=False)
    due = forms.ChoiceField(choices=[(d, d) for d in DUE_FILTERS], required=False)
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(),
        required=False,
        label=_("부서"),
        empty_label=_("모든 부서"),
    )
    status = forms.ChoiceField(choices=_open_status_choices, required=False, label=_("상태"))
    kind = forms.ChoiceField(
        choices=[("", _("전체")), *ComplaintKind.choices], required=False, label=_("민원 종류")
    )
    page = forms.IntegerField(min_value=1, required=False)

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["department"].queryset = departments


class BulkAssignForm(forms.Form):
    """선택한 민원 배정: the ticked rows and the official."""

    complaint = forms.TypedMultipleChoiceField(
        coerce=int,
        required=True,
        label=_("배정할 민원"),
        error_messages={"required": _("배정할 민원을 표에서 하나 이상 고르세요.")},
    )
    official = forms.ModelChoiceField(
        queryset=None,
        label=_("담당 공무원"),
        empty_label=_("담당자를 고르세요"),
        error_messages={
            "required": _("배정할 담당 공무원을 고르세요."),
            "invalid_choice": _("고른 담당 공무원을 찾을 수 없습니다. 목록에서 다시 고르세요."),
        },
    )

    def __init__(self, *args, officials, complaint_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials
        # The ticked ids are checked against what the user may act on in the service; any
        # integer is accepted here so a stale page gives the service's clear message.
        posted = self.data.getlist("complaint") if hasattr(self.data, "getlist") else []
        self.fields["complaint"].choices = [(v, v) for v in posted] + [
            (i, i) for i in complaint_ids
        ]


class ReminderForm(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.filter(is_active=True))


def _month_start(value: str) -> date | None:
    try:
        year, month = (int(x) for x in value.split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return None


class StatisticsForm(forms.Form):
    """기간(월부터 월까지) and, for the 민원 총괄 부서, a department."""

    start = forms.CharField(required=False, label=_("시작 월"))
    end = forms.CharField(required=False, label=_("끝 월"))
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(),
        required=False,
        label=_("부서"),
        empty_label=_("모든 부서"),
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["department"].queryset = departments

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start = (
            _month_start(data.get("start") or "") if data.get("start") else date(today.year, 1, 1)
        )
        end_month = _month_start(data.get("end") or "") if data.get("end") else today.replace(day=1)
        if start is None:
            self.add_error("start", _("시작 월을 2026-01처럼 연도와 월로 입력하세요."))
        if end_month is None:
            self.add_error("end", _("끝 월을 2026-12처럼 연도와 월로 입력하세요."))
        if start and end_month:
            if end_month < start:
                self.add_error("end", _("끝 월이 시작 월보다 앞섭니다. 기간을 다시 입력하세요."))
            next_month = date(end_month.year + end_month.month // 12, end_month.month % 12 + 1, 1)
            data["start_date"] = start
            data["end_date"] = min(next_month.fromordinal(next_month.toordinal() - 1), today)
        return data
