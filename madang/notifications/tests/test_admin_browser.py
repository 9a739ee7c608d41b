"""The report in a real browser: axe-core finds nothing; 다시 보내기 works from the keyboard."""

import smtplib
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from madang.accounts.models import User
from madang.notifications.choices import NotificationStatus
from madang.notifications.models import Notification
from madang.notifications.services import notification_send
from madang.testing.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_is_accessible_and_resend_works_by_keyboard(page, live_server):
    admin = User.objects.create_superuser(
        username="notify_admin", password="x", email="a@example.com", kind="staff"
    )
    refusal = smtplib.SMTPRecipientsRefused({"kim@example.com": (550, b"mailbox full")})
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=refusal):
        (notification,) = notification_send(
            purpose="complaint.receipt", subject="접수", body="본문", to_email="kim@example.com"
        )
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/admin/reports/notifications/")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="알림 발송 현황")).to_be_visible()
    expect(page.get_by_text("ki***@example.com")).to_be_visible()
    assert_no_axe_violations(page, context="main")

    button = page.get_by_role("button", name=f"알림 {notification.pk}번 다시 보내기")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("다시 보내도록 예약했습니다")).to_be_visible()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert Notification.objects.count() == 1
