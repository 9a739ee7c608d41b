"""Boards at scale (issue #5, item 8): a board of 1,000,000 posts on PostgreSQL.

What it does, every run:

1. drops and recreates a dedicated PostgreSQL database (default ``bench_boards``) and migrates
   it under ``madang.config.settings.production`` (throwaway secrets, as bench_http.py does);
2. generates the board in SQL (``INSERT … SELECT … FROM generate_series``): 1,000 citizen
   accounts and N posts (default 1,000,000; ``--quick`` 100,000) a minute apart, about 1% of
   them deleted for a 제8조 reason (they stay in the list as markers), 0.5% held (not listed),
   2% secret, five pinned notices; then ``VACUUM ANALYZE`` as autovacuum would;
3. in one Django process (production settings), measures **server time** — the wall time of
   the whole request inside Django (middleware, view, queries, template) through the test
   client, with no network — of the list's page 1 and page 5,000 (15 posts a page), in
   alternating order, after one warm-up each; it also counts the queries of every request and
   times the first request after the list snapshot is dropped from the cache (cold);
   the API's keyset list (first page and 5,000 pages deep by cursor) is timed the same way;
4. measures **posting, screening included**: 300 posts from 150 accounts that each have recent
   posts with real similarity signatures (so 제8조 제8호 compares against stored posts),
   through ``madang.boards.services.post_create`` and through the web form (POST
   ``/boards/<slug>/write/``, each from its own client address as on the internet), texts of
   300–900 characters, some with phone numbers (masked) and advertising (held);
5. prints p50/p95/max and query counts, the machine, and writes
   ``bench/results/boards-<timestamp>.json``.

Targets (issue #5): list page 1 and page 5,000 each under 50 ms of server time with a fixed
number of queries per page; posting p95 under 100 ms. Exit status 1 when a request fails, the
query count varies between pages, or a target is missed.

    .venv/bin/python bench/bench_boards.py [--quick] [--posts N] [--rounds R]
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
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from bench_http import (  # noqa: E402
    PYTHON,
    REPO,
    RESULTS_DIR,
    BenchError,
    app_environment,
    choose_cache,
    manage,
    recreate_database,
)
from machine import describe, machine_info  # noqa: E402

LIST_TARGET_MS = 50.0
POST_TARGET_MS = 100.0
DEEP_PAGE = 5000
PER_PAGE = 15

GENERATE_SQL = """
INSERT INTO boards_post (created_at, updated_at, public_id, status, findings,
    findings_reviewed, report_count, deleted_note, deleted_reason, deleted_at, category, title,
    body, body_text, signature, signature_version, is_pinned, is_secret, view_count,
    author_id, board_id, needs_answer)
SELECT now() - make_interval(secs => (%(n)s - g) * 60 + 3600),
       now() - make_interval(secs => (%(n)s - g) * 60 + 3600),
       substr(md5('madang' || g::text), 1, 12),
       CASE WHEN g %% 97 = 0 THEN 'deleted' WHEN g %% 211 = 0 THEN 'held' ELSE 'published' END,
       '[]', g %% 97 = 0, 0, '',
       CASE WHEN g %% 97 = 0 THEN 1 + g %% 9 END,
       CASE WHEN g %% 97 = 0 THEN now() END,
       '', '주민 의견 ' || g || ': 보도블록과 가로등 정비 요청',
       '<p>우리 동네 보도블록이 깨져 있고 가로등이 어둡습니다. 정비를 부탁드립니다. '
           || g || '</p>',
       '우리 동네 보도블록이 깨져 있고 가로등이 어둡습니다. 정비를 부탁드립니다. ' || g,
       '[]', 1, g > %(n)s - 5, g %% 50 = 0, g %% 1000,
       (ARRAY(SELECT id FROM accounts_user WHERE username LIKE 'bench%%' ORDER BY id))
           [1 + g %% 1000],
       %(board)s, false
