"""A guest files a 민원 in a real browser: kind, e-mail check, form, confirm, receipt; axe on
every page of the window."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from madang.accounts.models import User
from madang.complaints.models import Complaint
from madang.testing.browser import assert_no_axe_violations, check_by_label, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pick(page, label):
    """KRDS draws its own radios and check boxes over the inputs: click the label, as a
    person does (again if the click landed beside it)."""
    target = page.locator("label").filter(has_text=re.compile("^" + re.escape(label) + "$"))
    check_by_label(page, target, page.locator("#" + target.get_attribute("for")))


def _go(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response


def test_guest_files_a_complaint_and_sees_receipt_and_deadline(page, live_server, demo_site):
    _go(page, live_server.url + "/complaints/")
    expect(page.locator(".krds-step-wrap li.active")).to_contain_text("종류 선택")
    assert_no_axe_violations(page)
    _pick(page, "건의민원")
    submit(page, page.get_by_role("button", name="다음"))
    page.wait_for_load_state("networkidle")
    assert "/complaints/verify/" in page.url
    assert_no_axe_violations(page)
    page.get_by_label("전자우편").fill("guest@example.com")
    submit(page, page.get_by_role("button", name="확인 번호 받기"))
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("확인 번호 6자리").fill(code)
    submit(page, page.get_by_role("button", name="확인", exact=True))
    page.wait_for_load_state("networkidle")
    assert "/complaints/write/" in page.url
    assert_no_axe_violations(page)

    # Changing the kind updates the expected deadline through htmx.
    _pick(page, "기타민원")
    expect(page.locator("#complaint-deadline")).to_contain_text("3근무시간")
    _pick(page, "건의민원")
    expect(page.locator("#complaint-deadline")).to_contain_text("14일")

    # Submitting without a title keeps what was typed and says what to fix.
    page.get_by_label("내용").fill("상도로 가로등이 어둡습니다.")
    page.get_by_label("이름").fill("김손님")
    submit(page, page.get_by_role("button", name="다음: 내용 확인"))
    page.wait_for_load_state("networkidle")
    expect(page.locator(".madang-form-errors")).to_contain_text("제목을 입력하세요.")
    expect(page.get_by_label("내용")).to_have_value("상도로 가로등이 어둡습니다.")
    assert_no_axe_violations(page)

    page.get_by_label("제목").fill("가로등 밝기 개선")
    _pick(page, "개인정보 수집·이용에 동의합니다. (필수)")
    submit(page, page.get_by_role("button", name="다음: 내용 확인"))
    page.wait_for_load_state("networkidle")
    assert "/complaints/confirm/" in page.url
    expect(page.locator("#complaint-deadline-text")).to_contain_text("14일")
    assert_no_axe_violations(page)
    submit(page, page.get_by_role("button", name="민원 신청"))
    # The receipt is on screen only once the server has committed the 민원.
    expect(page.locator("#receipt-number")).to_be_visible()

    complaint = Complaint.objects.get()
    expect(page.locator("#receipt-number")).to_have_text(complaint.receipt_number)
    assert re.fullmatch(r"\d{4}-\d{6}", complaint.receipt_number)
    expect(page.locator("#receipt-due")).not_to_be_empty()
    assert_no_axe_violations(page)
    assert any(complaint.receipt_number in m.subject for m in mail.outbox)


def test_my_complaints_page_has_no_axe_violations(page, live_server, demo_site):
    from madang.complaints.services import Complainant, complaint_submit

    user = User.objects.create_user(username="citizen9", password="Very-long-pass-42!")
    complaint_submit(
        acting_user=user,
        citizen=user,
        kind="other",
        title="불법 주차 신고",
        body="내용",
        complainant=Complainant(name="주민"),
        consent_given=True,
    )
    page.context.add_cookies([_session_cookie(live_server, user)])
    _go(page, live_server.url + "/complaints/mine/")
    expect(page.locator("table")).to_contain_text("불법 주차 신고")
    assert_no_axe_violations(page)
    submit(page, page.get_by_role("link", name="불법 주차 신고"))
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page)


def _session_cookie(live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def test_citizen_files_official_answers_citizen_reads_and_rates(page, live_server, demo_site):
    """Issue #6: a citizen files and sees the receipt and deadline; an official answers; the
    citizen reads the answer (naming the official) and rates it. axe on every page, the staff
    page included."""
    from madang.accounts.choices import AccountKind
    from madang.complaints.models import ComplaintField
    from madang.departments.models import Department

    department = Department.objects.get(code="civil-service")
    ComplaintField.objects.create(name="가로등", department=department, keywords="가로등")
    citizen = User.objects.create_user(username="citizen_b", password="Very-long-pass-42!")
    official = User.objects.create_user(
        username="official_b",
        password="Very-long-pass-42!",
        is_staff=True,
        kind=AccountKind.STAFF,
        department=department,
        last_name="박",
        first_name="담당",
        office_phone="02-820-1399",
    )
    from django.contrib.auth.models import Permission

    official.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )

    page.context.add_cookies([_session_cookie(live_server, citizen)])
    _go(page, live_server.url + "/complaints/")
    _pick(page, "건의민원")
    submit(page, page.get_by_role("button", name="다음"))
    page.wait_for_load_state("networkidle")
    assert "/complaints/write/" in page.url
    page.get_by_label("제목").fill("가로등이 꺼져 있습니다")
    page.get_by_label("내용").fill("상도로 20길 가로등이 일주일째 꺼져 있습니다.")
    page.get_by_label("이름").fill("박주민")
    _pick(page, "개인정보 수집·이용에 동의합니다. (필수)")
    submit(page, page.get_by_role("button", name="다음: 내용 확인"))
    page.wait_for_load_state("networkidle")
    submit(page, page.get_by_role("button", name="민원 신청"))
    # The receipt is on screen only once the server has committed the 민원; waiting for
    # "networkidle" alone could return before the click's navigation had begun.
    expect(page.locator("#receipt-number")).to_be_visible()
    complaint = Complaint.objects.get(title="가로등이 꺼져 있습니다")
    expect(page.locator("#receipt-number")).to_have_text(complaint.receipt_number)
    expect(page.locator("#receipt-due")).not_to_be_empty()
    assert complaint.department == department  # routed by the 가로등 rule
    assert_no_axe_violations(page)

    # The official of the department answers on the staff page.
    page.context.add_cookies([_session_cookie(live_server, official)])
    _go(page, f"{live_server.url}/admin/complaints/{complaint.pk}/")
    expect(page.locator("#handling-receipt")).to_have_text(complaint.receipt_number)
    expect(page.locator("#handling-name")).to_have_text("박*민")
    assert_no_axe_violations(page)
    page.get_by_label("답변 내용").fill("오늘 가로등을 교체했습니다. 불편을 드려 죄송합니다.")
    submit(page, page.get_by_role("button", name="답변 등록"))
    page.wait_for_load_state("networkidle")
    expect(page.locator("#handling-status")).to_have_text("처리 완료")
    assert_no_axe_violations(page)

    # The citizen reads the answer and rates it.
    page.context.add_cookies([_session_cookie(live_server, citizen)])
    _go(page, f"{live_server.url}/complaints/mine/")
    submit(page, page.get_by_role("link", name="가로등이 꺼져 있습니다"))
    page.wait_for_load_state("networkidle")
    expect(page.locator("#complaint-status")).to_have_text("처리 완료")
    expect(page.locator(".madang-answer-body")).to_contain_text("가로등을 교체했습니다")
    expect(page.locator(".madang-answer-official")).to_contain_text("박담당")
    expect(page.locator(".madang-answer-official")).to_contain_text("02-820-1399")
    assert_no_axe_violations(page)
    _pick(page, "만족")
    page.get_by_label("의견 (선택)").fill("빨리 고쳐 주셔서 고맙습니다.")
    submit(page, page.get_by_role("button", name="평가 보내기"))
    expect(page.locator("#satisfaction-result")).to_contain_text("만족")
    assert_no_axe_violations(page)
    complaint.refresh_from_db()
    assert complaint.satisfaction.score == 4
    assert complaint.satisfaction.comment == "빨리 고쳐 주셔서 고맙습니다."
