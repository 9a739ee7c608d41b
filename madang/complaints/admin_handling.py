"""The staff 민원 처리 page in the Wagtail admin (/admin/complaints/<pk>/): everything about
one 민원 and a form for each action the law gives its handlers. Each action calls one service
in madang.complaints.handling; a ValidationError is shown on the form that was sent, which keeps
what was typed.

Personal data (시행령 제3조, 개인정보 보호법 제29조): only those handling the 민원 reach the page
(`access_complaint_for_staff` answers 404 to anyone else), the complainant's name, contacts and
the unmasked text are shown only after a "개인정보 보기" with a reason, and each such view is
written to the PII access log (안전성 확보조치 기준 제8조). The same holds for the 민원's files
(the filing's and the 보완's): only those handling it may download them, with a reason, and each
download is written to the log as a 다운로드.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from madang.core.admin_forms import ServiceSaveMixin
from madang.privacy.access_log import mask_name
from madang.privacy.masking import mask_personal_data
from madang.privacy.services import pii_access_record

from . import deadlines, handling
from .choices import ComplaintKind, ComplaintStatus, PauseKind
from .handling import clock
from .handling import forms as staff_forms
from .handling.files import attachment_response
from .handling.routing import FIELD_FIELDS
from .models import Complaint, ComplaintField, ComplaintSatisfaction
from .selectors import period_label

# action → (form class, prefix)
FORMS = {
    "route": (staff_forms.RouteForm, "route"),
    "assign": (staff_forms.AssignForm, "assign"),
    "transfer": (staff_forms.TransferForm, "transfer"),
    "supplement": (staff_forms.SupplementForm, "supplement"),
    "inspection_start": (staff_forms.InspectionStartForm, "inspection"),
    "inspection_extend": (staff_forms.InspectionExtendForm, "inspection_extend"),
    "inspection_end": (staff_forms.InspectionEndForm, "inspection_end"),
    "extend": (staff_forms.ExtendForm, "extend"),
    "progress": (None, ""),
    "answer": (staff_forms.AnswerForm, "answer"),
    "refuse": (staff_forms.RefuseForm, "refuse"),
    "close_repeated": (staff_forms.CloseRepeatedForm, "repeated"),
    "reopen": (staff_forms.ReasonForm, "reopen"),
    "committee_refer": (staff_forms.CommitteeReferForm, "committee"),
    "committee_schedule": (staff_forms.CommitteeScheduleForm, "committee_schedule"),
    "committee_decide": (staff_forms.CommitteeDecideForm, "committee_decide"),
}

# A closed 민원 may still go before the 민원조정위원회: a 거부처분 이의신청 (법 제35조), or a
# 반복민원 closed and filed again (시행령 제38조의2①).
COMMITTEE_AFTER_CLOSING = (
    ComplaintStatus.ANSWERED,
    ComplaintStatus.REFUSED,
    ComplaintStatus.CLOSED_REPEATED,
)


def _unit_label(complaint: Complaint) -> str:
    parsed = deadlines.parse_period(complaint.period)
    return _("근무시간") if parsed.unit is deadlines.PeriodUnit.HOURS else _("일")


def _form(action: str, complaint: Complaint, data=None):
    form_class, prefix = FORMS[action]
    if form_class is None:
        return None
    kwargs = {"prefix": prefix}
    if action == "assign":
        kwargs["officials"] = handling.assignable_officials(complaint)
    elif action == "extend":
        kwargs["unit_label"] = _unit_label(complaint)
    elif action == "close_repeated":
        kwargs["complaint"] = complaint
    return form_class(data, **kwargs)


def _committee_actions(complaint: Complaint, open_review) -> list[str]:
    if open_review is not None:
        return ["committee_schedule", "committee_decide"]
    if complaint.is_open or complaint.status in COMMITTEE_AFTER_CLOSING:
        return ["committee_refer"]
    return []


def available_actions(user, complaint: Complaint, *, open_review=None) -> list[str]:
    """Which action forms the page offers for the 민원's state (the services check again).
    `open_review` is the 민원조정위원회 referral still waiting for its decision, if any."""
    if complaint.is_closed:
        return ["reopen", *_committee_actions(complaint, open_review)]
    actions = []
    if handling.is_complaint_manager(user) and (
        complaint.department_id is None or complaint.field_id is None
    ):
        actions.append("route")
    actions += ["assign", "transfer"]
    if complaint.is_paused:
        if complaint.status == ComplaintStatus.INSPECTION:
            actions += ["inspection_extend", "inspection_end"]
    else:
        actions.append("supplement")
        if complaint.kind == ComplaintKind.GRIEVANCE:
            actions.append("inspection_start")
    if complaint.extension_count < 2:
        actions.append("extend")
    actions += ["progress", "answer", "refuse"]
    if complaint.kind != ComplaintKind.STATUTORY:
        actions.append("close_repeated")
    return actions + _committee_actions(complaint, open_review)


def _run(action: str, request, complaint: Complaint, form) -> str:
    """Call the action's service; returns the success message."""
    user = request.user
    data = form.cleaned_data if form is not None else {}
    if action == "route":
        handling.complaint_route(
            complaint=complaint,
            acting_user=user,
            field=data["field"],
            department=data["department"],
        )
        return _("처리 부서를 지정했습니다.")
    if action == "assign":
        handling.complaint_assign(complaint=complaint, official=data["official"], acting_user=user)
        return _("담당자를 배정했습니다.")
    if action == "transfer":
        handling.complaint_transfer(
            complaint=complaint,
            acting_user=user,
            to_department=data["to_department"],
            to_agency=data["to_agency"],
            reason=data["reason"],
        )
        return _("이송했습니다.")
    if action == "supplement":
        handling.complaint_request_supplement(
            complaint=complaint,
            acting_user=user,
            request_text=data["request_text"],
            reply_by=form.reply_by_moment(),
        )
        return _("보완을 요청하고 신청인에게 알렸습니다. 처리기간이 멈췄습니다.")
    if action == "inspection_start":
        handling.complaint_inspection_start(
            complaint=complaint, acting_user=user, reason=data["reason"], days=data["days"]
        )
        return _("현장조사를 시작했습니다. 처리기간이 멈췄습니다.")
    if action == "inspection_extend":
        handling.complaint_inspection_extend(
            complaint=complaint, acting_user=user, days=data["days"], reason=data["reason"]
        )
        return _("현장조사 기간을 연장했습니다.")
    if action == "inspection_end":
        handling.complaint_inspection_end(complaint=complaint, acting_user=user, note=data["note"])
        return _("현장조사를 마쳤습니다. 처리기간이 다시 흐릅니다.")
    if action == "extend":
        unit = deadlines.parse_period(complaint.period).unit.value
        handling.complaint_extend(
            complaint=complaint,
            acting_user=user,
            added_period=f"{data['amount']}{unit}",
            reason=data["reason"],
            citizen_consented=data["citizen_consented"],
        )
        return _("처리기간을 연장하고 신청인에게 알렸습니다.")
    if action == "progress":
        handling.complaint_progress_notice(complaint=complaint, acting_user=user)
        return _("중간 통지를 보냈습니다.")
    if action == "answer":
        handling.complaint_answer(complaint=complaint, acting_user=user, body=data["body"])
        return _("답변을 등록하고 신청인에게 알렸습니다.")
    if action == "refuse":
        handling.complaint_refuse(
            complaint=complaint,
            acting_user=user,
            body=data["body"],
            refusal_reasons=data["refusal_reasons"],
            remedies=data["remedies"],
        )
        return _("처리 불가를 통지했습니다.")
    if action == "close_repeated":
        handling.complaint_close_repeated(
            complaint=complaint,
            acting_user=user,
            previous=list(data["previous"]),
            reason=data["reason"],
        )
        return _("반복민원으로 종결하고 신청인에게 알렸습니다.")
    if action == "reopen":
        handling.complaint_reopen(complaint=complaint, acting_user=user, reason=data["reason"])
        return _("민원을 다시 열었습니다.")
    if action == "committee_refer":
        handling.complaint_committee_refer(
            complaint=complaint, acting_user=user, reason=data["reason"], detail=data["detail"]
        )
        return _("민원조정위원회 회부를 기록했습니다.")
    if action == "committee_schedule":
        handling.complaint_committee_schedule(
            complaint=complaint,
            acting_user=user,
            meeting_at=form.meeting_moment(),
            place=data["place"],
        )
        return _("회의 일정을 기록하고 신청인에게 알렸습니다.")
    if action == "committee_decide":
        handling.complaint_committee_decide(
            complaint=complaint, acting_user=user, outcome=data["outcome"], summary=data["summary"]
        )
        return _("민원조정위원회 심의 결과를 기록하고 신청인에게 알렸습니다.")
    raise Http404


