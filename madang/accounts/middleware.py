"""Sends a staff member whose password is too old to the password change page (제24조)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .password_policy import password_is_expired

# Views that stay reachable with an expired password: the change pages themselves, signing out,
# and what those pages load. Two-factor views (madang.accounts.mfa*, django-otp, allauth.mfa)
# are exempt by module, so the second factor can be completed first and the two flows never
# bounce a user between each other.
ALLOWED_URL_NAMES = frozenset(
    {
        "wagtailadmin_account",
        "wagtailadmin_logout",
        "wagtailadmin_login",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "account_change_password",
        "account_set_password",
        "account_logout",
        "account_login",
        "account_reauthenticate",
        "javascript-catalog",
        "set_language",
        "healthz",
    }
)
ALLOWED_VIEW_MODULE_PREFIXES = (
    "madang.accounts.mfa",
    "madang.accounts.idle",
    "django_otp",
    "allauth.mfa",
)


def password_change_url(user) -> str:
    """Wagtail's account page for those who can use the admin, allauth's page for the rest."""
    if user.has_perm("wagtailadmin.access_admin"):
        return reverse("wagtailadmin_account") + "#password"
    return reverse("account_change_password")


class PasswordExpiryMiddleware:
    """Redirects a signed-in staff member whose password is older than
    PASSWORD_MAX_AGE_DAYS_STAFF to the change page until it is changed.

    The check runs in `process_view`, after every middleware has prepared the request, so the
    URL is resolved and the messages framework is ready whatever the middleware order.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or self._is_allowed(request, view_func):
            return None
        if not password_is_expired(user):
            return None
        messages.warning(
            request,
            _(
                "비밀번호를 바꾼 지 %(days)d일이 지났습니다. 계속 이용하려면 새 비밀번호로 "
                "변경해 주세요."
            )
            % {"days": settings.PASSWORD_MAX_AGE_DAYS_STAFF},
        )
        target = password_change_url(user)
        if request.method == "GET":
            path, _sep, anchor = target.partition("#")
            target = f"{path}?{urlencode({'next': request.get_full_path()})}"
            target += f"#{anchor}" if anchor else ""
        return redirect(target)

    @staticmethod
    def _is_allowed(request, view_func) -> bool:
        path = request.path_info
        for prefix in (settings.STATIC_URL, settings.MEDIA_URL):
            if prefix and prefix.startswith("/") and path.startswith(prefix):
                return True
        match = request.resolver_match
        if match is not None and match.url_name in ALLOWED_URL_NAMES:
            return True
        module = getattr(view_func, "__module__", "") or ""
        return module.startswith(ALLOWED_VIEW_MODULE_PREFIXES)
