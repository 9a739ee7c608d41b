"""Test data for the staff desk tests: departments, staff and 민원 made directly (the intake
service is tested elsewhere), with receipt numbers, deadlines and states as given."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.complaints.choices import ComplaintKind, ComplaintStatus
from madang.complaints.models import Complaint
from madang.departments.models import Department

_seq = itertools.count(1)


def department(code: str, name: str, email: str = "") -> Department:
    return Department.objects.create(code=code, name_ko=name, email=email)


def staff(username: str, dept: Department | None, *, manager: bool = False) -> User:
    user = User.objects.create_user(
        username=username,
        password="x",
        is_staff=True,
        kind=AccountKind.STAFF,
        department=dept,
        last_name=username[:1],
        first_name=username[1:],
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    if manager:
        user.user_permissions.add(
            Permission.objects.get(
                content_type__app_label="complaints", codename="change_complaint"
            )
        )
    return User.objects.get(pk=user.pk)  # drop the permission cache


def complaint(
    dept: Department | None,
    *,
    due_in: timedelta = timedelta(days=5),
    status: str = ComplaintStatus.RECEIVED,
    assigned_to: User | None = None,
    title: str = "보도블록 파손 신고",
    kind: str = ComplaintKind.SUGGESTION,
    received_ago: timedelta = timedelta(days=3),
    closed_after: timedelta | None = None,
    now=None,
) -> Complaint:
    now = now or timezone.now()
    n = next(_seq)
    received = now - received_ago
    closed_at = received + closed_after if closed_after is not None else None
    return Complaint.objects.create(
        receipt_number=f"2026-{n:06d}",
        receipt_year=2026,
        receipt_sequence=n,
        kind=kind,
        title=title,
        body="내용 010-1234-5678",
        complainant_name="홍길동",
        complainant_phone="010-1234-5678",
        consent_given_at=received,
        received_at=received,
        period="7d",
        due_at=now + due_in,
        status=status,
        department=dept,
        assigned_to=assigned_to,
        assigned_at=now if assigned_to else None,
        closed_at=closed_at,
        answered_at=closed_at if status == ComplaintStatus.ANSWERED else None,
    )
