"""Housekeeping jobs that every installation runs."""

from datetime import time, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task

from .models import PeriodicJobRun
from .scheduling import periodic


@periodic(daily_at=time(3, 10))
@task(queue_name="maintenance")
def clear_expired_sessions() -> int:
    """Delete expired sessions so the table does not grow without end."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@periodic(daily_at=time(3, 20))
@task(queue_name="maintenance")
def prune_finished_task_results() -> int:
    """Delete background-task results older than MADANG_TASK_RESULT_RETENTION_DAYS, and the
    scheduler's own slot records likewise. Failed results are kept for staff to inspect."""
    cutoff = timezone.now() - timedelta(days=settings.MADANG_TASK_RESULT_RETENTION_DAYS)
    deleted = PeriodicJobRun.objects.filter(slot__lt=cutoff).delete()[0]
    if "django_tasks_db" in settings.INSTALLED_APPS:
        from django_tasks_db.models import DBTaskResult

        deleted += DBTaskResult.objects.successful().filter(finished_at__lt=cutoff).delete()[0]
    return deleted
