"""파기 of what the outbox no longer needs (개인정보 보호법 제21조①: personal data is destroyed
without delay once its purpose is served).

A notification's recipient, subject, text and 알림톡 variables are personal data (the address,
the 민원's title, a verification code). Once the message has been delivered, or delivery was
given up, they serve only a short look-back for staff (a citizen says a notice never came).
After MADANG_NOTIFICATION_RETENTION_DAYS (default 180) from the last delivery attempt, the
nightly job blanks them. The row stays, with its purpose, channel, status, attempts, provider
message id, related object and dates, so the statistics (how many notices of each kind, on
which channel, how many failed) still add up.

Rows still queued, sending or failed-and-retrying are never touched: the outbox still needs
them to deliver. Works in batches, each its own transaction with one audit row; safe to run
again (a blanked row is not selected twice).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks import task

from madang.core.audit import audit_log_record
from madang.core.scheduling import periodic

from .choices import NotificationStatus
from .models import Notification

BATCH = 500
# Done with: delivered, or given up (staff may still resend it until it is blanked).
FINISHED_STATUSES = (NotificationStatus.SENT, NotificationStatus.GIVEN_UP)
BLANKED_FIELDS = ("recipient", "subject", "body", "template_vars_json")


def retention_days() -> int:
    return int(getattr(settings, "MADANG_NOTIFICATION_RETENTION_DAYS", 180))


def notifications_past_retention(*, now: datetime | None = None):
    """Finished notifications whose last delivery (or last attempt) is older than the
    retention period and whose contents are not blanked yet."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    blanked = Q(recipient="") & Q(subject="") & Q(body="") & Q(template_vars_json="")
    return (
        Notification.objects.filter(status__in=FINISHED_STATUSES)
        .alias(finished_at=Coalesce("sent_at", "last_attempt_at", "created_at"))
        .filter(finished_at__lt=cutoff)
        .exclude(blanked)
    )


def notifications_purge_contents(*, now: datetime | None = None) -> int:
    """Blank recipient, subject, text and 알림톡 variables of every notification past its
    retention; returns how many rows were blanked. One audit row per batch (the ids' range and
    the count, never the contents)."""
    now = now or timezone.now()
    days = retention_days()
    purged = 0
    while True:
        with transaction.atomic():
            ids = list(
                notifications_past_retention(now=now)
                .order_by("pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                return purged
            Notification.objects.filter(pk__in=ids).update(
                **dict.fromkeys(BLANKED_FIELDS, ""), updated_at=now
            )
            audit_log_record(
                acting_user=None,
                action="notification.purge_contents",
                object_type="notifications.notification",
                changes={
                    "notifications": len(ids),
                    "first_id": ids[0],
                    "last_id": ids[-1],
                    "older_than_days": days,
                    "fields": list(BLANKED_FIELDS),
                },
            )
        purged += len(ids)


@periodic(daily_at=time(3, 30))
@task(queue_name="maintenance")
def purge_notification_contents() -> int:
    """The nightly 파기 of delivered notifications' contents (개인정보 보호법 제21조)."""
    return notifications_purge_contents()
