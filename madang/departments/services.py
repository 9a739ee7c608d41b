"""Writes for departments: the first write path that shows the service discipline.

Each service validates, saves, and appends an AuditLog row naming `acting_user`, all in one
transaction (ARCHITECTURE.md "How data flows").
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record, model_snapshot, snapshot_diff

from .models import Department

AUDITED_FIELDS = (
    "code", "name_ko", "name_en", "parent", "phone", "email", "location", "duties",
    "sort_order", "is_active",
)  # fmt: skip
EDITABLE_FIELDS = frozenset(AUDITED_FIELDS)


def _check_no_cycle(department: Department, parent: Department | None) -> None:
    seen = set()
    node = parent
    while node is not None:
        if node.pk == department.pk and department.pk is not None:
            raise ValidationError(
                {"parent": _("부서를 자기 자신이나 하위 부서 아래에 둘 수 없습니다.")}
            )
        if node.pk in seen:
            break
        seen.add(node.pk)
        node = node.parent


@transaction.atomic
def department_create(*, acting_user, **fields: Any) -> Department:
    """Create a department and record who did it."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown department fields: {sorted(unknown)}")
    department = Department(**fields)
    department.full_clean()
    department.save()
    audit_log_record(
        acting_user=acting_user,
        action="department.create",
        obj=department,
        changes=model_snapshot(department, AUDITED_FIELDS),
    )
    return department


@transaction.atomic
def department_update(*, acting_user, department: Department, **fields: Any) -> Department:
    """Change a department's fields; the audit row holds each old and new value."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown department fields: {sorted(unknown)}")
    before_row = Department.objects.select_for_update().get(pk=department.pk)
    before = model_snapshot(before_row, AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(department, name, value)
    _check_no_cycle(department, department.parent)
    department.full_clean()
    department.save()
    changes = snapshot_diff(before, model_snapshot(department, AUDITED_FIELDS))
    if changes:
        audit_log_record(
            acting_user=acting_user, action="department.update", obj=department, changes=changes
        )
    return department
