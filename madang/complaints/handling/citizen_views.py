"""The citizen's side of handling that needs more than the status page's form posts: a 보완
answer with files (법 제22조) and downloading their own files.

The status page itself is `views.complaint_detail` (`/complaints/status/<접수번호>/`); its
보완 form posts here, multipart. A refused answer re-renders that page with what was typed (the
files must be chosen again, as at filing), so nothing the citizen wrote is lost.

Files are handed out only to the signed-in account that filed the 민원. A guest opens their
민원 through the link in a notice and sees their own text masked, since the link may be
forwarded or the computer shared (ADR 0013); for the same reason the page lists a guest's files
without offering them for download.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madang.privacy.masking import mask_personal_data

from ..attachments import allowed_extensions, max_bytes, max_count
from ..choices import ComplaintStatus, PauseKind
from ..forms import SatisfactionForm, WithdrawForm
from ..models import Complaint, ComplaintSatisfaction
from ..selectors import complaint_get_for_owner, period_label
from .citizen import complaint_supplement_answer
from .files import attachment_response
from .forms import SupplementReplyWithFilesForm

# The session key under which the filing views and the notice link keep the guest's 접수번호
# (views.SESSION_RECEIPTS).
SESSION_RECEIPTS = "complaints_receipts"


def _owned(request, receipt_number) -> Complaint:
    try:
        return complaint_get_for_owner(
            receipt_number=receipt_number,
            user=request.user,
            session_receipts=request.session.get(SESSION_RECEIPTS, []),
        )
    except Complaint.DoesNotExist:
        raise Http404 from None


def citizen_page_context(request, complaint: Complaint, *, supplement_form=None) -> dict:
    """What complaints/detail.html shows (the same as `views.complaint_detail`), with the
    보완 form as sent when it was refused."""
    forms = {
        "supplement": supplement_form or SupplementReplyWithFilesForm(prefix="supplement"),
        "withdraw": WithdrawForm(prefix="withdraw"),
        "rate": SatisfactionForm(prefix="rate"),
    }
    return {
        "complaint": complaint,
        "period_label": period_label(complaint.period),
        # A guest may be on a shared computer: their own text is shown masked.
        "body": complaint.body
        if request.user.is_authenticated
        else mask_personal_data(complaint.body),
        "events": list(complaint.events.filter(visible_to_citizen=True).order_by("at", "pk")),
        "answers": list(complaint.answers.order_by("answered_at", "pk")),
        "open_supplement": complaint.pauses.filter(
            kind=PauseKind.SUPPLEMENT, ended_at__isnull=True
        ).first(),
        "satisfaction": ComplaintSatisfaction.objects.filter(complaint=complaint).first(),
        "can_rate": complaint.status in (ComplaintStatus.ANSWERED, ComplaintStatus.REFUSED),
        "forms": forms,
        "form_errors": any(f.errors for f in forms.values()),
        "files_lost": supplement_form is not None and bool(supplement_form.files),
    }


@require_POST
def supplement_reply(request, receipt_number):
    """보완 제출 with the optional files; on success back to the status page."""
    complaint = _owned(request, receipt_number)
    form = SupplementReplyWithFilesForm(request.POST, request.FILES, prefix="supplement")
    if form.is_valid():
        try:
            complaint_supplement_answer(
                complaint=complaint,
                acting_user=request.user if request.user.is_authenticated else None,
                reply=form.cleaned_data["reply"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("보완 내용을 제출했습니다. 처리기간이 다시 흐릅니다."))
            return redirect("complaints:detail", receipt_number=complaint.receipt_number)
    complaint.refresh_from_db()
    return render(
        request,
        "complaints/detail.html",
        citizen_page_context(request, complaint, supplement_form=form),
    )


@require_GET
def attachment_download(request, receipt_number, attachment_id):
    """One of the citizen's own files (filed or sent with a 보완), for the signed-in account
    that filed the 민원 only."""
    complaint = _owned(request, receipt_number)
    if not request.user.is_authenticated or complaint.citizen_id != request.user.pk:
        raise Http404
    attachment = complaint.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    return attachment_response(attachment, handle)


def upload_limits() -> dict:
    """The limits the 보완 form states next to its file field (the same as at filing)."""
    return {
        "allowed_extensions": ", ".join(allowed_extensions()),
        "max_bytes": max_bytes(),
        "max_count": max_count(),
    }
