"""제8조의 삭제 사유와 자동 선별 결과(Finding).

The nine deletion reasons of 「서울특별시 동작구 홈페이지 및 소셜미디어 운영에 관한 조례」 제8조,
numbered as the ordinance numbers them, so that ``int(reason)`` is the 호 a moderator cites.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["SCREENABLE_REASONS", "DeletionReason", "Finding"]


class DeletionReason(enum.IntEnum):
    """제8조 각 호의 게시물 삭제 사유 (값 = 호 번호)."""

    NATIONAL_SECURITY = 1
    POLITICAL_PURPOSE = 2
    GROUNDLESS_CRITICISM_OF_INSTITUTIONS = 3
    DEFAMATION = 4
    COMMERCIAL_ADVERTISING = 5
    PROFANITY_OBSCENITY = 6
    REAL_NAME_VIOLATION = 7
    REPEATED_POSTING = 8
    OTHER_PUBLIC_INTEREST = 9

    @property
    def label(self) -> str:
        """제8조 제N호의 조문 그대로의 문구 (게시판에 공개하는 삭제 사유)."""
        return _translated(_LABELS[self])

    @property
    def label_ko(self) -> str:
        """The ordinance's Korean wording whatever the active language."""
        return _LABELS[self]

    @property
    def citation(self) -> str:
        """'제8조 제N호' 형식의 인용 (삭제 표시문에 쓰는 근거 조항)."""
        return _translated(_CITATION) % {"number": int(self)}


def _translated(message: str) -> str:
    """The message in the active language when Django is set up; Korean otherwise, so the
    screening stays usable without Django (its own tests, the quality bench)."""
    try:
        from django.conf import settings
        from django.utils.translation import gettext

        if settings.configured:
            return gettext(message)
    except ImportError:
        pass
    return message


def gettext_noop(message: str) -> str:
    """Marks a string for makemessages without needing Django here (Django's own does the same)."""
    return message


_CITATION = gettext_noop("제8조 제%(number)d호")


# Copied verbatim from seed/ordinance-ko.txt: the published reason must be the ordinance's wording.
_LABELS: dict[DeletionReason, str] = {
    DeletionReason.NATIONAL_SECURITY: gettext_noop(
        "국가안전을 해치거나 보안 관련 법규에 위배되는 경우"
    ),
    DeletionReason.POLITICAL_PURPOSE: gettext_noop("정치적 목적 또는 성향이 있는 경우"),
    DeletionReason.GROUNDLESS_CRITICISM_OF_INSTITUTIONS: gettext_noop(
        "특정기관·단체 및 행정기관을 근거없이 비난하는 경우"
    ),
    DeletionReason.DEFAMATION: gettext_noop("특정인을 비방하거나 명예훼손의 우려가 있는 경우"),
    DeletionReason.COMMERCIAL_ADVERTISING: gettext_noop(
        "영리목적의 상업성 광고 및 저작권을 침해할 수 있는 경우"
    ),
    DeletionReason.PROFANITY_OBSCENITY: gettext_noop("욕설·음란물 등 불건전한 내용인 경우"),
    DeletionReason.REAL_NAME_VIOLATION: gettext_noop(
        "실명을 원칙으로 하는 경우 실명을 사용하지 않았거나 실명이 아닌 것으로 판명된 경우"
    ),
    DeletionReason.REPEATED_POSTING: gettext_noop(
        "같은 사람 또는 같은 사람이라고 인정되는 자가 같거나 유사한 내용을 반복적으로 올리는 경우"
    ),
    DeletionReason.OTHER_PUBLIC_INTEREST: gettext_noop(
        "그 밖에 공익을 해치거나 게시판 운영 취지에 맞지 않는 경우"
    ),
}

#: Reasons that text screening can suggest; the others need a person's judgement
#: (1–3, 9) or identity data (7), so screening never claims them.
SCREENABLE_REASONS: frozenset[DeletionReason] = frozenset(
    {
        DeletionReason.DEFAMATION,
        DeletionReason.COMMERCIAL_ADVERTISING,
        DeletionReason.PROFANITY_OBSCENITY,
        DeletionReason.REPEATED_POSTING,
    }
)


@dataclass(frozen=True, slots=True)
class Finding:
    """자동 선별이 찾은 삭제 사유 후보 하나 (제8조 제N호).

    A finding is a suggestion for the moderator queue, never a deletion: 제8조 says the
    구청장 *may* delete, so a person decides. ``start``/``end`` index the text exactly as the
    author submitted it, so ``text[start:end] == matched`` and the UI can highlight it.
    """

    reason: DeletionReason
    start: int
    end: int
    matched: str
    confidence: float
    explanation: str
    rule: str = ""

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError("confidence must be within 0..1")
        if not 0 <= self.start <= self.end:
            raise ValueError("span must satisfy 0 <= start <= end")
