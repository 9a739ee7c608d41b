"""Staff pages of the 민원상담 in the Wagtail admin: the counsellor's list of requests and one
request with the two actions (상담 완료, 민원으로 접수). Each action calls one service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path
from django.utils.translation import gettext as _

from madang.privacy.services import pii_access_record

from . import selectors, services
from .forms import AnswerForm, ConvertForm
from .models import RequestStatus

app_name = "counselling_admin"


def _require_staff(request):
    if not request.user.is_staff:
        raise PermissionDenied


def request_list(request):
    _require_staff(request)
    status = request.GET.get("status", RequestStatus.RECEIVED)
    if status not in RequestStatus.values and status != "all":
        status = RequestStatus.RECEIVED
    reqs = selectors.requests_for_staff(
        user=request.user, status="" if status == "all" else status
    )[:200]
    title = _("민원상담 신청")
    return TemplateResponse(
        request,
        "counselling/admin/list.html",
        {
            "requests": reqs,
            "status": status,
            "statuses": [*RequestStatus.choices, ("all", _("전체"))],
            "header_title": title,
            "page_title": title,
        },
    )


def _put_errors(form, exc: ValidationError, request):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        messages.error(request, " ".join(exc.messages))


def request_detail(request, pk: int):
    _require_staff(request)
    req = get_object_or_404(selectors.requests_for_staff(user=request.user), pk=pk)
    answer_form = AnswerForm(prefix="answer")
    convert_form = ConvertForm(prefix="convert")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "answer":
                answer_form = AnswerForm(request.POST, prefix="answer")
                if answer_form.is_valid():
                    services.counselling_request_answer(
                        acting_user=request.user,
                        request_id=req.pk,
                        note=answer_form.cleaned_data["note"],
                    )
                    messages.success(request, _("상담 완료로 기록했습니다."))
                    return redirect("counselling_admin:detail", req.pk)
            elif action == "convert":
                convert_form = ConvertForm(request.POST, prefix="convert")
                if convert_form.is_valid():
                    complaint = services.counselling_request_convert(
                        acting_user=request.user, request_id=req.pk, **convert_form.cleaned_data
                    )
                    messages.success(
                        request,
                        _("민원으로 접수했습니다. 접수번호 %(no)s")
                        % {"no": complaint.receipt_number},
                    )
                    return redirect("counselling_admin:detail", req.pk)
        except ValidationError as exc:
            _put_errors(answer_form if action == "answer" else convert_form, exc, request)
    # The counsellor needs the contacts to call back: each view is a logged PII access.
    pii_access_record(
        actor=request.user,
        subject_user=req.citizen,
        action="view",
        obj=req,
        reason=_("민원상담 연락"),
    )
    title = _("상담 신청 %(ref)s") % {"ref": req.reference}
    return TemplateResponse(
        request,
        "counselling/admin/detail.html",
        {
            "req": req,
            "answer_form": answer_form,
            "convert_form": convert_form,
            "open": req.status == RequestStatus.RECEIVED,
            "contact_message": services.contact_message(req),
            "header_title": title,
            "page_title": title,
        },
    )


urlpatterns = [
    path("", request_list, name="list"),
    path("<int:pk>/", request_detail, name="detail"),
]


def admin_urls():
    return [path("counselling/", include((urlpatterns, app_name), namespace=app_name))]
