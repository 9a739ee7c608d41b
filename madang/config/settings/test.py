"""Settings for the test suite: fast hashing, in-memory cache, tasks run at once, no real mail."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-madang-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
FIELD_ENCRYPTION_KEYS = [
    "test1:dGVzdC1vbmx5LWZpZWxkLWtleS1tYWRhbmctMDAwMDA=",
    "test0:b2xkLXRlc3Qta2V5LWZvci1yb3RhdGlvbi0wMDAwMDA=",
]
BLIND_INDEX_KEY = "dGVzdC1vbmx5LWJsaW5kLWluZGV4LWtleS1tYWRhbmc="
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off, so that query-count tests measure rendering; madang/pages/tests/test_cache.py turns it on.
MADANG_PAGE_CACHE_SECONDS = 0
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASKS["default"]["QUEUES"],  # noqa: F405
    }
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# pytest-django's live server serves static files only when it finds this exact app label
# string; the tests never collectstatic, so the plain app stands in for Madang's subclass.
_MADANG_STATIC = "madang.core.staticfiles.MadangStaticFilesConfig"
INSTALLED_APPS = [
    "django.contrib.staticfiles" if app == _MADANG_STATIC else app
    for app in INSTALLED_APPS  # noqa: F405
]
