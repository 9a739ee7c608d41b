"""The PII access log (개인정보의 안전성 확보조치 기준 제8조): what is recorded, the hash chain and
its verification, append-only guards, the two-year prune, and the monthly review."""

import hashlib
import json
import threading
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.db.utils import DatabaseError
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.core.models import AuditLog
from madang.core.request_context import reset_client_ip, set_client_ip
from madang.core.scheduling import registered_jobs
from madang.privacy import access_log
from madang.privacy.models import PersonalProfile, PIIAccessAction, PIIAccessLog, PIIAccessLogHead
from madang.privacy.models.access_log import PIIAccessLogImmutable
from madang.privacy.selectors import (
    is_outside_working_hours,
    personal_profile_for_staff,
    personal_profile_search,
)
from madang.privacy.services import (
    personal_profile_update,
    pii_access_log_prune,
    pii_access_logged,
    pii_access_record,
    pii_access_record_many,
)

pytestmark = pytest.mark.django_db
POSTGRES = connection.vendor == "postgresql"
TABLE = PIIAccessLog._meta.db_table


@pytest.fixture
def clock(monkeypatch):
    """A settable clock: clock.set(datetime) moves timezone.now() everywhere."""

    class Clock:
        now = datetime(2026, 11, 10, 1, 0, tzinfo=UTC)  # Tue 10:00 in Seoul

        def set(self, value):
            self.now = value

    c = Clock()
    monkeypatch.setattr(timezone, "now", lambda: c.now)
    return c


@pytest.fixture
def citizen(db):
    user = User.objects.create_user(username="citizen1", password="x")
    with transaction.atomic():
        personal_profile_update(acting_user=user, user=user, name="홍길동", phone="010-1234-5678")
    return user


@pytest.fixture
def officer(db):
    return User.objects.create_user(
        username="officer1", password="x", is_staff=True, kind=AccountKind.STAFF
    )


def record(actor, subject, action=PIIAccessAction.VIEW, **kw):
    return pii_access_record(actor=actor, subject_user=subject, action=action, **kw)


def verify():
    out, err = StringIO(), StringIO()
    call_command("verify_pii_access_log", stdout=out, stderr=err)
    return out.getvalue()


def raw_sql(sql, params=()):
    """Tamper as an attacker with database access would, past the PostgreSQL trigger."""
    with transaction.atomic(), connection.cursor() as cursor:
        if POSTGRES:
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


# ---------------------------------------------------------------------------
# What is recorded


def test_record_holds_the_fields_of_article_2(officer, citizen):
    token = set_client_ip("10.20.30.40")
    try:
        profile = PersonalProfile.objects.get(user=citizen)
        entry = record(
            officer, citizen, PIIAccessAction.DOWNLOAD, obj=profile, reason="  감사 제출 "
        )
    finally:
        reset_client_ip(token)
    entry = PIIAccessLog.objects.get(pk=entry.pk)
    assert entry.actor_id == officer.pk and entry.actor_repr == "officer1"
    assert entry.ip_address == "10.20.30.40"
    assert entry.subject_user_id == citizen.pk
    assert entry.subject_display == f"홍*동 (#{citizen.pk})"
    assert entry.get_action_display() == "다운로드"
    assert entry.reason == "감사 제출"
    assert (entry.object_type, entry.object_id) == ("privacy.personalprofile", str(profile.pk))
    assert abs(entry.created_at - timezone.now()) < timedelta(seconds=5)


def test_subject_is_never_shown_in_the_clear(officer, citizen):
    entry = record(officer, citizen)
    assert "홍길동" not in str(entry) and "홍길동" not in entry.subject_display
    from madang.privacy.testing import assert_no_plaintext_in_database

    assert_no_plaintext_in_database(["홍길동", "010-1234-5678", "01012345678"])


@pytest.mark.parametrize(
    ("name", "masked"),
    [("홍길동", "홍*동"), ("김철", "김*"), ("남궁민수", "남**수"), ("이", "*"), ("", "")],
)
def test_mask_name(name, masked):
    assert access_log.mask_name(name) == masked