def _put_errors(form, exc: ValidationError, request) -> None:
    if form is None:
        for message in exc.messages:
            messages.error(request, message)
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def detail(request, pk: int):
    """One 민원 for those handling it: receipt, deadline, timeline, and the action forms."""
    try:
        complaint = handling.access_complaint_for_staff(user=request.user, complaint_id=pk)
    except Complaint.DoesNotExist:
        raise Http404 from None
    reviews = list(complaint.committee_reviews.select_related("referred_by", "decided_by"))
    open_review = next((r for r in reviews if not r.is_decided), None)
    actions = available_actions(request.user, complaint, open_review=open_review)
    bound = {}
    pii_form = staff_forms.PiiRevealForm(prefix="pii")
    reveal = False
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "reveal_pii":
            pii_form = staff_forms.PiiRevealForm(request.POST, prefix="pii")
            if pii_form.is_valid():
                pii_access_record(
                    actor=request.user,
                    subject_user=complaint.citizen,
                    action="view",
                    obj=complaint,
                    reason=pii_form.cleaned_data["reason"],
                )
                reveal = True
        elif action in FORMS and action in actions:
            form = _form(action, complaint, request.POST)
            if form is None or form.is_valid():
                try:
                    message = _run(action, request, complaint, form)
                except ValidationError as exc:
                    _put_errors(form, exc, request)
                else:
                    messages.success(request, message)
                    return redirect("complaints_handling:detail", complaint.pk)
            bound[action] = form
        else:
            messages.error(request, _("지금 할 수 없는 처리입니다. 화면을 새로 고쳐 확인하세요."))
    forms = {
        action: bound.get(action) or _form(action, complaint)
        for action in actions
        if FORMS[action][0] is not None
    }
    return TemplateResponse(
        request,
        "complaints/admin/handling/detail.html",
        _context(
            request,
            complaint,
            actions=actions,
            forms=forms,
            pii_form=pii_form,
            reveal=reveal,
            reviews=reviews,
            open_review=open_review,
        ),
    )


