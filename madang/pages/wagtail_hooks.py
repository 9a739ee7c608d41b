"""Admin menu items and buttons of the homepage app."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem

from . import admin_views
from .models import OwnedContentMixin
from .services import page_mark_reviewed


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "reports/content-freshness/",
            admin_views.FreshnessReportView.as_view(),
            name="pages_freshness_report",
        ),
        path(
            "reports/page-satisfaction/",
            admin_views.SatisfactionReportView.as_view(),
            name="pages_satisfaction_report",
        ),
        path(
            "pages/<int:page_id>/reviewed/", admin_views.mark_reviewed, name="pages_mark_reviewed"
        ),
    ]


@hooks.register("register_reports_menu_item")
def freshness_menu_item():
    return MenuItem(
        _("콘텐츠 최신화 현황"), reverse("pages_freshness_report"), icon_name="time", order=50
    )


@hooks.register("register_reports_menu_item")
def satisfaction_menu_item():
    return AdminOnlyMenuItem(
        _("페이지 만족도 보고"), reverse("pages_satisfaction_report"), icon_name="help", order=51
    )


class MarkReviewedMenuItem(ActionMenuItem):
    """ "검토 완료" in the page editor's action menu: confirms the live page is current without
    editing it (제7조). Handled in `handle_mark_reviewed` before Wagtail's edit view runs."""

    name = "action-mark-reviewed"
    label = _("검토 완료(수정 없음)")
    icon_name = "tick"
    order = 90

    def is_shown(self, context):
        page = context.get("page")
        return (
            context.get("view") == "edit"
            and page is not None
            and page.live
            and isinstance(page, OwnedContentMixin)
        )


@hooks.register("register_page_action_menu_item")
def mark_reviewed_menu_item():
    return MarkReviewedMenuItem()


@hooks.register("before_edit_page")
def handle_mark_reviewed(request, page):
    if request.method != "POST" or "action-mark-reviewed" not in request.POST:
        return None
    specific = page.specific
    if not isinstance(specific, OwnedContentMixin):
        return None
    next_review = page_mark_reviewed(acting_user=request.user, page=specific)
    messages.success(
        request,
        _("검토 완료로 기록했습니다. 다음 검토일: %(date)s")
        % {"date": next_review.strftime("%Y.%m.%d")},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
