"""The daily 독촉 job of the staff desk."""

from datetime import time

from django_tasks import task

from madang.core.scheduling import periodic


@periodic(daily_at=time(9, 10))
@task(queue_name="maintenance")
def send_overdue_reminders() -> int:
    """Each working day at 09:10: e-mail each department its overdue 민원 (시행령 제28조②)."""
    from .services import complaint_reminders_send_daily

    return sum(1 for r in complaint_reminders_send_daily() if r.sent)
