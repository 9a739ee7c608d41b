"""Who may use the staff desk and which 민원 they see there: the same rule as the handling
pages (madang.complaints.handling.access), so a list never offers what the detail refuses.

- 민원 총괄 (`complaints.change_complaint`) and superusers: every department, 독촉 to any.
- Other staff: their department's 민원 and those assigned to them.
"""

from __future__ import annotations

from django.db.models import Q

from ..handling.access import is_complaint_manager, is_staff_member


def can_use_desk(user) -> bool:
    return is_staff_member(user)


def oversees_all(user) -> bool:
    """민원 총괄 (민원실; the 민원심사관 of 시행령 제28조② sits there)."""
    return is_complaint_manager(user)


def visible_complaints_q(user) -> Q:
    """The 민원 a desk user may list or act on (a Q that matches nothing for non-staff)."""
    if not can_use_desk(user):
        return Q(pk__in=[])
    if oversees_all(user):
        return Q()
    q = Q(assigned_to=user)
    if user.department_id is not None:
        q |= Q(department_id=user.department_id)
    return q


def can_see_department(user, department) -> bool:
    if department is None or not can_use_desk(user):
        return False
    return oversees_all(user) or department.pk == user.department_id
