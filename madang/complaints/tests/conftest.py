import pytest
from django.core.cache import cache

from madang.accounts.models import User


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(db):
    return User.objects.create_user(username="citizen1", password="pw-Long-enough-1!")


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"x" * 64
