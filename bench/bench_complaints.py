"""Complaint intake under load: 50 concurrent clients file 민원 through the JSON API.

What it does, every run:

1. drops and recreates a dedicated PostgreSQL database (default ``madang_bench_complaints``),
   migrates it and issues an API token with the scope ``complaints:write`` to a staff account
   (the production path for counters and relays filing on a citizen's behalf);
2. serves the app with gunicorn under ``madang.config.settings.production`` through the shared
   helpers of ``bench/appserver.py`` (throwaway secrets, free loopback port, clean stop);
3. runs N client threads (default 50), each POSTing ``/api/v1/complaints`` in a loop for the
   duration, with a fresh connection per request (gunicorn's sync workers close after each);
4. checks that every 201 answer is a row in the database, that no row is missing or extra,
   and that the receipt numbers of the year are unique and gap-free (1..N); prints
   submissions/s, p50/p95/p99 latency and the machine, and writes
   ``bench/results/complaints-<timestamp>.json``.

It exits 1 when any request failed, a 민원 was lost, numbers repeat or have gaps, or the rate
stays under the target (100 submissions/s; ``--target``).

    .venv/bin/python bench/bench_complaints.py [--quick] [--duration 20] [--clients 50]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from appserver import (
    PROXY_HEADERS,
    PYTHON,
    REPO,
    RESULTS_DIR,
    SETTINGS,
    BenchError,
    app_environment,
    choose_cache,
    free_port,
    manage,
    recreate_database,
    start_gunicorn,
    stop_gunicorn,
    tail,
    wait_until_ready,
)
from machine import describe, machine_info

TARGET_RPS = 100.0
SETUP_SCRIPT = """
from madang.accounts.models import ApiToken, User, hash_token
user = User.objects.filter(username="bench-relay").first() or User.objects.create_user(
    username="bench-relay", password=None, is_staff=True, kind="staff")
raw = ApiToken.generate_raw()
ApiToken.objects.create(user=user, name="bench", prefix=raw[:12], token_hash=hash_token(raw),
                        scopes=["complaints:write"])
