"""A citizen signs up with consent in Chromium, sees 내 정보 and downloads it; every account page
has zero axe violations (KWCAG 2.2)."""

import json

import pytest
from playwright.sync_api import expect

from madang.accounts.models import User
from madang.privacy.models import ConsentRecord
from madang.testing.browser import assert_no_axe_violations, submit

from .test_signup import EMAIL, PASSWORD, PHONE, seed_notices

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _save_sessions_only_when_changed(settings):
    settings.SESSION_SAVE_EVERY_REQUEST = False  # see test_mfa_browser


@pytest.fixture
def site(demo_site, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "kakao": {"APPS": [{"client_id": "k", "secret": "s", "key": ""}]},
        "naver": {"APPS": [{"client_id": "n", "secret": "s", "key": ""}]},
    }
    return seed_notices()


def tick(page, field_id):
    """Tick a KRDS checkbox the way people do: by its label (the input itself is styled away)."""
    page.locator(f"label[for={field_id}]").click()
    expect(page.locator(f"#{field_id}")).to_be_checked()


def fill_signup(page, notices, *, required=True):
    page.get_by_label("아이디").fill("browser-citizen")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("전자우편").fill(EMAIL)
    page.get_by_label("휴대전화번호").fill(PHONE)
    tick(page, "id_age_confirmed")
    if required:
        tick(page, f"id_consent_{notices['signup-required'].pk}")


def test_citizen_signs_up_with_consent_and_downloads_data(page, live_server, site):
    notices = site
    base = live_server.url
    page.goto(f"{base}/accounts/signup/")
    assert_no_axe_violations(page)
    optional = page.locator(f"#id_consent_{notices['news-optional'].pk}")
    expect(optional).not_to_be_checked()

    # Without the required consent: a Korean error, everything typed kept but the passwords.
    fill_signup(page, notices, required=False)
    page.get_by_role("button", name="가입하기").click()
    expect(page.get_by_role("alert")).to_contain_text("입력한 내용을 확인해 주세요.")
    expect(page.locator("main")).to_contain_text(
        f"[필수] {notices['signup-required'].title}에 동의해야 가입할 수 있습니다."
    )
    expect(page.get_by_label("아이디")).to_have_value("browser-citizen")
    expect(page.get_by_label("전자우편")).to_have_value(EMAIL)
    expect(page.get_by_label("휴대전화번호")).to_have_value(PHONE)
    expect(page.locator("#id_password1")).to_have_value("")
    expect(page.locator("#id_password2")).to_have_value("")
    assert_no_axe_violations(page)
    assert not User.objects.filter(username="browser-citizen").exists()

    # Required ticked, optional left unticked: sign-up succeeds.
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    tick(page, f"id_consent_{notices['signup-required'].pk}")
    page.get_by_role("button", name="가입하기").click()
    page.wait_for_url(f"{base}/accounts/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("내 정보")
    expect(page.locator("main")).to_contain_text(EMAIL)
    assert_no_axe_violations(page)
    user = User.objects.get(username="browser-citizen")
    assert [r.notice.kind for r in ConsentRecord.objects.filter(user=user)] == ["signup-required"]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="내 정보 내려받기(JSON)").click()
    data = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert data["personal_profile"]["email"] == EMAIL
    assert data["account"]["username"] == "browser-citizen"

    for path in (
        "/accounts/me/edit/",
        "/accounts/me/consents/",
        "/accounts/me/delete/",
        "/accounts/3rdparty/",
    ):
        page.goto(f"{base}{path}")
        assert_no_axe_violations(page)

    # Give and withdraw the optional consent from the consent page.
    page.goto(f"{base}/accounts/me/consents/")
    title = notices["news-optional"].title
    submit(page, page.get_by_role("button", name=f"'{title}'에 동의"))
    submit(page, page.get_by_role("button", name=f"'{title}' 동의 철회"))
    expect(page.get_by_role("status")).to_contain_text("동의를 철회했습니다.")
    assert_no_axe_violations(page)

    # Sign out and sign in again through the citizen login page.
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    assert_no_axe_violations(page)
    expect(page.get_by_role("link", name="카카오로 계속하기")).to_be_visible()
    page.get_by_label("아이디").fill("browser-citizen")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").last.click()
    page.wait_for_url(f"{base}/accounts/me/")


def test_public_account_pages_have_no_axe_violations(page, live_server, site):
    for path in ("/accounts/under-14/", "/accounts/password/reset/", "/accounts/kakao/login/"):
        page.goto(f"{live_server.url}{path}")
        assert_no_axe_violations(page)