FROM generate_series(1, %(n)s) g;
"""

TOPICS = [
    ("보도블록", "깨져서 걷기 위험합니다"), ("가로등", "밤에 너무 어둡습니다"),
    ("공원 화장실", "청소가 잘 안 되어 있습니다"), ("마을버스", "배차 간격이 너무 깁니다"),
    ("불법주차", "골목을 막아 소방차가 못 지나갑니다"), ("놀이터", "그네 줄이 끊어졌습니다"),
    ("쓰레기 무단투기", "주말마다 쌓여 있습니다"), ("횡단보도", "신호가 너무 짧습니다"),
    ("도서관", "주말 운영 시간을 늘려 주세요"), ("자전거 거치대", "고장 난 것이 많습니다"),
]  # fmt: skip
FILLER = [
    "아이들이 매일 지나다니는 길이라 걱정이 됩니다.", "지난달에도 말씀드렸는데 아직 그대로입니다.",
    "주민들이 함께 불편을 겪고 있습니다.", "빠른 조치를 부탁드립니다.",
    "현장을 한번 확인해 주시면 감사하겠습니다.", "어르신들이 특히 위험해 보입니다.",
    "비가 오면 물이 고여 더 미끄럽습니다.", "근처 상인분들도 같은 의견입니다.",
    "구청 누리집에서 진행 상황을 알 수 있으면 좋겠습니다.", "늘 애써 주셔서 고맙습니다.",
]  # fmt: skip


def post_text(rng: random.Random, n: int) -> tuple[str, str]:
    topic, problem = rng.choice(TOPICS)
    place = rng.choice(["상도동", "사당동", "흑석동", "노량진동"])
    sentences = [f"{place} {topic}이(가) {problem}."]
    sentences += rng.sample(FILLER, k=rng.randint(4, 9))
    sentences.append(f"(접수 참고 번호 {n * 7919 % 100000})")
    if n % 10 == 0:
        sentences.append("연락은 010-2345-6789로 주세요.")  # masked before storing
    if n % 25 == 0:
        sentences.append("수익 보장 대출 상담은 카톡 아이디 loan777로!")  # 제5호: held
    body = " ".join(sentences)
    while len(body) < 300:
        body += " " + rng.choice(FILLER)
    return f"{topic} 관련 건의 {n}", body[:900]


# ----------------------------------------------------------------------------- worker


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50_ms": pct(values, 0.50),
        "p95_ms": pct(values, 0.95),
        "max_ms": round(max(values), 2),
        "mean_ms": round(statistics.mean(values), 2),
    }


def worker(posts: int, rounds: int, post_count: int, reuse: bool = False) -> dict:
    import django

    django.setup()
    from django.db import connection

    from madang.accounts.models import User
    from madang.boards.models import Board

    started = time.perf_counter()
    if reuse and Board.objects.filter(slug="bench").exists():
        # --reuse: the database of an earlier --keep run (the generated board is unchanged).
        return measure(Board.objects.get(slug="bench"), rounds, post_count, 0.0)
    User.objects.bulk_create(
        [User(username=f"bench{i}", password="!", kind="citizen") for i in range(1000)]  # noqa: S106 - "!" is Django's unusable password
    )
    board = Board.objects.create(
        name="자유게시판", slug="bench", kind="free", secret_posts_allowed=True
    )
    with connection.cursor() as cursor:
        cursor.execute(GENERATE_SQL % {"n": int(posts), "board": int(board.pk)})
    generate_s = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE boards_post")
        cursor.execute("VACUUM ANALYZE accounts_user")
    print(f"  vacuum {time.perf_counter() - started:.1f} s", flush=True)
    return measure(board, rounds, post_count, generate_s)


def measure(board, rounds: int, post_count: int, generate_s: float) -> dict:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from madang.accounts.models import User
    from madang.boards import listing, selectors, services
    from madang.boards.models import Post
    from madang.boards.screening import SIGNATURE_VERSION, text_signature

    posts = Post.objects.filter(board=board).count()
    board.refresh_from_db()
    listed = Post.objects.filter(board=board, status__in=["published", "hidden", "deleted"])
    listed_total = listed.count()
    print(f"  {posts} posts (generated in {generate_s:.1f} s); {listed_total} listed",
          flush=True)  # fmt: skip

    # Measure the page as rendered (a signed-in reader, or a miss of the page cache): with the
    # cache on, every timed request after the first would be a stored copy.
    settings.MADANG_PAGE_CACHE_SECONDS = 0
    headers = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "127.0.0.1"}
    client = Client(**headers)
    errors: list[str] = []

    slowest: dict[str, list] = {}
    # CPU time of this process per request: what the request costs here, without the time it
    # waits for a core on a shared machine (wall time includes that wait).
    cpu: dict[str, list] = {"api": [], f"/boards/{board.slug}/": []}

    def remember(label, ctx):
        """The slowest queries of the last request of each kind, for the report."""
        ranked = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))
        slowest[label] = [[round(float(q["time"]) * 1000, 1), q["sql"][:160]] for q in ranked[:4]]

    def timed_get(url, params=None):
        with CaptureQueriesContext(connection) as ctx:
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url, params or {})
            elapsed = (time.perf_counter() - t0) * 1000
            cpu[url if "api" not in url else "api"].append((time.process_time() - c0) * 1000)
        if response.status_code != 200:
            errors.append(f"GET {url} {params}: {response.status_code}")
        db_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
        remember(f"GET {url} {sorted((params or {}).items())}", ctx)
        return elapsed, len(ctx), db_ms, response

    list_url = f"/boards/{board.slug}/"
    # Cold: the first request after the list snapshot left the cache (one per board and
    # version; rebuilding it walks the board once).
    cache.delete(listing._cache_key(board.pk))
    cold_ms, cold_queries, _, _ = timed_get(list_url, {"page": 1})
    # The anchored pages must be exactly what a plain OFFSET would give.
    for page in (1, 2, DEEP_PAGE, DEEP_PAGE + 1, listed_total // PER_PAGE):
        got = [p.pk for p in selectors.board_post_page(board=board, page=page).posts]
        want = list(
            listed.order_by("-is_pinned", "-created_at", "-id").values_list("id", flat=True)[
                (page - 1) * PER_PAGE : page * PER_PAGE
            ]
        )
        if got != want:
            errors.append(f"page {page} differs from OFFSET: {got[:3]} != {want[:3]}")

    measured = {1: [], DEEP_PAGE: []}
    queries = {1: set(), DEEP_PAGE: set()}
    db_time = {1: [], DEEP_PAGE: []}
    for _ in range(rounds):
        for page in (1, DEEP_PAGE):
            elapsed, count, db_ms, _ = timed_get(list_url, {"page": page})
            measured[page].append(elapsed)
            queries[page].add(count)
            db_time[page].append(db_ms)

    # The API's keyset list: first page, then a cursor 5,000 pages deep.
    api_url = f"/api/v1/boards/{board.slug}/posts"
    deep_post = listed.order_by("-is_pinned", "-created_at", "-id").values_list(
        "public_id", flat=True
    )[min(DEEP_PAGE * PER_PAGE, listed_total - 1)]
    from madang.boards.api import _cursor_dump

    deep_cursor = _cursor_dump(deep_post)
    api = {"first": [], "deep": []}
    api_queries = set()
    for _ in range(rounds):
        for name, params in (("first", {"limit": PER_PAGE}),
                             ("deep", {"limit": PER_PAGE, "cursor": deep_cursor})):  # fmt: skip
            elapsed, count, _, _ = timed_get(api_url, params)
            api[name].append(elapsed)
            api_queries.add((name, count))

    # Posting: accounts with recent posts carrying real signatures (제8조 제8호 compares).
    rng = random.Random(20261202)
    writers = list(User.objects.filter(username__startswith="bench").exclude(is_staff=True)[:150])
    history = []
    now = time.time()
    from datetime import UTC, datetime, timedelta

    for i, writer in enumerate(writers):
        for j in range(5):
            title, body = post_text(rng, 10_000_000 + i * 10 + j)
            history.append(
                Post(
                    board=board, author=writer, title=title, body=f"<p>{body}</p>",
                    body_text=body, signature=list(text_signature(f"{title}\n{body}")),
                    signature_version=SIGNATURE_VERSION,
                    created_at=datetime.fromtimestamp(now, UTC) - timedelta(days=j + 1),
                )
            )  # fmt: skip
    Post.objects.bulk_create(history, batch_size=500)
    cache.delete(listing._cache_key(board.pk))  # old-dated rows went in behind the service
    board.refresh_from_db()
    timed_get(list_url, {"page": 1})

    service_ms, web_ms, statuses, web_queries, post_cpu = [], [], {}, [], []
    web = Client(**headers)
    for n in range(post_count):
        writer = writers[n % len(writers)]
        title, body = post_text(rng, n)
        if n % 2 == 0:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                post = services.post_create(
                    acting_user=writer, board=board, title=title, body=f"<p>{body}</p>",
                    ip=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}",
                )  # fmt: skip
                statuses[post.status] = statuses.get(post.status, 0) + 1
            except Exception as exc:  # noqa: BLE001 - a refusal is a result too
                statuses[type(exc).__name__] = statuses.get(type(exc).__name__, 0) + 1
            service_ms.append((time.perf_counter() - t0) * 1000)
            post_cpu.append((time.process_time() - c0) * 1000)
        else:
            # One client for all (a new test client loads the middleware, and WhiteNoise then
            # scans every static file: a harness cost, not a request's), each its own address.
            web.force_login(writer)
            with CaptureQueriesContext(connection) as ctx:
                t0, c0 = time.perf_counter(), time.process_time()
                response = web.post(
                    f"/boards/{board.slug}/write/",
                    {"title": title, "body": body},
                    REMOTE_ADDR=f"10.200.{n // 256 % 256}.{n % 256}",
                )
                web_ms.append((time.perf_counter() - t0) * 1000)
                post_cpu.append((time.process_time() - c0) * 1000)
            remember("POST write", ctx)
            web_queries.append(len(ctx))
            if response.status_code not in (302, 400):
                errors.append(f"POST write: {response.status_code}")
            key = f"web {response.status_code}"
            statuses[key] = statuses.get(key, 0) + 1

    return {
        "posts": posts,
        "listed": listed_total,
        "per_page": PER_PAGE,
        "deep_page": DEEP_PAGE,
        "generate_s": round(generate_s, 1),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "list_cold_first_request_ms": round(cold_ms, 1),
        "list_cold_queries": cold_queries,
        "list_page_1": {**summary(measured[1]), "queries": sorted(queries[1]),
                        "db_p50_ms": pct(db_time[1], 0.5)},
        "list_page_deep": {**summary(measured[DEEP_PAGE]), "queries": sorted(queries[DEEP_PAGE]),
                           "db_p50_ms": pct(db_time[DEEP_PAGE], 0.5)},
        "api_first": summary(api["first"]),
        "api_deep_cursor": summary(api["deep"]),
        "api_queries": sorted(api_queries),
        "post_service": summary(service_ms),
        "post_web": summary(web_ms),
        "post_all": summary(service_ms + web_ms),
        "post_outcomes": statuses,
        "cpu_list": summary(cpu[f"/boards/{board.slug}/"]),
        "cpu_api": summary(cpu["api"]),
        "cpu_post": summary(post_cpu),
        "post_web_queries": sorted(set(web_queries)),
        "slowest_queries": slowest,
        "errors": errors[:20],
    }  # fmt: skip


# ----------------------------------------------------------------------------- driver

CHILDREN: list[subprocess.Popen] = []


def env(name: str, default):
    return os.environ.get(f"MADANG_BENCH_{name}", default)


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    truthy = {"1", "true", "yes", "on"}
    p.add_argument("--quick", action="store_true", default=env("QUICK", "").lower() in truthy)
    p.add_argument("--posts", type=int, default=None, help="default 1,000,000 (quick 100,000)")
    p.add_argument("--rounds", type=int, default=None, help="requests per list target (30)")
    p.add_argument("--post-count", type=int, default=int(env("BOARDS_POSTS_TIMED", 300)))
    p.add_argument("--database", default=env("BOARDS_DB", "bench_boards"))
    p.add_argument(
        "--postgres-url", default=env("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    )
    p.add_argument("--cache", default=env("CACHE", "auto"), choices=["auto", "redis", "locmem"])
    p.add_argument("--keep", action="store_true", help="keep the database afterwards")
    p.add_argument(
        "--reuse", action="store_true", help="measure the database an earlier --keep run left"
    )
    p.add_argument("--no-json", action="store_true")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.posts is None:
        args.posts = int(env("BOARDS_POSTS", 100_000 if args.quick else 1_000_000))
    if args.rounds is None:
        args.rounds = int(env("ROUNDS", 10 if args.quick else 30))
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        p.error("--database must be a plain lower-case PostgreSQL identifier")
    return args


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url.rstrip('/')}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(result: dict) -> tuple[str, list[str]]:
    misses = []
    lines = [
        f"board of {result['posts']:,} posts ({result['listed']:,} listed), "
        f"{result['per_page']} a page; cache {result['cache']}",
        f"  first list request after the snapshot left the cache: "
        f"{result['list_cold_first_request_ms']} ms ({result['list_cold_queries']} queries)",
    ]
    for name, label in (("list_page_1", "page 1"), ("list_page_deep", f"page {DEEP_PAGE:,}")):
        r = result[name]
        ok = r["p95_ms"] < LIST_TARGET_MS and len(r["queries"]) == 1
        if not ok:
            misses.append(f"{label}: p95 {r['p95_ms']} ms, queries {r['queries']}")
        lines.append(
            f"  list {label:<11} p50 {r['p50_ms']:>7} ms  p95 {r['p95_ms']:>7} ms  "
            f"max {r['max_ms']:>7} ms  queries {r['queries']} (db p50 {r['db_p50_ms']} ms)  "
            f"{'met' if ok else 'NOT met'} (< {LIST_TARGET_MS:.0f} ms)"
        )
    if result["list_page_1"]["queries"] != result["list_page_deep"]["queries"]:
        misses.append("page 1 and the deep page make different numbers of queries")
    for name, label in (("api_first", "API first page"), ("api_deep_cursor", "API deep cursor")):
        r = result[name]
        lines.append(f"  {label:<16} p50 {r['p50_ms']:>7} ms  p95 {r['p95_ms']:>7} ms")
    lines.append(f"  API queries per request: {result['api_queries']}")
    for name, label in (("post_service", "post (service)"), ("post_web", "post (web form)"),
                        ("post_all", "post (all)")):  # fmt: skip
        r = result[name]
        lines.append(
            f"  {label:<16} n={r['n']:<4} p50 {r['p50_ms']:>7} ms  p95 {r['p95_ms']:>7} ms  "
            f"max {r['max_ms']:>7} ms"
        )
    ok = result["post_all"]["p95_ms"] < POST_TARGET_MS
    lines[-1] += f"  {'met' if ok else 'NOT met'} (p95 < {POST_TARGET_MS:.0f} ms)"
    if not ok:
        misses.append(f"posting p95 {result['post_all']['p95_ms']} ms")
    lines.append(f"  posting outcomes: {result['post_outcomes']}")
    lines.append(f"  web form POST queries: {result.get('post_web_queries')}")
    for name, label in (("cpu_list", "list pages"), ("cpu_api", "API lists"),
                        ("cpu_post", "posting")):  # fmt: skip
        r = result[name]
        lines.append(
            f"  CPU time in the app process, {label}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms"
        )
    for label, queries in result.get("slowest_queries", {}).items():
        lines.append(f"  slowest queries of the last {label}:")
        lines += [f"    {ms:>7} ms  {sql}" for ms, sql in queries]
    if result["errors"]:
        misses += result["errors"]
    return "\n".join(lines), misses


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.worker:
        result = worker(args.posts, args.rounds, args.post_count, reuse=args.reuse)
        print("RESULT " + json.dumps(result, ensure_ascii=False))
        return 0

    def on_term(signum, frame):
        for child in list(CHILDREN):
            child.terminate()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    info = machine_info()
    tmp = Path(tempfile.mkdtemp(prefix="madang-bench-boards-"))
    code = 0
    try:
        cache_name, redis_url = choose_cache(args.cache)
        database_url = f"{args.postgres_url.rstrip('/')}/{args.database}"
        if not args.reuse:
            recreate_database(args.postgres_url, args.database)
        run_env = app_environment(None, tmp, database_url, redis_url)
        run_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env("PYTHONPATH", "")]))
        manage(run_env, "migrate", "--noinput")
        manage(run_env, "collectstatic", "--noinput", "--verbosity", "0")
        proc = subprocess.Popen(
            [PYTHON, str(Path(__file__).resolve()), "--worker", "--posts", str(args.posts),
             "--rounds", str(args.rounds), "--post-count", str(args.post_count),
             *(["--reuse"] if args.reuse else [])],
            cwd=REPO, env=run_env, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        CHILDREN.append(proc)
        out_lines = []
        for line in proc.stdout:
            if line.startswith("RESULT "):
                out_lines.append(line)
            else:
                print(line, end="", flush=True)
        proc.wait()
        CHILDREN.remove(proc)
        if proc.returncode != 0 or not out_lines:
            raise BenchError(f"the worker failed ({proc.returncode})")
        result = json.loads(out_lines[-1].removeprefix("RESULT "))
        text, misses = report(result)
        print(text)
        print(f"machine: {describe(info)}")
        if misses:
            print("targets or checks missed:\n  " + "\n  ".join(misses))
            code = 1
        if not args.no_json:
            RESULTS_DIR.mkdir(exist_ok=True)
            stamp = time.strftime("%Y%m%dT%H%M%S")
            path = RESULTS_DIR / f"boards-{stamp}.json"
            path.write_text(
                json.dumps(
                    {"machine": info, "result": result, "cache": cache_name, "misses": misses},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            print(f"wrote {path.relative_to(REPO)}")
    except BenchError as exc:
        print(f"bench_boards: {exc}", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        code = 130
    finally:
        for child in list(CHILDREN):
            child.terminate()
        if not args.keep:
            try:
                drop_database(args.postgres_url, args.database)
            except Exception as exc:  # noqa: BLE001 - teardown must not hide the result
                print(f"bench_boards: could not drop {args.database}: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
