"""Settings come from the environment: check the parsing in a fresh interpreter."""

import json
import os
import subprocess
import sys

import pytest

SNIPPET = """
import json, django
from django.conf import settings
django.setup()
from django.core.cache import cache
out = {"db": settings.DATABASES["default"]["ENGINE"],
       "cache": settings.CACHES["default"]["BACKEND"], "hosts": settings.ALLOWED_HOSTS}
if "redis" in out["cache"]:
    cache.set("madang-settings-test", "값", 10)
    out["roundtrip"] = cache.get("madang-settings-test")
print(json.dumps(out))
"""


def run_with(env_overrides: dict) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "madang.config.settings.dev", **env_overrides}
    result = subprocess.run(
        [sys.executable, "-c", SNIPPET],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_are_sqlite_and_local_memory(tmp_path):
    out = run_with({"DATABASE_URL": "", "REDIS_URL": "", "MADANG_VAR_DIR": str(tmp_path)})
    assert out["db"] == "django.db.backends.sqlite3"
    assert out["cache"].endswith("LocMemCache")


@pytest.mark.skipif(
    subprocess.run(["redis-cli", "ping"], capture_output=True, check=False).returncode != 0,
    reason="no Redis on this machine",
)
def test_redis_url_selects_the_shared_cache():
    out = run_with({"REDIS_URL": "redis://127.0.0.1:6379/14", "ALLOWED_HOSTS": "a.go.kr,b.go.kr"})
    assert out["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert out["roundtrip"] == "값"
    assert out["hosts"] == ["a.go.kr", "b.go.kr"]


def test_postgres_url_selects_postgresql():
    out = run_with({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"})
    assert out["db"] == "django.db.backends.postgresql"
