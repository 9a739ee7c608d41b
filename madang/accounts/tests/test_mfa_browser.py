"""A staff member's whole sign-in with a second factor, in Chromium: enrol, verify, recover, and
the idle countdown's extension and sign-out."""

import re

import pytest
from django_otp.oath import hotp, totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.testing.browser import assert_no_axe_violations, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Dongjak-2026!pw"


def app_code(username: str) -> str:
    """What the authenticator app shows now."""
    device = TOTPDevice.objects.get(user__username=username)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}"


def next_app_code(username: str) -> str:
    """The code of the step after the last one the server accepted: a code already used is
    refused, and the server's window follows the clock drift it learnt at enrolment (a code
    accepted one step late moves the window one step back), so "the next step by the test's
    clock" can fall outside it when enrolment crossed a step boundary."""
    device = TOTPDevice.objects.get(user__username=username)
    return f"{hotp(device.bin_key, device.last_t + 1, digits=device.digits):06d}"


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "admin-kim")
    page.fill("#id_password", PASSWORD)
    page.locator("form.login-form button[type=submit]").click()


def sign_out_through_idle_dialog(page) -> None:
    page.evaluate("document.querySelector('[data-madang-idle]').madangIdle.setRemaining(3)")
    dialog = page.get_by_role("dialog", name="자동 로그아웃 안내")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="로그아웃").click()
    page.wait_for_url(re.compile(r"/admin/login/"))


@pytest.fixture(autouse=True)
def _save_sessions_only_when_changed(settings):
    # The live server answers a page's scripts, styles and icons on parallel threads; with every
    # request saving the session, SQLite's shared in-memory test database answers "table is
    # locked". Saving only changed sessions (sign-in, verification, extension) avoids that and
    # changes nothing this test looks at. PostgreSQL runs need no such help.
    settings.SESSION_SAVE_EVERY_REQUEST = False


@pytest.fixture
def admin_kim(db):
    return User.objects.create_superuser(
        username="admin-kim", password=PASSWORD, email="kim@example.com", kind=AccountKind.STAFF
    )


def test_staff_sign_in_with_second_factor(page, live_server, admin_kim):
    base = live_server.url

    # First sign-in: no device yet, so enrolment.
    sign_in(page, base)
    page.wait_for_url(re.compile(r"/admin/mfa/enrol/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("2단계 인증 등록")
    expect(page.get_by_role("img", name=re.compile("QR 코드"))).to_be_visible()
    code_input = page.get_by_label("인증번호 6자리")
    expect(code_input).to_have_attribute("autocomplete", "one-time-code")
    expect(code_input).to_have_attribute("inputmode", "numeric")
    assert page.madang_failed_requests == []
    assert_no_axe_violations(page)

    code_input.fill("000000" if app_code("admin-kim") != "000000" else "111111")
    page.get_by_role("button", name="등록").click()
    expect(page.locator("#id_code_error")).to_contain_text("인증번호가 맞지 않습니다")
    expect(page.get_by_label("인증번호 6자리")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    page.wait_for_timeout(1100)  # the one-second back-off after a wrong code
    page.get_by_label("인증번호 6자리").fill(app_code("admin-kim"))
    submit(page, page.get_by_role("button", name="등록"))
    page.wait_for_url(re.compile(r"/admin/mfa/recovery-codes/"))
    codes = page.locator(".madang-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    submit(page, page.get_by_role("link", name="보관했습니다. 계속하기"))
    page.wait_for_url(f"{base}/admin/")
    expect(page.locator("#wagtail-sidebar")).to_be_attached()

    # The idle countdown: shown, its dialog extends the session, then signs out.
    countdown = page.locator("[data-madang-idle-time]")
    expect(countdown).to_have_text(re.compile(r"^(30:00|29:5\d)$"))
    page.evaluate("document.querySelector('[data-madang-idle]').madangIdle.setRemaining(5)")
    dialog = page.get_by_role("dialog", name="자동 로그아웃 안내")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    expect(page.locator("[data-madang-idle-live]")).to_contain_text("자동으로 로그아웃됩니다")
    dialog.get_by_role("button", name="시간 연장").click()
    expect(dialog).to_be_hidden()
    expect(countdown).to_have_text(re.compile(r"^(30:00|29:5\d)$"))
    sign_out_through_idle_dialog(page)

    # Second sign-in: verification with the app.
    sign_in(page, base)
    page.wait_for_url(re.compile(r"/admin/mfa/verify/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("2단계 인증")
    assert_no_axe_violations(page)
    page.get_by_label("인증번호 6자리").fill(next_app_code("admin-kim"))
    submit(page, page.get_by_role("button", name="인증"))
    page.wait_for_url(f"{base}/admin/")
    sign_out_through_idle_dialog(page)

    # Third: a recovery code, once.
    sign_in(page, base)
    page.wait_for_url(re.compile(r"/admin/mfa/verify/"))
    submit(page, page.get_by_role("link", name=re.compile("복구 코드로 인증하기")))
    page.wait_for_url(re.compile(r"/admin/mfa/verify/recovery/"))
    assert_no_axe_violations(page)
    page.get_by_label("복구 코드").fill(codes[0])
    submit(page, page.get_by_role("button", name="인증"))
    page.wait_for_url(f"{base}/admin/")
    sign_out_through_idle_dialog(page)

    sign_in(page, base)
    page.get_by_role("link", name=re.compile("복구 코드로 인증하기")).click()
    page.get_by_label("복구 코드").fill(codes[0])
    page.get_by_role("button", name="인증").click()
    expect(page.locator("#id_code_error")).to_contain_text("이미 사용한 코드")
    assert "/admin/mfa/verify/recovery/" in page.url

    # With a fresh code, then left idle: the countdown reaches zero and signs out.
    page.wait_for_timeout(1100)
    page.get_by_label("복구 코드").fill(codes[1])
    submit(page, page.get_by_role("button", name="인증"))
    page.wait_for_url(f"{base}/admin/")
    page.evaluate("document.querySelector('[data-madang-idle]').madangIdle.setRemaining(1)")
    page.wait_for_url(re.compile(r"/admin/login/"))
    expect(page.locator(".messages")).to_contain_text("장시간 사용하지 않아 로그아웃되었습니다")
    page.goto(f"{base}/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
