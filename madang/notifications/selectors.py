"""Reads of the notification outbox for staff."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone

from .choices import PROBLEM_STATUSES, NotificationChannel, NotificationStatus
from .models import Notification


def mask_recipient(channel: str, recipient: str) -> str:
    """Show staff enough to recognise a recipient, never the whole of it (조례 제22조①):
    "ho***@example.com", "010-****-6789"."""
    if not recipient:
        return ""
    if channel == NotificationChannel.EMAIL:
        local, _, domain = recipient.partition("@")
        return f"{local[:2]}{'*' * max(len(local) - 2, 3)}@{domain}"
    digits = "".join(ch for ch in recipient if ch.isdigit())
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}-{'*' * (len(digits) - 7)}-{digits[-4:]}"


def notification_report_list(
    *, statuses=PROBLEM_STATUSES, channel: str = "", purpose: str = ""
) -> QuerySet[Notification]:
    """Notifications in `statuses`, newest first, ready for the staff report (one query)."""
    qs = Notification.objects.select_related("related_content_type").order_by("-created_at", "-pk")
    if statuses:
        qs = qs.filter(status__in=list(statuses))
    if channel:
        qs = qs.filter(channel=channel)
    if purpose:
        qs = qs.filter(purpose=purpose)
    return qs


def notification_status_counts(*, days: int = 7) -> dict[str, int]:
    """How many notifications of the last `days` days are in each status."""
    since = timezone.now() - timedelta(days=days)
    counts = dict(
        Notification.objects.filter(created_at__gte=since)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in NotificationStatus.values}


def notification_purposes() -> list[str]:
    return list(
        Notification.objects.order_by("purpose").values_list("purpose", flat=True).distinct()
    )
