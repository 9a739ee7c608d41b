"""A guest verifies by phone in a real browser: the 확인 방법 radio group by keyboard, the SMS
code (sent to the local fake of NHN Cloud), the number kept on the form, the receipt; axe on
every page."""

import re

import pytest
from playwright.sync_api import expect

from madang.complaints.models import Complaint
from madang.notifications.models import Notification
from madang.notifications.tests.test_nhncloud import nhn  # noqa: F401 (fixture)
from madang.testing.browser import assert_no_axe_violations, check_by_label, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pick(page, label):
    """KRDS draws its own radios and check boxes over the inputs: click the label, as a
    person does (again if the click landed beside it)."""
    target = page.locator("label").filter(has_text=re.compile("^" + re.escape(label) + "$"))
    check_by_label(page, target, page.locator("#" + target.get_attribute("for")))


def test_guest_verifies_by_phone_and_files(page, live_server, demo_site, nhn):  # noqa: F811
    page.goto(live_server.url + "/complaints/verify/?kind=suggestion")
    page.wait_for_load_state("networkidle")
    group = page.get_by_role("group", name="확인 방법")
    expect(group).to_be_visible()
    phone_radio = page.get_by_role("radio", name="휴대전화 문자메시지로 확인")
    email_radio = page.get_by_role("radio", name="전자우편으로 확인")
    expect(phone_radio).to_be_checked()
    # Only the chosen way's field is shown; the choice works by keyboard.
    expect(page.get_by_label("휴대전화번호", exact=True)).to_be_visible()
    expect(page.get_by_label("전자우편", exact=True)).to_be_hidden()
    assert_no_axe_violations(page)
    phone_radio.focus()
    page.keyboard.press("ArrowDown")
    expect(email_radio).to_be_checked()
    expect(page.get_by_label("전자우편", exact=True)).to_be_visible()
    page.keyboard.press("ArrowUp")
    expect(phone_radio).to_be_checked()

    page.get_by_label("휴대전화번호", exact=True).fill("010-2345-6789")
    submit(page, page.get_by_role("button", name="확인 번호 받기"))
    expect(page.get_by_role("status")).to_contain_text("문자메시지로 보냈습니다")
    assert_no_axe_violations(page)
    sms = [r for r in nhn.requests if "/sender/" in r["path"]][-1]
    code = re.search(r"\b(\d{6})\b", sms["body"]["body"]).group(1)
    page.get_by_label("확인 번호 6자리").fill(code)
    submit(page, page.get_by_role("button", name="확인", exact=True))
    assert "/complaints/write/" in page.url
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("휴대전화번호")).to_have_value("010-2345-6789")
    assert_no_axe_violations(page)

    page.get_by_label("제목").fill("가로등 밝기 개선")
    page.get_by_label("내용").fill("상도로 가로등이 어둡습니다.")
    page.get_by_label("이름").fill("김손님")
    _pick(page, "개인정보 수집·이용에 동의합니다. (필수)")
    submit(page, page.get_by_role("button", name="다음: 내용 확인"))
    assert "/complaints/confirm/" in page.url
    assert_no_axe_violations(page)
    submit(page, page.get_by_role("button", name="민원 신청"))
    expect(page.locator("#receipt-number")).to_be_visible()
    assert_no_axe_violations(page)

    complaint = Complaint.objects.get()
    expect(page.locator("#receipt-number")).to_have_text(complaint.receipt_number)
    assert complaint.identity_verified_by == "phone"
    assert complaint.complainant_phone == "010-2345-6789"
    receipt = Notification.objects.get(purpose="complaint.receipt")
    assert (receipt.channel, receipt.recipient) == ("sms", "01023456789")
    assert any(complaint.receipt_number in r["body"].get("body", "") for r in nhn.requests)
