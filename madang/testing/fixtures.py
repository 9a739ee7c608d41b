"""Fixtures shared by every app's tests."""

import pytest

from madang.accounts.choices import AccountKind
from madang.accounts.models import User


@pytest.fixture
def staff_user(db):
    return User.objects.create_user(
        username="staff1", password="x", is_staff=True, kind=AccountKind.STAFF
    )


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(
        username="root1", password="x", email="root1@example.com", kind=AccountKind.STAFF
    )
