"""게시물 자동 선별 (제8조): 삭제 사유 후보를 찾아 담당자 검토 대기열에 올린다.

제8조 lets the 구청장 delete a post for one of nine reasons and requires the reason to be
published. Screening only *suggests* reasons that the text itself can show — 제4호 (named
person accused), 제5호 (commercial advertising), 제6호 (profanity, obscenity) and, given the
author's earlier posts, 제8호 (repeated posting). A moderator decides.

Public API::

    screen_text(text, *, previous_texts=()) -> list[Finding]
    DeletionReason, Finding, SCREENABLE_REASONS
    text_signature, similarity, is_near_duplicate, find_near_duplicate, NearDuplicateIndex
    SIGNATURE_LENGTH, SIGNATURE_VERSION

Pure Python, standard library only, no database access.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .advertising import screen_advertising
from .defamation import screen_defamation
from .duplicates import (
    DEFAULT_THRESHOLD,
    SIGNATURE_LENGTH,
    SIGNATURE_VERSION,
    NearDuplicateIndex,
    find_near_duplicate,
    is_near_duplicate,
    screen_repeated,
    similarity,
    text_signature,
)
from .normalize import normalize_for_matching, normalize_for_signature
from .profanity import screen_profanity
from .reasons import SCREENABLE_REASONS, DeletionReason, Finding

__all__ = [
    "DEFAULT_THRESHOLD",
    "SCREENABLE_REASONS",
    "SIGNATURE_LENGTH",
    "SIGNATURE_VERSION",
    "DeletionReason",
    "Finding",
    "NearDuplicateIndex",
    "find_near_duplicate",
    "is_near_duplicate",
    "normalize_for_matching",
    "normalize_for_signature",
    "screen_advertising",
    "screen_defamation",
    "screen_profanity",
    "screen_repeated",
    "screen_text",
    "similarity",
    "text_signature",
]


def screen_text(
    text: str,
    *,
    previous_texts: Iterable[str | Sequence[int]] = (),
    duplicate_threshold: float = DEFAULT_THRESHOLD,
) -> list[Finding]:
    """게시물 본문에서 제8조 삭제 사유 후보를 찾는다 (제4호·제5호·제6호, 그리고 제8호).

    Findings are ordered by position, then reason. ``previous_texts`` are the same author's
    recent posts (texts or stored :func:`text_signature` values); with none given, 제8조
    제8호 is not judged, since a single text cannot repeat itself.
    """
    if not text:
        return []
    findings = [
        *screen_profanity(text),
        *screen_advertising(text),
        *screen_defamation(text),
        *screen_repeated(text, previous_texts, duplicate_threshold),
    ]
    findings.sort(key=lambda f: (f.start, int(f.reason), -f.end))
    return findings
