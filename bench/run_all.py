"""`make bench`: run every benchmark in bench/, one after the other, each in its own process.

Convention (so that new benches plug in without touching this file):

* ``bench/bench_<name>.py`` is a benchmark. It is a standalone script: it sets itself up, prints
  its figures and the machine it ran on (``bench/machine.py``), writes them as JSON to
  ``bench/results/<name>-<timestamp>.json``, tears everything down, and exits non-zero when its
  figures cannot be trusted. It reads its options from ``MADANG_BENCH_*`` environment variables
  (and may offer the same as command-line flags), so this runner passes them through the
  environment: MADANG_BENCH_QUICK, _DURATION, _CONNECTIONS, _THREADS, _ROUNDS. A bench ignores
  the ones that mean nothing to it.
* ``EXTRA_SCRIPTS`` lists scripts with other names that predate or sit outside the convention
  (e.g. ``screening_quality.py``, which prints precision and recall); each runs, when present,
  with no arguments.

Usage: ``.venv/bin/python bench/run_all.py [--quick] [--duration S] [--connections N]
[--threads N] [--rounds N] [--only NAME ...] [--list]``.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe, machine_info

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
# bench_http first: it is the one the issue asks for; the rest in name order.
FIRST = ["bench_http.py"]
EXTRA_SCRIPTS = ["screening_quality.py"]
TERMINATED = False  # set when this runner itself got SIGTERM


def discover() -> list[Path]:
    found = sorted(BENCH_DIR.glob("bench_*.py"), key=lambda p: (p.name not in FIRST, p.name))
    found += [BENCH_DIR / name for name in EXTRA_SCRIPTS if (BENCH_DIR / name).is_file()]
    return found


def bench_name(path: Path) -> str:
    return path.stem.removeprefix("bench_")


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Run every benchmark in bench/.")
    p.add_argument("--quick", action="store_true", help="smoke run: short and single-round")
    p.add_argument("--duration", type=int, help="seconds per measurement (HTTP benches)")
    p.add_argument("--connections", type=int, help="open connections (HTTP benches)")
    p.add_argument("--threads", type=int, help="load-generator threads (HTTP benches)")
    p.add_argument("--rounds", type=int, help="rounds per bench; medians are reported")
    p.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="run only these benches (http, complaint_queue, screening_quality, ...)",
    )
    p.add_argument("--list", action="store_true", help="list the benches and exit")
    return p.parse_args()


def child_environment(args: argparse.Namespace) -> dict[str, str]:
    run_env = dict(os.environ)
    if args.quick:
        run_env["MADANG_BENCH_QUICK"] = "1"
    for option in ("duration", "connections", "threads", "rounds"):
        value = getattr(args, option)
        if value is not None:
            run_env[f"MADANG_BENCH_{option.upper()}"] = str(value)
    return run_env


def run_one(path: Path, run_env: dict[str, str]) -> int:
    proc = subprocess.Popen([sys.executable, str(path)], cwd=REPO, env=run_env)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        # Ctrl-C from a terminal reached the child too (same process group); a SIGTERM sent to
        # this runner alone is passed on. Either way the child gets time to tear down.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if TERMINATED and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        raise


def main() -> int:
    args = parse_args()
    benches = discover()
    if args.only:
        wanted = set(args.only)
        unknown = wanted - {bench_name(p) for p in benches}
        if unknown:
            print(f"run_all: no such bench: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        benches = [p for p in benches if bench_name(p) in wanted]
    if args.list:
        for path in benches:
            print(f"{bench_name(path):<20} bench/{path.name}")
        return 0

    def on_term(signum, frame):
        global TERMINATED
        TERMINATED = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)

    print(f"Madang benchmarks — {describe(machine_info())}", flush=True)
    run_env = child_environment(args)
    outcomes: list[tuple[str, int, float]] = []
    try:
        for path in benches:
            print(f"\n=== {bench_name(path)} (bench/{path.name}) ===", flush=True)
            started = time.monotonic()
            code = run_one(path, run_env)
            outcomes.append((bench_name(path), code, time.monotonic() - started))
    except KeyboardInterrupt:
        print("\nrun_all: interrupted", file=sys.stderr)
        return 130

    print("\n=== summary ===")
    for name, code, seconds in outcomes:
        print(f"{name:<20} {'ok' if code == 0 else f'FAILED (exit {code})':<18} {seconds:6.1f} s")
    return 0 if all(code == 0 for _, code, _ in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
