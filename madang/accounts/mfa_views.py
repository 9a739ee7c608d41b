"""Screens for the second factor: enrolment, verification, recovery codes, a superuser's reset.

They sit at /admin/mfa/ so the admin IP allow-list covers them, and look like the Wagtail sign-in
page because staff reach them straight from it.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from .mfa import (
    MFAMethod,
    mfa_devices_reset,
    mfa_has_device,
    mfa_required_for,
    mfa_verify,
    recovery_codes_regenerate,
    recovery_codes_remaining,
    totp_device_confirmed,
    totp_device_for_enrolment,
    totp_enrolment_confirm,
)
from .mfa_forms import RecoveryCodeForm, TOTPCodeForm

NEW_CODES_SESSION_KEY = "madang_mfa_new_recovery_codes"
LOW_RECOVERY_CODES = 3


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _require_staff(request: HttpRequest) -> None:
    if not mfa_required_for(request.user):
        raise PermissionDenied


def _mark_verified(request: HttpRequest, device) -> None:
    # A new session key once the second factor is in, as after the password (session fixation).
    request.session.cycle_key()
    otp_login(request, device)


def _wait_message(until) -> str:
    seconds = max(1, int((until - timezone.now()).total_seconds() + 0.999)) if until else 1
    return ngettext(
        "잘못된 인증번호가 여러 번 입력되었습니다. %(seconds)d초 뒤에 다시 시도하세요.",
        "잘못된 인증번호가 여러 번 입력되었습니다. %(seconds)d초 뒤에 다시 시도하세요.",
        seconds,
    ) % {"seconds": seconds}


def _qr_svg(config_url: str) -> str:
    return segno.make(config_url, error="m").svg_inline(scale=4, border=2, light="#fff")


def _group(secret: str, size: int = 4) -> str:
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


@never_cache
@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Register an authenticator app: scan the QR code (or type the key), confirm with a code."""
    _require_staff(request)
    if mfa_has_device(request.user) and not request.user.is_verified():
        # Replacing an enrolled authenticator needs that authenticator first.
        return redirect(f"{reverse('madang_mfa:verify')}?{request.GET.urlencode()}")
    device = totp_device_for_enrolment(user=request.user)
    form = TOTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, info = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _wait_message((info or {}).get("locked_until")))
        else:
            codes = totp_enrolment_confirm(
                user=request.user, device=device, token=form.cleaned_data["code"].replace(" ", "")
            )
            if codes is not None:
                device.refresh_from_db()
                _mark_verified(request, device)
                request.session[NEW_CODES_SESSION_KEY] = codes
                messages.success(request, _("인증 앱을 등록했습니다."))
                return redirect(
                    f"{reverse('madang_mfa:recovery_codes')}?"
                    f"{request.GET.urlencode() or 'next=' + reverse('wagtailadmin_home')}"
                )
            form.add_error(
                "code",
                _(
                    "인증번호가 맞지 않습니다. 앱에 새로 표시된 숫자를 입력하고, 휴대전화의 "
                    "시간이 자동으로 맞춰져 있는지 확인하세요."
                ),
            )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/mfa/enrol.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": _group(secret),
            "issuer": settings.OTP_TOTP_ISSUER,
            "next": _next_url(request),
        },
    )


def _verify(request: HttpRequest, method: str) -> HttpResponse:
    _require_staff(request)
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    if not mfa_has_device(request.user):
        return redirect(f"{reverse('madang_mfa:enrol')}?{request.GET.urlencode()}")
    form_class = TOTPCodeForm if method == MFAMethod.TOTP else RecoveryCodeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = mfa_verify(user=request.user, method=method, token=form.cleaned_data["code"])
        if outcome.ok:
            _mark_verified(request, outcome.device)
            left = outcome.recovery_codes_left
            if left is not None and left <= LOW_RECOVERY_CODES:
                messages.warning(
                    request,
                    _(
                        "남은 복구 코드가 %(count)d개입니다. '2단계 인증 관리'에서 새 복구 "
                        "코드를 만드세요."
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        if outcome.locked_out:
            logout(request)
            messages.error(
                request,
                _(
                    "인증번호가 %(count)d번 연속 틀려 로그아웃되었습니다. 잠시 뒤 다시 "
                    "로그인하세요. 인증 앱을 잃어버렸다면 시스템 관리자에게 초기화를 요청하세요."
                )
                % {"count": outcome.failures},
            )
            return redirect(settings.LOGIN_URL)
        if outcome.throttled_until:
            form.add_error("code", _wait_message(outcome.throttled_until))
        elif method == MFAMethod.TOTP:
            form.add_error(
                "code", _("인증번호가 맞지 않습니다. 앱에 새로 표시된 숫자를 입력하세요.")
            )
        else:
            form.add_error("code", _("복구 코드가 맞지 않거나 이미 사용한 코드입니다."))
    has_totp = totp_device_confirmed(request.user) is not None
    return render(
        request,
        "accounts/mfa/verify.html",
        {
            "form": form,
            "method": method,
            "next": next_url,
            "has_totp": has_totp,
            "has_recovery": recovery_codes_remaining(request.user) > 0,
        },
    )


@never_cache
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Second step of signing in: the 6-digit code from the authenticator app."""
    return _verify(request, MFAMethod.TOTP)


@never_cache
@login_required
def verify_recovery(request: HttpRequest) -> HttpResponse:
    """Second step of signing in with a single-use recovery code instead."""
    return _verify(request, MFAMethod.RECOVERY)


@never_cache
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shows newly made recovery codes, once: they leave the session as they are displayed."""
    _require_staff(request)
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("madang_mfa:manage")
    return render(
        request, "accounts/mfa/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


@never_cache
@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own second-factor status, with new recovery codes on request."""
    _require_staff(request)
    device = totp_device_confirmed(request.user)
    return render(
        request,
        "accounts/mfa/manage.html",
        {"device": device, "recovery_codes_remaining": recovery_codes_remaining(request.user)},
    )


@require_POST
@login_required
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    request.session[NEW_CODES_SESSION_KEY] = recovery_codes_regenerate(user=request.user)
    messages.success(
        request, _("새 복구 코드를 만들었습니다. 이전 복구 코드는 더 이상 쓸 수 없습니다.")
    )
    return redirect(f"{reverse('madang_mfa:recovery_codes')}?next={reverse('madang_mfa:manage')}")


@never_cache
@login_required
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """A superuser removes another person's authenticator and recovery codes (lost phone)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=user_id)
    if target.pk == request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        mfa_devices_reset(acting_user=request.user, user=target)
        messages.success(
            request,
            _(
                "%(user)s 님의 2단계 인증을 초기화했습니다. 다음 로그인 때 인증 앱을 다시 "
                "등록합니다."
            )
            % {"user": target.get_username()},
        )
        return HttpResponseRedirect(reverse("wagtailusers_users:index"))
    return render(
        request,
        "accounts/mfa/reset_confirm.html",
        {"target": target, "has_device": mfa_has_device(target)},
    )
