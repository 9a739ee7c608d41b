"""Writes of the notification outbox.

`notification_send` records the messages in the caller's transaction and hands them to the
`deliver_notification` task after commit, so nothing is announced that was rolled back and a
crash between commit and delivery loses nothing: the periodic `redispatch_due_notifications`
job picks up whatever is still waiting. Delivery is at least once: a worker that dies after the
provider accepted a message but before the row says so sends it again after the lease.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record

from .choices import PENDING_STATUSES, NotificationChannel, NotificationStatus
from .models import Notification
from .providers import DeliveryError, provider_for

logger = logging.getLogger(__name__)

PHONE_CHANNELS = (NotificationChannel.SMS, NotificationChannel.ALIMTALK)


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_attempts() -> int:
    return _setting("MADANG_NOTIFY_MAX_ATTEMPTS", 5)


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the `attempts`-th failed try: base, 2×base, 4×base, … up to
    the cap (MADANG_NOTIFY_BACKOFF_SECONDS, MADANG_NOTIFY_BACKOFF_MAX_SECONDS)."""
    base = _setting("MADANG_NOTIFY_BACKOFF_SECONDS", 60)
    cap = _setting("MADANG_NOTIFY_BACKOFF_MAX_SECONDS", 3600)
    return timedelta(seconds=min(cap, base * 2 ** max(attempts - 1, 0)))


def phone_normalise(value: str) -> str:
    """Digits only, as the SMS and 알림톡 APIs want them ("010-1234-5678" → "01012345678")."""
    return "".join(ch for ch in (value or "") if ch.isdigit())


def _enqueue(notification_ids: Sequence[int], *, run_after: datetime | None = None) -> None:
    from .tasks import deliver_notification

    task = deliver_notification
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the periodic re-dispatch job will send it when it is due
        task = task.using(run_after=run_after)
    for notification_id in notification_ids:
        try:
            task.enqueue(notification_id)
        except Exception:
            # The row is committed; the periodic job re-dispatches it.
            logger.exception("could not enqueue notification %s", notification_id)


def notification_send(
    *,
    purpose: str,
    subject: str,
    body: str,
    to_email: str = "",
    to_phone: str = "",
    channels: Sequence[str] = ("email",),
    template_code: str = "",
    template_vars: dict | None = None,
    related=None,
) -> list[Notification]:
    """Record one Notification per channel and deliver each after the current transaction
    commits (at once when there is none).

    A channel whose recipient was not given (no `to_email` for "email", no `to_phone` for "sms"
    or "alimtalk") is skipped, so callers may offer every channel the citizen might have.
    "alimtalk" needs `template_code` (the template approved by Kakao) and `template_vars`; its
    `body` must be the template text with the variables filled in, as Kakao compares them.
    `related` is the object the message is about (a 민원), shown to staff in the report."""
    channels = [str(channel) for channel in channels]
    if unknown := set(channels) - set(NotificationChannel.values):
        raise ValueError(f"unknown notification channels: {sorted(unknown)}")
    if NotificationChannel.ALIMTALK in channels and not template_code:
        raise ValueError("alimtalk needs a template_code")
    content_type = object_id = None
    if related is not None:
        content_type = ContentType.objects.get_for_model(related)
        object_id = str(related.pk)
    now = timezone.now()
    phone = phone_normalise(to_phone)
    created = []
    for channel in dict.fromkeys(channels):
        recipient = (to_email or "").strip() if channel == NotificationChannel.EMAIL else phone
        if not recipient:
            continue
        notification = Notification(
            purpose=purpose[:64],
            channel=channel,
            recipient=recipient,
            # Kept for 알림톡 too: the title of the LMS if it falls back to SMS.
            subject=subject[:300],
            body=body,
            template_code=template_code if channel == NotificationChannel.ALIMTALK else "",
            template_vars_json=json.dumps(template_vars or {}, ensure_ascii=False)
            if channel == NotificationChannel.ALIMTALK
            else "",
            related_content_type=content_type,
            related_object_id=object_id or "",
            next_attempt_at=now,
        )
        created.append(notification)
    if created:
        # One INSERT for every channel: callers run this inside their transaction, often while
        # holding a lock (the 민원 receipt counter), so each round trip counts.
        created = Notification.objects.bulk_create(created)
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _enqueue(ids), robust=True)
    return created


