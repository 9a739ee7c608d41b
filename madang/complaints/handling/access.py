"""Who may handle a 민원: personal data is shown only to those handling it (개인정보 보호법
제29조, 안전성 확보조치 기준 제5조: access only as far as the work needs).

- 민원 총괄 (the 민원실, holders of `complaints.change_complaint`) and superusers: every 민원,
  including those not yet routed to a department.
- Staff of the 처리 부서: the 민원 of their department.
- The assigned official: their 민원, even after moving to another department.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from madang.accounts.choices import AccountKind

from ..models import Complaint

MANAGER_PERMISSION = "complaints.change_complaint"


def is_staff_member(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or (user.is_staff and user.kind == AccountKind.STAFF))
    )


def is_complaint_manager(user) -> bool:
    """민원 총괄: routes, transfers and assigns any 민원 (시행령 제13조: 민원실 → 주무부서)."""
    return is_staff_member(user) and (user.is_superuser or user.has_perm(MANAGER_PERMISSION))


def can_handle(user, complaint: Complaint) -> bool:
    """Whether `user` is among those handling `complaint` (and so may see its personal data)."""
    if not is_staff_member(user):
        return False
    if is_complaint_manager(user):
        return True
    if complaint.assigned_to_id is not None and complaint.assigned_to_id == user.pk:
        return True
    return complaint.department_id is not None and complaint.department_id == user.department_id


def complaints_handled_by(user) -> QuerySet[Complaint]:
    """The 민원 `user` may handle (nothing for anyone else)."""
    if not is_staff_member(user):
        return Complaint.objects.none()
    if is_complaint_manager(user):
        return Complaint.objects.all()
    mine = Q(assigned_to=user)
    if user.department_id is not None:
        mine |= Q(department_id=user.department_id)
    return Complaint.objects.filter(mine)


def access_complaint_for_staff(*, user, complaint_id: int) -> Complaint:
    """The 민원 if `user` handles it; Complaint.DoesNotExist both when it is missing and when
    it is someone else's, so nobody can probe for a 민원's existence."""
    return (
        complaints_handled_by(user)
        .select_related("department", "assigned_to", "field", "statutory_type", "citizen")
        .get(pk=complaint_id)
    )


def assignable_officials(complaint: Complaint) -> QuerySet:
    """Active staff of the 처리 부서 (everyone on staff while no department is set)."""
    from madang.accounts.models import User

    qs = User.objects.filter(is_active=True, is_staff=True, kind=AccountKind.STAFF)
    if complaint.department_id is not None:
        qs = qs.filter(department_id=complaint.department_id)
    return qs.select_related("department").order_by("last_name", "first_name", "username")
