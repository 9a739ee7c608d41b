"""Suite-wide fixtures. The network is blocked for every test (pytest-socket, see pyproject);
only loopback is allowed, for the live server, PostgreSQL and Redis on this machine."""

import pytest

pytest_plugins = [
    "madang.testing.fixtures",
    "madang.testing.browser",
    "madang.accounts.mfa_testing",
]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
