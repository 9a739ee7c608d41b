"""The staff desk and the statistics pages in a real browser: axe-core finds nothing, and a
민원 is picked and assigned with the keyboard only."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from madang.complaints.choices import ComplaintStatus
from madang.complaints.models import Complaint, ComplaintSatisfaction
from madang.departments.models import Department
from madang.testing.browser import assert_no_axe_violations

from . import desk_helpers as h

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _go(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status < 400, url
    return response


def _sign_in(page, live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)  # the MFA test plugin marks staff as verified too
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_desk_statistics_and_public_summary(page, live_server, demo_site):
    del demo_site  # loaded for its side effect: departments, staff, the site
    roads = Department.objects.get(code="traffic")
    chief = h.staff("desk_chief", None, manager=True)
    official = h.staff("desk_official", roads)
    late = h.complaint(roads, due_in=-timedelta(days=2), title="신호등 고장 010-3333-4444")
    h.complaint(roads, due_in=timedelta(hours=1))
    done = h.complaint(
        roads, status=ComplaintStatus.ANSWERED, closed_after=timedelta(days=1),
        received_ago=timedelta(days=3), due_in=timedelta(days=1),
    )  # fmt: skip
    ComplaintSatisfaction.objects.create(
        complaint=done, score=4, comment="빨리 고쳐 주셨어요", created_at=done.closed_at
    )

    _sign_in(page, live_server, chief)
    _go(page, f"{live_server.url}/admin/complaints/desk/?department={roads.pk}")
    expect(page.locator("h1")).to_contain_text("민원 처리 현황")
    expect(page.locator("tr.desk-overdue")).to_contain_text("기한 2일 지남")
    assert "010-3333-4444" not in page.content()
    assert_no_axe_violations(page)

    # Keyboard only: tick the overdue 민원, choose the official, submit.
    checkbox = page.locator(f"#desk-c{late.pk}")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.locator("#desk-official").focus()
    page.locator("#desk-official").select_option(str(official.pk))  # keyboard-operable select
    page.locator(".desk-assign-controls button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.locator("body")).to_contain_text("1건을")
    late.refresh_from_db()
    assert late.assigned_to_id == official.pk
    assert_no_axe_violations(page)

    _go(page, f"{live_server.url}/admin/complaints/statistics/")
    expect(page.locator("#chart-kind svg")).to_be_visible()
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    _go(page, f"{live_server.url}/complaints/statistics/")
    expect(page.locator("h1")).to_contain_text("민원 처리 현황")
    assert Complaint.objects.count() == 3
    assert "신호등" not in page.content() and "빨리 고쳐" not in page.content()
    assert_no_axe_violations(page)
    assert not page.madang_failed_requests, page.madang_failed_requests