def _context(request, complaint, *, actions, forms, pii_form, reveal, reviews, open_review):
    events = list(complaint.events.select_related("actor").order_by("at", "pk"))
    pauses = list(complaint.pauses.order_by("started_at"))
    attachments = list(complaint.attachments.order_by("created_at", "pk"))
    files_by_pause: dict[int, list] = {}
    for attachment in attachments:
        if attachment.pause_id is not None:
            files_by_pause.setdefault(attachment.pause_id, []).append(attachment)
    open_pause = next((p for p in pauses if p.ended_at is None), None)
    title = _("민원 처리: %(no)s") % {"no": complaint.receipt_number}
    context = {
        "header_title": title,
        "page_title": title,
        "complaint": complaint,
        "period_label": period_label(complaint.period),
        "actions": actions,
        "forms": forms,
        "pii_form": pii_form,
        "reveal": reveal,
        "events": events,
        "answers": list(complaint.answers.order_by("answered_at")),
        "pauses": pauses,
        "open_pause": open_pause,
        "extensions": list(complaint.extensions.order_by("created_at")),
        "transfers": list(
            complaint.transfers.select_related("from_department", "to_department").order_by(
                "created_at"
            )
        ),
        "satisfaction": ComplaintSatisfaction.objects.filter(complaint=complaint).first(),
        "attachments": [a for a in attachments if not a.is_supplement],
        "supplement_attachments": [a for a in attachments if a.is_supplement],
        "download_form": staff_forms.AttachmentDownloadForm(prefix="download"),
        "reviews": reviews,
        "open_review": open_review,
        "is_manager": handling.is_complaint_manager(request.user),
        "PauseKind": PauseKind,
    }
    if complaint.is_open:
        context["transfer_deadline"] = clock.transfer_deadline(complaint, to_agency=False)
        context["agency_transfer_deadline"] = clock.transfer_deadline(complaint, to_agency=True)
    if reveal:
        context.update(
            name=complaint.complainant_name,
            phone=complaint.complainant_phone,
            email=complaint.complainant_email,
            address=complaint.complainant_address,
            place=complaint.place_address,
            body=complaint.body,
            replies=[
                (p, p.citizen_reply, files_by_pause.get(p.pk, []))
                for p in pauses
                if p.citizen_reply or p.pk in files_by_pause
            ],
        )
    else:
        context.update(
            name=mask_name(complaint.complainant_name),
            body=mask_personal_data(complaint.body),
            replies=[
                (p, mask_personal_data(p.citizen_reply), files_by_pause.get(p.pk, []))
                for p in pauses
                if p.citizen_reply or p.pk in files_by_pause
            ],
        )
    return context


