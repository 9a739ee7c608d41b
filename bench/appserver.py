"""The application server every HTTP bench starts: a throwaway PostgreSQL database, production
settings with fresh throwaway secrets, gunicorn on a free loopback port, and its clean stop.

Shared by bench_http.py, bench_complaints.py and the benches that import these names through
bench_http, so that each measures the same server set up the same way.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
PYTHON = sys.executable
SETTINGS = "madang.config.settings.production"
# SECURE_SSL_REDIRECT is on in production; nginx tells Django the request came over HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


class BenchError(Exception):
    """A bench cannot run or its result is invalid."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def choose_cache(choice: str) -> tuple[str, str]:
    """Return (backend name for the report, REDIS_URL for the app or "")."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if choice == "locmem":
        return "locmem", ""
    if redis_answers(url):
        return "redis", url
    if choice == "redis":
        raise BenchError(f"--cache redis, but no Redis answers at {url}")
    return "locmem", ""


def app_environment(args, tmp: Path, database_url: str, redis_url: str) -> dict[str, str]:
    """Production settings with throwaway secrets that pass madang.core.checks."""
    run_env = dict(os.environ)
    # Nothing inherited may loosen production settings or point at another database.
    for name in (
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "DATABASE_CONN_MAX_AGE",
        "MEDIA_STORAGE",
        "LOG_LEVEL",
    ):
        run_env.pop(name, None)
    key = base64.b64encode(secrets.token_bytes(32)).decode()
    run_env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        FIELD_ENCRYPTION_KEYS=f"bench{secrets.token_hex(4)}:{key}",
        BLIND_INDEX_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        # A fresh prefix: nothing cached by an earlier run (other page ids) can be served.
        CACHE_KEY_PREFIX=f"madang-bench-{secrets.token_hex(4)}",
        MADANG_BENCH_VIEWS="true",
        MADANG_VAR_DIR=str(tmp / "var"),
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    return run_env


def recreate_database(server_url: str, name: str) -> None:
    try:
        import psycopg
    except ImportError as exc:
        raise BenchError("psycopg is missing: run with the project's .venv/bin/python") from exc
    try:
        with psycopg.connect(
            f"{server_url.rstrip('/')}/postgres", autocommit=True, connect_timeout=10
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    except psycopg.Error as exc:
        raise BenchError(f"cannot recreate database {name} on {server_url}: {exc}") from exc


def manage(run_env: dict[str, str], *command: str) -> None:
    started = time.monotonic()
    proc = subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=REPO,
        env=run_env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(command)} failed ({proc.returncode}):\n"
            f"{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
        )
    print(f"  manage.py {command[0]}: {time.monotonic() - started:.1f} s", flush=True)


def _die_with_parent() -> None:
    """In the child: get SIGTERM if this bench dies without cleaning up (Linux only)."""
    os.setsid()
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_gunicorn(args, run_env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "madang.config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--no-control-socket",
        "--error-logfile",
        str(log),
        "--log-level",
        "warning",
    ]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.worker_threads)]
    print(f"  {' '.join(command[1:])}", flush=True)
    return subprocess.Popen(
        command,
        cwd=REPO,
        env=run_env,
        stdin=subprocess.DEVNULL,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent,
    )


def stop_gunicorn(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    started = time.monotonic()
    # SIGINT is gunicorn's quick shutdown: nothing is in flight worth finishing gracefully.
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        print("  gunicorn did not stop within 10 s; killing it", file=sys.stderr)
    # The master leads its own process group (setsid above): whatever is left of it goes.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    print(f"  gunicorn stopped ({time.monotonic() - started:.1f} s)", file=sys.stderr)


def get(port: int, path: str, timeout: float = 10) -> tuple[int, bytes, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=PROXY_HEADERS)
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def wait_until_ready(proc: subprocess.Popen, port: int, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"gunicorn exited ({proc.returncode}):\n{tail(log)}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            status, body, _ = get(port, "/healthz", timeout=5)
            if status == 200:
                return
            raise BenchError(f"/healthz answered {status}: {body[:500]!r}\n{tail(log)}")
        time.sleep(0.3)
    raise BenchError(f"gunicorn did not answer within {timeout:.0f} s:\n{tail(log)}")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
