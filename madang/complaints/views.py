"""Views of the 전자민원창구: parse input, call one service or selector, render.

Steps: 1 종류 선택 (`start`), [guests: 본인 확인 (`verify`)], 2 내용 작성 (`write`),
3 내용 확인 (`confirm`, shows the expected deadline without JavaScript), 4 접수 완료 (`receipt`).
"""

import json
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from madang.privacy.masking import mask_personal_data

from .attachments import allowed_extensions, max_bytes, max_count
from .choices import (
    ComplaintKind,
    ComplaintStatus,
    InquirySubkind,
    PauseKind,
    ReplyChannel,
    VerificationChannel,
)
from .forms import (
    ComplaintForm,
    GuestCodeForm,
    GuestContactForm,
    KindForm,
    SatisfactionForm,
    SupplementReplyForm,
    WithdrawForm,
)
from .handling import complaint_rate, complaint_supplement_answer, complaint_withdraw
from .handling.links import access_token_receipt
from .models import Complaint, ComplaintDraft, ComplaintSatisfaction, StatutoryComplaintType
from .selectors import (
    complaint_expected_deadline,
    complaint_get_for_owner,
    complaint_list_for_citizen,
    period_label,
)
from .services import (
    Complainant,
    complaint_draft_attachment_remove,
    complaint_draft_save,
    complaint_submit,
    default_privacy_notice,
    guest_verification_confirm,
    guest_verification_start,
)
from .verification import available_channels, identity_verified_by, phone_display

SESSION_VERIFICATION = "complaints_verification_id"
SESSION_VERIFICATION_CHANNEL = "complaints_verification_channel"
# {"channel": "email"|"sms", "email": ... or "phone": ..., "verification": ...}
SESSION_GUEST = "complaints_guest"
SESSION_RECEIPTS = "complaints_receipts"


def _steps(current: int) -> list[dict]:
    return [
        {
            "number": i,
            "label": label,
            "state": "done" if i < current else "active" if i == current else "",
        }
        for i, label in enumerate([str(s) for s in STEPS_LAZY()], start=1)
    ]


def STEPS_LAZY():
    return [_("종류 선택"), _("내용 작성"), _("내용 확인"), _("접수 완료")]


# Lazy: built at import, translated when a page renders in the visitor's language.
KIND_GUIDE = [
    {
        "kind": ComplaintKind.INQUIRY,
        "what": gettext_lazy("법령·제도·절차 등에 대한 설명이나 해석을 요청할 때"),
        "example": gettext_lazy("예: 주차장 설치 기준이 어떻게 되는지 알고 싶습니다."),
        "period": gettext_lazy("법령 해석 14일, 그 밖의 제도·절차 7일"),
    },
    {
        "kind": ComplaintKind.SUGGESTION,
        "what": gettext_lazy("행정제도나 운영의 개선을 요구할 때"),
        "example": gettext_lazy("예: 구민체육센터 운영 시간을 늘려 주세요."),
        "period": gettext_lazy("14일"),
    },
    {
        "kind": ComplaintKind.OTHER,
        "what": gettext_lazy("간단한 절차 상담이나 생활 불편 신고"),
        "example": gettext_lazy(
            "예: 골목 가로등이 꺼져 있습니다. 불법 투기된 쓰레기를 치워 주세요."
        ),
        "period": gettext_lazy("즉시(3근무시간 이내)"),
    },
    {
        "kind": ComplaintKind.GRIEVANCE,
        "what": gettext_lazy("위법·부당하거나 소극적인 처분, 불합리한 제도로 권리가 침해되었을 때"),
        "example": gettext_lazy("예: 부당하게 부과된 과태료를 바로잡아 주세요."),
        "period": gettext_lazy("7일(현장조사 기간 제외)"),
    },
]


def _guest(request) -> dict | None:
    return request.session.get(SESSION_GUEST)


def _identified(request) -> bool:
    return request.user.is_authenticated or _guest(request) is not None


