from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from madang.core import scheduling, tasks
from madang.core.models import PeriodicJobRun
from madang.core.scheduling import PeriodicJob, enqueue_due_jobs, periodic, registered_jobs

SEOUL = ZoneInfo("Asia/Seoul")


def at(h, m=0, day=25):
    return datetime(2026, 11, day, h, m, tzinfo=SEOUL)


class FakeTask:
    module_path = "tests.fake"

    def __init__(self):
        self.calls = 0

    def enqueue(self):
        self.calls += 1


def test_daily_slot_only_after_its_time():
    job = PeriodicJob(name="j", task=None, daily_at=time(3, 10))
    assert job.slot(at(3, 9)) is None
    assert job.slot(at(3, 10)) == at(3, 10)
    assert job.slot(at(23, 59)) == at(3, 10)
    assert job.slot(at(3, 11, day=26)) == at(3, 10, day=26)


def test_interval_slot_is_aligned():
    job = PeriodicJob(name="j", task=None, every=timedelta(minutes=15))
    assert job.slot(at(10, 7)) == at(10, 0)
    assert job.slot(at(10, 29)) == at(10, 15)


def test_periodic_needs_exactly_one_schedule():
    with pytest.raises(ValueError):
        periodic()
    with pytest.raises(ValueError):
        periodic(every=timedelta(hours=1), daily_at=time(1))


@pytest.mark.django_db
def test_each_slot_is_enqueued_once(monkeypatch):
    fake = FakeTask()
    monkeypatch.setattr(
        scheduling,
        "_registry",
        {"fake": PeriodicJob(name="fake", task=fake, every=timedelta(minutes=5))},
    )
    assert enqueue_due_jobs(at(10, 1)) == ["fake"]
    assert enqueue_due_jobs(at(10, 4)) == []  # same slot: a second scheduler process finds it taken
    assert enqueue_due_jobs(at(10, 5)) == ["fake"]
    assert fake.calls == 2
    assert PeriodicJobRun.objects.count() == 2


def test_housekeeping_jobs_are_registered():
    names = set(registered_jobs())
    assert {tasks.clear_expired_sessions.module_path,
            tasks.prune_finished_task_results.module_path} <= names  # fmt: skip


@pytest.mark.django_db
def test_tasks_run_immediately_in_tests():
    Session.objects.create(
        session_key="old", session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    Session.objects.create(
        session_key="new", session_data="", expire_date=timezone.now() + timedelta(days=1)
    )
    result = tasks.clear_expired_sessions.enqueue()
    assert result.return_value == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]


@pytest.mark.django_db
def test_prune_keeps_recent_slot_records(settings):
    settings.MADANG_TASK_RESULT_RETENTION_DAYS = 30
    PeriodicJobRun.objects.create(job_name="a", slot=timezone.now() - timedelta(days=31))
    PeriodicJobRun.objects.create(job_name="a", slot=timezone.now())
    assert tasks.prune_finished_task_results.enqueue().return_value == 1
    assert PeriodicJobRun.objects.count() == 1


@pytest.mark.django_db
def test_scheduler_command_once_and_list(capsys):
    call_command("scheduler", "--list")
    listed = capsys.readouterr().out
    assert all(name in listed for name in registered_jobs())
    now = timezone.now()
    due = {name for name, job in registered_jobs().items() if job.slot(now) is not None}
    call_command("scheduler", "--once")
    assert set(PeriodicJobRun.objects.values_list("job_name", flat=True)) == due
    call_command("scheduler", "--once")  # the same slots again: nothing more is enqueued
    assert PeriodicJobRun.objects.count() == len(due)
