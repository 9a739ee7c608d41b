import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from madang.core.audit import audit_log_record, model_snapshot, snapshot_diff
from madang.core.models import AuditLog
from madang.core.models.audit import AuditLogImmutable
from madang.core.request_context import reset_client_ip, set_client_ip
from madang.departments.models import Department

pytestmark = pytest.mark.django_db


def _row(user=None, **kw):
    with transaction.atomic():
        return audit_log_record(acting_user=user, action="test.thing", object_type="x", **kw)


def test_record_names_actor_and_ip(staff_user):
    token = set_client_ip("10.1.2.3")
    try:
        row = _row(staff_user, object_id="7", changes={"a": [1, 2]})
    finally:
        reset_client_ip(token)
    row.refresh_from_db()
    assert (row.actor, row.actor_repr, row.ip_address) == (staff_user, "staff1", "10.1.2.3")
    assert row.changes == {"a": [1, 2]}


def test_system_actor_when_no_user():
    assert _row().actor_repr == "system"


@pytest.mark.django_db(transaction=True)
def test_record_must_run_inside_the_service_transaction():
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        audit_log_record(acting_user=None, action="x", object_type="y")


def test_rows_cannot_be_changed_or_deleted_through_the_orm():
    row = _row()
    row.action = "rewritten"
    with pytest.raises(AuditLogImmutable):
        row.save()
    with pytest.raises(AuditLogImmutable):
        row.delete()
    with pytest.raises(AuditLogImmutable):
        AuditLog.objects.filter(pk=row.pk).update(action="rewritten")
    with pytest.raises(AuditLogImmutable):
        AuditLog.objects.all().delete()
    assert AuditLog.objects.get(pk=row.pk).action == "test.thing"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only"
)
def test_postgresql_refuses_raw_update_and_delete():
    row = _row()
    for sql in (
        "UPDATE core_auditlog SET action = 'x' WHERE id = %s",
        "DELETE FROM core_auditlog WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [row.pk])
    assert AuditLog.objects.filter(pk=row.pk, action="test.thing").exists()


def test_snapshot_and_diff():
    dept = Department(code="a", name_ko="가", phone="1")
    before = model_snapshot(dept, ["code", "name_ko", "phone", "parent"])
    dept.phone = "2"
    after = model_snapshot(dept, ["code", "name_ko", "phone", "parent"])
    assert snapshot_diff(before, after) == {"phone": ["1", "2"]}
    assert before["parent"] is None


def test_deleting_a_user_keeps_the_rows_they_wrote(django_user_model):
    user = django_user_model.objects.create_user(username="leaver", password="x")
    row = _row(user)
    user_pk = user.pk
    user.delete()
    row = AuditLog.objects.get(pk=row.pk)
    assert (row.actor_id, row.actor_repr) == (user_pk, "leaver")
