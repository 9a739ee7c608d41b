"""Fixtures of the handling tests: two departments, staff, a citizen, a clock to move, and a
민원 filed through the intake service."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.complaints import deadlines
from madang.complaints.services import Complainant, complaint_submit
from madang.departments.models import Department


def seoul(*args) -> datetime:
    return datetime(*args, tzinfo=deadlines.SEOUL)


class Clock:
    """timezone.now() under the test's control (every service reads it through the module)."""

    def __init__(self, monkeypatch, start: datetime):
        self.now = start
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, *args) -> datetime:
        self.now = seoul(*args)
        return self.now


def make_staff(username, dept, *, manager=False, phone="02-820-1111", superuser=False) -> User:
    user = User.objects.create_user(
        username=username,
        password="Staff-pass-word-1!",
        email=f"{username}@dongjak.go.kr",
        is_staff=True,
        is_superuser=superuser,
        kind=AccountKind.STAFF,
        department=dept,
        last_name="김",
        first_name=username,
        office_phone=phone,
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
    return User.objects.get(pk=user.pk)


@pytest.fixture
def depts(db):
    roads = Department.objects.create(code="roads", name_ko="도로과", phone="02-820-2000")
    parks = Department.objects.create(code="parks", name_ko="공원녹지과", phone="02-820-3000")
    return roads, parks


@pytest.fixture
def people(depts):
    roads, parks = depts
    return {
        "manager": make_staff("manager", None, manager=True),
        "roads": make_staff("roadsman", roads),
        "roads2": make_staff("roadswoman", roads, phone=""),
        "parks": make_staff("parksman", parks),
        "citizen": User.objects.create_user(username="jumin", password="Citizen-pass-1!"),
    }


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, seoul(2026, 3, 3, 10, 0))  # a Tuesday


def file_complaint(
    citizen=None,
    *,
    kind="suggestion",
    title="보도블록이 깨졌습니다",
    body="상도로 보도블록이 깨져 위험합니다. 010-2222-3333",
    email="jumin@example.com",
    phone="010-2222-3333",
    reply_channel="email",
    **extra,
):
    return complaint_submit(
        acting_user=citizen,
        citizen=citizen,
        kind=kind,
        title=title,
        body=body,
        complainant=Complainant(name="홍길동", phone=phone, email=email),
        consent_given=True,
        reply_channel=reply_channel,
        **extra,
    )
