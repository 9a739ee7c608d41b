"""Background delivery of notifications and the job that keeps the outbox moving."""

from datetime import timedelta

from django_tasks import task

from madang.core.scheduling import periodic


@task(queue_name="notifications")
def deliver_notification(notification_id: int) -> str:
    """Send one notification (idempotent: a sent or claimed row is left alone)."""
    from .services import notification_deliver

    notification = notification_deliver(notification_id=notification_id)
    return notification.status if notification is not None else "missing"


@periodic(every=timedelta(minutes=1))
@task(queue_name="notifications")
def redispatch_due_notifications() -> int:
    """Re-enqueue notifications whose delivery task was lost or whose retry is due."""
    from .services import notification_redispatch_due

    return len(notification_redispatch_due())
