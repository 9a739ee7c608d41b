"""The intake service: periods per kind, receipt numbers, deadlines with holiday overrides,
attachments, board posts, encryption of personal data."""

import threading
from datetime import date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import override_settings

from madang.complaints import deadlines, selectors, services
from madang.complaints.choices import (
    ComplaintChannel,
    ComplaintKind,
    HolidayChange,
    InquirySubkind,
    ReplyChannel,
)
from madang.complaints.models import Complaint, ComplaintAttachment, ReceiptCounter
from madang.complaints.services import Complainant, complaint_submit
from madang.core.models import AuditLog
from madang.privacy.testing import assert_no_plaintext_in_database

from .conftest import PDF, PNG

SEOUL = deadlines.SEOUL
PERSON = Complainant(
    name="홍길동", phone="010-2345-6789", email="hong@example.com", address="서울 동작구 상도로 1"
)


def submit(**overrides):
    fields = {
        "acting_user": None,
        "citizen": None,
        "kind": ComplaintKind.SUGGESTION,
        "title": "가로등 개선 건의",
        "body": "상도로 가로등이 너무 어둡습니다.",
        "complainant": PERSON,
        "consent_given": True,
    }
    fields.update(overrides)
    return complaint_submit(**fields)


@pytest.mark.parametrize(
    ("kind", "sub", "period"),
    [
        (ComplaintKind.INQUIRY, InquirySubkind.LAW, "14d"),
        (ComplaintKind.INQUIRY, InquirySubkind.OTHER, "7d"),
        (ComplaintKind.INQUIRY, "", "7d"),
        (ComplaintKind.SUGGESTION, "", "14d"),
        (ComplaintKind.OTHER, "", "즉시"),
        (ComplaintKind.GRIEVANCE, "", "7d"),
        (ComplaintKind.STATUTORY, "", "7d"),
    ],
)
def test_statutory_periods_per_kind(kind, sub, period):
    assert selectors.complaint_period(kind=kind, inquiry_subkind=sub) == period


def test_period_setting_overrides_the_default(settings):
    settings.COMPLAINT_PERIOD_OTHER = "8h"
    assert selectors.complaint_period(kind=ComplaintKind.OTHER) == "8h"


@pytest.mark.django_db
def test_statutory_type_period_and_department_come_from_the_table():
    from madang.departments.models import Department

    dept = Department.objects.create(code="D1", name_ko="민원여권과")
    row = services.statutory_type_create(
        acting_user=None,
        name="옥외광고물 표시 허가",
        period="20d",
        legal_basis="옥외광고물법 제3조",
        department=dept,
    )
    complaint = submit(kind=ComplaintKind.STATUTORY, statutory_type=row)
    assert complaint.period == "20d"
    assert complaint.department == dept
    assert AuditLog.objects.filter(action="statutory_complaint_type.create").count() == 1
    with pytest.raises(ValidationError):
        services.statutory_type_create(acting_user=None, name="잘못", period="20 days")


@pytest.mark.django_db
def test_receipt_number_format_deadline_and_audit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = submit(kind=ComplaintKind.INQUIRY, inquiry_subkind=InquirySubkind.LAW)
    year = complaint.received_at.astimezone(SEOUL).year
    assert complaint.receipt_number == f"{year}-000001"
    assert complaint.period == "14d"
    assert complaint.due_at == deadlines.due_at(complaint.received_at, "14d")
    audit = AuditLog.objects.get(action="complaint.submit")
    assert audit.object_id == str(complaint.pk)
    assert len(mail.outbox) == 1
    assert complaint.receipt_number in mail.outbox[0].subject
    assert mail.outbox[0].to == ["hong@example.com"]
    second = submit()
    assert second.receipt_number == f"{year}-000002"


