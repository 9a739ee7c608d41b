# ruff: noqa: F811  (pytest fixtures imported from handling_helpers)
"""Files of a 민원 after filing: a 보완 answer with attachments (checked as at filing), the
staff download (only those handling it, each download in the PII access log) and the
citizen's own download."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from madang.complaints import handling
from madang.complaints.choices import ComplaintEventKind, ComplaintStatus
from madang.complaints.models import ComplaintAttachment
from madang.core.models import AuditLog
from madang.privacy.models import PIIAccessLog

from .conftest import PDF, PNG
from .handling_helpers import clock, depts, file_complaint, people  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(people, depts, clock):
    complaint = file_complaint(
        people["citizen"], attachments=[SimpleUploadedFile("현장사진.png", PNG)]
    )
    handling.complaint_route(
        complaint=complaint, acting_user=people["manager"], department=depts[0]
    )
    return handling.complaint_assign(
        complaint=complaint, official=people["roads"], acting_user=people["manager"]
    )


@pytest.fixture
def waiting(people, assigned):
    handling.complaint_request_supplement(
        complaint=assigned, acting_user=people["roads"], request_text="도면을 보내 주세요"
    )
    assigned.refresh_from_db()
    return assigned


def _status_url(complaint):
    return reverse("complaints:detail", args=[complaint.receipt_number])


def _supplement_url(complaint):
    return reverse("complaints:supplement", args=[complaint.receipt_number])


def _download_url(complaint, attachment):
    return reverse("complaints_handling:attachment", args=[complaint.pk, attachment.pk])


# --- the 보완 answer with files (service) -----------------------------------------------------


def test_supplement_answer_stores_checked_files_linked_to_the_request(people, waiting):
    handling.complaint_supplement_answer(
        complaint=waiting,
        acting_user=people["citizen"],
        reply="도면을 첨부합니다",
        attachments=[SimpleUploadedFile("도면.pdf", PDF), SimpleUploadedFile("사진2.png", PNG)],
    )
    waiting.refresh_from_db()
    assert waiting.status == ComplaintStatus.IN_PROGRESS
    pause = waiting.pauses.get()
    files = list(pause.attachments.order_by("pk"))
    assert [(f.original_name, f.content_type) for f in files] == [
        ("도면.pdf", "application/pdf"),
        ("사진2.png", "image/png"),
    ]
    assert all(f.complaint_id == waiting.pk and f.is_supplement for f in files)
    assert files[0].file.read() == PDF
    # The filing's file is not mistaken for a 보완 file.
    assert waiting.attachments.filter(pause__isnull=True).get().original_name == "현장사진.png"
    event = waiting.events.get(kind=ComplaintEventKind.SUPPLEMENT_ANSWERED)
    assert event.data["attachments"] == [f.pk for f in files]
    assert "첨부파일 2개" in event.note
    log = AuditLog.objects.get(action="complaint.supplement_answer")
    assert log.changes["attachments"] == [f.pk for f in files]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.exe", b"MZ" + b"\0" * 10), "첨부할 수 없는 파일 형식"),
        (SimpleUploadedFile("fake.pdf", PNG), "확장자(pdf)와 맞지 않습니다"),
        (SimpleUploadedFile("empty.png", b""), "빈 파일"),
    ],
)
def test_supplement_files_are_checked_like_filing_and_nothing_is_written(
    people, waiting, upload, message
):
    with pytest.raises(ValidationError) as exc:
        handling.complaint_supplement_answer(
            complaint=waiting, acting_user=people["citizen"], reply="보냅니다", attachments=[upload]
        )
    assert message in " ".join(exc.value.message_dict["attachments"])
    waiting.refresh_from_db()
    assert waiting.status == ComplaintStatus.SUPPLEMENT
    assert waiting.pauses.get().ended_at is None
    assert not ComplaintAttachment.objects.filter(pause__isnull=False).exists()


def test_supplement_files_obey_size_and_count_limits(people, waiting):
    with (
        override_settings(COMPLAINT_ATTACHMENT_MAX_BYTES=50),
        pytest.raises(ValidationError) as exc,
    ):
        handling.complaint_supplement_answer(
            complaint=waiting,
            acting_user=None,
            reply="보냅니다",
            attachments=[SimpleUploadedFile("big.png", PNG)],
        )
    assert "파일이 너무 큽니다" in exc.value.message_dict["attachments"][0]
    with (
        override_settings(COMPLAINT_ATTACHMENT_MAX_COUNT=1),
        pytest.raises(ValidationError) as exc,
    ):
        handling.complaint_supplement_answer(
            complaint=waiting,
            acting_user=None,
            reply="보냅니다",
            attachments=[SimpleUploadedFile("a.png", PNG), SimpleUploadedFile("b.png", PNG)],
        )
    assert "1개까지" in exc.value.message_dict["attachments"][0]


# --- the 보완 answer with files (citizen page) ------------------------------------------------


def test_citizen_sends_a_supplement_with_files_from_the_status_page(client, people, waiting):
    client.force_login(people["citizen"])
    html = client.get(_status_url(waiting)).content.decode()
    assert 'enctype="multipart/form-data"' in html and _supplement_url(waiting) in html
    response = client.post(
        _supplement_url(waiting),
        {
            "supplement-reply": "도면 보냅니다",
            "supplement-attachments": [SimpleUploadedFile("도면.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _status_url(waiting)
    waiting.refresh_from_db()
    assert waiting.status == ComplaintStatus.IN_PROGRESS
    (stored,) = ComplaintAttachment.objects.filter(pause__isnull=False)
    assert stored.original_name == "도면.pdf"
    html = client.get(_status_url(waiting)).content.decode()
    assert "도면.pdf" in html and "현장사진.png" in html


def test_a_refused_file_keeps_the_typed_text_and_says_to_choose_again(client, people, waiting):
    client.force_login(people["citizen"])
    response = client.post(
        _supplement_url(waiting),
        {
            "supplement-reply": "상도로 123번지입니다",
            "supplement-attachments": [SimpleUploadedFile("fake.pdf", PNG)],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "상도로 123번지입니다" in html
    assert "확장자(pdf)와 맞지 않습니다" in html
    assert "다시 선택해야 합니다" in html
    waiting.refresh_from_db()
    assert waiting.status == ComplaintStatus.SUPPLEMENT


def test_someone_else_cannot_answer_the_supplement(client, people, waiting):
    client.force_login(people["parks"])
    response = client.post(_supplement_url(waiting), {"supplement-reply": "가로채기"})
    assert response.status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == ComplaintStatus.SUPPLEMENT


# --- staff download ---------------------------------------------------------------------------


def test_staff_handling_the_complaint_download_and_each_download_is_logged(
    client, people, assigned
):
    attachment = assigned.attachments.get()
    client.force_login(people["roads"])
    html = client.get(reverse("complaints_handling:detail", args=[assigned.pk])).content.decode()
    assert _download_url(assigned, attachment) in html and "내려받기" in html
    response = client.post(
        _download_url(assigned, attachment), {"download-reason": "현장 위치 확인"}
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    (entry,) = PIIAccessLog.objects.all()
    assert entry.action == "download" and entry.reason == "현장 위치 확인"
    assert entry.actor_id == people["roads"].pk
    assert entry.subject_user_id == people["citizen"].pk
    assert (entry.object_type, entry.object_id) == (
        "complaints.complaintattachment",
        str(attachment.pk),
    )
    client.post(_download_url(assigned, attachment), {"download-reason": "다시 확인"})
    assert PIIAccessLog.objects.filter(action="download").count() == 2


def test_staff_not_handling_the_complaint_are_refused_and_nothing_is_logged(
    client, people, assigned
):
    attachment = assigned.attachments.get()
    client.force_login(people["parks"])  # another department
    response = client.post(_download_url(assigned, attachment), {"download-reason": "궁금"})
    assert response.status_code == 403
    # The same answer for a 민원 that does not exist: nobody can probe.
    missing = reverse("complaints_handling:attachment", args=[99999, attachment.pk])
    assert client.post(missing, {"download-reason": "궁금"}).status_code == 403
    client.force_login(people["citizen"])  # not staff at all
    assert client.post(_download_url(assigned, attachment)).status_code != 200
    client.logout()
    assert client.post(_download_url(assigned, attachment)).status_code != 200
    assert not PIIAccessLog.objects.exists()


def test_staff_download_needs_a_reason_and_a_post(client, people, assigned):
    attachment = assigned.attachments.get()
    client.force_login(people["roads"])
    assert client.get(_download_url(assigned, attachment)).status_code == 405
    response = client.post(_download_url(assigned, attachment), {"download-reason": ""})
    assert response.status_code == 302
    assert not PIIAccessLog.objects.exists()
    other = file_complaint(people["citizen"], attachments=[SimpleUploadedFile("x.png", PNG)])
    foreign = other.attachments.get()  # a file of another 민원, through this 민원's URL
    response = client.post(_download_url(assigned, foreign), {"download-reason": "확인"})
    assert response.status_code == 404
    assert not PIIAccessLog.objects.exists()


def test_staff_page_lists_supplement_files_apart(client, people, waiting):
    handling.complaint_supplement_answer(
        complaint=waiting,
        acting_user=people["citizen"],
        reply="도면",
        attachments=[SimpleUploadedFile("도면.pdf", PDF)],
    )
    client.force_login(people["roads"])
    html = client.get(reverse("complaints_handling:detail", args=[waiting.pk])).content.decode()
    assert "보완할 때 낸 파일" in html and "도면.pdf" in html
    assert "신청할 때 낸 파일" in html and "현장사진.png" in html
    supplement = waiting.attachments.get(pause__isnull=False)
    response = client.post(_download_url(waiting, supplement), {"download-reason": "검토"})
    assert b"".join(response.streaming_content) == PDF
    assert PIIAccessLog.objects.get().object_id == str(supplement.pk)


# --- the citizen's own download -------------------------------------------------------------


def test_citizen_downloads_their_own_files(client, people, assigned):
    attachment = assigned.attachments.get()
    url = reverse("complaints:attachment", args=[assigned.receipt_number, attachment.pk])
    client.force_login(people["citizen"])
    assert url in client.get(_status_url(assigned)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(people["parks"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_a_guest_sees_masked_names_and_no_download(client, people, clock):
    from madang.complaints.handling.links import access_token

    complaint = file_complaint(
        None,
        email="guest@example.com",
        attachments=[SimpleUploadedFile("010-2222-3333.png", PNG)],
    )
    client.get(reverse("complaints:access", args=[access_token(complaint.receipt_number)]))
    html = client.get(_status_url(complaint)).content.decode()
    assert "010-2222-3333.png" not in html and "첨부파일" in html
    attachment = complaint.attachments.get()
    url = reverse("complaints:attachment", args=[complaint.receipt_number, attachment.pk])
    assert url not in html
    assert client.get(url).status_code == 404


# --- where the files are kept ----------------------------------------------------------------


def test_files_are_kept_outside_media_root(settings, people, waiting):
    """Filing and 보완 files are personal data: stored under COMPLAINT_ATTACHMENT_ROOT, which
    the web server does not serve, never under MEDIA_ROOT (MEDIA_URL)."""
    handling.complaint_supplement_answer(
        complaint=waiting,
        acting_user=people["citizen"],
        reply="도면을 첨부합니다",
        attachments=[SimpleUploadedFile("도면.pdf", PDF)],
    )
    private = settings.COMPLAINT_ATTACHMENT_ROOT.resolve()
    files = list(ComplaintAttachment.objects.filter(complaint=waiting))
    assert len(files) == 2
    for attachment in files:
        path = settings.COMPLAINT_ATTACHMENT_ROOT.joinpath(attachment.file.name).resolve()
        assert path.is_relative_to(private) and path.is_file()
        assert not settings.MEDIA_ROOT.joinpath(attachment.file.name).exists()
    assert not settings.MEDIA_ROOT.joinpath("complaints").exists()


def test_migration_moves_files_stored_under_media_root(settings, people, assigned):
    """0007 moves a file an earlier version stored under MEDIA_ROOT, keeping its name."""
    import importlib

    from django.apps import apps as live_apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    attachment = assigned.attachments.get()
    name = attachment.file.name
    attachment.file.storage.delete(name)
    default_storage.save(name, ContentFile(PNG))  # where the old version had put it
    migration = importlib.import_module(
        "madang.complaints.migrations.0007_attachments_private_storage"
    )
    migration.move_files(live_apps, None)
    assert not default_storage.exists(name)
    attachment.refresh_from_db()
    assert attachment.file.name == name
    assert attachment.file.storage.open(name).read() == PNG
    migration.move_files(live_apps, None)  # a second run finds nothing to do
    assert attachment.file.storage.exists(name)
