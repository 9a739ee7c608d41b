"""내 정보 (my data), the under-14 guidance and the 본인확인 round trip.

Each view parses input, calls one service or selector and renders (ARCHITECTURE.md)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from madang.privacy.consent_services import (
    consent_grant,
    consent_notices_current,
    consent_states_for_user,
    consent_withdraw,
)
from madang.privacy.services import personal_profile_update

from .choices import AccountKind
from .forms import AccountDeleteForm, ProfileCorrectionForm
from .identity import IdentityVerificationError, get_identity_provider
from .identity.guard import session_identity_store
from .services import account_delete, identity_verification_record, my_data_download, my_data_export

IDENTITY_NEXT_KEY = "madang_identity_next"
IDENTITY_PURPOSE_KEY = "madang_identity_purpose"


def _safe_next(request, url: str | None, default: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


@login_required(login_url="account_login")
def me(request):
    """내 정보: everything held about me, readable (개인정보 보호법 제35조)."""
    data = my_data_export(user=request.user)
    return render(request, "accounts/me/index.html", {"data": data})


@login_required(login_url="account_login")
def me_download(request):
    data = my_data_download(user=request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required(login_url="account_login")
@require_http_methods(["GET", "POST"])
def me_edit(request):
    """Correct my personal data (제36조) through the privacy service."""
    if request.method == "POST":
        form = ProfileCorrectionForm(request.POST)
        if form.is_valid():
            try:
                personal_profile_update(
                    acting_user=request.user,
                    user=request.user,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["contact_email"],
                    phone=form.cleaned_data["contact_phone"],
                    address=form.cleaned_data["address"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    target = {"email": "contact_email", "phone": "contact_phone"}.get(field, field)
                    form.add_error(target if target in form.fields else None, errors)
            else:
                messages.success(request, _("개인정보를 고쳤습니다."))
                return redirect("accounts_me")
    else:
        profile = my_data_export(user=request.user)["personal_profile"]
        form = ProfileCorrectionForm(
            initial={
                "name": profile["name"],
                "contact_email": profile["email"],
                "contact_phone": profile["phone"],
                "address": profile["address"],
            }
        )
    return render(request, "accounts/me/edit.html", {"form": form})


@login_required(login_url="account_login")
@require_http_methods(["GET", "POST"])
def me_consents(request):
    """See my consents; withdraw an optional one or grant it again (제37조, 제38조④)."""
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        try:
            if request.POST.get("action") == "grant":
                notice = next(
                    (n for n in consent_notices_current() if n.kind == kind and not n.required),
                    None,
                )
                if notice is None:
                    raise ValidationError(_("동의할 수 있는 선택 항목이 아닙니다."))
                consent_grant(acting_user=request.user, user=request.user, notice=notice)
                messages.success(
                    request, _("'%(title)s'에 동의했습니다.") % {"title": notice.title}
                )
            else:
                consent_withdraw(acting_user=request.user, user=request.user, kind=kind)
                messages.success(request, _("동의를 철회했습니다. 철회 기록이 남습니다."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("accounts_me_consents")
    states = {s.kind: s for s in consent_states_for_user(user=request.user)}
    rows = [{"notice": n, "state": states.get(n.kind)} for n in consent_notices_current()]
    return render(request, "accounts/me/consents.html", {"rows": rows})


@login_required(login_url="account_login")
@require_http_methods(["GET", "POST"])
def me_delete(request):
    """회원 탈퇴: confirm, choose what happens to my posts, then anonymise the account."""
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(
                user=request.user,
                delete_posts=form.cleaned_data["posts"] == AccountDeleteForm.POSTS_DELETE,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            return redirect("accounts_me_deleted")
    return render(request, "accounts/me/delete.html", {"form": form})


@login_required(login_url="account_login")
def contact_managed_in_me(request):
    """allauth's e-mail/phone pages would keep a citizen's contact details in the clear
    (EmailAddress, User.email); citizens correct them in 내 정보 instead (encrypted
    PersonalProfile). Nothing posted here is processed. Staff keep allauth's e-mail page: a work
    address used for admin password resets."""
    if request.user.kind != AccountKind.CITIZEN and request.path.endswith("/email/"):
        from allauth.account.views import email

        return email(request)
    return render(request, "accounts/me/contact_elsewhere.html")


def me_deleted(request):
    return render(request, "accounts/me/deleted.html")


def under_14(request):
    """How a child under 14 can use the site (docs/decisions/0007-under-14.md)."""
    return render(request, "accounts/me/under_14.html")


@require_http_methods(["GET"])
def identity_start(request):
    provider = get_identity_provider()
    purpose = request.GET.get("purpose", "real_name_board")
    next_url = _safe_next(request, request.GET.get("next"), reverse("accounts_me"))
    if provider is None:
        return render(request, "accounts/me/identity_unavailable.html", status=503)
    try:
        url = provider.start(request, purpose)
    except IdentityVerificationError as exc:
        return render(request, "accounts/me/identity_error.html", {"error": str(exc)}, status=502)
    request.session[IDENTITY_NEXT_KEY] = next_url
    request.session[IDENTITY_PURPOSE_KEY] = purpose
    return redirect(url)


@require_http_methods(["GET"])
def identity_complete(request):
    provider = get_identity_provider()
    if provider is None:
        return render(request, "accounts/me/identity_unavailable.html", status=503)
    purpose = request.session.pop(IDENTITY_PURPOSE_KEY, "real_name_board")
    next_url = request.session.pop(IDENTITY_NEXT_KEY, reverse("accounts_me"))
    try:
        identity = provider.complete(request)
    except IdentityVerificationError as exc:
        return render(request, "accounts/me/identity_error.html", {"error": str(exc)}, status=400)
    identity_verification_record(
        user=request.user, provider_id=provider.id, purpose=purpose, identity=identity
    )
    session_identity_store(request, identity, purpose=purpose)
    return redirect(_safe_next(request, next_url, reverse("accounts_me")))
