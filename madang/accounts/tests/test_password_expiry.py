"""Staff must change a password older than PASSWORD_MAX_AGE_DAYS_STAFF (제24조 → quarterly)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from madang.accounts.choices import AccountKind
from madang.accounts.middleware import PasswordExpiryMiddleware
from madang.accounts.models import User
from madang.accounts.password_policy import password_change_recommended, password_is_expired

pytestmark = pytest.mark.django_db

OLD = "Hw8?tNq2&e"
NEW = "Ng5*Wr8@Lp"


def _make(username, *, days_old, **fields) -> User:
    user = User(username=username, **fields)
    user.set_password(OLD)
    user.save()
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now() - timedelta(days=days_old)
    )
    user.refresh_from_db()
    return user


@pytest.fixture
def editor():
    user = _make("editor9", days_old=91, kind=AccountKind.STAFF, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def clerk():
    """Staff without Wagtail admin access: sent to allauth's change page instead."""
    return _make("clerk9", days_old=91, kind=AccountKind.STAFF)


def _otp_verified_login(client, user):
    """Sign in with a confirmed TOTP device in the session, as django-otp's login() leaves it,
    so the staff two-factor check (which runs first) lets the request through."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_expired_admin_user_is_sent_to_the_wagtail_account_page(client, editor):
    _otp_verified_login(client, editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/account/?next=%2Fadmin%2Fpages%2F")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "비밀번호를 바꾼 지 90일이 지났습니다" in page.content.decode()


def test_expired_staff_without_admin_is_sent_to_the_allauth_page(client, clerk):
    client.force_login(clerk)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/password/change/")
    response = client.post("/accounts/password/change/", {"oldpassword": OLD, "password1": NEW,
                                                         "password2": NEW})  # fmt: skip
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert not password_is_expired(clerk)
    assert client.get("/").status_code == 200


def test_posts_are_redirected_too(client, clerk):
    client.force_login(clerk)
    response = client.post("/accounts/email/", {"email": "x@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/change/"


@pytest.mark.parametrize(
    "path", ["/accounts/password/change/", "/accounts/logout/", "/static/madang/css/madang.css",
             "/jsi18n/", "/healthz"],
)  # fmt: skip
def test_change_page_sign_out_and_static_stay_reachable(client, clerk, path):
    client.force_login(clerk)
    response = client.get(path)
    assert not (response.status_code == 302 and "password" in response.get("Location", ""))


def test_wagtail_sign_out_stays_reachable(client, editor):
    _otp_verified_login(client, editor)
    response = client.post("/admin/logout/")
    assert response.status_code == 302 and "account" not in response["Location"]
    assert "_auth_user_id" not in client.session


def test_two_factor_views_are_exempt_by_module():
    def mfa_view(request):
        raise AssertionError

    mfa_view.__module__ = "madang.accounts.mfa_views"

    class Request:
        path_info = "/accounts/mfa/verify/"
        resolver_match = None

    assert PasswordExpiryMiddleware._is_allowed(Request(), mfa_view)


@pytest.mark.parametrize("days_old", [0, 89])
def test_recent_password_is_not_redirected(client, days_old):
    user = _make("fresh9", days_old=days_old, kind=AccountKind.STAFF)
    client.force_login(user)
    assert client.get("/accounts/email/").status_code == 200


def test_zero_turns_expiry_off(client, clerk, settings):
    settings.PASSWORD_MAX_AGE_DAYS_STAFF = 0
    client.force_login(clerk)
    assert client.get("/accounts/email/").status_code == 200


def test_citizens_are_never_forced_only_reminded(client):
    citizen = _make("citizen9", days_old=400, kind=AccountKind.CITIZEN)
    client.force_login(citizen)
    assert client.get("/accounts/email/").status_code == 200
    assert password_change_recommended(citizen)
    assert not password_change_recommended(_make("citizen8", days_old=10))


def test_superuser_and_contractor_are_staff_for_expiry():
    root = _make("root9", days_old=91, is_superuser=True, is_staff=True)
    contractor = _make("vendor9", days_old=91, kind=AccountKind.CONTRACTOR)
    assert password_is_expired(root) and password_is_expired(contractor)


def test_accounts_from_before_the_field_count_from_date_joined():
    user = User.objects.create_user(username="legacy9", password=OLD, kind=AccountKind.STAFF)
    assert user.password_changed_at is None and not password_is_expired(user)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=120))
    user.refresh_from_db()
    assert password_is_expired(user)


def test_social_only_accounts_have_nothing_to_change():
    user = _make("kakao9", days_old=200, kind=AccountKind.STAFF)
    user.set_unusable_password()
    user.save()
    assert not password_is_expired(user)


def test_changing_the_password_by_any_path_restamps(editor):
    assert password_is_expired(editor)
    editor.set_password(NEW)
    editor.save()
    editor.refresh_from_db()
    assert not password_is_expired(editor)
    assert timezone.now() - editor.password_changed_at < timedelta(minutes=1)
