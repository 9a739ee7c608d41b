"""One scheduler for every periodic job in Madang.

Apps declare their jobs with `@periodic(...)` on a django-tasks task; `manage.py scheduler`
enqueues each job when it is due. Several scheduler processes may run at once (one per app
server): a unique row per job and time slot makes sure each slot is enqueued only once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object  # a django_tasks Task
    every: timedelta | None = None
    daily_at: time | None = None

    def slot(self, now: datetime) -> datetime | None:
        """The start of the time slot `now` falls in, or None if the job is not yet due today."""
        local = timezone.localtime(now)
        if self.daily_at is not None:
            start = local.replace(
                hour=self.daily_at.hour,
                minute=self.daily_at.minute,
                second=0,
                microsecond=0,
            )
            return start if local >= start else None
        assert self.every is not None
        seconds = int(self.every.total_seconds())
        epoch = int(local.timestamp())
        return datetime.fromtimestamp(epoch - epoch % seconds, tz=local.tzinfo)


_registry: dict[str, PeriodicJob] = {}


def periodic(
    *, every: timedelta | None = None, daily_at: time | None = None, name: str | None = None
) -> Callable:
    """Register a task to run every `every`, or once a day at `daily_at` (Asia/Seoul)."""
    if (every is None) == (daily_at is None):
        raise ValueError("give exactly one of every= or daily_at=")

    def decorate(task):
        job_name = name or f"{task.module_path}"
        _registry[job_name] = PeriodicJob(name=job_name, task=task, every=every, daily_at=daily_at)
        return task

    return decorate


def registered_jobs() -> dict[str, PeriodicJob]:
    return dict(_registry)


def enqueue_due_jobs(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been enqueued yet; return their names."""
    from .models import PeriodicJobRun

    now = now or timezone.now()
    enqueued = []
    for job in _registry.values():
        slot = job.slot(now)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                PeriodicJobRun.objects.create(job_name=job.name, slot=slot)
                job.task.enqueue()
        except IntegrityError:
            continue  # another scheduler process took this slot
        enqueued.append(job.name)
    return enqueued
