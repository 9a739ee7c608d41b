"""Staff-facing messages that used to be fixed Korean text now follow the active language."""

import pytest
from django.utils import translation

from madang.accounts.identity.base import IdentityVerificationError, verified_identity_from
from madang.boards.screening.duplicates import screen_repeated
from madang.privacy.selectors import parse_month


def test_parse_month_message_in_korean_and_english():
    with pytest.raises(ValueError) as exc:
        parse_month("2026/13")
    assert str(exc.value) == "월은 2026-11 형식으로 적어 주세요(입력한 값: '2026/13')."
    with translation.override("en"), pytest.raises(ValueError) as exc:
        parse_month("11-2026")
    assert str(exc.value) == "Write the month as 2026-11 (you entered '11-2026')."
    assert parse_month(" 2026-11 ").month == 11


def test_identity_error_in_english():
    with translation.override("en"), pytest.raises(IdentityVerificationError) as exc:
        verified_identity_from(ci="", di="", birth=None, name=None, purpose="x", today=None)
    assert str(exc.value) == (
        "The identity verification result has no connecting information (CI)."
    )


def test_repeated_posting_explanation_keeps_its_numbers():
    text = "우리 동네 버스 정류장에 비가림 시설을 꼭 설치해 주세요. 비 오는 날 너무 힘듭니다."
    (finding,) = screen_repeated(text, ["다른 글입니다 전혀 관계없는 내용", text])
    assert finding.explanation.startswith("앞선 게시물(2번째 비교 대상)과 내용이 100% 비슷합니다.")
    with translation.override("en"):
        (finding,) = screen_repeated(text, [text])
    assert finding.explanation.startswith("100% similar to an earlier post (comparison 1).")
