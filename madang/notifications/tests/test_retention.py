"""파기 of delivered notifications' contents after MADANG_NOTIFICATION_RETENTION_DAYS
(개인정보 보호법 제21조), keeping the rows for statistics."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from madang.core.models import AuditLog
from madang.core.scheduling import registered_jobs
from madang.notifications import retention
from madang.notifications.choices import NotificationChannel, NotificationStatus
from madang.notifications.models import Notification
from madang.notifications.retention import notifications_purge_contents

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def make(status, *, days_ago, channel=NotificationChannel.EMAIL, sent=True, **extra):
    moment = NOW - timedelta(days=days_ago)
    row = Notification.objects.create(
        purpose="complaint.answered",
        channel=channel,
        recipient="hong@example.com" if channel == NotificationChannel.EMAIL else "01022223333",
        subject="[동작구청] 민원 처리 결과 (보도블록 파손)",
        body="홍길동님, 상도로 123 보도블록을 보수했습니다.",
        template_code="ANSWER01" if channel == NotificationChannel.ALIMTALK else "",
        template_vars_json=json.dumps({"name": "홍길동"}, ensure_ascii=False)
        if channel == NotificationChannel.ALIMTALK
        else "",
        status=status,
        attempts=1,
        last_attempt_at=moment,
        sent_at=moment if sent and status == NotificationStatus.SENT else None,
        next_attempt_at=moment if status == NotificationStatus.FAILED else None,
        **extra,
    )
    Notification.objects.filter(pk=row.pk).update(created_at=moment - timedelta(minutes=1))
    return Notification.objects.get(pk=row.pk)


def raw(notification, column):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM notifications_notification WHERE id = %s",  # noqa: S608
            [notification.pk],
        )
        return cursor.fetchone()[0]


def test_old_finished_notifications_are_blanked_and_kept_for_statistics():
    sent = make(NotificationStatus.SENT, days_ago=181)
    given_up = make(NotificationStatus.GIVEN_UP, days_ago=200)
    alimtalk = make(NotificationStatus.SENT, days_ago=400, channel=NotificationChannel.ALIMTALK)
    recent = make(NotificationStatus.SENT, days_ago=179)
    retrying = make(NotificationStatus.FAILED, days_ago=300)
    queued = make(NotificationStatus.QUEUED, days_ago=300)

    assert notifications_purge_contents(now=NOW) == 3

    for row in (sent, given_up, alimtalk):
        fresh = Notification.objects.get(pk=row.pk)
        assert (fresh.recipient, fresh.subject, fresh.body, fresh.template_vars_json) == (
            "",
            "",
            "",
            "",
        )
        for column in ("recipient", "subject", "body", "template_vars_json"):
            assert raw(row, column) == ""
        # What statistics need stays as it was.
        assert (fresh.status, fresh.purpose, fresh.channel, fresh.attempts) == (
            row.status,
            row.purpose,
            row.channel,
            row.attempts,
        )
        assert (fresh.created_at, fresh.sent_at, fresh.last_attempt_at) == (
            row.created_at,
            row.sent_at,
            row.last_attempt_at,
        )
        assert fresh.template_code == row.template_code
    for row in (recent, retrying, queued):
        fresh = Notification.objects.get(pk=row.pk)
        assert fresh.recipient == row.recipient and fresh.body == row.body
        assert fresh.subject == row.subject
    (log,) = AuditLog.objects.filter(action="notification.purge_contents")
    assert log.actor is None and log.object_type == "notifications.notification"
    assert log.changes["notifications"] == 3 and log.changes["older_than_days"] == 180
    assert "hong@example.com" not in json.dumps(log.changes, ensure_ascii=False)


def test_the_age_counts_from_the_last_delivery_not_the_creation():
    # Created long ago, given up, resent by staff and delivered last week: kept.
    resent = make(NotificationStatus.SENT, days_ago=7)
    Notification.objects.filter(pk=resent.pk).update(created_at=NOW - timedelta(days=365))
    assert notifications_purge_contents(now=NOW) == 0
    assert Notification.objects.get(pk=resent.pk).recipient == "hong@example.com"


def test_a_second_run_finds_nothing_and_writes_no_audit_row():
    make(NotificationStatus.SENT, days_ago=200)
    assert notifications_purge_contents(now=NOW) == 1
    assert notifications_purge_contents(now=NOW) == 0
    assert AuditLog.objects.filter(action="notification.purge_contents").count() == 1


@override_settings(MADANG_NOTIFICATION_RETENTION_DAYS=30)
def test_the_period_is_a_setting():
    row = make(NotificationStatus.SENT, days_ago=31)
    kept = make(NotificationStatus.SENT, days_ago=29)
    assert notifications_purge_contents(now=NOW) == 1
    assert Notification.objects.get(pk=row.pk).body == ""
    assert Notification.objects.get(pk=kept.pk).body != ""
    log = AuditLog.objects.get(action="notification.purge_contents")
    assert log.changes["older_than_days"] == 30


def test_batches_are_audited_one_row_each(monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)
    rows = [make(NotificationStatus.SENT, days_ago=200 + n) for n in range(5)]
    assert notifications_purge_contents(now=NOW) == 5
    logs = list(AuditLog.objects.filter(action="notification.purge_contents").order_by("pk"))
    assert [log.changes["notifications"] for log in logs] == [2, 2, 1]
    assert logs[0].changes["first_id"] == rows[0].pk
    assert logs[-1].changes["last_id"] == rows[-1].pk


def test_the_nightly_job_is_registered_and_runs(django_capture_on_commit_callbacks):
    job = registered_jobs()["madang.notifications.retention.purge_notification_contents"]
    assert job.daily_at is not None and job.every is None
    row = make(NotificationStatus.GIVEN_UP, days_ago=365)
    with django_capture_on_commit_callbacks(execute=True):
        result = retention.purge_notification_contents.enqueue()
    assert result.return_value == 1
    assert Notification.objects.get(pk=row.pk).recipient == ""
