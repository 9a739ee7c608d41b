"""HTTP throughput and latency of the home page beside a bare Django view, on one machine.

What it does, every run:

1. drops and recreates a dedicated PostgreSQL database (default ``madang_bench``), migrates it,
   loads the demo data and collects static files into a throwaway directory;
2. serves the app with gunicorn under ``madang.config.settings.production`` (DEBUG off, freshly
   generated throwaway secrets, ``MADANG_BENCH_VIEWS=true``) on a free loopback port;
3. drives it from a second process with wrk: a warm-up of each target, then the targets in
   alternating order (bare, home, bare, home, ...) so that drift on a noisy machine hits both;
4. prints requests/s and p50/p95/p99 latency of each target (the median over rounds), the ratio
   home req/s ÷ bare req/s, the machine and the load settings, and writes the same figures as JSON
   to ``bench/results/http-<timestamp>.json``.

It fails loudly (exit status 1) on any socket error, timeout or non-2xx response, and always
stops gunicorn and removes the temporary directory, also on error and Ctrl-C.

Nothing here makes the site faster than production: the full-page cache for anonymous readers
(madang.core.cache, docs/decisions/0011) is on because production has it on, with production's
settings; the preflight checks that the home page is answered from it (``X-Madang-Cache: hit``)
and the report says so. The cache backend is Redis when one answers (as in production,
REDIS_URL), otherwise local memory; the report says which.

Run it through ``make bench`` (or ``bench/run_all.py``) or alone::

    .venv/bin/python bench/bench_http.py [--quick] [--duration 10] [--connections 16] ...

Every option also has an environment variable, listed in ``--help``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from appserver import (  # the app server every HTTP bench starts (shared with the others)
    BenchError,
    app_environment,
    choose_cache,
    free_port,
    get,
    manage,
    recreate_database,
    start_gunicorn,
    stop_gunicorn,
    tail,
    wait_until_ready,
)
from machine import describe, machine_info

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
LUA_SCRIPT = BENCH_DIR / "wrk_report.lua"
PYTHON = sys.executable
SETTINGS = "madang.config.settings.production"
# (name, path) in the order each round measures them.
TARGETS = [("bare", "/__bench__/bare/"), ("home", "/")]
# SECURE_SSL_REDIRECT is on in production; nginx tells Django the request came over HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# The home page, served from the page cache, is to reach this fraction of the bare view's req/s
# (issue #4 item 14).
HOME_TARGET_RATIO = 0.70


def env(name: str, default):
    return os.environ.get(f"MADANG_BENCH_{name}", default)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        epilog="Each option can also be set by the environment variable in brackets.",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        default=env("QUICK", "").lower() in {"1", "true", "yes", "on"},
        help="smoke run: 1 round of 3 s, 1 s warm-up [MADANG_BENCH_QUICK]",
    )
    p.add_argument(
        "--duration",
        type=int,
        default=None,
        help="seconds per measurement (default 10, quick 3) [MADANG_BENCH_DURATION]",
    )
    p.add_argument(
        "--connections",
        type=int,
        default=int(env("CONNECTIONS", 16)),
        help="wrk open connections [MADANG_BENCH_CONNECTIONS]",
    )
    p.add_argument(
        "--threads",
        type=int,
        default=int(env("THREADS", 2)),
        help="wrk threads [MADANG_BENCH_THREADS]",
    )
    p.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="rounds of (bare, home); the median is reported (default 3, quick 1) "
        "[MADANG_BENCH_ROUNDS]",
    )
    p.add_argument(
        "--warmup",
        type=int,
        default=None,
        help="warm-up seconds per target (default 3, quick 1) [MADANG_BENCH_WARMUP]",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=int(env("WORKERS", 2 * cores + 1)),
        help="gunicorn workers (2 × cores + 1) [MADANG_BENCH_WORKERS]",
    )
    p.add_argument(
        "--worker-class",
        default=env("WORKER_CLASS", "sync"),
        choices=["sync", "gthread"],
        help="gunicorn worker class [MADANG_BENCH_WORKER_CLASS]",
    )
    p.add_argument(
        "--worker-threads",
        type=int,
        default=int(env("WORKER_THREADS", 1)),
        help="threads per gunicorn worker (gthread only) [MADANG_BENCH_WORKER_THREADS]",
    )
    p.add_argument(
        "--database",
        default=env("DB", "madang_bench"),
        help="PostgreSQL database to drop and recreate [MADANG_BENCH_DB]",
    )
    p.add_argument(
        "--postgres-url",
        default=env("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server, without database name [MADANG_BENCH_POSTGRES_URL]",
    )
    p.add_argument(
        "--cache",
        default=env("CACHE", "auto"),
        choices=["auto", "redis", "locmem"],
        help="Django cache backend: redis (REDIS_URL or redis://127.0.0.1:6379/0), "
        "locmem, or auto = redis when it answers [MADANG_BENCH_CACHE]",
    )
    p.add_argument("--no-json", action="store_true", help="do not write bench/results/*.json")
    args = p.parse_args(argv)
    quick = args.quick
    if args.duration is None:
        args.duration = int(env("DURATION", 3 if quick else 10))
    if args.rounds is None:
        args.rounds = int(env("ROUNDS", 1 if quick else 3))
    if args.warmup is None:
        args.warmup = int(env("WARMUP", 1 if quick else 3))
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        p.error("--database must be a plain lower-case PostgreSQL identifier")
    if min(args.duration, args.connections, args.threads, args.rounds, args.workers) < 1:
        p.error("duration, connections, threads, rounds and workers must be at least 1")
    if args.threads > args.connections:
        p.error("wrk needs at least as many connections as threads")
    return args


# --- set-up -------------------------------------------------------------------------------------


def preflight(port: int, log: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Each target must answer 200 itself (no redirect, no error page) before it is measured.

    Also returns each target's page-cache state on a second request (``X-Madang-Cache``: hit,
    miss, or "-" when the response is not cacheable), so the report says what was measured."""
    sizes, cache_states = {}, {}
    for name, path in TARGETS:
        status, body, headers = get(port, path)
        if status != 200:
            where = headers.get("Location", "")
            text = body[:300].decode(errors="replace")
            raise BenchError(
                f"{name} {path} answered {status} {where}: {text}\ngunicorn log:\n{tail(log)}"
            )
        sizes[name] = len(body)
        _status, _body, again = get(port, path)
        cache_states[name] = again.get("X-Madang-Cache", "-")
    return sizes, cache_states


