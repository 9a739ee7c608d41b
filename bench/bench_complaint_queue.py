"""The staff desk's queue with 100,000 open 민원: server time of its first page.

What it does, every run:

1. drops and recreates a dedicated PostgreSQL database (default ``madang_bench_desk``) and
   migrates it under ``madang.config.settings.production`` (throwaway secrets, as
   ``bench_http.py`` does); collects static files (the admin pages link them through the
   manifest);
2. in a child process with Django set up: loads the demo departments, makes five officials per
   department and one 민원 총괄 manager, and bulk-creates (``bulk_create``, not the intake
   service) MADANG_BENCH_QUEUE_OPEN (default 100,000) open 민원 spread unevenly over the
   departments (the largest holds about a third), over the five open states and over deadlines
   from three weeks past to five weeks ahead, 80 % assigned round-robin; plus
   MADANG_BENCH_QUEUE_CLOSED (default 20,000) closed ones the queue must skip. Personal-data
   columns are encrypted and blind-indexed as in production; then ``VACUUM ANALYZE``;
3. signs in with Django's test client (second factor marked passed) and times
   ``GET /admin/complaints/desk/`` in-process, so the figure is server time only (middleware,
   views, queries, template), no network or load generator: the department queue of the
   largest department, "my queue" of its busiest official, the department's overdue filter, and
   the manager's all-departments view; warm-up 3, then R rounds (default 30) each;
4. prints median and p95 per page, the number of queries, the database time inside one
   request and the plan of the row query, and writes ``bench/results/complaint_queue-*.json``.

It exits 1 when a page answers other than 200, or when the median of the department queue or
"my queue" is over the target (100 ms, issue #6 item 11; ``--target``) outside ``--quick``.

    .venv/bin/python bench/bench_complaint_queue.py [--quick] [--open N] [--rounds R]
        [--keep]     keep the database afterwards
        [--reuse]    measure again on a kept database (no recreate, no inserts)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from bench_http import (  # noqa: E402
    PYTHON,
    REPO,
    RESULTS_DIR,
    SETTINGS,
    BenchError,
    app_environment,
    manage,
    recreate_database,
)
from machine import describe, machine_info  # noqa: E402

TARGET_MS = 100.0
OFFICIALS_PER_DEPARTMENT = 5
# Share of the 민원 per demo department, in DEPARTMENTS order; the rest are spread evenly.
WEIGHTS = [2, 3, 1, 4, 3, 8, 33, 14, 9, 6, 2, 10, 5]
TITLES = [
    "{dong} {thing} 파손 신고", "{thing} 관련 문의드립니다", "{dong} {thing} 개선 건의",
    "{thing} 민원 (연락처 010-{a:04d}-{b:04d})", "{dong} 주변 {thing} 정비 요청",
    "{thing} 처리 기간 문의", "{dong} {thing} 불편 신고합니다",
]  # fmt: skip
THINGS = ["보도블록", "가로등", "불법주차", "쓰레기 무단투기", "공원 벤치", "버스정류소",
          "횡단보도", "도로 포트홀", "소음", "하수구 악취", "놀이터 시설", "제설"]  # fmt: skip
DONGS = ["노량진1동", "상도2동", "흑석동", "사당3동", "대방동", "신대방1동", "상도4동"]


def env(name: str, default):
    return os.environ.get(f"MADANG_BENCH_{name}", default)


def parse_args(argv=None) -> argparse.Namespace:
    truthy = {"1", "true", "yes", "on"}
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", default=env("QUICK", "").lower() in truthy)
    p.add_argument("--open", type=int, default=int(env("QUEUE_OPEN", 100_000)))
    p.add_argument("--closed", type=int, default=int(env("QUEUE_CLOSED", 20_000)))
    p.add_argument("--rounds", type=int, default=None, help="timed requests per page (30)")
    p.add_argument("--database", default=env("QUEUE_DB", "madang_bench_desk"))
    p.add_argument(
        "--postgres-url", default=env("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    )
    p.add_argument("--target", type=float, default=float(env("QUEUE_TARGET_MS", TARGET_MS)))
    p.add_argument("--keep", action="store_true", help="keep the database afterwards")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="measure again on the database a --keep run left (no recreate, no inserts)",
    )
    p.add_argument("--no-json", action="store_true")
    p.add_argument("--worker", metavar="ROUNDS", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.rounds is None:
        args.rounds = int(env("ROUNDS", 5 if args.quick else 30))
    if args.quick and "QUEUE_OPEN" not in {k.removeprefix("MADANG_BENCH_") for k in os.environ}:
        args.open, args.closed = min(args.open, 10_000), min(args.closed, 2_000)
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        p.error("--database must be a plain lower-case PostgreSQL identifier")
    return args


# ----------------------------------------------------------------------------- the worker


def _populate(n_open: int, n_closed: int) -> dict:
    """Departments, officials and the 민원, straight into the tables (bulk_create)."""
    from django.contrib.auth.models import Permission
    from django.db import transaction
    from django.utils import timezone

    from madang.accounts.choices import AccountKind
    from madang.accounts.models import User
    from madang.complaints.choices import (
        CLOSED_STATUSES,
        ComplaintKind,
        ComplaintStatus,
    )
    from madang.complaints.models import Complaint
    from madang.departments.demo import load_departments
    from madang.departments.models import Department

    load_departments()
    departments = list(Department.objects.order_by("pk"))
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    officials: dict[int, list[User]] = {}
    for d in departments:
        officials[d.pk] = []
        for i in range(OFFICIALS_PER_DEPARTMENT):
            user = User.objects.create_user(
                username=f"bench-{d.code}-{i}", password=None, is_staff=True,
                kind=AccountKind.STAFF, department=d, last_name="김", first_name=f"{d.code}{i}",
            )  # fmt: skip
            user.user_permissions.add(access)
            officials[d.pk].append(user)
    manager = User.objects.create_user(
        username="bench-manager", password=None, is_staff=True, kind=AccountKind.STAFF,
        last_name="박", first_name="총괄",
    )  # fmt: skip
    manager.user_permissions.add(
        access,
        Permission.objects.get(content_type__app_label="complaints", codename="change_complaint"),
    )
    weights = (WEIGHTS + [5] * len(departments))[: len(departments)]
    rng = random.Random(20261202)
    now = timezone.now()
    open_states = [
        (ComplaintStatus.RECEIVED, 15), (ComplaintStatus.ASSIGNED, 35),
        (ComplaintStatus.IN_PROGRESS, 40), (ComplaintStatus.SUPPLEMENT, 6),
        (ComplaintStatus.INSPECTION, 4),
    ]  # fmt: skip
    closed_states = sorted(CLOSED_STATUSES)
    kinds = list(ComplaintKind.values)
    counters = {d.pk: 0 for d in departments}
    year = timezone.localtime(now).year
    started = time.perf_counter()
    total = n_open + n_closed
    batch: list[Complaint] = []
    for n in range(1, total + 1):
        is_open = n <= n_open
        dept = rng.choices(departments, weights)[0]
        if is_open:
            status = rng.choices([s for s, _ in open_states], [w for _, w in open_states])[0]
        else:
            status = rng.choice(closed_states)
        assigned = None
        if status != ComplaintStatus.RECEIVED and rng.random() < 0.8 / 0.85:
            counters[dept.pk] += 1
            assigned = officials[dept.pk][counters[dept.pk] % OFFICIALS_PER_DEPARTMENT]
        due = now + timedelta(minutes=rng.randint(-21 * 24 * 60, 35 * 24 * 60))
        received = due - timedelta(days=rng.choice([1, 7, 14, 14, 7]))
        title = rng.choice(TITLES).format(
            dong=rng.choice(DONGS), thing=rng.choice(THINGS), a=rng.randint(1000, 9999),
            b=rng.randint(1000, 9999),
        )  # fmt: skip
        batch.append(
            Complaint(
                receipt_number=f"{year}-{n:06d}",
                receipt_year=year,
                receipt_sequence=n,
                kind=rng.choice(kinds),
                title=title,
                body="벤치 민원 본문입니다. " * 8,
                complainant_name="홍길동",
                complainant_phone=f"010-{n % 10000:04d}-5678",
                consent_given_at=received,
                received_at=received,
                period="7d",
                due_at=due,
                status=status,
                department=dept,
                assigned_to=assigned,
                assigned_at=received if assigned else None,
                closed_at=None if is_open else min(due, now),
            )
        )
        if len(batch) == 5000 or n == total:
            with transaction.atomic():
                Complaint.objects.bulk_create(batch)
            batch = []
    insert_s = time.perf_counter() - started
    biggest = max(departments, key=lambda d: Complaint.objects.filter(department=d).count())
    busiest = max(
        officials[biggest.pk],
        key=lambda u: Complaint.objects.filter(
            assigned_to=u, status__in=[s for s, _ in open_states]
        ).count(),
    )
    return {
        "insert_s": round(insert_s, 1),
        "department": biggest,
        "official": busiest,
        "manager": manager,
    }


def _existing() -> dict:
    """What _populate made, found again in a kept database (--reuse)."""
    from django.db.models import Count

    from madang.accounts.models import User
    from madang.complaints.choices import OPEN_STATUSES
    from madang.complaints.models import Complaint
    from madang.departments.models import Department

    open_qs = Complaint.objects.filter(status__in=OPEN_STATUSES)
    biggest = open_qs.values("department_id").annotate(n=Count("pk")).order_by("-n").first()
    busiest = (
        open_qs.exclude(assigned_to=None)
        .filter(department_id=biggest["department_id"])
        .values("assigned_to_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return {
        "insert_s": None,
        "department": Department.objects.get(pk=biggest["department_id"]),
        "official": User.objects.get(pk=busiest["assigned_to_id"]),
        "manager": User.objects.get(username="bench-manager"),
    }


def worker(rounds: int, n_open: int, n_closed: int, *, reuse: bool = False) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from madang.accounts.mfa_testing import otp_verified_login
    from madang.complaints.choices import OPEN_STATUSES
    from madang.complaints.desk import selectors
    from madang.complaints.models import Complaint

    setup = _existing() if reuse else _populate(n_open, n_closed)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE complaints_complaint")
    dept, official, manager = setup["department"], setup["official"], setup["manager"]
    open_qs = Complaint.objects.filter(status__in=OPEN_STATUSES)
    sizes = {
        "open": open_qs.count(),
        "all": Complaint.objects.count(),
        "department_open": open_qs.filter(department=dept).count(),
        "department_overdue": Complaint.objects.filter(
            selectors.overdue_q(timezone.now()), department=dept
        ).count(),
        "official_open": open_qs.filter(assigned_to=official).count(),
    }
    queue = reverse("complaints_desk:queue")
    pages = {
        "department": (official, queue, {"scope": "department"}),
        "mine": (official, queue, {"scope": "mine"}),
        "department_overdue": (official, queue, {"scope": "department", "due": "overdue"}),
        "all_departments_manager": (manager, queue, {"scope": "department"}),
        # The reference: Wagtail's own account page, the same admin chrome (menu, session,
        # second factor, permissions) with no 민원 at all. What the desk pages take beyond it
        # is the desk's own cost.
        "reference_admin_account": (official, reverse("wagtailadmin_account"), {}),
    }
    results = {}
    for name, (user, url, params) in pages.items():
        client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
        otp_verified_login(client, user)

        def get(client=client, url=url, params=params):
            response = client.get(url, params, secure=True)
            if response.status_code != 200:
                raise BenchError(f"{url} {params} answered {response.status_code}")
            return response

        for _ in range(3):
            get()
        times = []
        for _ in range(rounds):
            began = time.perf_counter()
            response = get()
            times.append((time.perf_counter() - began) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            response = get()
        desk_sql = [q for q in ctx.captured_queries if "complaints_complaint" in q["sql"]]
        plans = []
        for q in desk_sql:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN ANALYZE " + q["sql"])
                    plan = [row[0] for row in cursor.fetchall()]
            except Exception as exc:  # noqa: BLE001 - the plan is extra information
                plan = [f"EXPLAIN failed: {exc}"]
            plans.append({"sql": q["sql"][:300], "plan": plan})
        times.sort()
        rows = response.content.decode().count('name="complaint" value=')
        results[name] = {
            "params": params,
            "rows_on_page": rows,
            "rounds": rounds,
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
            "min_ms": round(times[0], 1),
            "max_ms": round(times[-1], 1),
            "queries": len(ctx.captured_queries),
            "db_ms": round(sum(float(q["time"]) for q in ctx.captured_queries) * 1000, 1),
            "desk_queries_ms": [round(float(q["time"]) * 1000, 1) for q in desk_sql],
            "plans": plans,
        }
    return {
        "backend": connection.vendor,
        "server_version": connection.cursor().connection.info.server_version,
        "insert_s": setup["insert_s"],
        "sizes": sizes,
        "pages": results,
    }


# ----------------------------------------------------------------------------- the driver

CHILDREN: list[subprocess.Popen] = []


def run_child(args: list[str], run_env: dict[str, str]) -> str:
    proc = subprocess.Popen(
        [PYTHON, *args], cwd=REPO, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    CHILDREN.append(proc)
    out, err = proc.communicate()
    CHILDREN.remove(proc)
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(args[:3])} failed ({proc.returncode}):\n{err[-4000:]}")
    return out


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(
        f"{server_url.rstrip('/')}/postgres", autocommit=True, connect_timeout=10
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.worker is not None:
        result = worker(args.worker, args.open, args.closed, reuse=args.reuse)
        print("RESULT " + json.dumps(result, ensure_ascii=False, default=str))
        return 0

    def on_term(signum, frame):
        for child in list(CHILDREN):
            child.terminate()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    info = machine_info()
    print(f"Complaint queue bench: {describe(info)}", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="madang-bench-queue-"))
    database_url = f"{args.postgres_url.rstrip('/')}/{args.database}"
    result = None
    try:
        run_env = app_environment(None, tmp, database_url, "")
        run_env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(REPO), run_env.get("PYTHONPATH")])
        )
        if args.reuse:
            print(f"  reusing database {args.database}", flush=True)
        else:
            print(f"  recreating database {args.database}", flush=True)
            recreate_database(args.postgres_url, args.database)
            manage(run_env, "migrate", "--noinput")
        manage(run_env, "collectstatic", "--noinput", "--verbosity", "0")
        making = (
            ""
            if args.reuse
            else f"creating {args.open:,} open and {args.closed:,} closed 민원, then "
        )
        print(f"  {making}{args.rounds} timed requests per page", flush=True)
        out = run_child(
            [str(Path(__file__).resolve()), "--worker", str(args.rounds), "--open",
             str(args.open), "--closed", str(args.closed), "--database", args.database,
             *(["--reuse"] if args.reuse else [])],
            run_env,
        )  # fmt: skip
        line = next(x for x in out.splitlines() if x.startswith("RESULT "))
        result = json.loads(line.removeprefix("RESULT "))
    except KeyboardInterrupt:
        print("\nbench_complaint_queue: interrupted", file=sys.stderr)
        return 130
    except (BenchError, StopIteration) as exc:
        print(f"\nbench_complaint_queue: FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if not (args.keep or args.reuse):
            try:
                drop_database(args.postgres_url, args.database)
            except Exception as exc:  # noqa: BLE001 - teardown must not hide the result
                print(f"could not drop {args.database}: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)

    sizes = result["sizes"]
    inserted = f"inserted in {result['insert_s']} s" if result["insert_s"] else "reused"
    print(
        f"  {inserted}: {sizes['open']:,} open of {sizes['all']:,}; "
        f"largest department {sizes['department_open']:,} open "
        f"({sizes['department_overdue']:,} overdue); busiest official "
        f"{sizes['official_open']:,} open"
    )
    for name, page in result["pages"].items():
        print(
            f"  {name:<25} median {page['median_ms']:6.1f} ms  p95 {page['p95_ms']:6.1f} ms  "
            f"({page['queries']} queries, {page['db_ms']} ms in the database; desk queries "
            f"{page['desk_queries_ms']} ms; {page['rows_on_page']} rows)"
        )
    print(describe(info))
    data = {
        "bench": "complaint_queue",
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": " ".join(
            ["bench/bench_complaint_queue.py", *(sys.argv[1:] if argv is None else argv)]
        ),
        "machine": info,
        "settings": SETTINGS,
        "database": args.database,
        "target_ms": args.target,
        "load_average": os.getloadavg(),
        **result,
    }
    if not args.no_json:
        RESULTS_DIR.mkdir(exist_ok=True)
        out = RESULTS_DIR / f"complaint_queue-{time.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        print(f"written: {out.relative_to(REPO)}")
    slow = [
        f"{name} median {result['pages'][name]['median_ms']} ms"
        for name in ("department", "mine")
        if result["pages"][name]["median_ms"] > args.target
    ]
    if slow and not args.quick:
        print(
            f"bench_complaint_queue: over the {args.target} ms target: {', '.join(slow)}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
