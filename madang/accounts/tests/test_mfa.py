"""The second factor for staff (안전성 확보조치 기준 제5조⑤⑥, 제6조②)."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from madang.accounts.choices import AccountKind
from madang.accounts.mfa import (
    MFAMethod,
    mfa_devices_reset,
    mfa_required_for,
    mfa_verify,
    recovery_code_hash,
    recovery_codes_regenerate,
    totp_device_for_enrolment,
    totp_enrolment_confirm,
)
from madang.accounts.mfa_testing import force_login_unverified, otp_verified_login
from madang.accounts.services import api_token_create
from madang.core.models import AuditLog

pytestmark = pytest.mark.django_db

ENROL = reverse("madang_mfa:enrol")
VERIFY = reverse("madang_mfa:verify")
VERIFY_RECOVERY = reverse("madang_mfa:verify_recovery")


def code_for(device, *, offset=0) -> str:
    """The code the authenticator app shows now (offset in time steps)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - offset * device.step):06d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = totp_device_for_enrolment(user=user)
    codes = totp_enrolment_confirm(user=user, device=device, token=code_for(device))
    device.refresh_from_db()
    # The code above is spent (replay protection); let the next one be the following step.
    device.last_t -= 1
    device.save()
    return device, codes


def unthrottle(device) -> None:
    """Move the last failure into the past, as if the back-off wait had passed."""
    device.refresh_from_db()
    if device.throttling_failure_timestamp:
        device.throttling_failure_timestamp = timezone.now() - timedelta(days=1)
        device.save()


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        username="kim", password="pw-Correct-123!", is_staff=True, kind=AccountKind.STAFF
    )


# Who needs a second factor -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attrs", "required"),
    [
        ({"kind": AccountKind.CITIZEN}, False),
        ({"kind": AccountKind.CITIZEN, "is_staff": True}, True),
        ({"kind": AccountKind.CITIZEN, "is_superuser": True}, True),
        ({"kind": AccountKind.STAFF}, True),
        ({"kind": AccountKind.CONTRACTOR}, True),
    ],
)
def test_who_needs_a_second_factor(django_user_model, attrs, required):
    user = django_user_model.objects.create_user(username="u", password="x", **attrs)
    assert mfa_required_for(user) is required


def test_anonymous_needs_none():
    from django.contrib.auth.models import AnonymousUser

    assert mfa_required_for(AnonymousUser()) is False


# The middleware ------------------------------------------------------------------------------


def test_admin_sends_unenrolled_staff_to_enrolment(client, staff):
    force_login_unverified(client, staff)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next={quote('/admin/pages/', safe='')}"


