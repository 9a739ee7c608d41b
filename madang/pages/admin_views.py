"""Staff screens in the Wagtail admin: the 콘텐츠 최신화 현황 report and the 검토 완료 action
(제7조), and the monthly satisfaction report (제3조②)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .models import OwnedContentMixin
from .selectors import (
    overdue_pages,
    satisfaction_comments,
    satisfaction_monthly,
    site_feedback_recent,
)
from .services import page_mark_reviewed


class FreshnessReportView(WagtailAdminTemplateMixin, TemplateView):
    """Pages past their review date, per department, most overdue first (제7조)."""

    page_title = gettext_lazy("콘텐츠 최신화 현황")
    header_icon = "time"
    template_name = "pages/admin/freshness_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups: list[tuple] = []
        for row in overdue_pages():
            if not groups or groups[-1][0] != row.department:
                groups.append((row.department, []))
            groups[-1][1].append(row)
        context["groups"] = groups
        context["today"] = timezone.localdate()
        return context


def mark_reviewed(request, page_id: int):
    """POST: "검토 완료" — the page is current as it is; restart its review clock (제7조)."""
    if request.method != "POST":
        raise Http404
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, OwnedContentMixin):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    next_review = page_mark_reviewed(acting_user=request.user, page=page)
    messages.success(
        request,
        _("'%(title)s' 페이지를 검토 완료로 기록했습니다. 다음 검토일: %(date)s")
        % {"title": page.title, "date": next_review.strftime("%Y.%m.%d")},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "wagtailadmin_explore"
        return redirect(target, page.get_parent().pk)
    return redirect(target)


class SatisfactionReportView(WagtailAdminTemplateMixin, TemplateView):
    """Page satisfaction per department for one month, as bars and a table (제3조②)."""

    page_title = gettext_lazy("페이지 만족도 월간 보고")
    header_icon = "help"
    template_name = "pages/admin/satisfaction_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            year, month = (int(x) for x in self.request.GET.get("month", "").split("-"))
            if not 1 <= month <= 12:
                raise ValueError
        except ValueError:
            year, month = today.year, today.month
        context.update(
            year=year,
            month=month,
            month_value=f"{year:04d}-{month:02d}",
            rows=satisfaction_monthly(year=year, month=month),
            comments=satisfaction_comments(year=year, month=month),
            site_feedback=site_feedback_recent(),
        )
        return context
