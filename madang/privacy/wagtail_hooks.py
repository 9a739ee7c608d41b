"""The monthly PII access review in the Wagtail admin (안전성 확보조치 기준 제8조②), read-only,
for staff holding privacy.view_piiaccesslog."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import PIIAccessAction
from .selectors import parse_month, pii_access_monthly_report, previous_month

PERMISSION = "privacy.view_piiaccesslog"


class PIIAccessReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "privacy/pii_access_report.html"
    page_title = _("개인정보 접속기록 월간 점검")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month_error = ""
        month = previous_month()
        if self.request.GET.get("month"):
            try:
                month = parse_month(self.request.GET["month"])
            except ValueError:
                month_error = _("월은 2026-11 형식으로 적어 주세요.")
        report = pii_access_monthly_report(month=month)
        labels = dict(PIIAccessAction.choices)
        context.update(
            report=report,
            month_value=self.request.GET.get("month") or f"{month:%Y-%m}",
            month_error=month_error,
            action_labels=[label for _value, label in report.actions],
            actor_rows=[
                (a.actor_repr, [a.counts.get(v, 0) for v, _l in report.actions], a.total)
                for a in report.actors
            ],
            labels=labels,
        )
        return context


class PIIAccessReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_pii_access_report_url():
    return [
        path(
            "reports/pii-access/",
            PIIAccessReportView.as_view(),
            name="privacy_pii_access_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_pii_access_report_menu_item():
    return PIIAccessReportMenuItem(
        _("개인정보 접속기록 점검"),
        reverse("privacy_pii_access_report"),
        name="pii-access-report",
        icon_name="doc-full-inverse",
        order=950,
    )
