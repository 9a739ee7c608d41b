"""Idle sign-out (안전성 확보조치 기준 제6조④), its extension (KWCAG 2.2.1) and session cookies."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import ResolverMatch, reverse

from madang.accounts.idle import LAST_ACTIVITY_SESSION_KEY, IdleTimeoutMiddleware
from madang.accounts.mfa_testing import otp_verified_login

EXTEND = reverse("madang_idle:extend")
EXPIRED = reverse("madang_idle:expired")


def settings_in_subprocess(module: str, names: list[str], **env) -> dict:
    code = (
        # Settings only, no django.setup(): production refuses to start without real keys.
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    base_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**base_env, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_session_age_follows_the_idle_minutes(settings):
    assert settings.STAFF_IDLE_TIMEOUT_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.IDLE_WARNING_MINUTES < settings.STAFF_IDLE_TIMEOUT_MINUTES
    values = settings_in_subprocess(
        "madang.config.settings.test",
        ["SESSION_COOKIE_AGE", "IDLE_WARNING_MINUTES"],
        STAFF_IDLE_TIMEOUT_MINUTES="10",
        IDLE_WARNING_MINUTES="5",
    )
    assert values == {"SESSION_COOKIE_AGE": 600, "IDLE_WARNING_MINUTES": 5}


def test_production_cookies_are_httponly_samesite_and_secure():
    values = settings_in_subprocess(
        "madang.config.settings.production",
        [
            "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE", "CSRF_COOKIE_SAMESITE", "SESSION_COOKIE_AGE",
            "SESSION_SAVE_EVERY_REQUEST", "SESSION_COOKIE_NAME",
        ],
        SECRET_KEY="p" * 10 + "roduction-like-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="www.dongjak.go.kr",
    )  # fmt: skip
    assert values == {
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_AGE": 1800,
        "SESSION_SAVE_EVERY_REQUEST": True,
        "SESSION_COOKIE_NAME": "__Host-madang_session",
    }


# Server side -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_idle_session_is_signed_out_with_a_message(client, superuser):
    otp_verified_login(client, superuser)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_ACTIVITY_SESSION_KEY] = int(time.time()) - 30 * 60 - 5
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "_auth_user_id" not in client.session
    body = client.get(response["Location"]).content.decode()
    assert "장시간 사용하지 않아 로그아웃되었습니다." in body


@pytest.mark.django_db
def test_activity_within_the_limit_keeps_the_session(client, superuser):
    otp_verified_login(client, superuser)
    session = client.session
    session[LAST_ACTIVITY_SESSION_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/admin/").status_code == 200
    assert client.session[LAST_ACTIVITY_SESSION_KEY] >= int(time.time()) - 2


@pytest.mark.django_db
def test_background_pings_are_not_activity(superuser):
    """Wagtail's editor pings its editing session every few seconds; that is not a person."""
    factory = RequestFactory()
    client = Client()
    otp_verified_login(client, superuser)

    def passive(request):
        request.resolver_match = ResolverMatch(
            lambda r: None, (), {}, url_name="ping", namespaces=["wagtailadmin_editing_sessions"]
        )
        return HttpResponse()

    request = factory.post("/admin/editing-sessions/ping/x/")
    request.user = superuser
    request.session = client.session
    old = int(time.time()) - 600
    request.session[LAST_ACTIVITY_SESSION_KEY] = old
    IdleTimeoutMiddleware(passive)(request)
    assert request.session[LAST_ACTIVITY_SESSION_KEY] == old
    person = factory.get("/admin/")
    person.user = superuser
    person.session = request.session
    IdleTimeoutMiddleware(lambda r: HttpResponse())(person)
    assert person.session[LAST_ACTIVITY_SESSION_KEY] > old


# The extension endpoint --------------------------------------------------------------------


@pytest.mark.django_db
def test_extend_touches_the_session_and_answers_the_new_expiry(client, superuser):
    otp_verified_login(client, superuser)
    session = client.session
    session[LAST_ACTIVITY_SESSION_KEY] = int(time.time()) - 25 * 60
    session.save()
    response = client.post(EXTEND)
    assert response.status_code == 200
    data = response.json()
    assert data["authenticated"] is True and data["expires_in"] == 1800
    assert "T" in data["expires_at"]
    assert client.session[LAST_ACTIVITY_SESSION_KEY] >= int(time.time()) - 2
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_extend_is_csrf_protected_and_post_only(superuser):
    client = Client(enforce_csrf_checks=True)
    otp_verified_login(client, superuser)
    assert client.post(EXTEND).status_code == 403
    assert client.get(EXTEND).status_code == 405
    client.get("/admin/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert client.post(EXTEND, HTTP_X_CSRFTOKEN=token).status_code == 200


@pytest.mark.django_db
def test_extend_after_expiry_answers_401(client):
    response = client.post(EXTEND)
    assert response.status_code == 401
    assert response.json()["authenticated"] is False


@pytest.mark.django_db
def test_expired_endpoint_signs_out_and_lands_on_sign_in(client, superuser):
    otp_verified_login(client, superuser)
    response = client.post(EXPIRED, {"login_url": "/admin/login/?next=/admin/pages/"})
    assert response["Location"] == "/admin/login/?next=/admin/pages/"
    assert "_auth_user_id" not in client.session
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "장시간 사용하지 않아 로그아웃되었습니다."
    ]
    response = client.post(EXPIRED, {"login_url": "https://evil.example/"})
    assert response["Location"] == reverse("wagtailadmin_login")


@pytest.mark.django_db
def test_logout_endpoint_for_the_second_factor_pages(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("madang_idle:logout"))
    assert response["Location"] == reverse("wagtailadmin_login")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("madang_idle:logout")).status_code == 405


# The countdown -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_pages_carry_the_countdown(client, superuser):
    otp_verified_login(client, superuser)
    body = client.get("/admin/").content.decode()
    assert "data-madang-idle" in body
    assert "로그아웃까지 남은 시간" in body and "시간 연장" in body
    assert 'data-timeout="1800"' in body and 'data-warning="120"' in body
    assert 'data-require="#wagtail-sidebar"' in body
    assert 'role="dialog" aria-modal="true"' in body
    assert 'aria-labelledby="madang-idle-title"' in body
    assert 'aria-live="assertive"' in body
    assert "accounts/idle.js" in body and "accounts/idle.css" in body
    assert f'data-extend-url="{EXTEND}"' in body


def test_include_for_the_public_site_carries_csrf_and_urls(rf, settings):
    settings.IDLE_WARNING_MINUTES = 5
    request = rf.get("/")
    html = render_to_string(
        "accounts/idle/countdown.html",
        {"idle_logout_url": "/accounts/logout/", "idle_login_url": "/accounts/login/"},
        request=request,
    )
    assert 'data-warning="300"' in html
    assert 'data-logout-url="/accounts/logout/"' in html
    assert 'name="login_url" value="/accounts/login/"' in html
    assert 'data-csrf-token=""' not in html
    assert "data-require" not in html
    assert ">30:00<" in html
