"""Sign-out after a set idle time (안전성 확보조치 기준 제6조④), with time to extend it
(KWCAG 2.2.1 timing adjustable).

Every request saves the session, so SESSION_COOKIE_AGE (derived from STAFF_IDLE_TIMEOUT_MINUTES)
already ends an idle session. This module adds what the cookie cannot:

- IdleTimeoutMiddleware keeps its own last-activity time in the session, so background requests
  that no person made (Wagtail's editing-session pings, every few seconds while an editor is
  open) do not keep a session alive forever;
- /session/extend/ (POST, CSRF-protected) is the "시간 연장" button: it counts as activity and
  answers the new remaining time;
- /session/expired/ (POST) is where the countdown sends the browser at zero: it signs out and
  says why on the sign-in page;
- templates/accounts/idle/countdown.html with static/accounts/idle.js is the KRDS countdown
  ("로그아웃까지 남은 시간 MM:SS") and warning dialog, shown in the admin through a Wagtail hook
  and reusable on the public site.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

LAST_ACTIVITY_SESSION_KEY = "madang_last_activity"
# Requests a page's script makes on its own; they must not count as a person's activity.
PASSIVE_VIEW_NAMES = frozenset(
    {"wagtailadmin_editing_sessions:ping", "wagtailadmin_editing_sessions:release"}
)
ACTIVITY_RESOLUTION_SECONDS = 10
IDLE_SIGNED_OUT_MESSAGE = gettext_lazy("장시간 사용하지 않아 로그아웃되었습니다.")
SIGNED_OUT_MESSAGE = gettext_lazy("로그아웃되었습니다.")


def idle_timeout_seconds() -> int:
    return int(settings.STAFF_IDLE_TIMEOUT_MINUTES) * 60


def idle_warning_seconds() -> int:
    return min(int(settings.IDLE_WARNING_MINUTES) * 60, idle_timeout_seconds())


def _is_passive(request: HttpRequest) -> bool:
    if request.path_info.startswith(settings.STATIC_URL):
        return True  # a page's assets, fetched by the browser along with it
    match = getattr(request, "resolver_match", None)
    return bool(match and match.view_name in PASSIVE_VIEW_NAMES)


class IdleTimeoutMiddleware:
    """Signs out a session whose last activity is older than the idle time-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
            if last is not None and time.time() - float(last) > idle_timeout_seconds():
                logout(request)
                messages.info(request, IDLE_SIGNED_OUT_MESSAGE)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _is_passive(request):
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
            # A page and the requests it makes at once need not each write the session.
            if last is None or now - float(last) >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_SESSION_KEY] = now
        return response


@never_cache
@require_POST
def session_extend(request: HttpRequest) -> JsonResponse:
    """The "시간 연장" button: counts as activity and answers the seconds left."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {"authenticated": False, "message": str(IDLE_SIGNED_OUT_MESSAGE)}, status=401
        )
    request.session[LAST_ACTIVITY_SESSION_KEY] = int(time.time())
    request.session.modified = True
    seconds = idle_timeout_seconds()
    expires_at = timezone.now() + timedelta(seconds=seconds)
    return JsonResponse(
        {"authenticated": True, "expires_in": seconds, "expires_at": expires_at.isoformat()}
    )


@never_cache
@require_POST
def session_expired(request: HttpRequest) -> HttpResponse:
    """Where the countdown sends the browser at zero: sign out, then the sign-in page says why."""
    if request.user.is_authenticated:
        logout(request)
    messages.info(request, IDLE_SIGNED_OUT_MESSAGE)
    login_url = request.POST.get("login_url") or resolve_url(settings.LOGIN_URL)
    if not url_has_allowed_host_and_scheme(
        login_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        login_url = resolve_url(settings.LOGIN_URL)
    return redirect(login_url)


@never_cache
@require_POST
def session_logout(request: HttpRequest) -> HttpResponse:
    """Sign out and return to the staff sign-in page. Wagtail's own logout needs admin access,
    which a staff member half-way through the second factor does not have yet."""
    logout(request)
    messages.info(request, SIGNED_OUT_MESSAGE)
    return redirect(resolve_url(settings.LOGIN_URL))


def idle_config() -> dict:
    """What the countdown template needs, for the admin hook and the public include."""
    timeout = idle_timeout_seconds()
    return {
        "timeout": timeout,
        "warning": idle_warning_seconds(),
        "timeout_display": f"{timeout // 60:02d}:{timeout % 60:02d}",
    }