def test_subject_without_profile_is_masked_from_the_account(officer):
    other = User.objects.create_user(
        username="kimcs", password="x", last_name="김", first_name="철수"
    )
    assert record(officer, other).subject_display == f"김*수 (#{other.pk})"
    bare = User.objects.create_user(username="parkyh", password="x")
    assert record(officer, bare).subject_display == f"p****h (#{bare.pk})"


def test_only_the_five_tasks_are_accepted(officer, citizen):
    assert [c.label for c in PIIAccessAction] == ["조회", "수정", "삭제", "다운로드", "내보내기"]
    with pytest.raises(ValueError):
        record(officer, citizen, "peek")


def test_record_many_writes_one_row_per_subject(officer, citizen):
    other = User.objects.create_user(username="c2", password="x")
    rows = pii_access_record_many(
        actor=officer, subject_users=[citizen, other], action=PIIAccessAction.EXPORT, reason="통계"
    )
    assert [r.subject_user_id for r in rows] == [citizen.pk, other.pk]
    assert [r.seq for r in rows] == [1, 2]


def test_staff_reads_through_selectors_are_recorded(officer, citizen):
    profile = personal_profile_for_staff(actor=officer, user=citizen, reason="민원 확인")
    assert profile.name == "홍길동"
    found = personal_profile_search(actor=officer, phone="01012345678", reason="전화 민원")
    assert [p.user for p in found] == [citizen]
    assert personal_profile_search(actor=officer, phone="010-0000-0000") == []
    assert list(PIIAccessLog.objects.order_by("seq").values_list("action", "reason")) == [
        ("view", "민원 확인"),
        ("view", "전화 민원"),
    ]


def test_view_decorator_records_successful_responses_only(officer, citizen):
    @pii_access_logged(
        PIIAccessAction.VIEW, subject=lambda request, user_id: User.objects.get(pk=user_id)
    )
    def view(request, user_id):
        return HttpResponse(status=int(request.GET.get("status", 200)))

    request = RequestFactory().get("/x", {"reason": "본인 확인"})
    request.user = officer
    view(request, user_id=citizen.pk)
    bad = RequestFactory().get("/x", {"status": 404})
    bad.user = officer
    view(bad, user_id=citizen.pk)
    assert list(PIIAccessLog.objects.values_list("subject_user_id", "reason")) == [
        (citizen.pk, "본인 확인")
    ]


# ---------------------------------------------------------------------------
# The chain


def test_rows_are_chained_by_sha256_over_canonical_json(officer, citizen):
    first, second = record(officer, citizen), record(officer, citizen, reason="둘째")
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.entry_hash
    stored = PIIAccessLog.objects.get(pk=second.pk)
    payload = json.loads(access_log.canonical_json(stored))
    assert payload["prev_hash"] == first.entry_hash and payload["reason"] == "둘째"
    assert set(payload) == set(access_log.HASHED_FIELDS)
    assert stored.entry_hash == hashlib.sha256(access_log.canonical_json(stored)).hexdigest()
    head = PIIAccessLogHead.objects.get()
    assert (head.last_seq, head.last_hash) == (2, second.entry_hash)


def test_verify_passes_on_an_intact_chain(officer, citizen):
    for _ in range(5):
        record(officer, citizen)
    output = verify()
    assert "OK: 5 access records verified" in output
    assert PIIAccessLogHead.objects.get().last_hash in output


def test_verify_on_an_empty_log():
    assert "OK: 0 access records verified" in verify()


def _five(officer, citizen):
    return [record(officer, citizen, reason=f"r{i}") for i in range(5)]


def test_verify_detects_an_altered_row(officer, citizen):
    rows = _five(officer, citizen)
    raw_sql(f"UPDATE {TABLE} SET reason = 'nothing to see' WHERE id = %s", [rows[2].pk])  # noqa: S608
    err = StringIO()
    with pytest.raises(CommandError, match="broken at #3: row #3 was altered"):
        call_command("verify_pii_access_log", stdout=StringIO(), stderr=err)
    assert "first broken row: #3" in err.getvalue()