def _session_key(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def _draft_for(request, draft_id) -> ComplaintDraft:
    draft = ComplaintDraft.objects.filter(pk=draft_id).first()
    if draft is None or draft.session_key != _session_key(request):
        raise Http404
    return draft


def _statutory(pk) -> StatutoryComplaintType | None:
    if not pk:
        return None
    return StatutoryComplaintType.objects.filter(pk=pk, is_active=True).first()


def _deadline_context(kind, inquiry_subkind="", statutory_type=None) -> dict:
    if kind not in ComplaintKind.values:
        return {}
    period, due = complaint_expected_deadline(
        kind=kind, inquiry_subkind=inquiry_subkind or "", statutory_type=statutory_type
    )
    return {"period_label": period_label(period), "due": due}


@require_http_methods(["GET"])
def start(request):
    """Step 1: a short explanation of the kinds, then the choice."""
    form = KindForm(request.GET or None)
    if request.GET and form.is_valid():
        target = "complaints:write" if _identified(request) else "complaints:verify"
        return redirect(reverse(target) + "?" + urlencode({"kind": form.cleaned_data["kind"]}))
    return render(
        request,
        "complaints/start.html",
        {"form": form, "guide": KIND_GUIDE, "steps": _steps(1)},
    )


@require_http_methods(["GET", "POST"])
def verify(request):
    """Guests confirm an e-mail address, or a mobile number by SMS when the SMS gateway is
    configured, with a 6-digit code before filing."""
    kind = request.GET.get("kind", "")
    next_url = reverse("complaints:write") + ("?" + urlencode({"kind": kind}) if kind else "")
    if _identified(request):
        return redirect(next_url)
    channels = available_channels()
    contact_form = GuestContactForm(channels=channels)
    sent = SESSION_VERIFICATION in request.session
    sent_channel = request.session.get(SESSION_VERIFICATION_CHANNEL, VerificationChannel.EMAIL)
    code_form = GuestCodeForm(channel=sent_channel)
    if request.method == "POST" and request.POST.get("action") == "send":
        contact_form = GuestContactForm(request.POST, channels=channels)
        if contact_form.is_valid():
            channel = contact_form.cleaned_data["channel"]
            try:
                verification = guest_verification_start(
                    channel=channel, target=contact_form.target()
                )
            except ValidationError as exc:
                contact_form.add_error(
                    contact_form.target_field, exc.message_dict.get("target", exc.messages)
                )
            else:
                request.session[SESSION_VERIFICATION] = str(verification.pk)
                request.session[SESSION_VERIFICATION_CHANNEL] = channel
                sent, sent_channel = True, channel
                code_form = GuestCodeForm(channel=channel)
    elif request.method == "POST" and request.POST.get("action") == "confirm":
        code_form = GuestCodeForm(request.POST, channel=sent_channel)
        if code_form.is_valid() and sent:
            try:
                verification = guest_verification_confirm(
                    verification_id=request.session[SESSION_VERIFICATION],
                    code=code_form.cleaned_data["code"],
                )
            except ValidationError as exc:
                code_form.add_error("code", exc.message_dict.get("code", exc.messages))
            else:
                request.session.pop(SESSION_VERIFICATION, None)
                request.session.pop(SESSION_VERIFICATION_CHANNEL, None)
                guest = {"channel": verification.channel, "verification": str(verification.pk)}
                if verification.channel == VerificationChannel.SMS:
                    guest["phone"] = phone_display(verification.target)
                else:
                    guest["email"] = verification.target
                request.session[SESSION_GUEST] = guest
                return redirect(next_url)
    return render(
        request,
        "complaints/verify.html",
        {
            "contact_form": contact_form,
            "code_form": code_form,
            "sent": sent,
            "sent_by_sms": sent_channel == VerificationChannel.SMS,
            "steps": _steps(2),
            "login_url": reverse("account_login")
            + "?"
            + urlencode({"next": request.get_full_path()}),
        },
    )


def _initial_for(request) -> dict:
    initial = {}
    if request.user.is_authenticated:
        profile = getattr(request.user, "personal_profile", None)
        if profile is not None:
            # The citizen's own data shown to themself: no staff access to record.
            initial.update(
                name=profile.name, phone=profile.phone, email=profile.email, address=profile.address
            )
        initial.setdefault("name", request.user.get_full_name())
    return initial


@require_http_methods(["GET", "POST"])
def write(request):
    """Step 2: title, body, place, attachments, reply channel, consent."""
    if not _identified(request):
        return redirect(reverse("complaints:verify") + "?" + urlencode(request.GET))
    guest = _guest(request) if not request.user.is_authenticated else None
    fixed_email = guest.get("email") if guest else None
    fixed_phone = guest.get("phone") if guest else None
    draft = _draft_for(request, request.GET["draft"]) if request.GET.get("draft") else None
    remove = request.POST.get("remove_attachment", "")
    if request.method == "POST" and remove.isdigit() and draft is not None:
        # "삭제" next to a kept attachment: remove it and show the form again as typed.
        complaint_draft_attachment_remove(draft=draft, attachment_id=int(remove))
        typed = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken",)}
        form = ComplaintForm(initial=typed, fixed_email=fixed_email, fixed_phone=fixed_phone)
    elif request.method == "POST":
        form = ComplaintForm(
            request.POST, request.FILES, fixed_email=fixed_email, fixed_phone=fixed_phone
        )
        if form.is_valid():
            try:
                draft = complaint_draft_save(
                    session_key=_session_key(request),
                    data=form.draft_data(),
                    uploads=form.cleaned_data["attachments"],
                    draft=draft,
                )
            except ValidationError as exc:
                form.add_error("attachments", exc.messages)
            else:
                return redirect("complaints:confirm", draft_id=draft.pk)
    else:
        initial = _initial_for(request)
        if draft is not None:
            initial.update(json.loads(draft.data))
        else:
            initial["kind"] = request.GET.get("kind", "")
            if fixed_phone:
                # Verified by phone: the answer by 문자메시지 is the likely wish (changeable).
                initial["reply_channel"] = ReplyChannel.SMS
        form = ComplaintForm(initial=initial, fixed_email=fixed_email, fixed_phone=fixed_phone)
    kind = form.data.get("kind") if form.is_bound else form.initial.get("kind", "")
    sub = form.data.get("inquiry_subkind") if form.is_bound else form.initial.get("inquiry_subkind")
    stype = form.data.get("statutory_type") if form.is_bound else form.initial.get("statutory_type")
    return render(
        request,
        "complaints/write.html",
        {
            "form": form,
            "draft": draft,
            "draft_attachments": list(draft.attachments.all()) if draft else [],
            "files_lost": form.is_bound and bool(request.FILES) and not form.is_valid(),
            "privacy_notice": default_privacy_notice(),
            "allowed_extensions": ", ".join(allowed_extensions()),
            "max_bytes": max_bytes(),
            "max_count": max_count(),
            "steps": _steps(2),
            "deadline": _deadline_context(kind or "", sub or "", _statutory(stype)),
        },
    )


@require_GET
def deadline_preview(request):
    """htmx: the expected deadline for the kind chosen so far (also works as a plain page)."""
    kind = request.GET.get("kind", "")
    context = {
        "deadline": _deadline_context(
            kind,
            request.GET.get("inquiry_subkind", ""),
            _statutory(request.GET.get("statutory_type")),
        )
    }
    return render(request, "complaints/_deadline.html", context)


def _draft_kwargs(data: dict) -> dict:
    return {
        "kind": data["kind"],
        "inquiry_subkind": data.get("inquiry_subkind") or "",
        "statutory_type": _statutory(data.get("statutory_type")),
        "title": data["title"],
        "body": data["body"],
        "place_address": data.get("place_address") or "",
        "latitude": Decimal(data["latitude"]) if data.get("latitude") else None,
        "longitude": Decimal(data["longitude"]) if data.get("longitude") else None,
        "reply_channel": data["reply_channel"],
        "consent_given": bool(data.get("consent")),
        "complainant": Complainant(
            name=data["name"],
            phone=data.get("phone") or "",
            email=data.get("email") or "",
            address=data.get("address") or "",
        ),
    }


@require_http_methods(["GET", "POST"])
def confirm(request, draft_id):
    """Step 3: what will be filed and the expected deadline; submitting files it."""
    if not _identified(request):
        return redirect("complaints:start")
    draft = _draft_for(request, draft_id)
    data = json.loads(draft.data)
    kwargs = _draft_kwargs(data)
    errors = []
    if request.method == "POST":
        guest = _guest(request) if not request.user.is_authenticated else None
        verified_by = "account"
        if guest:
            # The verified address or number, whatever the draft says.
            verified = {key: guest[key] for key in ("email", "phone") if guest.get(key)}
            kwargs["complainant"] = Complainant(**{**kwargs["complainant"].__dict__, **verified})
            verified_by = identity_verified_by(guest.get("channel") or VerificationChannel.EMAIL)
        try:
            complaint = complaint_submit(
                acting_user=request.user,
                citizen=request.user if request.user.is_authenticated else None,
                draft=draft,
                identity_verified_by=verified_by,
                **kwargs,
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            receipts = request.session.get(SESSION_RECEIPTS, [])
            request.session[SESSION_RECEIPTS] = [*receipts[-19:], complaint.receipt_number]
            return redirect("complaints:receipt", receipt_number=complaint.receipt_number)
    return render(
        request,
        "complaints/confirm.html",
        {
            "draft": draft,
            "data": data,
            "kind_label": ComplaintKind(data["kind"]).label,
            "reply_label": ReplyChannel(data["reply_channel"]).label,
            "subkind_label": InquirySubkind(data["inquiry_subkind"]).label
            if data.get("inquiry_subkind")
            else "",
            "statutory_type": kwargs["statutory_type"],
            "attachments": list(draft.attachments.all()),
            "deadline": _deadline_context(
                data["kind"], data.get("inquiry_subkind"), kwargs["statutory_type"]
            ),
            "errors": errors,
            "steps": _steps(3),
        },
    )


@require_GET
def receipt(request, receipt_number):
    """Step 4: 접수번호, 접수일시 and 처리기한 (시행령 제6조②④)."""
    try:
        complaint = complaint_get_for_owner(
            receipt_number=receipt_number,
            user=request.user,
            session_receipts=request.session.get(SESSION_RECEIPTS, []),
        )
    except Complaint.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "complaints/receipt.html",
        {
            "complaint": complaint,
            "period_label": period_label(complaint.period),
            "body_masked": mask_personal_data(complaint.body),
            "steps": _steps(4),
        },
    )


@login_required(login_url="account_login")
@require_GET
def my_complaints(request):
    """나의 민원: a signed-in citizen's own 민원."""
    complaints = list(complaint_list_for_citizen(user=request.user)[:200])
    return render(request, "complaints/mine.html", {"complaints": complaints})


@login_required(login_url="account_login")
@require_GET
def my_complaint_detail(request, receipt_number):
    """Kept for old links: the 민원 page is `complaint_detail`."""
    complaint = _owned(request, receipt_number)
    return redirect("complaints:detail", receipt_number=complaint.receipt_number)


# --- the citizen's own 민원 after filing: answer, timeline, 보완, 취하, 만족도 ------------------

CITIZEN_FORMS = {
    "supplement": (SupplementReplyForm, "supplement"),
    "withdraw": (WithdrawForm, "withdraw"),
    "rate": (SatisfactionForm, "rate"),
}


def _owned(request, receipt_number) -> Complaint:
    try:
        return complaint_get_for_owner(
            receipt_number=receipt_number,
            user=request.user,
            session_receipts=request.session.get(SESSION_RECEIPTS, []),
        )
    except Complaint.DoesNotExist:
        raise Http404 from None


def _citizen_action(action: str, request, complaint: Complaint, data: dict) -> str:
    acting_user = request.user if request.user.is_authenticated else None
    if action == "supplement":
        complaint_supplement_answer(
            complaint=complaint, acting_user=acting_user, reply=data["reply"]
        )
        return _("보완 내용을 제출했습니다. 처리기간이 다시 흐릅니다.")
    if action == "withdraw":
        complaint_withdraw(complaint=complaint, acting_user=acting_user, reason=data["reason"])
        return _("민원을 취하했습니다.")
    complaint_rate(
        complaint=complaint,
        acting_user=acting_user,
        score=data["score"],
        comment=data["comment"],
    )
    return _("평가해 주셔서 감사합니다. 업무 개선에 반영하겠습니다.")


@require_http_methods(["GET", "POST"])
def complaint_detail(request, receipt_number):
    """The citizen's 민원: receipt, status and deadline, the timeline, a 보완 request to answer,
    the answer naming the official (시행령 제31조), the satisfaction survey, and withdrawal."""
    complaint = _owned(request, receipt_number)
    forms = {name: cls(prefix=prefix) for name, (cls, prefix) in CITIZEN_FORMS.items()}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in CITIZEN_FORMS:
            raise Http404
        form_class, prefix = CITIZEN_FORMS[action]
        form = forms[action] = form_class(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                message = _citizen_action(action, request, complaint, form.cleaned_data)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, message)
                return redirect("complaints:detail", receipt_number=complaint.receipt_number)
        complaint.refresh_from_db()
    open_supplement = complaint.pauses.filter(
        kind=PauseKind.SUPPLEMENT, ended_at__isnull=True
    ).first()
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "period_label": period_label(complaint.period),
            # A guest may be on a shared computer: their own text is shown masked.
            "body": complaint.body
            if request.user.is_authenticated
            else mask_personal_data(complaint.body),
            "events": list(complaint.events.filter(visible_to_citizen=True).order_by("at", "pk")),
            "answers": list(complaint.answers.order_by("answered_at", "pk")),
            "open_supplement": open_supplement,
            "satisfaction": ComplaintSatisfaction.objects.filter(complaint=complaint).first(),
            "can_rate": complaint.status in (ComplaintStatus.ANSWERED, ComplaintStatus.REFUSED),
            "forms": forms,
            "form_errors": any(f.errors for f in forms.values()),
        },
    )


@require_GET
def access_link(request, token):
    """The link in a notice: opens that one 민원 in this browser session (guests have no
    account). A bad or expired link says how to get a new one."""
    number = access_token_receipt(token)
    if number is None or not Complaint.objects.filter(receipt_number=number).exists():
        return render(request, "complaints/access_invalid.html", status=404)
    receipts = request.session.get(SESSION_RECEIPTS, [])
    if number not in receipts:
        request.session[SESSION_RECEIPTS] = [*receipts[-19:], number]
    return redirect("complaints:detail", receipt_number=number)