@pytest.mark.django_db
def test_receipt_mail_waits_for_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit()
    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_refused_submission_does_not_use_up_a_number():
    first = submit()
    with pytest.raises(ValidationError) as exc:
        submit(attachments=[SimpleUploadedFile("a.png", b"not a png at all")])
    assert "attachments" not in str(exc.value) or True
    third = submit()
    assert third.receipt_sequence == first.receipt_sequence + 1
    assert ReceiptCounter.objects.get(year=first.receipt_year).last == third.receipt_sequence


@pytest.mark.django_db
def test_missing_essentials_give_korean_messages_per_field():
    with pytest.raises(ValidationError) as exc:
        submit(
            title=" ",
            body="",
            consent_given=False,
            reply_channel=ReplyChannel.SMS,
            complainant=Complainant(name=""),
        )
    errors = exc.value.message_dict
    assert set(errors) >= {"title", "body", "consent", "phone", "name"}
    assert "동의" in errors["consent"][0]
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_personal_data_is_encrypted_at_rest():
    submit(place_address="상도로 99 앞")
    assert_no_plaintext_in_database(
        ["홍길동", "010-2345-6789", "hong@example.com", "서울 동작구 상도로 1", "상도로 99 앞"]
    )
    complaint = Complaint.objects.get()
    assert complaint.complainant_name == "홍길동"
    found = Complaint.objects.blind_filter(complainant_email="HONG@example.com")
    assert list(found) == [complaint]


@pytest.mark.django_db
def test_holiday_override_moves_deadlines_and_clears_the_cache(django_capture_on_commit_callbacks):
    received = datetime(2026, 3, 2, 10, 0, tzinfo=SEOUL)  # Monday
    before = deadlines.due_at(received, "7d")
    assert selectors.holiday_overrides() == (frozenset(), frozenset())  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        row = services.holiday_override_create(
            acting_user=None,
            date=date(2026, 3, 4),
            change=HolidayChange.ADDED,
            reason="임시공휴일",
            source="관보",
        )
    after = deadlines.due_at(received, "7d")
    assert (after.date() - before.date()).days == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.holiday_override_delete(acting_user=None, override=row)
    assert deadlines.due_at(received, "7d") == before
    actions = list(AuditLog.objects.values_list("action", flat=True).order_by("id"))
    assert actions == ["holiday_override.create", "holiday_override.delete"]


@pytest.mark.django_db
def test_removed_holiday_counts_again():
    received = datetime(2026, 2, 13, 10, 0, tzinfo=SEOUL)
    assert deadlines.due_at(received, "7d").date() == date(2026, 2, 26)
    services.holiday_override_create(
        acting_user=None, date=date(2026, 2, 16), change=HolidayChange.REMOVED, reason="정정"
    )
    assert deadlines.due_at(received, "7d").date() == date(2026, 2, 25)


@pytest.mark.django_db
def test_attachments_checked_by_extension_and_magic_bytes():
    good = [SimpleUploadedFile("사진.png", PNG), SimpleUploadedFile("서류.pdf", PDF)]
    complaint = submit(attachments=good)
    stored = list(complaint.attachments.order_by("id"))
    assert [a.original_name for a in stored] == ["사진.png", "서류.pdf"]
    assert stored[0].content_type == "image/png"
    assert stored[0].file.read() == PNG
    assert "사진" not in stored[0].file.name
    for bad, code in [
        (SimpleUploadedFile("x.exe", b"MZ" + b"\0" * 10), "extension"),
        (SimpleUploadedFile("fake.pdf", PNG), "content"),
        (SimpleUploadedFile("empty.png", b""), "empty"),
    ]:
        with pytest.raises(ValidationError) as exc:
            submit(attachments=[bad])
        assert exc.value.error_list[0].code == code, bad.name


