"""The staff report "알림 발송 현황": who may see it, masked recipients, audited resend."""

import smtplib
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from madang.accounts.models import User
from madang.core.models import AuditLog
from madang.notifications.choices import NotificationStatus
from madang.notifications.models import Notification
from madang.notifications.selectors import mask_recipient
from madang.notifications.services import notification_send

pytestmark = pytest.mark.django_db

URL = "/admin/reports/notifications/"


@pytest.fixture
def given_up(django_capture_on_commit_callbacks):
    refusal = smtplib.SMTPRecipientsRefused(
        {"hong@example.com": (550, b"<hong@example.com> mailbox full")}
    )
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=refusal),
        django_capture_on_commit_callbacks(execute=True),
    ):
        (notification,) = notification_send(
            purpose="complaint.receipt",
            subject="접수 안내",
            body="민원이 접수되었습니다.",
            to_email="hong@example.com",
        )
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.GIVEN_UP
    return notification


def test_masking():
    assert mask_recipient("email", "hong@example.com") == "ho**@example.com".replace("**", "***")
    assert mask_recipient("sms", "01023456789") == "010-****-6789"
    assert mask_recipient("alimtalk", "0101234567") == "010-***-4567"


def test_report_lists_failures_with_masked_recipients(client, superuser, given_up):
    client.force_login(superuser)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "알림 발송 현황" in body
    assert "ho***@example.com" in body
    assert "hong@example.com" not in body
    assert "mailbox full" in body
    assert "다시 보내기" in body


def test_report_query_count_is_fixed(
    client, superuser, given_up, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    client.get(URL)  # warm the session and permission caches
    with django_assert_max_num_queries(20):
        client.get(URL + "?status=all")
    for n in range(10):
        with django_capture_on_commit_callbacks(execute=False):
            notification_send(
                purpose="x", subject="s", body="b", to_email=f"u{n}@example.com", related=given_up
            )
    with django_assert_max_num_queries(20):
        client.get(URL + "?status=all")


def test_staff_without_permission_is_refused(client, staff_user, given_up):
    staff_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff_user)
    assert client.get(URL).status_code in (302, 403)
    response = client.post(f"{URL}{given_up.pk}/resend/")
    assert response.status_code in (302, 403)
    given_up.refresh_from_db()
    assert given_up.status == NotificationStatus.GIVEN_UP


def test_viewer_without_change_permission_sees_no_resend_button(client, staff_user, given_up):
    staff_user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_notification"),
    )
    user = User.objects.get(pk=staff_user.pk)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "다시 보내기</button>" not in response.content.decode()
    assert client.post(f"{URL}{given_up.pk}/resend/").status_code in (302, 403)
    given_up.refresh_from_db()
    assert given_up.status == NotificationStatus.GIVEN_UP


def test_resend_is_audited_and_sends(
    client, superuser, given_up, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}{given_up.pk}/resend/", {"next": URL + "?status=all"})
    assert response.status_code == 302
    assert response["Location"] == URL + "?status=all"
    given_up.refresh_from_db()
    assert given_up.status == NotificationStatus.SENT
    assert given_up.attempts == 1
    assert len(mail.outbox) == 1
    audit = AuditLog.objects.get(action="notification.resend")
    assert audit.actor == superuser
    assert audit.object_id == str(given_up.pk)
    assert audit.changes["attempts"] == [1, 0]
    # A second press on a sent notification changes nothing.
    client.post(f"{URL}{given_up.pk}/resend/")
    assert AuditLog.objects.filter(action="notification.resend").count() == 1
    assert Notification.objects.get(pk=given_up.pk).status == NotificationStatus.SENT


def test_resend_refuses_an_outside_redirect(client, superuser, given_up):
    client.force_login(superuser)
    response = client.post(f"{URL}{given_up.pk}/resend/", {"next": "https://evil.example/"})
    assert response["Location"] == URL


def test_an_erased_notification_cannot_be_sent_again(
    client, superuser, given_up, django_capture_on_commit_callbacks
):
    """After the retention purge blanked it, the row has no recipient: no button, and a forged
    POST is refused with a message, audited nothing and queues nothing."""
    Notification.objects.filter(pk=given_up.pk).update(recipient="", subject="", body="")
    client.force_login(superuser)
    page = client.get(URL + "?status=all").content.decode()
    assert f"알림 {given_up.pk}번 다시 보내기" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}{given_up.pk}/resend/", follow=True)
    assert "파기했으므로 다시 보낼 수 없습니다" in response.content.decode()
    assert Notification.objects.get(pk=given_up.pk).status == NotificationStatus.GIVEN_UP
    assert not AuditLog.objects.filter(action="notification.resend").exists()
    assert len(mail.outbox) == 0
