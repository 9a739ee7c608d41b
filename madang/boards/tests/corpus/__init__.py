"""Labelled Korean corpus for 제8조 screening, shared by the tests and bench/screening_quality.py.

Each ``*.jsonl`` line is ``{"text": str, "reasons": [int, ...], "previous": [str, ...]?}``:
``reasons`` are the 제8조 호 numbers a moderator would cite (empty for a clean post) and
``previous`` the same author's earlier posts, present only where 제8조 제8호 is being tested.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from madang.boards.screening import DeletionReason, screen_text

CORPUS_DIR = Path(__file__).resolve().parent
EVALUATED_REASONS = (
    DeletionReason.DEFAMATION,
    DeletionReason.COMMERCIAL_ADVERTISING,
    DeletionReason.PROFANITY_OBSCENITY,
    DeletionReason.REPEATED_POSTING,
)


@dataclass(frozen=True)
class Example:
    source: str
    text: str
    reasons: frozenset[DeletionReason]
    previous: tuple[str, ...] = ()


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_corpus() -> list[Example]:
    examples = []
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            examples.append(
                Example(
                    source=f"{path.name}:{n}",
                    text=row["text"],
                    reasons=frozenset(DeletionReason(r) for r in row["reasons"]),
                    previous=tuple(row.get("previous", ())),
                )
            )
    return examples


def predict(example: Example) -> frozenset[DeletionReason]:
    findings = screen_text(example.text, previous_texts=example.previous)
    return frozenset(f.reason for f in findings)


def evaluate(
    examples: list[Example],
) -> tuple[dict[DeletionReason, Score], list[tuple[Example, frozenset[DeletionReason]]]]:
    """Per-reason scores and the examples whose predicted reasons differ from the labels."""
    counts = {r: [0, 0, 0] for r in EVALUATED_REASONS}
    errors = []
    for ex in examples:
        got = predict(ex)
        if got != ex.reasons:
            errors.append((ex, got))
        for r in EVALUATED_REASONS:
            if r in got and r in ex.reasons:
                counts[r][0] += 1
            elif r in got:
                counts[r][1] += 1
            elif r in ex.reasons:
                counts[r][2] += 1
    return {r: Score(*c) for r, c in counts.items()}, errors