def phone_notice_send(
    *,
    purpose: str,
    to_phone: str,
    subject: str,
    sms_body: str,
    values: dict,
    related=None,
) -> list[Notification]:
    """A notice to a citizen's phone: by 카카오 알림톡 when the district configured an approved
    template for `purpose` (`alimtalk.template_code_for`), the text being that template filled
    from `values`; by SMS with `sms_body` otherwise. An 알림톡 that fails for good falls back
    to an SMS with the same text (`notification_deliver`)."""
    from . import alimtalk

    code = alimtalk.template_code_for(purpose)
    if code:
        body, variables = alimtalk.template_render(purpose, values)
        return notification_send(
            purpose=purpose,
            subject=subject,
            body=body,
            to_phone=to_phone,
            channels=(NotificationChannel.ALIMTALK,),
            template_code=code,
            template_vars=variables,
            related=related,
        )
    return notification_send(
        purpose=purpose,
        subject=subject,
        body=sms_body,
        to_phone=to_phone,
        channels=(NotificationChannel.SMS,),
        related=related,
    )


def _sms_fallback(notification: Notification) -> Notification:
    """The SMS that replaces an 알림톡 given up: same purpose, recipient, text and 민원.
    Written in the caller's transaction and enqueued after commit."""
    fallback = Notification.objects.create(
        purpose=notification.purpose,
        channel=NotificationChannel.SMS,
        recipient=notification.recipient,
        subject=notification.subject,
        body=notification.body,
        related_content_type_id=notification.related_content_type_id,
        related_object_id=notification.related_object_id,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: _enqueue([fallback.pk]), robust=True)
    return fallback


def _claimable(notification: Notification, now: datetime) -> bool:
    if notification.status in PENDING_STATUSES:
        return notification.next_attempt_at is None or notification.next_attempt_at <= now
    if notification.status == NotificationStatus.SENDING:
        lease = timedelta(seconds=_setting("MADANG_NOTIFY_SENDING_LEASE_SECONDS", 600))
        return notification.last_attempt_at is None or notification.last_attempt_at <= now - lease
    return False