def test_verify_detects_a_row_rewritten_with_a_fresh_hash(officer, citizen):
    rows = _five(officer, citizen)
    forged = PIIAccessLog.objects.get(pk=rows[1].pk)
    forged.reason = "rewritten"
    new_hash = access_log.entry_hash(forged)
    raw_sql(
        f"UPDATE {TABLE} SET reason = 'rewritten', entry_hash = %s WHERE id = %s",  # noqa: S608
        [new_hash, rows[1].pk],
    )
    with pytest.raises(CommandError, match="row #3 does not link to the row before it"):
        verify()


def test_verify_detects_a_deleted_middle_row(officer, citizen):
    rows = _five(officer, citizen)
    raw_sql(f"DELETE FROM {TABLE} WHERE id = %s", [rows[1].pk])  # noqa: S608
    with pytest.raises(CommandError, match="rows #2–#2 are missing before row #3"):
        verify()


def test_verify_detects_rows_cut_from_the_end(officer, citizen):
    rows = _five(officer, citizen)
    raw_sql(f"DELETE FROM {TABLE} WHERE id = %s", [rows[4].pk])  # noqa: S608
    with pytest.raises(CommandError, match="ends at #4 but the head records #5"):
        verify()


def test_verify_detects_the_oldest_rows_deleted_outside_the_prune(officer, citizen):
    rows = _five(officer, citizen)
    raw_sql(f"DELETE FROM {TABLE} WHERE id = %s", [rows[0].pk])  # noqa: S608
    with pytest.raises(CommandError, match="broken at #2"):
        verify()


@pytest.mark.skipif(not POSTGRES, reason="row locks serialise concurrent appends on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_chain():
    officer = User.objects.create_user(username="o", password="x", is_staff=True)
    subject = User.objects.create_user(username="s", password="x")
    errors = []

    def worker():
        try:
            for _ in range(10):
                record(officer, subject)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert list(PIIAccessLog.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 41)
    )
    assert access_log.verify_chain().ok


# ---------------------------------------------------------------------------
# Append-only


def test_rows_cannot_be_changed_or_deleted_through_the_orm(officer, citizen):
    entry = record(officer, citizen)
    entry.reason = "changed"
    with pytest.raises(PIIAccessLogImmutable):
        entry.save()
    with pytest.raises(PIIAccessLogImmutable):
        entry.delete()
    with pytest.raises(PIIAccessLogImmutable):
        PIIAccessLog.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(PIIAccessLogImmutable):
        PIIAccessLog.objects.all().delete()
    assert verify().startswith("OK")


def test_deleting_an_account_leaves_its_records_intact(officer, citizen):
    record(officer, citizen)
    citizen.delete()
    entry = PIIAccessLog.objects.get()
    assert entry.subject_user_id is not None
    assert verify().startswith("OK")


@pytest.mark.skipif(not POSTGRES, reason="the database trigger exists on PostgreSQL only")
def test_postgresql_refuses_raw_update_and_delete(officer, citizen):
    entry = record(officer, citizen)
    for sql in (
        f"UPDATE {TABLE} SET reason = 'x' WHERE id = %s",  # noqa: S608
        f"DELETE FROM {TABLE} WHERE id = %s",  # noqa: S608
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert PIIAccessLog.objects.filter(pk=entry.pk).exists()


@pytest.mark.skipif(not POSTGRES, reason="the database trigger exists on PostgreSQL only")
def test_postgresql_prune_window_admits_only_rows_older_than_its_cutoff(officer, citizen):
    entry = record(officer, citizen)
    cutoff = (entry.created_at - timedelta(seconds=1)).isoformat()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT set_config('madang.pii_prune_before', %s, true)", [cutoff])
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        later = (entry.created_at + timedelta(seconds=1)).isoformat()
        cursor.execute("SELECT set_config('madang.pii_prune_before', %s, true)", [later])
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])  # noqa: S608
    assert not PIIAccessLog.objects.filter(pk=entry.pk).exists()


