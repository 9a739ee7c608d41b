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
    settings.COMPLAINT_ATTACHMENT_ROOT = tmp_path / "complaint-attachments"


@pytest.fixture(autouse=True)
def _korean_by_default():
    """Every test starts in the site's default language: a test (or a request handled in this
    thread) that activated English must not change what the next test reads."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