@require_POST
def attachment_download(request, pk: int, attachment_id: int):
    """One of the 민원's files, for those who may see its personal data (the same rule as the
    "개인정보 보기": `can_handle`), with the reason typed on the page. Anyone else gets 403 —
    the same answer whether the 민원 exists or not. Each download is written to the PII access
    log (다운로드, 안전성 확보조치 기준 제8조) before the file is handed out, as an attachment
    the browser must not sniff or cache."""
    complaint = Complaint.objects.filter(pk=pk).select_related("department").first()
    if complaint is None or not handling.can_handle(request.user, complaint):
        # A response, not a raise: the admin's access wrapper turns PermissionDenied into a
        # redirect to the dashboard, and a refused download must say 403.
        return permission_denied(request, PermissionDenied())
    attachment = complaint.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    form = staff_forms.AttachmentDownloadForm(request.POST, prefix="download")
    if not form.is_valid():
        messages.error(request, _("내려받는 사유를 적어 주세요. 개인정보 접속기록에 남습니다."))
        return redirect("complaints_handling:detail", complaint.pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    pii_access_record(
        actor=request.user,
        subject_user=complaint.citizen,
        action="download",
        obj=attachment,
        reason=form.cleaned_data["reason"],
    )
    return attachment_response(attachment, handle)


app_name = "complaints_handling"
urlpatterns = [
    path("<int:pk>/", detail, name="detail"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        attachment_download,
        name="attachment",
    ),
]


def admin_urls():
    """For the `register_admin_urls` hook (one line in wagtail_hooks.py)."""
    return [path("complaints/", include((urlpatterns, app_name), namespace=app_name))]


# --- routing rules (snippet) -----------------------------------------------------------------


def _field_data(form, *, changed_only=False):
    names = form.changed_data if changed_only else form.cleaned_data
    return {k: form.cleaned_data[k] for k in names if k in FIELD_FIELDS}


class FieldCreateView(ServiceSaveMixin, CreateView):
    def save_instance(self):
        return handling.complaint_field_create(
            acting_user=self.request.user, **_field_data(self.form)
        )


class FieldEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        return handling.complaint_field_update(
            acting_user=self.request.user,
            field=self.form.instance,
            **_field_data(self.form, changed_only=True),
        )


class FieldDeleteView(DeleteView):
    def delete_action(self):
        handling.complaint_field_delete(acting_user=self.request.user, field=self.object)


class ComplaintFieldViewSet(SnippetViewSet):
    model = ComplaintField
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("민원 분야(배정 규칙)")
    add_view_class = FieldCreateView
    edit_view_class = FieldEditView
    delete_view_class = FieldDeleteView
    list_display = ["name", "department", "is_active"]
    list_filter = ["is_active", "department"]
    search_fields = ["name", "keywords"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("department"),
        FieldPanel("keywords"),
        FieldPanel("is_active"),
    ]


register_snippet(ComplaintFieldViewSet)