# ---------------------------------------------------------------------------
# Two-year retention


def test_retention_setting_defaults_to_two_years(settings):
    assert settings.PII_ACCESS_LOG_RETENTION_DAYS == 730


def test_prune_deletes_records_past_retention_and_the_chain_still_verifies(
    officer, citizen, clock, settings
):
    start = datetime(2024, 1, 1, 1, 0, tzinfo=UTC)
    for day in range(6):
        clock.set(start + timedelta(days=day * 200))
        record(officer, citizen, reason=f"day {day * 200}")
    # Rows at days 0, 200, 400, 600, 800, 1000. "Now" is day 1000: cutoff at day 270.
    result = pii_access_log_prune(now=start + timedelta(days=1000))
    assert result.deleted == 2 and result.through_seq == 2
    assert list(PIIAccessLog.objects.order_by("seq").values_list("seq", flat=True)) == [3, 4, 5, 6]
    head = PIIAccessLogHead.objects.get()
    assert head.pruned_through_seq == 2
    assert head.pruned_last_hash == PIIAccessLog.objects.get(seq=3).prev_hash
    assert "OK: 4 access records verified" in verify()
    audit = AuditLog.objects.get(action="privacy.pii_access_log.prune")
    assert (
        audit.changes["deleted"] == 2 and audit.changes["checkpoint_hash"] == head.pruned_last_hash
    )
    # Idempotent, and new rows keep chaining after the checkpoint.
    assert pii_access_log_prune(now=start + timedelta(days=1000)).deleted == 0
    clock.set(start + timedelta(days=1001))
    record(officer, citizen)
    assert "OK: 5 access records verified" in verify()


def test_prune_of_everything_leaves_a_verifiable_empty_chain(officer, citizen, clock):
    clock.set(datetime(2020, 1, 1, tzinfo=UTC))
    record(officer, citizen)
    record(officer, citizen)
    assert pii_access_log_prune(now=datetime(2026, 1, 1, tzinfo=UTC)).deleted == 2
    assert "OK: 0 access records verified" in verify()
    clock.set(datetime(2026, 1, 2, tzinfo=UTC))
    assert record(officer, citizen).prev_hash == PIIAccessLogHead.objects.get().pruned_last_hash
    assert verify().startswith("OK: 1")


def test_prune_refuses_to_destroy_a_tampered_segment(officer, citizen, clock):
    clock.set(datetime(2020, 1, 1, tzinfo=UTC))
    old = record(officer, citizen)
    clock.set(datetime(2026, 1, 1, tzinfo=UTC))
    record(officer, citizen)
    raw_sql(f"UPDATE {TABLE} SET reason = 'covered up' WHERE id = %s", [old.pk])  # noqa: S608
    with pytest.raises(access_log.ChainBroken, match="row #1 was altered"):
        pii_access_log_prune(now=datetime(2026, 1, 2, tzinfo=UTC))
    assert PIIAccessLog.objects.count() == 2


def test_prune_runs_as_a_daily_periodic_task(officer, citizen, clock):
    from madang.privacy.tasks import prune_pii_access_log

    assert "madang.privacy.tasks.prune_pii_access_log" in registered_jobs()
    clock.set(datetime(2020, 1, 1, tzinfo=UTC))
    record(officer, citizen)
    clock.set(datetime(2026, 11, 1, tzinfo=UTC))
    result = prune_pii_access_log.enqueue()
    assert result.return_value == 1
    assert not PIIAccessLog.objects.exists()


# ---------------------------------------------------------------------------
# Monthly review


