"""Keep staff who have not presented their second factor out of the admin and the staff API."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .mfa import mfa_has_device, mfa_required_for

PROTECTED_PREFIXES = ("/admin/", "/api/")
API_PREFIX = "/api/"
# Pages a signed-in but unverified staff member still needs: signing in and out, the second
# factor pages themselves, and what those pages load from the admin (icons, translations).
EXEMPT_URL_NAMES = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "madang_mfa:verify",
        "madang_mfa:verify_recovery",
        "madang_mfa:enrol",
    }
)


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


class MFARequiredMiddleware:
    """After the password, until `request.user.is_verified()` (django-otp's OTPMiddleware):

    - an admin URL redirects to verification, or to enrolment when there is no device yet;
    - a staff API call on the session answers 403 with code `mfa_required` (bearer tokens are a
      separate credential and pass).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._refusal(request) or self.get_response(request)

    def _refusal(self, request):
        path = request.path_info
        if not path.startswith(PROTECTED_PREFIXES) or path.startswith(settings.STATIC_URL):
            return None
        user = getattr(request, "user", None)
        if user is None or not mfa_required_for(user) or user.is_verified():
            return None
        if _url_name(path) in EXEMPT_URL_NAMES:
            return None
        enrolled = mfa_has_device(user)
        if path.startswith(API_PREFIX):
            if request.headers.get("Authorization", "").lower().startswith("bearer "):
                return None
            message = _("2단계 인증을 마친 뒤에 사용할 수 있습니다. 관리자 화면에서 인증하세요.")
            return JsonResponse(
                {"code": "mfa_required", "message": message, "details": []},
                status=403,
            )
        target = reverse("madang_mfa:verify" if enrolled else "madang_mfa:enrol")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
