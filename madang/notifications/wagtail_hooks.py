"""Admin URLs and the Reports menu entry of the notification outbox."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import VIEW_PERMISSION, NotificationReportView, NotificationResendView


class NotificationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_notification_report_urls():
    return [
        path(
            "reports/notifications/",
            NotificationReportView.as_view(),
            name="notifications_report",
        ),
        path(
            "reports/notifications/<int:pk>/resend/",
            NotificationResendView.as_view(),
            name="notifications_resend",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_notification_report_menu_item():
    return NotificationReportMenuItem(
        _("알림 발송 현황"),
        reverse("notifications_report"),
        name="notifications-report",
        icon_name="mail",
        order=960,
    )