@pytest.fixture
def november(officer, citizen, clock, settings):
    settings.PII_ACCESS_DAILY_SUBJECT_THRESHOLD = 3
    night_owl = User.objects.create_user(username="owl", password="x", is_staff=True)
    others = [User.objects.create_user(username=f"s{i}", password="x") for i in range(4)]
    seoul = timezone.get_fixed_timezone(9 * 60)
    clock.set(datetime(2026, 11, 10, 10, 0, tzinfo=seoul))  # Tuesday, office hours
    record(officer, citizen)
    record(officer, citizen, PIIAccessAction.UPDATE)
    record(officer, citizen, PIIAccessAction.DOWNLOAD, reason="정보공개청구 회신")
    record(officer, citizen, PIIAccessAction.EXPORT)
    clock.set(datetime(2026, 11, 11, 14, 0, tzinfo=seoul))
    for subject in others:  # 4 subjects in one day > threshold 3
        record(officer, subject)
    clock.set(datetime(2026, 11, 12, 23, 30, tzinfo=seoul))  # late at night
    record(night_owl, citizen)
    clock.set(datetime(2026, 11, 15, 11, 0, tzinfo=seoul))  # Sunday
    record(night_owl, citizen)
    clock.set(datetime(2026, 10, 31, 10, 0, tzinfo=seoul))  # another month
    record(night_owl, citizen, PIIAccessAction.DOWNLOAD)
    clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=seoul))
    return others


def test_monthly_report_command(november, citizen):
    out = StringIO()
    call_command("pii_access_report", "--month", "2026-11", stdout=out)
    text = out.getvalue()
    assert "전체 10건" in text
    assert "officer1\t5\t1\t0\t1\t1\t8" in text
    assert "owl\t2\t0\t0\t0\t0\t2" in text
    assert "정보공개청구 회신" in text and "!! 사유 없음" in text
    assert f"홍*동 (#{citizen.pk})" in text and "홍길동" not in text
    assert "!! 2026-11-11\tofficer1\t정보주체 4명" in text
    assert "!! owl\t2건" in text
    assert "점검 필요 항목 있음" in text


def test_monthly_report_defaults_to_last_month_and_rejects_bad_months(november):
    out = StringIO()
    call_command("pii_access_report", stdout=out)
    assert "2026-11" in out.getvalue()
    with pytest.raises(CommandError, match="2026-11 형식"):
        call_command("pii_access_report", "--month", "2026-13", stdout=StringIO())


def test_quiet_month(db):
    out = StringIO()
    call_command("pii_access_report", "--month", "2026-01", stdout=out)
    assert "전체 0건" in out.getvalue() and "특이사항 없음" in out.getvalue()


@pytest.mark.parametrize(
    ("local", "outside"),
    [
        ((2026, 11, 10, 9, 0), False),
        ((2026, 11, 10, 7, 59), True),
        ((2026, 11, 10, 20, 0), True),
        ((2026, 11, 14, 10, 0), True),  # Saturday
        ((2026, 10, 9, 10, 0), True),  # 한글날, a Friday
    ],
)
def test_working_hours(local, outside):
    moment = datetime(*local, tzinfo=timezone.get_fixed_timezone(9 * 60))
    assert is_outside_working_hours(moment) is outside


def admin_login(client, user):
    client.force_login(user)
    try:  # staff need a second factor for /admin/ (madang.accounts.mfa_middleware)
        from madang.accounts.mfa_testing import otp_mark_verified
    except ImportError:
        return
    otp_mark_verified(client, user)


def test_admin_report_needs_the_view_permission(client, november, officer):
    url = "/admin/reports/pii-access/?month=2026-11"
    officer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    admin_login(client, officer)
    denied = client.get(url)
    assert denied.status_code in (302, 403)
    assert "mfa" not in denied.get("Location", "")
    officer.user_permissions.add(Permission.objects.get(codename="view_piiaccesslog"))
    officer = User.objects.get(pk=officer.pk)
    admin_login(client, officer)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "정보공개청구 회신" in body and "officer1" in body and "홍길동" not in body
    assert "정보주체 4명" in body


def test_admin_report_menu_is_hidden_without_permission(rf, officer):
    from madang.privacy.wagtail_hooks import register_pii_access_report_menu_item

    item = register_pii_access_report_menu_item()
    request = rf.get("/")
    request.user = officer
    assert not item.is_shown(request)