def test_admin_sends_enrolled_staff_to_verification(client, staff):
    enrolled(staff)
    force_login_unverified(client, staff)
    for url in ["/admin/", "/admin/users/", reverse("madang_mfa:manage")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{VERIFY}?next=")
    assert client.post("/admin/pages/add/").status_code == 302


def test_unverified_staff_may_reach_sign_in_out_and_assets(client, staff):
    enrolled(staff)
    force_login_unverified(client, staff)
    assert client.get(VERIFY).status_code == 200
    assert client.get(VERIFY_RECOVERY).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200
    response = client.post(reverse("madang_idle:logout"))
    assert response["Location"] == reverse("wagtailadmin_login")
    assert "_auth_user_id" not in client.session


def test_citizen_is_not_sent_to_verification(client, django_user_model):
    citizen = django_user_model.objects.create_user(username="c", password="x")
    force_login_unverified(client, citizen)
    response = client.get("/admin/")
    assert not response.get("Location", "").startswith(VERIFY)
    assert not response.get("Location", "").startswith(ENROL)


def test_verified_staff_reach_the_admin(client, superuser):
    otp_verified_login(client, superuser)
    assert client.get("/admin/").status_code == 200


def test_staff_api_session_needs_the_second_factor(client, superuser):
    force_login_unverified(client, superuser)
    response = client.get("/api/v1/audit-log")
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"
    assert "2단계 인증" in response.json()["message"]
    otp_mark = otp_verified_login(client, superuser)
    assert otp_mark.confirmed
    assert client.get("/api/v1/audit-log").status_code == 200


def test_bearer_token_is_its_own_credential(client, superuser):
    _, raw = api_token_create(acting_user=None, user=superuser, name="sync", scopes=["audit:read"])
    response = client.get("/api/v1/audit-log", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_removed_device_unverifies_the_session(client, staff, superuser):
    otp_verified_login(client, staff)
    assert client.get("/admin/").status_code in (200, 302)
    mfa_devices_reset(acting_user=superuser, user=staff)
    response = client.get("/admin/")
    assert response["Location"].startswith(ENROL)


# Enrolment -----------------------------------------------------------------------------------


def test_enrolment_page_shows_qr_and_key_accessibly(client, staff):
    force_login_unverified(client, staff)
    body = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert "<svg" in body and 'role="img"' in body
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in body
    assert 'autocomplete="one-time-code"' in body
    assert 'inputmode="numeric"' in body
    assert '<label class="w-field__label" for="id_code"' in body
    assert 'aria-describedby="id_code_helptext"' in body
    # A reload keeps the same secret, so a scanned QR code stays valid.
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_enrolment_with_a_wrong_code_explains_and_links_the_error(client, staff):
    force_login_unverified(client, staff)
    client.get(ENROL)
    body = client.post(ENROL, {"code": "12345"}).content.decode()
    assert "인증번호는 숫자 6자리입니다" in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_code_helptext id_code_error"' in body
    assert 'id="id_code_error"' in body
    device = TOTPDevice.objects.get(user=staff)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    body = client.post(ENROL, {"code": wrong}).content.decode()
    assert "인증번호가 맞지 않습니다" in body
    assert not TOTPDevice.objects.get(user=staff).confirmed


def test_enrolment_confirms_and_shows_recovery_codes_once(client, staff):
    force_login_unverified(client, staff)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=staff)
    key_before = client.session.session_key
    response = client.post(f"{ENROL}?next=/admin/pages/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("madang_mfa:recovery_codes"))
    assert client.session.session_key != key_before
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id

    page = client.get(response["Location"])
    body = page.content.decode()
    codes = re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>", body)
    assert len(codes) == 10
    assert 'href="/admin/pages/"' in body
    assert "no-store" in page["Cache-Control"]
    stored = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert stored == {recovery_code_hash(c) for c in codes}
    assert not stored & set(codes)  # only hashes are kept (제7조①)
    # Shown once: a second visit goes to the management page without codes.
    again = client.get(reverse("madang_mfa:recovery_codes"))
    assert again["Location"] == reverse("madang_mfa:manage")
    row = AuditLog.objects.get(action="mfa.enrol")
    assert row.actor == staff and row.changes["recovery_codes"] == 10


def test_enrolled_but_unverified_cannot_enrol_a_new_device(client, staff):
    enrolled(staff)
    force_login_unverified(client, staff)
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_verified_staff_may_replace_their_authenticator(staff):
    enrolled(staff)
    new = totp_device_for_enrolment(user=staff)
    assert totp_enrolment_confirm(user=staff, device=new, token=code_for(new)) is not None
    assert list(TOTPDevice.objects.filter(user=staff)) == [new]
    last = AuditLog.objects.filter(action="mfa.enrol").order_by("pk").last()
    assert last.changes["replaced"] is True


def test_citizen_cannot_open_enrolment(client, django_user_model):
    citizen = django_user_model.objects.create_user(username="c", password="x")
    force_login_unverified(client, citizen)
    assert client.get(ENROL).status_code == 403


# Verification --------------------------------------------------------------------------------


def test_sign_in_then_verify_rotates_the_session_each_time(client, staff):
    device, _ = enrolled(staff)
    client.get("/admin/login/")
    anonymous_key = client.session.session_key
    response = client.post(
        "/admin/login/", {"username": "kim", "password": "pw-Correct-123!", "next": "/admin/"}
    )
    assert response.status_code == 302
    signed_in_key = client.session.session_key
    assert signed_in_key != anonymous_key
    response = client.get("/admin/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    response = client.post(f"{VERIFY}?next=/admin/", {"code": code_for(device, offset=0)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.session.session_key not in (anonymous_key, signed_in_key)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_a_code_works_only_once(staff):
    device, _ = enrolled(staff)
    code = code_for(device)
    assert mfa_verify(user=staff, method=MFAMethod.TOTP, token=code).ok
    unthrottle(device)
    assert not mfa_verify(user=staff, method=MFAMethod.TOTP, token=code).ok


def test_next_must_stay_on_this_site(client, staff):
    device, _ = enrolled(staff)
    force_login_unverified(client, staff)
    response = client.post(f"{VERIFY}?next=https://evil.example/", {"code": code_for(device)})
    assert response["Location"] == reverse("wagtailadmin_home")


def test_wrong_codes_are_throttled(client, staff, settings):
    assert settings.OTP_TOTP_THROTTLE_FACTOR > 0 and settings.OTP_STATIC_THROTTLE_FACTOR > 0
    device, _ = enrolled(staff)
    force_login_unverified(client, staff)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    body = client.post(VERIFY, {"code": wrong}).content.decode()
    assert "인증번호가 맞지 않습니다" in body
    # Straight after a failure even the right code waits (1 s, then 2, 4, 8 …).
    body = client.post(VERIFY, {"code": code_for(device)}).content.decode()
    assert "초 뒤에 다시 시도하세요" in body
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    unthrottle(device)
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert AuditLog.objects.filter(action="mfa.verify.failure").count() == 1


def test_repeated_failures_sign_out_and_are_audited(client, staff, settings):
    settings.MFA_LOCKOUT_FAILURES = 3
    device, _ = enrolled(staff)
    force_login_unverified(client, staff)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    for _ in range(2):
        assert client.post(VERIFY, {"code": wrong}).status_code == 200
        unthrottle(device)
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_login")
    assert "_auth_user_id" not in client.session
    body = client.get(response["Location"]).content.decode()
    assert "3번 연속 틀려 로그아웃되었습니다" in body
    assert AuditLog.objects.filter(action="mfa.verify.failure").count() == 2
    lockout = AuditLog.objects.get(action="mfa.lockout")
    assert lockout.actor == staff and lockout.changes == {"method": "totp", "failures": 3}


def test_recovery_code_works_once_and_is_audited(client, staff):
    _, codes = enrolled(staff)
    force_login_unverified(client, staff)
    body = client.get(VERIFY_RECOVERY).content.decode()
    assert 'inputmode="numeric"' not in body and 'autocomplete="off"' in body
    response = client.post(f"{VERIFY_RECOVERY}?next=/admin/", {"code": codes[0].upper()})
    assert response["Location"] == "/admin/"
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    row = AuditLog.objects.get(action="mfa.recovery_code.use")
    assert row.changes == {"remaining": 9}

    client.post(reverse("madang_idle:logout"))
    force_login_unverified(client, staff)
    body = client.post(VERIFY_RECOVERY, {"code": codes[0]}).content.decode()
    assert "이미 사용한 코드" in body
    assert "_auth_user_id" in client.session and DEVICE_ID_SESSION_KEY not in client.session


def test_last_recovery_codes_warn(client, staff):
    _, codes = enrolled(staff)
    device = StaticDevice.objects.get(user=staff)
    device.token_set.exclude(token=recovery_code_hash(codes[0])).delete()
    force_login_unverified(client, staff)
    client.post(VERIFY_RECOVERY, {"code": codes[0]})
    body = client.get("/admin/", follow=True).content.decode()
    assert "남은 복구 코드가 0개입니다" in body


def test_verify_page_is_accessible_korean(client, staff):
    enrolled(staff)
    force_login_unverified(client, staff)
    body = client.get(VERIFY).content.decode()
    assert 'lang="ko"' in body
    assert "인증번호 6자리" in body
    assert 'autocomplete="one-time-code"' in body and 'inputmode="numeric"' in body
    assert "복구 코드로 인증하기" in body
    body = client.post(VERIFY, {"code": ""}).content.decode()
    assert "인증번호 6자리를 입력하세요." in body
    assert 'aria-describedby="id_code_helptext id_code_error"' in body


# Managing codes and resetting ----------------------------------------------------------------


def test_regenerating_recovery_codes_retires_the_old_ones(client, staff):
    _, old_codes = enrolled(staff)
    otp_verified_login(client, staff)
    response = client.post(reverse("madang_mfa:recovery_codes_new"))
    assert response["Location"].startswith(reverse("madang_mfa:recovery_codes"))
    body = client.get(response["Location"]).content.decode()
    new_codes = re.findall(r"<code>([a-z2-9-]{19})</code>", body)
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert not mfa_verify(user=staff, method=MFAMethod.RECOVERY, token=old_codes[1]).ok
    unthrottle(StaticDevice.objects.get(user=staff))
    assert mfa_verify(user=staff, method=MFAMethod.RECOVERY, token=new_codes[1]).ok
    assert AuditLog.objects.filter(action="mfa.recovery_codes.regenerate").count() == 1


def test_regenerating_needs_verification_and_post(client, staff):
    enrolled(staff)
    force_login_unverified(client, staff)
    assert client.post(reverse("madang_mfa:recovery_codes_new"))["Location"].startswith(VERIFY)
    otp_verified_login(client, staff)
    assert client.get(reverse("madang_mfa:recovery_codes_new")).status_code == 405


def test_manage_page_lists_status(client, staff):
    enrolled(staff)
    otp_verified_login(client, staff)
    body = client.get(reverse("madang_mfa:manage")).content.decode()
    assert "2단계 인증 관리" in body and "10개" in body


def test_superuser_resets_another_users_devices(client, staff, superuser):
    enrolled(staff)
    otp_verified_login(client, superuser)
    url = reverse("madang_mfa:reset", args=[staff.pk])
    assert "인증 앱과 복구 코드를 모두 삭제합니다" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == reverse("wagtailusers_users:index")
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    row = AuditLog.objects.get(action="mfa.reset")
    assert row.actor == superuser and row.object_id == str(staff.pk)
    assert row.changes == {"devices_removed": 2}


def test_only_a_verified_superuser_resets_and_never_themselves(client, staff, superuser):
    other = type(staff).objects.create_user(username="lee", password="x", is_staff=True)
    enrolled(other)
    otp_verified_login(client, staff)
    assert client.post(reverse("madang_mfa:reset", args=[other.pk])).status_code == 403
    otp_verified_login(client, superuser)
    assert client.post(reverse("madang_mfa:reset", args=[superuser.pk])).status_code == 403
    force_login_unverified(client, superuser)
    response = client.post(reverse("madang_mfa:reset", args=[other.pk]))
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=other).exists()
    with pytest.raises(PermissionError):
        mfa_devices_reset(acting_user=staff, user=other)


def test_user_listing_offers_reset_to_superusers(client, staff, superuser):
    otp_verified_login(client, superuser)
    body = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("madang_mfa:reset", args=[staff.pk]) in body
    assert reverse("madang_mfa:reset", args=[superuser.pk]) not in body


def test_account_page_links_to_management(client, superuser):
    otp_verified_login(client, superuser)
    body = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("madang_mfa:manage") in body


def test_regenerate_service_is_audited(staff):
    enrolled(staff)
    codes = recovery_codes_regenerate(user=staff)
    assert len(codes) == len(set(codes)) == 10
    assert AuditLog.objects.filter(action="mfa.recovery_codes.regenerate").exists()


def test_plain_client_force_login_is_verified_for_admin_tests(superuser):
    client = Client()
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200
