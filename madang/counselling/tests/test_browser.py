"""A citizen searches the 자주 묻는 질문 and asks for counselling with the keyboard only; axe on
every page."""

import pytest
from playwright.sync_api import expect

from madang.counselling.demo import load_counselling
from madang.counselling.models import CounsellingRequest
from madang.testing.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _go(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")


def _tab_to(page, locator, limit=80):
    """Press Tab until `locator` has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"could not reach {locator} with Tab")


def test_search_faq_and_request_counselling_by_keyboard(page, live_server, demo_site):
    load_counselling()
    _go(page, live_server.url + "/counselling/")
    assert_no_axe_violations(page)

    search = page.get_by_label("자주 묻는 질문 검색")
    _tab_to(page, search)
    page.keyboard.type("불법주차를")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#faq-results")).to_contain_text("검색 결과")
    link = page.get_by_role("link", name="불법주차 신고는 어떻게 하나요?")
    expect(link).to_be_visible()
    assert_no_axe_violations(page)
    _tab_to(page, link)
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text("불법주차 신고는 어떻게 하나요?")
    assert_no_axe_violations(page)

    ask = page.get_by_role("link", name="민원상담 신청하기")
    _tab_to(page, ask)
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("상담 분야")).to_have_value(
        page.get_by_label("상담 분야").locator("option", has_text="주차").get_attribute("value")
    )
    assert_no_axe_violations(page)

    # First try without contact details or consent: errors, and the text stays.
    _tab_to(page, page.get_by_label("상담 내용"))
    page.keyboard.type("견인된 차를 어디서 찾는지 알고 싶습니다.")
    _tab_to(page, page.get_by_label("이름"))
    page.keyboard.type("김동작")
    _tab_to(page, page.get_by_role("button", name="상담 신청"))
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".madang-form-errors")).to_contain_text(
        "연락받을 전화번호나 전자우편 중 하나는 입력하세요."
    )
    expect(page.get_by_label("상담 내용")).to_have_value("견인된 차를 어디서 찾는지 알고 싶습니다.")
    expect(page.get_by_label("이름")).to_have_value("김동작")
    assert_no_axe_violations(page)

    _tab_to(page, page.get_by_label("전화번호"))
    page.keyboard.type("010-1234-5678")
    _tab_to(page, page.get_by_label("개인정보 수집·이용에 동의합니다. (필수)"))
    page.keyboard.press("Space")
    _tab_to(page, page.get_by_role("button", name="상담 신청"))
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text("상담 신청이 접수되었습니다")
    expect(page.locator("#contact-message")).to_contain_text("주차 분야 민원상담관")
    assert_no_axe_violations(page)
    req = CounsellingRequest.objects.get()
    assert req.phone == "010-1234-5678" and req.field.name == "주차"
    assert not page.madang_failed_requests
