"""한글 정규화: 회피 표기를 되돌리고, 원문 위치를 지킨다 (제8조 제6호 선별의 토대)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madang.boards.screening import screen_text
from madang.boards.screening.normalize import (
    compose_jamo,
    keyboard_to_hangul,
    normalize_for_matching,
    normalize_for_signature,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ㅅㅣㅂㅏㄹ", "시발"),
        ("시1발", "시발"),
        ("시.발", "시발"),
        ("씨@발", "씨발"),
        ("시 발", "시발"),
        ("ㅅl발", "시발"),
        ("ㅅH77l", "새끼"),
        ("씨이이이발", "씨발"),
        ("씨바아알", "씨발"),
        ("ㅋㅋㅋㅋ", "ㅋ"),
        ("ㄱㅗㅏㄴ", "관"),
        ("시\u200b발", "시발"),
        ("ㅅ\u3164ㅂ", "ㅅㅂ"),
        ("\uffa1\uffc2", "가"),  # half-width jamo
    ],
)
def test_normalize(raw, expected):
    assert normalize_for_matching(raw).text == expected


def test_breaks_remember_where_spaces_were():
    norm = normalize_for_matching("출시 발표")
    assert norm.text == "출시발표"
    assert norm.breaks == (True, False, True, False)
    assert norm.has_break(1, 3) and not norm.has_break(0, 2)


def test_long_non_hangul_runs_are_kept():
    # A URL or an English sentence between Hangul is content, not padding.
    assert "example" in normalize_for_matching("가 https://example.com 나").text


def test_repeats_kept_when_asked():
    assert normalize_for_matching("토토 카카오톡", fold_repeats=False).text == "토토카카오톡"


def test_compose_and_keyboard():
    assert compose_jamo("ㅎㅏㄴㄱㅡㄹ") == "한글"
    assert compose_jamo("ㄷㅏㄺ") == "닭"
    assert keyboard_to_hangul("tlqkf").text == "시발"
    assert keyboard_to_hangul("dkssud").text == "안녕"
    assert keyboard_to_hangul("hello") is None  # leaves a lone vowel: ordinary English


def test_signature_normalisation():
    assert normalize_for_signature("안녕 하세요!! ＡＢＣ 12 ㅎㅏ") == "안녕하세요abc12하"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_spans_always_point_into_the_text(text):
    norm = normalize_for_matching(text)
    assert len(norm.text) == len(norm.starts) == len(norm.ends) == len(norm.breaks)
    for s, e in zip(norm.starts, norm.ends, strict=True):
        assert 0 <= s < e <= len(text)
    for f in screen_text(text):
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.matched
        assert 0.0 <= f.confidence <= 1.0


HANGUL_ISH = st.text(
    alphabet=st.sampled_from(list("시발씨병신개새끼ㅅㅂㅣㅏㄹ 1.@!lH가나다라ㅋ")), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(HANGUL_ISH)
def test_evasion_alphabet_never_breaks_spans(text):
    for f in screen_text(text):
        assert text[f.start : f.end] == f.matched