# --- measuring ----------------------------------------------------------------------------------


def run_wrk(args, port: int, path: str, seconds: int) -> dict:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "-s",
        str(LUA_SCRIPT),
    ]
    for header, value in PROXY_HEADERS.items():
        command += ["-H", f"{header}: {value}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    proc = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("WRK_JSON ")]
    if proc.returncode != 0 or not lines:
        raise BenchError(f"wrk failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    result = json.loads(lines[-1].removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def check(result: dict, name: str, path: str) -> None:
    errors = {k: v for k, v in result["errors"].items() if v}
    if errors or result["non2xx"] or not result["requests"]:
        raise BenchError(
            f"{name} {path}: {result['requests']} requests, {result['non2xx']} not 2xx "
            f"(first status {result['first_non2xx_status'] or '-'}), socket errors {errors or 0}"
            " — the figures would be meaningless"
        )


def summarise(runs: list[dict]) -> dict:
    med = statistics.median
    return {
        "rps": round(med(r["rps"] for r in runs), 1),
        **{
            f"{p}_ms": round(med(r["latency_us"][p] for r in runs) / 1000, 2)
            for p in ("p50", "p95", "p99")
        },
        "requests": sum(r["requests"] for r in runs),
        "non2xx": sum(r["non2xx"] for r in runs),
        "rounds": len(runs),
    }


def measure(args, port: int, gunicorn: subprocess.Popen, log: Path) -> dict[str, list[dict]]:
    def alive():
        if gunicorn.poll() is not None:
            raise BenchError(f"gunicorn died during the run ({gunicorn.returncode}):\n{tail(log)}")

    if args.warmup:
        for name, path in TARGETS:
            print(f"  warm-up {name} {path} ({args.warmup} s)", flush=True)
            check(run_wrk(args, port, path, args.warmup), name, path)
            alive()
    runs: dict[str, list[dict]] = {name: [] for name, _ in TARGETS}
    for round_no in range(1, args.rounds + 1):
        for name, path in TARGETS:
            result = run_wrk(args, port, path, args.duration)
            check(result, name, path)
            alive()
            runs[name].append(result)
            lat = result["latency_us"]
            print(
                f"  round {round_no}/{args.rounds} {name:<4} {result['rps']:8.1f} req/s  "
                f"p50 {lat['p50'] / 1000:7.2f} ms  p95 {lat['p95'] / 1000:7.2f} ms  "
                f"p99 {lat['p99'] / 1000:7.2f} ms",
                flush=True,
            )
    return runs


# --- reporting ----------------------------------------------------------------------------------


def report(report_data: dict) -> str:
    s = report_data["summary"]
    load = report_data["load"]
    lines = [
        "",
        "Madang HTTP bench — home page beside the bare Django view",
        describe(report_data["machine"]),
        f"server:  gunicorn {load['gunicorn_workers']} {load['gunicorn_worker_class']} workers "
        f"(threads/worker {load['gunicorn_threads_per_worker']}), {SETTINGS}, DEBUG off, "
        f"PostgreSQL database {report_data['database']}, cache {report_data['cache']}",
        f"client:  wrk -t{load['wrk_threads']} -c{load['wrk_connections']} "
        f"-d{load['duration_s']}s on loopback, same machine; warm-up {load['warmup_s']} s per "
        f"target; {load['rounds']} round(s) alternating bare, home; medians shown",
        "",
        f"{'target':<6} {'path':<18} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'requests':>9} {'non-2xx':>8}",
    ]
    for name, path in TARGETS:
        t = s[name]
        lines.append(
            f"{name:<6} {path:<18} {t['rps']:>9.1f} {t['p50_ms']:>8.2f} {t['p95_ms']:>8.2f} "
            f"{t['p99_ms']:>8.2f} {t['requests']:>9} {t['non2xx']:>8}"
        )
    ratio = report_data["ratio_home_over_bare"]
    per_round = ", ".join(f"{r:.3f}" for r in report_data["ratio_per_round"])
    lines += [
        "",
        f"ratio home/bare req/s: {ratio:.3f} ({ratio:.1%}); per round: {per_round}",
        f"target (issue #4 item 14): home ≥ {HOME_TARGET_RATIO:.0%} of bare — "
        + ("met" if ratio >= HOME_TARGET_RATIO else "NOT met"),
        "page cache (X-Madang-Cache on a repeated request): "
        + ", ".join(f"{name} {t['page_cache']}" for name, t in report_data["targets"].items()),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print(
            "bench_http: wrk is not installed (scripts/ensure-system-packages wrk)", file=sys.stderr
        )
        return 1

    # SIGTERM (e.g. from CI) unwinds like Ctrl-C, so the finally block below always runs.
    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)

    started_at = dt.datetime.now().astimezone()
    info = machine_info()
    print(f"HTTP bench: {describe(info)}", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="madang-bench-"))
    log = tmp / "gunicorn.log"
    gunicorn = None
    try:
        cache, redis_url = choose_cache(args.cache)
        database_url = f"{args.postgres_url.rstrip('/')}/{args.database}"
        run_env = app_environment(args, tmp, database_url, redis_url)
        print(f"  recreating database {args.database}", flush=True)
        recreate_database(args.postgres_url, args.database)
        manage(run_env, "migrate", "--noinput")
        manage(run_env, "load_demo")
        manage(run_env, "collectstatic", "--noinput", "--verbosity", "0")

        port = free_port()
        gunicorn = start_gunicorn(args, run_env, port, log)
        wait_until_ready(gunicorn, port, log)
        sizes, cache_states = preflight(port, log)
        runs = measure(args, port, gunicorn, log)
    except KeyboardInterrupt:
        print("\nbench_http: interrupted; stopping gunicorn", file=sys.stderr)
        return 130
    except BenchError as exc:
        print(f"\nbench_http: FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        # A second Ctrl-C or SIGTERM must not cut the teardown short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop_gunicorn(gunicorn)
        shutil.rmtree(tmp, ignore_errors=True)

    summary = {name: summarise(runs[name]) for name, _ in TARGETS}
    ratio = summary["home"]["rps"] / summary["bare"]["rps"]
    data = {
        "bench": "http",
        "started_at": started_at.isoformat(timespec="seconds"),
        "command": " ".join(["bench/bench_http.py", *(sys.argv[1:] if argv is None else argv)]),
        "machine": info,
        "settings": SETTINGS,
        "database": args.database,
        "cache": cache,
        "load": {
            "gunicorn_workers": args.workers,
            "gunicorn_worker_class": args.worker_class,
            "gunicorn_threads_per_worker": args.worker_threads
            if args.worker_class == "gthread"
            else 1,
            "wrk_threads": args.threads,
            "wrk_connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "rounds": args.rounds,
        },
        "targets": {
            name: {"path": path, "body_bytes": sizes[name], "page_cache": cache_states[name]}
            for name, path in TARGETS
        },
        "summary": summary,
        "ratio_home_over_bare": round(ratio, 4),
        "ratio_per_round": [
            round(h["rps"] / b["rps"], 4) for b, h in zip(runs["bare"], runs["home"], strict=True)
        ],
        "home_target_ratio": HOME_TARGET_RATIO,
        "home_target_met": ratio >= HOME_TARGET_RATIO,
        "runs": runs,
    }
    print(report(data))
    if not args.no_json:
        RESULTS_DIR.mkdir(exist_ok=True)
        out = RESULTS_DIR / f"http-{started_at:%Y%m%d-%H%M%S}.json"
        out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        print(f"\nwritten: {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
