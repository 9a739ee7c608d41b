"""Sign-in lockout after repeated failures, on django-axes (ordinance 제24조; 안전성 확보조치
기준 제5조⑥: restrict access after a set number of failed authentications).

Policy (settings in base.py, each from the environment):

- An account (username, case-insensitive) is locked for AXES_COOLOFF_TIME after
  AXES_FAILURE_LIMIT failures (5, the public-sector RFP figure), whichever IP they came from.
- An IP address is locked only after MADANG_LOGIN_FAILURE_LIMIT_PER_IP failures (100). A
  district office signs all its staff in through one NAT address, and Korean mobile carriers put
  thousands of citizens behind one CGNAT address, so locking an IP after 5 would lock out a whole
  building. The high per-IP limit still stops a password spray across many accounts.
- A successful sign-in clears only that account's failures; axes would otherwise clear every
  failure from the same IP, and one colleague's sign-in would unlock an account under attack.
- Failures during a lockout do not extend it, so the unlock time shown is a promise.

The lockout page says when sign-in will be possible again, computed from the attempts that
caused the lock, in Asia/Seoul.
"""

from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_parameters,
    get_client_username,
    get_cool_off,
    get_failure_limit,
)
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.core.request_context import client_ip_from_request


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the same client address the audit log records, trusting
    X-Forwarded-For only for MADANG_TRUSTED_PROXY_HOPS. Without it axes would see nginx's
    address for every visitor and a per-IP limit would lock out everyone at once."""
    return client_ip_from_request(request)


def lockout_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username tried, folded to lower case so that ADMIN and admin
    count against the same account. Wagtail posts `username`, allauth posts `login`."""
    username = None
    if credentials:
        username = credentials.get("username") or credentials.get("login")
    if username is None and request is not None:
        data = getattr(request, "POST", {})
        username = data.get("username") or data.get("login")
    if not username:
        return None
    return str(username).strip().casefold()


def ip_failure_limit() -> int:
    return getattr(settings, "MADANG_LOGIN_FAILURE_LIMIT_PER_IP", 100)


def _is_ip_only(filter_kwargs: dict) -> bool:
    return set(filter_kwargs) == {"ip_address"}


class MadangAxesHandler(AxesDatabaseHandler):
    """axes' database handler with a separate, higher limit for the IP-address group of
    AXES_LOCKOUT_PARAMETERS, and a success reset that touches only the signed-in account."""

    def _groups(self, request, credentials):
        username = get_client_username(request, credentials)
        filter_kwargs_list = get_client_parameters(
            username, request.axes_ip_address, request.axes_user_agent, request, credentials
        )
        attempts_list = self.get_user_attempts(request, credentials)
        return list(zip(filter_kwargs_list, attempts_list, strict=True))

    def locking_groups(self, request, credentials=None) -> list[tuple[dict, list, int]]:
        """Each lockout group that is over its limit, with its recent attempts and the limit."""
        account_limit = get_failure_limit(request, credentials)
        locked = []
        for filter_kwargs, attempts in self._groups(request, credentials):
            limit = ip_failure_limit() if _is_ip_only(filter_kwargs) else account_limit
            rows = list(attempts.order_by("-attempt_time"))
            if limit > 0 and sum(row.failures_since_start for row in rows) >= limit:
                locked.append((filter_kwargs, rows, limit))
        return locked

    def get_failures(self, request, credentials=None) -> int:
        # axes compares this one number with AXES_FAILURE_LIMIT; report the account limit when
        # only the IP group is over its own limit, and the account's count otherwise.
        account_limit = get_failure_limit(request, credentials)
        failures = 0
        for filter_kwargs, attempts in self._groups(request, credentials):
            count = sum(row.failures_since_start for row in attempts)
            if _is_ip_only(filter_kwargs):
                limit = ip_failure_limit()
                if limit > 0 and count >= limit:
                    failures = max(failures, account_limit)
            else:
                failures = max(failures, count)
        return failures

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def unlock_time(request: HttpRequest, credentials: dict | None = None) -> datetime | None:
    """When sign-in will be allowed again, or None when the lock has no cool-off (an
    administrator must clear it). Attempts are summed newest first, as axes counts them: the
    lock lifts when the oldest attempt still needed to reach the limit ages out."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    handler = MadangAxesHandler()
    latest = None
    for _kwargs, rows, limit in handler.locking_groups(request, credentials):
        total = 0
        for row in rows:
            total += row.failures_since_start
            if total >= limit:
                candidate = row.attempt_time + cool_off
                latest = candidate if latest is None else max(latest, candidate)
                break
    return latest or (timezone.now() + cool_off)


def format_korean_datetime(value: datetime) -> str:
    """2026년 11월 25일 15시 30분, in the site's time zone."""
    local = timezone.localtime(value)
    return _("%(year)d년 %(month)d월 %(day)d일 %(hour)d시 %(minute)02d분") % {
        "year": local.year,
        "month": local.month,
        "day": local.day,
        "hour": local.hour,
        "minute": local.minute,
    }


def lockout_message(request: HttpRequest, credentials: dict | None = None) -> str:
    limit = get_failure_limit(request, credentials)
    groups = MadangAxesHandler().locking_groups(request, credentials)
    by_ip = bool(groups) and all(_is_ip_only(kwargs) for kwargs, _rows, _limit in groups)
    until = unlock_time(request, credentials)
    if by_ip:
        head = _("이 인터넷 주소(IP)에서 로그인 실패가 너무 많아")
    else:
        head = _("로그인을 %(limit)d회 잘못 시도하여") % {"limit": limit}
    if until is None:
        tail = _(
            "로그인이 제한되었습니다. 잠금을 풀려면 홈페이지 운영부서(관리자)에 문의해 주세요."
        )
    else:
        tail = _(
            "%(until)s까지 로그인이 제한됩니다. 그 뒤에 다시 시도하거나, 비밀번호가 기억나지 "
            "않으면 비밀번호 찾기를 이용해 주세요."
        ) % {"until": format_korean_datetime(until)}
    return f"{head} {tail}"


def _is_admin_request(request: HttpRequest) -> bool:
    try:
        admin_root = reverse("wagtailadmin_home")
    except Exception:  # noqa: BLE001 - no admin mounted means no admin page to render
        return False
    return request.path.startswith(admin_root)


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page, HTTP 429, in the admin's layout for the Wagtail
    admin sign-in and in the site layout everywhere else; JSON for script requests."""
    if isinstance(original_response, dict) and credentials is None:
        # axes' async middleware passes (request, credentials).
        credentials, original_response = original_response, None
    status = settings.AXES_HTTP_RESPONSE_CODE
    until = unlock_time(request, credentials)
    message = lockout_message(request, credentials)
    wants_json = request.headers.get("x-requested-with") == "XMLHttpRequest" or (
        "application/json" in request.headers.get("accept", "")
        and "text/html" not in request.headers.get("accept", "")
    )
    if wants_json:
        return JsonResponse(
            {"detail": message, "unlock_at": until.isoformat() if until else None}, status=status
        )
    context = {
        "lockout_message": message,
        "unlock_at": until,
        "failure_limit": get_failure_limit(request, credentials),
    }
    if _is_admin_request(request):
        template = "accounts/lockout_admin.html"
    else:
        template = "accounts/lockout.html"
    response: HttpResponse = render(request, template, context, status=status)
    if until is not None:
        response["Retry-After"] = str(max(0, int((until - timezone.now()).total_seconds())))
    return response
