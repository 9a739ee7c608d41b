"""Settings for `make run`: one machine, SQLite under var/, DEBUG on, mail to the console."""

import os

from .base import *  # noqa: F403
from .base import FIELD_ENCRYPTION_KEYS, SECRET_KEY

DEBUG = True
# Throwaway values so a fresh clone runs; production refuses these (madang.core.checks).
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-madang-dongjak-local-0123456789abcdef"
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [
    "dev1:ZGV2LW9ubHktZmllbGQta2V5LW1hZGFuZy0wMDAwMDA="
]
BLIND_INDEX_KEY = (
    os.environ.get("BLIND_INDEX_KEY") or "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LW1hZGFuZyE="
)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