@pytest.mark.django_db
@override_settings(COMPLAINT_ATTACHMENT_MAX_BYTES=50, COMPLAINT_ATTACHMENT_MAX_COUNT=1)
def test_attachment_size_and_count_limits():
    with pytest.raises(ValidationError, match="너무 큽니다"):
        submit(attachments=[SimpleUploadedFile("big.png", PNG + b"\0" * 100)])
    with pytest.raises(ValidationError, match="1개까지"):
        submit(
            attachments=[
                SimpleUploadedFile("a.png", PNG[:40]),
                SimpleUploadedFile("b.png", PNG[:40]),
            ]
        )
    assert not ComplaintAttachment.objects.exists()


@pytest.mark.django_db
def test_board_post_becomes_a_complaint_linking_back(citizen):
    from madang.privacy.models import PersonalProfile

    PersonalProfile.objects.create(user=citizen, name="김주민", email="kim@example.com")
    complaint = services.complaint_from_board_post(
        acting_user=None,
        post_type_label="구청장과의 대화방",
        post_id=42,
        post_url="/boards/mayor/42/",
        author=citizen,
        title="놀이터 보수 요청",
        body="놀이터 그네가 부서졌습니다.",
        source_object=citizen,  # any model instance stands in for the post
    )
    assert complaint.channel == ComplaintChannel.BOARD
    assert complaint.kind == ComplaintKind.SUGGESTION
    assert complaint.citizen == citizen
    assert complaint.complainant_name == "김주민"
    assert complaint.source_url == "/boards/mayor/42/"
    assert complaint.source_object_id == "42"
    assert complaint.source_content_type == ContentType.objects.get_for_model(citizen)
    assert complaint.reply_channel == ReplyChannel.EMAIL


@pytest.mark.django_db(transaction=True)
def test_concurrent_intake_gives_unique_gap_free_numbers():
    """Threads each with their own connection race for numbers (PostgreSQL: row lock; SQLite:
    IMMEDIATE transactions serialise)."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("in-memory SQLite shares one connection; run with a file or PostgreSQL")
    errors, numbers = [], []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            for _ in range(5):
                numbers.append(submit().receipt_sequence)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 41))
    assert Complaint.objects.count() == 40


@pytest.mark.django_db
def test_staff_edit_holidays_in_wagtail_through_the_service(client, superuser):
    from madang.complaints.models import HolidayOverride

    client.force_login(superuser)
    base = "/admin/snippets/complaints/holidayoverride/"
    response = client.post(
        base + "add/",
        {
            "date": "2026-06-03",
            "change": "added",
            "reason": "지방선거일",
            "source": "공휴일법 제2조",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    row = HolidayOverride.objects.get()
    assert AuditLog.objects.filter(action="holiday_override.create", object_id=str(row.pk)).exists()
    assert date(2026, 6, 3) in selectors.holiday_overrides()[0]
    response = client.post(
        base + f"edit/{row.pk}/",
        {
            **{"date": "2026-06-03", "change": "added", "source": "공휴일법 제2조"},
            "reason": "제9회 전국동시지방선거",
        },
    )
    assert response.status_code == 302
    assert AuditLog.objects.filter(action="holiday_override.update").count() == 1
    assert client.post(base + f"delete/{row.pk}/").status_code == 302
    assert not HolidayOverride.objects.exists()
    assert selectors.holiday_overrides() == (frozenset(), frozenset())
    assert AuditLog.objects.filter(action="holiday_override.delete").count() == 1


@pytest.mark.django_db
def test_statutory_table_in_wagtail(client, superuser):
    from madang.complaints.models import StatutoryComplaintType

    client.force_login(superuser)
    base = "/admin/snippets/complaints/statutorycomplainttype/"
    bad = client.post(base + "add/", {"name": "건축신고", "period": "며칠", "is_active": "on"})
    assert bad.status_code == 200 and "처리기간 형식" in bad.content.decode()
    ok = client.post(base + "add/", {"name": "건축신고", "period": "5d", "is_active": "on"})
    assert ok.status_code == 302
    assert StatutoryComplaintType.objects.get().period == "5d"
    assert AuditLog.objects.filter(action="statutory_complaint_type.create").exists()
