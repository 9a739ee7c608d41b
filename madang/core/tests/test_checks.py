"""Production settings refuse to start when a setting would leave the site open."""

import base64
import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from madang.core import checks
from madang.core.keys import KeyConfigError, parse_field_encryption_keys

GOOD_KEY = "prod1:" + base64.b64encode(os.urandom(32)).decode()
SAFE = {
    "MADANG_PRODUCTION": True,
    "SECRET_KEY": "k" * 20 + "Zq8!xP3@vL0#mN5$bR7%tY2^wE9&uI4*oA6(sD1)",
    "FIELD_ENCRYPTION_KEYS": [GOOD_KEY],
    "DEBUG": False,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_SSL_REDIRECT": True,
    "ALLOWED_HOSTS": ["www.dongjak.go.kr"],
}


@pytest.fixture
def prod(settings):
    for name, value in SAFE.items():
        setattr(settings, name, value)
    return settings


def ids(errors):
    return sorted(e.id for e in errors)


def test_safe_production_settings_pass(prod):
    assert checks.production_errors() == []
    checks.raise_if_unsafe()


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("SECRET_KEY", "", "madang.E001"),
        ("SECRET_KEY", "short-secret", "madang.E001"),
        ("SECRET_KEY", "dev-only-not-secret-madang-dongjak-local-0123456789abcdef", "madang.E001"),
        ("SECRET_KEY", "a" * 64, "madang.E001"),
        ("FIELD_ENCRYPTION_KEYS", [], "madang.E002"),
        ("FIELD_ENCRYPTION_KEYS", ["nocolon"], "madang.E002"),
        ("FIELD_ENCRYPTION_KEYS", ["k1:" + base64.b64encode(b"x" * 16).decode()], "madang.E002"),
        ("FIELD_ENCRYPTION_KEYS", ["dev1:" + base64.b64encode(b"x" * 32).decode()], "madang.E002"),
        ("DEBUG", True, "madang.E003"),
        ("SESSION_COOKIE_SECURE", False, "madang.E004"),
        ("CSRF_COOKIE_SECURE", False, "madang.E004"),
        ("SESSION_COOKIE_HTTPONLY", False, "madang.E004"),
        ("SESSION_COOKIE_SAMESITE", "None", "madang.E004"),
        ("SECURE_HSTS_SECONDS", 3600, "madang.E005"),
        ("SECURE_SSL_REDIRECT", False, "madang.E005"),
        ("ALLOWED_HOSTS", ["*"], "madang.E006"),
        ("ALLOWED_HOSTS", [], "madang.E006"),
    ],
)
def test_each_unsafe_setting_is_an_error(prod, name, value, expected):
    setattr(prod, name, value)
    errors = checks.production_errors()
    assert ids(errors) == [expected]
    assert all(e.is_serious() for e in errors)
    with pytest.raises(ImproperlyConfigured, match=expected):
        checks.raise_if_unsafe()


def test_checks_registered_with_django(prod):
    from django.core.checks import run_checks

    prod.DEBUG = True
    assert "madang.E003" in ids(run_checks())


def test_production_checks_silent_outside_production(settings):
    settings.MADANG_PRODUCTION = False
    settings.DEBUG = True
    assert checks.check_production_settings(None) == []


def test_malformed_keys_are_an_error_in_every_environment(settings):
    settings.MADANG_PRODUCTION = False
    settings.FIELD_ENCRYPTION_KEYS = ["k1:not-base64!"]
    assert ids(checks.check_encryption_keys_parse(None)) == ["madang.E002"]


def test_parse_keys_keeps_order_and_rejects_duplicates():
    a = base64.b64encode(b"a" * 32).decode()
    b = base64.b64encode(b"b" * 32).decode()
    assert list(parse_field_encryption_keys([f"new:{b}", f"old:{a}"])) == ["new", "old"]
    with pytest.raises(KeyConfigError, match="twice"):
        parse_field_encryption_keys([f"k:{a}", f"k:{b}"])


def test_wsgi_refuses_to_load_with_unsafe_production_settings():
    """gunicorn runs no system checks: the app itself must refuse (CoreConfig.ready)."""
    import subprocess
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "DEBUG"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "madang.config.settings.production"
    env["DATABASE_URL"] = "sqlite:///:memory:"
    result = subprocess.run(
        [sys.executable, "-c", "import madang.config.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "refuses to start" in result.stderr
    assert "madang.E001" in result.stderr and "madang.E002" in result.stderr
