"""Admin menu, URLs and the page-editing guard of madang.sitegov."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .selectors import can_manage_contractors, owned_page_edit_refusal


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "site-requests/",
            admin_views.SiteRequestListView.as_view(),
            name="sitegov_site_requests",
        ),
        path(
            "site-requests/new/",
            admin_views.SiteRequestCreateView.as_view(),
            name="sitegov_site_request_create",
        ),
        path(
            "site-requests/<int:pk>/",
            admin_views.SiteRequestDetailView.as_view(),
            name="sitegov_site_request_detail",
        ),
        path(
            "reports/contractors/",
            admin_views.ContractorReportView.as_view(),
            name="sitegov_contractor_report",
        ),
        path(
            "contractors/new/",
            admin_views.ContractorAccessFormView.as_view(),
            name="sitegov_contractor_create",
        ),
        path(
            "contractors/<int:pk>/",
            admin_views.ContractorAccessFormView.as_view(),
            name="sitegov_contractor_edit",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return getattr(request.user, "kind", None) != "contractor"


class ContractorManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_contractors(request.user)


@hooks.register("register_settings_menu_item")
def site_request_menu_item():
    return StaffMenuItem(
        _("홈페이지 구축 협의"), reverse("sitegov_site_requests"), icon_name="site", order=610
    )


@hooks.register("register_reports_menu_item")
def contractor_report_menu_item():
    return ContractorManagerMenuItem(
        _("위탁업체 계정 현황"), reverse("sitegov_contractor_report"), icon_name="group", order=60
    )


def _refuse(request, page):
    reason = owned_page_edit_refusal(request.user, page.specific)
    if reason is None:
        return None
    messages.error(request, reason)
    parent = page.get_parent()
    return redirect("wagtailadmin_explore", parent.pk if parent else page.pk)


# A department editor works only on the pages their department owns (조례 제7조②). Wagtail's
# tree permissions say what a group may do where; these hooks add the owning department.
@hooks.register("before_edit_page")
def guard_edit(request, page):
    return _refuse(request, page)


@hooks.register("before_delete_page")
def guard_delete(request, page):
    return _refuse(request, page)


@hooks.register("before_move_page")
def guard_move(request, page, destination):
    return _refuse(request, page)


@hooks.register("before_unpublish_page")
def guard_unpublish(request, page):
    return _refuse(request, page)


@hooks.register("before_copy_page")
def guard_copy(request, page):
    return _refuse(request, page)
