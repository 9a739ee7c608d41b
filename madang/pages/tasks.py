"""Periodic jobs of the homepage."""

from datetime import timedelta

from django_tasks import task

from madang.core.scheduling import periodic


@periodic(every=timedelta(days=7))
@task(queue_name="maintenance")
def send_review_reminders() -> int:
    """Weekly: tell each department which of its pages are past their review date (제7조)."""
    from .services import review_reminders_send

    return review_reminders_send()
