"""Admin menu and URLs of the staff desk; imported by madang/complaints/wagtail_hooks.py."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import rules, urls


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("complaints/", include(urls, namespace="complaints_desk"))]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_use_desk(request.user)


@hooks.register("register_admin_menu_item")
def register_desk_menu():
    return DeskMenuItem(
        _("민원 처리"), reverse("complaints_desk:queue"), icon_name="tasks", order=250
    )


@hooks.register("register_reports_menu_item")
def register_statistics_menu():
    return DeskMenuItem(
        _("민원 통계"), reverse("complaints_desk:statistics"), icon_name="table", order=52
    )
