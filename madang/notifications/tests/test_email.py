"""The e-mail path of the outbox: recorded encrypted, sent after commit, retried, given up."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from madang.notifications.choices import NotificationStatus
from madang.notifications.models import Notification
from madang.notifications.services import (
    notification_deliver,
    notification_redispatch_due,
    notification_send,
    retry_delay,
)
from madang.privacy.testing import assert_no_plaintext_in_database

pytestmark = pytest.mark.django_db


def at(moment):
    """Run the code under test as if it were `moment` (tasks read the clock themselves)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def send(**overrides):
    fields = {
        "purpose": "test.hello",
        "subject": "[동작구청] 안내",
        "body": "민원이 접수되었습니다. 접수번호 2026-000001",
        "to_email": "hong@example.com",
    }
    return notification_send(**(fields | overrides))


def test_email_is_sent_after_commit_and_recorded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        (notification,) = send()
    assert mail.outbox == []
    assert Notification.objects.get().status == NotificationStatus.QUEUED
    for callback in callbacks:
        callback()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 1
    assert notification.provider_message_id.startswith("<")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hong@example.com"]
    assert mail.outbox[0].subject == "[동작구청] 안내"
    assert mail.outbox[0].extra_headers["Message-ID"] == notification.provider_message_id


def test_rolled_back_notification_is_never_sent(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send()
        raise RuntimeError("the caller's transaction fails")
    assert mail.outbox == []
    assert Notification.objects.count() == 0


def test_recipient_and_text_are_encrypted(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(body="비밀 본문 확인번호 482913")
    assert_no_plaintext_in_database(["hong@example.com", "482913"])


def test_channels_without_recipient_are_skipped_and_related_is_kept(
    django_capture_on_commit_callbacks, staff_user
):
    with django_capture_on_commit_callbacks(execute=True):
        created = send(channels=("email", "sms"), to_phone="", related=staff_user)
    assert [n.channel for n in created] == ["email"]
    assert created[0].related_object_id == str(staff_user.pk)
    assert created[0].related_content_type.model == "user"


def test_unknown_channel_and_alimtalk_without_template_are_refused():
    with pytest.raises(ValueError):
        send(channels=("fax",))
    with pytest.raises(ValueError):
        send(channels=("alimtalk",), to_phone="01012345678")


@override_settings(MADANG_NOTIFY_MAX_ATTEMPTS=3, MADANG_NOTIFY_BACKOFF_SECONDS=60)
def test_transient_smtp_failure_is_retried_with_backoff_then_given_up(
    django_capture_on_commit_callbacks,
):
    failure = smtplib.SMTPServerDisconnected("connection lost")
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=failure):
        with django_capture_on_commit_callbacks(execute=True):
            (notification,) = send()
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.FAILED
        assert notification.attempts == 1
        assert "connection lost" in notification.last_error
        first_due = notification.next_attempt_at
        assert first_due - notification.last_attempt_at == timedelta(seconds=60)

        # Not yet due: the re-dispatch job leaves it alone.
        assert notification_redispatch_due(now=first_due - timedelta(seconds=1)) == []
        # Due (past the grace): the job sends it again; it fails again, twice the wait.
        later = first_due + timedelta(minutes=3)
        with at(later):
            assert notification_redispatch_due() == [notification.pk]
        notification.refresh_from_db()
        assert notification.attempts == 2
        assert notification.status == NotificationStatus.FAILED
        assert notification.next_attempt_at - notification.last_attempt_at == timedelta(seconds=120)
        # Third and last try: given up.
        notification_deliver(notification_id=notification.pk, now=notification.next_attempt_at)
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.GIVEN_UP
        assert notification.attempts == 3
        assert notification.next_attempt_at is None
    assert mail.outbox == []


def test_permanent_smtp_refusal_is_given_up_at_once(django_capture_on_commit_callbacks):
    refusal = smtplib.SMTPRecipientsRefused({"hong@example.com": (550, b"no such user")})
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=refusal),
        django_capture_on_commit_callbacks(execute=True),
    ):
        (notification,) = send()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.GIVEN_UP
    assert notification.attempts == 1


def test_lost_task_is_redispatched_and_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        (notification,) = send()  # the enqueue callback is "lost"
    assert mail.outbox == []
    assert notification_redispatch_due(now=timezone.now()) == []  # within the grace period
    later = timezone.now() + timedelta(minutes=5)
    assert notification_redispatch_due(now=later) == [notification.pk]
    assert notification_redispatch_due(now=later) == []
    assert len(mail.outbox) == 1
    # A duplicate task for a sent row does nothing.
    notification_deliver(notification_id=notification.pk, now=later)
    assert len(mail.outbox) == 1


def test_stuck_sending_row_is_taken_over_after_the_lease(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        (notification,) = send()
    started = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENDING, attempts=1, last_attempt_at=started
    )
    assert notification_redispatch_due(now=started + timedelta(minutes=5)) == []
    with at(started + timedelta(minutes=11)):
        assert notification_redispatch_due() == [notification.pk]
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 2


@override_settings(MADANG_NOTIFY_BACKOFF_SECONDS=60, MADANG_NOTIFY_BACKOFF_MAX_SECONDS=300)
def test_backoff_doubles_up_to_the_cap():
    assert [retry_delay(n).total_seconds() for n in range(1, 6)] == [60, 120, 240, 300, 300]


def test_periodic_job_is_registered():
    from madang.core.scheduling import registered_jobs

    assert any(name.endswith("redispatch_due_notifications") for name in registered_jobs())


@override_settings(
    TASKS={
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "notifications", "maintenance"],
        }
    },
    MADANG_NOTIFY_BACKOFF_SECONDS=60,
)
def test_with_a_deferring_backend_the_retry_is_enqueued_for_its_time(
    django_capture_on_commit_callbacks,
):
    from django_tasks import task_backends

    backend = task_backends["default"]
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = send()
    (first,) = backend.results
    assert first.args == [notification.pk]
    assert first.task.queue_name == "notifications"
    assert first.task.run_after is None

    failure = smtplib.SMTPServerDisconnected("connection lost")
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=failure):
        notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    retry = backend.results[-1]
    assert retry.args == [notification.pk]
    assert retry.task.run_after == notification.next_attempt_at
