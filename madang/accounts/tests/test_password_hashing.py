"""Passwords are stored one-way with a salt (안전성 확보조치 기준 제7조): PBKDF2-SHA256."""

import pytest

from madang.accounts.models import PasswordHistory, User
from madang.config.settings import base

pytestmark = pytest.mark.django_db


def test_production_hashers_store_pbkdf2_sha256(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = User(username="hashcheck", kind="staff", is_staff=True)
    user.set_password("Hw8?tNq2&e")
    user.save()
    algorithm, iterations, salt, _digest = user.password.split("$")
    assert algorithm == "pbkdf2_sha256"
    assert int(iterations) >= 600_000 and len(salt) >= 16
    assert "Hw8?tNq2&e" not in user.password
    assert PasswordHistory.objects.get(user=user).password_hash == user.password
    assert user.check_password("Hw8?tNq2&e")
