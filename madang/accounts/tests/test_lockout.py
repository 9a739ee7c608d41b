"""Sign-in lockout through the real login views (제24조; 안전성 확보조치 기준 제5조⑥)."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.db.models import F

from madang.accounts.choices import AccountKind
from madang.accounts.lockout import format_korean_datetime
from madang.accounts.models import User

pytestmark = pytest.mark.django_db

RIGHT = "Hw8?tNq2&e"
WRONG = "Ng5*Wr8@Lp"

LOGIN_VIEWS = {
    "wagtail": ("/admin/login/", "username"),
    "allauth": ("/accounts/login/", "login"),
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # allauth keeps its per-IP brake in the cache
    yield
    cache.clear()


def _user(username: str, **fields) -> User:
    user = User(username=username, kind=AccountKind.STAFF, is_staff=True, **fields)
    user.set_password(RIGHT)
    user.save()
    return user


@pytest.fixture
def editor():
    return _user("editor5", is_superuser=True)


def _login(client, which, username, password, **extra):
    url, field = LOGIN_VIEWS[which]
    return client.post(url, {field: username, "password": password}, **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _age_attempts(minutes: int) -> None:
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


@pytest.mark.parametrize("which", ["wagtail", "allauth"])
def test_five_failures_lock_then_cool_off_unlocks(client, editor, which):
    for attempt in range(1, 5):
        response = _login(client, which, "editor5", WRONG)
        assert response.status_code == 200, attempt  # the form again, with its error
    response = _login(client, which, "editor5", WRONG)
    assert response.status_code == 429  # the fifth failure locks at once

    response = _login(client, which, "editor5", RIGHT)
    assert response.status_code == 429
    assert not _signed_in(client)
    body = response.content.decode()
    last = AccessAttempt.objects.get(username="editor5").attempt_time
    until = format_korean_datetime(last + timedelta(minutes=30))
    assert f"로그인을 5회 잘못 시도하여 {until}까지 로그인이 제한됩니다." in body
    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일 \d{1,2}시 \d{2}분까지", body)
    assert 1700 <= int(response["Retry-After"]) <= 1800
    assert AccessAttempt.objects.get(username="editor5").failures_since_start == 5

    _age_attempts(29)
    assert _login(client, which, "editor5", RIGHT).status_code == 429
    _age_attempts(2)
    response = _login(client, which, "editor5", RIGHT)
    assert response.status_code == 302 and _signed_in(client)
    assert not AccessAttempt.objects.filter(username="editor5").exists()


def test_admin_lockout_page_is_in_the_admin_layout(client, editor):
    for _ in range(5):
        response = _login(client, "wagtail", "editor5", WRONG)
    body = response.content.decode()
    assert '<body id="wagtail"' in body and "로그인이 제한되었습니다" in body
    assert "/admin/password_reset/" in body


def test_public_lockout_page_is_in_the_site_layout(client, editor):
    for _ in range(5):
        response = _login(client, "allauth", "editor5", WRONG)
    body = response.content.decode()
    assert 'id="main-content"' in body and "로그인이 제한되었습니다" in body
    assert "/accounts/password/reset/" in body


def test_script_requests_get_json(client, editor):
    for _ in range(5):
        response = _login(
            client, "allauth", "editor5", WRONG, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
        )
    assert response.status_code == 429
    data = response.json()
    assert data["detail"].startswith("로그인을 5회 잘못 시도하여") and data["unlock_at"]


def test_failures_during_lockout_do_not_move_the_unlock_time(client, editor):
    for _ in range(5):
        _login(client, "wagtail", "editor5", WRONG)
    first = AccessAttempt.objects.get(username="editor5").attempt_time
    _age_attempts(10)
    _login(client, "wagtail", "editor5", WRONG)
    assert AccessAttempt.objects.get(username="editor5").attempt_time == first - timedelta(
        minutes=10
    )


def test_colleagues_behind_the_same_nat_address_can_still_sign_in(client, editor):
    colleague = _user("colleague5")
    for _ in range(5):
        _login(client, "wagtail", "editor5", WRONG)
    other = client.__class__()
    response = _login(other, "wagtail", colleague.username, RIGHT)
    assert response.status_code == 302 and _signed_in(other)


def test_a_colleagues_sign_in_does_not_clear_anothers_failures(client, editor):
    colleague = _user("colleague5")
    for _ in range(3):
        _login(client, "wagtail", "editor5", WRONG)
    other = client.__class__()
    assert _login(other, "wagtail", colleague.username, RIGHT).status_code == 302
    assert AccessAttempt.objects.get(username="editor5").failures_since_start == 3
    for _ in range(2):
        response = _login(client, "wagtail", "editor5", WRONG)
    assert response.status_code == 429


def test_username_case_does_not_dodge_the_count(client, editor):
    for name in ["editor5", "EDITOR5", "Editor5", " editor5", "eDiToR5"]:
        response = _login(client, "allauth", name, WRONG)
    assert response.status_code == 429
    assert _login(client, "wagtail", "editor5", RIGHT).status_code == 429


def test_one_address_trying_many_accounts_hits_the_per_ip_limit(client, editor, settings):
    settings.MADANG_LOGIN_FAILURE_LIMIT_PER_IP = 4
    for name in ["a1", "b2", "c3"]:
        assert _login(client, "wagtail", name, WRONG).status_code == 200
    response = _login(client, "wagtail", "d4", WRONG)
    assert response.status_code == 429
    response = _login(client, "wagtail", "editor5", RIGHT)
    assert response.status_code == 429 and not _signed_in(client)
    assert "이 인터넷 주소(IP)에서 로그인 실패가 너무 많아" in response.content.decode()
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert _login(other, "wagtail", "editor5", RIGHT).status_code == 302


def test_without_cool_off_an_administrator_must_unlock(client, editor, settings):
    settings.AXES_COOLOFF_TIME = None
    for _ in range(5):
        response = _login(client, "wagtail", "editor5", WRONG)
    assert "관리자)에 문의해 주세요" in response.content.decode()
    assert "Retry-After" not in response


def test_failed_attempts_are_logged_without_the_password(client, editor):
    from axes.models import AccessFailureLog

    _login(client, "allauth", "editor5", WRONG)
    attempt = AccessAttempt.objects.get()
    assert WRONG not in attempt.post_data
    assert AccessFailureLog.objects.filter(username="editor5").count() == 1


def test_korean_date_format():
    from datetime import UTC, datetime

    assert format_korean_datetime(datetime(2026, 11, 25, 6, 30, tzinfo=UTC)) == (
        "2026년 11월 25일 15시 30분"
    )
