"""What a bench ran on: every bench prints this beside its figures (ARCHITECTURE.md, bench/)."""

import os
import platform
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _git_commit() -> str:
    # For a run from a copy of the tree without .git, the caller can say what it was.
    if os.environ.get("MADANG_BENCH_GIT_COMMIT"):
        return os.environ["MADANG_BENCH_GIT_COMMIT"]
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
        return out.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine_info() -> dict:
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "cores": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "loadavg_1_5_15": load,
        "git_commit": _git_commit(),
    }


def describe(info: dict) -> str:
    load = info["loadavg_1_5_15"]
    load_text = " ".join(str(x) for x in load) if load else "unknown"
    return (
        f"machine: {info['cores']} cores ({info['cpu_model']}), {info['memory_gib']} GiB RAM, "
        f"{info['os']}, Python {info['python']}; load average {load_text}; "
        f"commit {info['git_commit']}"
    )