print("TOKEN", raw)
"""


def env(name: str, default):
    return os.environ.get(f"MADANG_BENCH_{name}", default)


def parse_args(argv=None) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    truthy = {"1", "true", "yes", "on"}
    p.add_argument("--quick", action="store_true", default=env("QUICK", "").lower() in truthy)
    p.add_argument("--duration", type=int, default=None, help="seconds (default 20, quick 5)")
    p.add_argument("--clients", type=int, default=int(env("CLIENTS", 50)))
    p.add_argument("--workers", type=int, default=int(env("WORKERS", 2 * cores + 1)))
    p.add_argument(
        "--worker-class", default=env("WORKER_CLASS", "sync"), choices=["sync", "gthread"]
    )
    p.add_argument("--worker-threads", type=int, default=int(env("WORKER_THREADS", 1)))
    p.add_argument("--database", default=env("COMPLAINTS_DB", "madang_bench_complaints"))
    p.add_argument(
        "--postgres-url", default=env("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    )
    p.add_argument("--cache", default=env("CACHE", "auto"), choices=["auto", "redis", "locmem"])
    p.add_argument("--target", type=float, default=float(env("COMPLAINTS_TARGET", TARGET_RPS)))
    p.add_argument("--no-json", action="store_true")
    p.add_argument(
        "--reuse-database",
        action="store_true",
        default=env("REUSE_DB", "").lower() in truthy,
        help="keep the database between runs (migrate only; complaints emptied first): for "
        "repeated runs while profiling, where a fresh migrate costs minutes",
    )
    p.add_argument(
        "--email-share",
        type=float,
        default=float(env("EMAIL_SHARE", 0.5)),
        help="share of submissions that give an e-mail address, so get a receipt e-mail "
        "through the notification outbox (0..1)",
    )
    args = p.parse_args(argv)
    if args.duration is None:
        args.duration = int(env("DURATION", 5 if args.quick else 20))
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        p.error("--database must be a plain lower-case PostgreSQL identifier")
    return args


def issue_token(run_env: dict[str, str]) -> str:
    proc = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", SETUP_SCRIPT],
        cwd=REPO,
        env=run_env,
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"^TOKEN (\S+)$", proc.stdout, re.M)
    if proc.returncode != 0 or match is None:
        raise BenchError(f"token creation failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return match[1]


def database_exists(server_url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{server_url.rstrip('/')}/postgres", connect_timeout=10) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


def empty_complaints(database_url: str) -> None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "TRUNCATE complaints_complaint, complaints_receiptcounter, notifications_notification, "
            "core_auditlog, django_tasks_database_dbtaskresult RESTART IDENTITY CASCADE"
        )


EMAIL_SHARE = 0.5


def payload(client: int, n: int) -> bytes:
    kinds = ["suggestion", "other", "inquiry", "grievance"]
    return json.dumps(
        {
            "kind": kinds[n % len(kinds)],
            "inquiry_subkind": "law" if n % 2 else "other",
            "title": f"벤치 민원 {client}-{n}",
            "body": "보도블록이 깨져 있어 보행이 위험합니다. " * 5,
            "place_address": "서울 동작구 상도로 1",
            "name": "홍길동",
            "phone": "010-1234-5678",
            # Every other client gives an e-mail address and gets the receipt by e-mail: one
            # more row in the outbox, written in the intake transaction, and one task.
            "email": f"bench{client}@example.com" if client % 10 < round(EMAIL_SHARE * 10) else "",
            "reply_channel": "web",
            "consent": True,
        },
        ensure_ascii=False,
    ).encode()


def drive(port: int, token: str, clients: int, seconds: float, *, probe: bool = False) -> dict:
    """POST complaints from `clients` threads for `seconds`; with `probe`, GET /healthz instead
    (the cheapest request, to show what this client, server and machine manage right now)."""
    headers = {
        **PROXY_HEADERS,
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Host": "127.0.0.1",
    }
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    receipts: list[str] = []
    failures: list[str] = []
    start = threading.Barrier(clients)

    def client(index: int) -> None:
        n = 0
        start.wait()
        while time.monotonic() < stop_at:
            body = payload(index, n)
            n += 1
            began = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                if probe:
                    conn.request("GET", "/healthz", headers=PROXY_HEADERS)
                else:
                    conn.request("POST", "/api/v1/complaints", body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                conn.close()
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    failures.append(f"socket: {exc!r}")
                continue
            elapsed = time.perf_counter() - began
            with lock:
                if probe and response.status == 200:
                    latencies.append(elapsed)
                elif response.status == 201:
                    latencies.append(elapsed)
                    receipts.append(json.loads(data)["receipt_number"])
                else:
                    failures.append(f"{response.status}: {data[:200]!r}")

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    wall = time.monotonic() - began
    return {"latencies": latencies, "receipts": receipts, "failures": failures, "wall_s": wall}


def verify(database_url: str, receipts: list[str]) -> dict:
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT receipt_year, receipt_sequence, receipt_number FROM complaints_complaint"
        ).fetchall()
        counters = dict(conn.execute("SELECT year, last FROM complaints_receiptcounter").fetchall())
        with_email = conn.execute(
            "SELECT count(*) FROM complaints_complaint WHERE complainant_email <> ''"
        ).fetchone()[0]
        receipts_queued = conn.execute(
            "SELECT count(*) FROM notifications_notification WHERE purpose = 'complaint.receipt'"
        ).fetchone()[0]
        tasks = conn.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'madang.notifications.tasks.deliver_notification'"
        ).fetchone()[0]
    in_db = {r[2] for r in rows}
    answered = set(receipts)
    by_year: dict[int, list[int]] = {}
    for year, seq, _ in rows:
        by_year.setdefault(year, []).append(seq)
    gaps = {
        year: sorted(set(range(1, max(seqs) + 1)) - set(seqs)) for year, seqs in by_year.items()
    }
    return {
        "rows": len(rows),
        "answered_201": len(receipts),
        "duplicate_answers": len(receipts) - len(answered),
        "lost": sorted(answered - in_db)[:20],
        "unanswered_rows": len(in_db - answered),
        "duplicate_numbers": len(rows) - len(in_db),
        "gaps": {y: g[:20] for y, g in gaps.items() if g},
        "counter_matches": all(counters.get(y) == max(s) for y, s in by_year.items()),
        "with_email": with_email,
        "receipt_notifications": receipts_queued,
        "delivery_tasks": tasks,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    global EMAIL_SHARE
    EMAIL_SHARE = args.email_share

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    started_at = dt.datetime.now().astimezone()
    info = machine_info()
    print(f"Complaints bench: {describe(info)}", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="madang-bench-complaints-"))
    log = tmp / "gunicorn.log"
    gunicorn = None
    try:
        cache, redis_url = choose_cache(args.cache)
        database_url = f"{args.postgres_url.rstrip('/')}/{args.database}"
        run_env = app_environment(args, tmp, database_url, redis_url)
        if args.reuse_database and database_exists(args.postgres_url, args.database):
            print(f"  reusing database {args.database} (complaints emptied)", flush=True)
            manage(run_env, "migrate", "--noinput")
            empty_complaints(database_url)
        else:
            print(f"  recreating database {args.database}", flush=True)
            recreate_database(args.postgres_url, args.database)
            manage(run_env, "migrate", "--noinput")
        token = issue_token(run_env)
        port = free_port()
        gunicorn = start_gunicorn(args, run_env, port, log)
        wait_until_ready(gunicorn, port, log)
        print(f"  warm-up 2 s, then {args.clients} clients for {args.duration} s", flush=True)
        warm = drive(port, token, min(args.clients, 10), 2)
        if warm["failures"]:
            raise BenchError(f"warm-up failed: {warm['failures'][:3]}\n{tail(log)}")
        result = drive(port, token, args.clients, args.duration)
        reference = drive(port, token, args.clients, min(args.duration, 5), probe=True)
        checks = verify(database_url, warm["receipts"] + result["receipts"])
    except KeyboardInterrupt:
        print("\nbench_complaints: interrupted", file=sys.stderr)
        return 130
    except BenchError as exc:
        print(f"\nbench_complaints: FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop_gunicorn(gunicorn)
        shutil.rmtree(tmp, ignore_errors=True)

    lat = sorted(result["latencies"])

    def pct(p):
        return round(lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000, 1) if lat else None

    rps = len(lat) / result["wall_s"]
    data = {
        "bench": "complaints",
        "started_at": started_at.isoformat(timespec="seconds"),
        "command": " ".join(
            ["bench/bench_complaints.py", *(sys.argv[1:] if argv is None else argv)]
        ),
        "machine": info,
        "settings": SETTINGS,
        "database": args.database,
        "cache": cache,
        "load": {
            "clients": args.clients,
            "duration_s": args.duration,
            "gunicorn_workers": args.workers,
            "gunicorn_worker_class": args.worker_class,
            "gunicorn_threads": args.worker_threads,
            "email_share": args.email_share,
        },
        "submissions": len(lat),
        "submissions_per_s": round(rps, 1),
        "latency_ms": {
            "p50": pct(50),
            "p95": pct(95),
            "p99": pct(99),
            "mean": round(statistics.mean(lat) * 1000, 1) if lat else None,
        },
        "reference_healthz_per_s": round(len(reference["latencies"]) / reference["wall_s"], 1),
        "load_average": os.getloadavg(),
        "failures": len(result["failures"]),
        "failure_samples": result["failures"][:5],
        "integrity": checks,
        "target_per_s": args.target,
    }
    print(
        json.dumps({k: v for k, v in data.items() if k != "machine"}, indent=2, ensure_ascii=False)
    )
    if not args.no_json:
        RESULTS_DIR.mkdir(exist_ok=True)
        out = RESULTS_DIR / f"complaints-{started_at:%Y%m%d-%H%M%S}.json"
        out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        print(f"written: {out.relative_to(REPO)}")
    ok = (
        not result["failures"]
        and not checks["lost"]
        and not checks["duplicate_numbers"]
        and not checks["duplicate_answers"]
        and not checks["gaps"]
        and checks["unanswered_rows"] == 0
        and checks["counter_matches"]
        and checks["receipt_notifications"] == checks["with_email"]
    )
    if not ok:
        print("bench_complaints: FAILED integrity checks", file=sys.stderr)
        return 1
    if rps < args.target and not args.quick:
        print(f"bench_complaints: {rps:.1f}/s is under the target {args.target}/s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
