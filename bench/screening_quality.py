"""제8조 자동 선별의 품질과 속도: 말뭉치 기준 사유별 정밀도·재현율·F1, 그리고 호출당 시간.

Run from the repository root: ``python bench/screening_quality.py`` (``-v`` lists the errors).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from madang.boards.screening import screen_text
from madang.boards.tests.corpus import evaluate, load_corpus

# A typical long post (~2 KB of UTF-8): ordinary complaint text with one evasion inside.
_POST_2KB = (
    "상도동 주택가 골목에 불법 주차 차량이 매일 밤 세워져 있어 소방차가 못 들어갈까 걱정입니다. "
    "구청에 여러 번 민원을 넣었지만 답변이 늦고, 단속 차량도 오지 않았습니다. "
    "쓰레기 수거 시간도 새벽이라 시끄럽고, 공원 가로등은 꺼진 채로 몇 주째입니다. "
) * 7 + "정말 시1발 너무합니다. 빨리 조치해 주세요."


def _timings(texts: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call.

    Both are reported: on a busy machine the wall-clock tail is the scheduler's time slice
    (a few ms), not screening work, and CPU time shows the work alone.
    """
    wall, cpu = [], []
    for r in range(rounds):
        for text in texts:
            # A fresh string each call, so the per-text normalisation cache never answers.
            text = f"{text} {r}"
            w0, c0 = time.perf_counter(), time.thread_time()
            screen_text(text)
            cpu.append((time.thread_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
    return wall, cpu


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main() -> int:
    verbose = "-v" in sys.argv[1:]
    examples = load_corpus()
    scores, errors = evaluate(examples)
    clean = sum(1 for e in examples if not e.reasons)
    print(f"corpus: {len(examples)} examples ({clean} clean)")
    print(f"{'reason':<40} {'n':>4} {'prec':>6} {'recall':>6} {'F1':>6}")
    for reason, s in scores.items():
        name = f"제{int(reason)}호 {reason.name}"
        print(f"{name:<40} {s.tp + s.fn:>4} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")
    print(f"examples with any wrong reason: {len(errors)}")
    if verbose:
        for ex, got in errors:
            want = sorted(int(r) for r in ex.reasons)
            print(f"  {ex.source}: want {want} got {sorted(int(r) for r in got)}: {ex.text[:60]}")

    for label, texts, rounds in (
        ("corpus posts", [e.text for e in examples], 5),
        (f"a {len(_POST_2KB.encode())}-byte post", [_POST_2KB], 300),
    ):
        wall, cpu = _timings(texts, rounds)
        print(
            f"screen_text on {label} ({len(wall)} calls): "
            f"wall median {statistics.median(wall):.3f} ms, p95 {_p95(wall):.3f} ms; "
            f"CPU median {statistics.median(cpu):.3f} ms, p95 {_p95(cpu):.3f} ms"
        )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"machine: os.cpu_count()={os.cpu_count()}, load average {load}, "
        f"python {platform.python_version()}, {platform.machine()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
