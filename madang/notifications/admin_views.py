"""The staff report "알림 발송 현황": failed and given-up notifications, with "다시 보내기"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .choices import PROBLEM_STATUSES, NotificationChannel, NotificationStatus
from .models import Notification
from .selectors import (
    mask_recipient,
    notification_purposes,
    notification_report_list,
    notification_status_counts,
)
from .services import notification_resend

VIEW_PERMISSION = "notifications.view_notification"
RESEND_PERMISSION = "notifications.change_notification"
PAGE_SIZE = 50


class NotificationReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "notifications/report.html"
    page_title = gettext_lazy("알림 발송 현황")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        status = params.get("status", "problems")
        if status == "problems":
            statuses = PROBLEM_STATUSES
        elif status in NotificationStatus.values:
            statuses = (status,)
        else:
            status, statuses = "all", ()
        channel = params.get("channel", "")
        if channel not in NotificationChannel.values:
            channel = ""
        purpose = params.get("purpose", "")
        qs = notification_report_list(statuses=statuses, channel=channel, purpose=purpose)
        page = Paginator(qs, PAGE_SIZE).get_page(params.get("p"))
        rows = [
            {
                "notification": n,
                "recipient": mask_recipient(n.channel, n.recipient),
                "related": f"{n.related_content_type.name} #{n.related_object_id}"
                if n.related_content_type_id
                else "",
                "can_resend": n.status in PROBLEM_STATUSES and not n.contents_erased,
            }
            for n in page.object_list
        ]
        context.update(
            rows=rows,
            page_obj=page,
            counts=[
                (NotificationStatus(s).label, n) for s, n in notification_status_counts().items()
            ],
            status=status,
            channel=channel,
            purpose=purpose,
            status_choices=[
                ("problems", _("실패·포기")),
                ("all", _("전체")),
                *list(NotificationStatus.choices),
            ],
            channel_choices=NotificationChannel.choices,
            purposes=notification_purposes(),
            may_resend=self.request.user.has_perm(RESEND_PERMISSION),
        )
        return context


class NotificationResendView(View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        if not request.user.has_perm(RESEND_PERMISSION):
            raise PermissionDenied
        notification = get_object_or_404(Notification, pk=pk)
        if notification.status not in PROBLEM_STATUSES:
            messages.warning(
                request, _("이미 발송되었거나 발송 중인 알림입니다. 목록을 새로 고쳐 확인하세요.")
            )
        else:
            try:
                notification_resend(acting_user=request.user, notification=notification)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("알림 #%(id)s을(를) 다시 보내도록 예약했습니다. 잠시 뒤 상태를 확인하세요.")
                    % {"id": notification.pk},
                )
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("notifications_report")
        return HttpResponseRedirect(back)