def notification_deliver(*, notification_id: int, now: datetime | None = None):
    """Try to send one notification now: claim it (so two workers never send it at once),
    call the channel's provider outside any transaction, then record the outcome. A retryable
    failure is tried again after `retry_delay` until MADANG_NOTIFY_MAX_ATTEMPTS tries; a
    permanent one, or the last try, leaves it "given_up" for staff; an 알림톡 given up is
    followed by an SMS with the same text (`_sms_fallback`). Returns the row, or None when it
    no longer exists."""
    now = now or timezone.now()
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or not _claimable(notification, now):
            return notification
        notification.status = NotificationStatus.SENDING
        notification.attempts += 1
        notification.last_attempt_at = now
        notification.next_attempt_at = None
        notification.save(
            update_fields=["status", "attempts", "last_attempt_at", "next_attempt_at", "updated_at"]
        )

    try:
        delivery = provider_for(notification.channel).send(notification)
    except DeliveryError as exc:
        error, retryable = f"{exc.code}: {exc}" if exc.code else str(exc), exc.retryable
    except Exception as exc:  # a bug or an unforeseen library error: keep it visible, retry
        logger.exception("notification %s: unexpected error", notification.pk)
        error, retryable = f"{type(exc).__name__}: {exc}", True
    else:
        notification.status = NotificationStatus.SENT
        notification.sent_at = timezone.now()
        notification.provider_message_id = delivery.provider_message_id[:128]
        notification.last_error = ""
        notification.save(
            update_fields=["status", "sent_at", "provider_message_id", "last_error", "updated_at"]
        )
        return notification

    # Staff read the error: it must not repeat the address or number (조례 제22조①).
    from .selectors import mask_recipient

    recipient = notification.recipient
    masked = mask_recipient(notification.channel, recipient)
    notification.last_error = error.replace(recipient, masked)[:2000] if recipient else error[:2000]
    if retryable and notification.attempts < max_attempts():
        notification.status = NotificationStatus.FAILED
        notification.next_attempt_at = now + retry_delay(notification.attempts)
    else:
        notification.status = NotificationStatus.GIVEN_UP
    with transaction.atomic():
        if (
            notification.status == NotificationStatus.GIVEN_UP
            and notification.channel == NotificationChannel.ALIMTALK
        ):
            # The citizen must still get the notice: the same text by SMS, a row of its own
            # (retried and shown to staff like any other).
            fallback = _sms_fallback(notification)
            note = f" -> sms fallback #{fallback.pk}"
            notification.last_error = notification.last_error[: 2000 - len(note)] + note
        notification.save(update_fields=["status", "next_attempt_at", "last_error", "updated_at"])
    logger.warning(
        "notification %s (%s) attempt %s failed: %s",
        notification.pk,
        notification.channel,
        notification.attempts,
        notification.last_error,
    )
    if notification.status == NotificationStatus.FAILED:
        _enqueue([notification.pk], run_after=notification.next_attempt_at)
    return notification


def notification_redispatch_due(*, now: datetime | None = None, limit: int = 500) -> list[int]:
    """Enqueue delivery of every notification whose task may have been lost: queued or failed
    and due for longer than MADANG_NOTIFY_REDISPATCH_GRACE_SECONDS, or stuck "sending" for
    longer than MADANG_NOTIFY_SENDING_LEASE_SECONDS (a worker died mid-send). Delivery claims
    each row, so one sent twice by this and its own task is still sent once."""
    now = now or timezone.now()
    grace = timedelta(seconds=_setting("MADANG_NOTIFY_REDISPATCH_GRACE_SECONDS", 120))
    lease = timedelta(seconds=_setting("MADANG_NOTIFY_SENDING_LEASE_SECONDS", 600))
    due = Q(status__in=PENDING_STATUSES, next_attempt_at__lte=now - grace) | Q(
        status=NotificationStatus.SENDING, last_attempt_at__lte=now - lease
    )
    ids = list(
        Notification.objects.filter(due)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    _enqueue(ids)
    return ids


@transaction.atomic
def notification_resend(*, acting_user, notification: Notification) -> Notification:
    """Staff send a failed or given-up notification again ("다시 보내기"): it starts over with
    a fresh count of tries, and the audit row keeps what had happened before."""
    locked = Notification.objects.select_for_update().get(pk=notification.pk)
    if locked.status not in (NotificationStatus.FAILED, NotificationStatus.GIVEN_UP):
        return locked
    if locked.contents_erased:
        # 파기 after the retention period (madang.notifications.retention): no one to send to.
        raise ValidationError(
            _(
                "알림 #%(id)s은(는) 보존기간이 지나 받는 사람과 내용을 파기했으므로 다시 보낼 "
                "수 없습니다. 다시 알려야 하면 해당 업무 화면에서 새 알림을 보내세요."
            )
            % {"id": locked.pk},
            code="erased",
        )
    audit_log_record(
        acting_user=acting_user,
        action="notification.resend",
        obj=locked,
        changes={
            "status": [locked.status, NotificationStatus.QUEUED],
            "attempts": [locked.attempts, 0],
            "last_error": locked.last_error[:500],
        },
    )
    locked.status = NotificationStatus.QUEUED
    locked.attempts = 0
    locked.next_attempt_at = timezone.now()
    locked.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    transaction.on_commit(lambda: _enqueue([locked.pk]), robust=True)
    return locked
