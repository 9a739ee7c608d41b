"""Abandoned filing drafts and their files are deleted after COMPLAINT_DRAFT_RETENTION_DAYS
(개인정보 보호법 제21조①), by a periodic job; confirmed 민원 keep their attachments."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from madang.complaints import tasks
from madang.complaints.choices import ComplaintKind
from madang.complaints.models import ComplaintAttachment, ComplaintDraft
from madang.complaints.services import (
    Complainant,
    complaint_draft_save,
    complaint_drafts_purge_abandoned,
    complaint_submit,
)
from madang.core.models import AuditLog
from madang.core.scheduling import registered_jobs

from .conftest import PDF, PNG


def _draft(session="s1", files=1) -> ComplaintDraft:
    uploads = [SimpleUploadedFile(f"photo{n}.png", PNG, "image/png") for n in range(files)]
    return complaint_draft_save(session_key=session, data={"title": "초안"}, uploads=uploads)


def _age(draft: ComplaintDraft, days: float) -> None:
    when = timezone.now() - timedelta(days=days)
    ComplaintDraft.objects.filter(pk=draft.pk).update(updated_at=when, created_at=when)
    ComplaintAttachment.objects.filter(draft=draft).update(created_at=when)


def _exists(name: str) -> bool:
    return ComplaintAttachment._meta.get_field("file").storage.exists(name)


@pytest.mark.django_db
def test_old_drafts_and_their_files_go_recent_ones_stay(
    settings, django_capture_on_commit_callbacks
):
    settings.COMPLAINT_DRAFT_RETENTION_DAYS = 7
    old, recent = _draft("old", files=2), _draft("recent")
    _age(old, 8)
    _age(recent, 6)
    old_files = [a.file.name for a in old.attachments.all()]
    recent_file = recent.attachments.get().file.name
    assert all(_exists(n) for n in old_files)

    with django_capture_on_commit_callbacks(execute=True):
        assert complaint_drafts_purge_abandoned() == 1

    assert list(ComplaintDraft.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not any(_exists(n) for n in old_files)
    assert _exists(recent_file)
    assert ComplaintAttachment.objects.count() == 1
    row = AuditLog.objects.get(action="complaint_draft.purge")
    assert row.changes == {"drafts": 1, "files": 2, "older_than_days": 7}
    assert row.actor is None


@pytest.mark.django_db
def test_retention_is_a_setting(settings, django_capture_on_commit_callbacks):
    draft = _draft()
    _age(draft, 2)
    settings.COMPLAINT_DRAFT_RETENTION_DAYS = 3
    with django_capture_on_commit_callbacks(execute=True):
        assert complaint_drafts_purge_abandoned() == 0
    settings.COMPLAINT_DRAFT_RETENTION_DAYS = 1
    with django_capture_on_commit_callbacks(execute=True):
        assert complaint_drafts_purge_abandoned() == 1
    assert not ComplaintDraft.objects.exists()


@pytest.mark.django_db
def test_filed_complaints_keep_their_attachments(django_capture_on_commit_callbacks):
    draft = _draft(files=1)
    complaint = complaint_submit(
        acting_user=None,
        citizen=None,
        kind=ComplaintKind.SUGGESTION,
        title="제목",
        body="내용",
        complainant=Complainant(name="홍길동"),
        consent_given=True,
        draft=draft,
        attachments=[SimpleUploadedFile("doc.pdf", PDF, "application/pdf")],
    )
    ComplaintAttachment.objects.update(created_at=timezone.now() - timedelta(days=60))
    names = [a.file.name for a in complaint.attachments.all()]
    with django_capture_on_commit_callbacks(execute=True):
        assert complaint_drafts_purge_abandoned() == 0
    assert complaint.attachments.count() == 2
    assert all(_exists(n) for n in names)


@pytest.mark.django_db
def test_orphan_files_without_draft_are_deleted(django_capture_on_commit_callbacks):
    draft = _draft(files=1)
    name = draft.attachments.get().file.name
    ComplaintDraft.objects.filter(pk=draft.pk).delete()  # by hand: the file is orphaned
    ComplaintAttachment.objects.update(created_at=timezone.now() - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert complaint_drafts_purge_abandoned() == 0
    assert not ComplaintAttachment.objects.exists()
    assert not _exists(name)


@pytest.mark.django_db
def test_batches_and_second_run_finds_nothing(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    from madang.complaints import services

    monkeypatch.setattr(services, "DRAFT_PURGE_BATCH", 2)
    drafts = [_draft(f"s{n}") for n in range(5)]
    for d in drafts:
        _age(d, 10)
    with django_capture_on_commit_callbacks(execute=True):
        assert complaint_drafts_purge_abandoned() == 5
    assert AuditLog.objects.filter(action="complaint_draft.purge").count() == 3
    assert not ComplaintAttachment.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert complaint_drafts_purge_abandoned() == 0


@pytest.mark.django_db
def test_files_stay_when_the_batch_rolls_back(monkeypatch):
    """Nothing is deleted from storage unless the rows' deletion committed."""
    from madang.complaints import services

    draft = _draft(files=1)
    _age(draft, 10)
    name = draft.attachments.get().file.name

    def boom(**kwargs):
        raise RuntimeError("audit failed")

    monkeypatch.setattr(services, "audit_log_record", boom)
    with pytest.raises(RuntimeError):
        complaint_drafts_purge_abandoned()
    assert ComplaintDraft.objects.filter(pk=draft.pk).exists()
    assert _exists(name)


@pytest.mark.django_db
def test_periodic_job_is_registered_and_runs(django_capture_on_commit_callbacks):
    job = registered_jobs()[tasks.purge_abandoned_drafts.module_path]
    assert job.daily_at is not None
    draft = _draft()
    _age(draft, 30)
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.purge_abandoned_drafts.enqueue()
    assert result.return_value == 1
    assert not ComplaintDraft.objects.exists()
