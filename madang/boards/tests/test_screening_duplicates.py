"""제8조 제8호 유사 게시물 서명: 저장 가능한 형태, 결정성, 유사도 판정."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madang.boards.screening import (
    SIGNATURE_LENGTH,
    SIGNATURE_VERSION,
    NearDuplicateIndex,
    find_near_duplicate,
    is_near_duplicate,
    similarity,
    text_signature,
)

POST = (
    "보라매공원 야간 조명을 늘려 주세요. 밤에 산책하기 너무 무섭습니다. "
    "여성 주민들이 특히 불안해합니다."
)
OTHER = "신대방동 음식물 쓰레기 수거함이 넘쳐서 악취가 납니다. 수거 횟수를 늘려 주세요."
REPO = Path(__file__).resolve().parents[3]


def test_signature_is_storable():
    sig = text_signature(POST)
    assert SIGNATURE_LENGTH == 64 and SIGNATURE_VERSION == 1
    assert isinstance(sig, tuple) and len(sig) == SIGNATURE_LENGTH
    # Fits a PostgreSQL bigint[] and survives a JSON round trip.
    assert all(isinstance(v, int) and 0 <= v < 2**63 for v in sig)
    assert similarity(list(sig), sig) == 1.0


def test_signature_is_pinned():
    # Changing these values breaks every stored signature: bump SIGNATURE_VERSION instead.
    assert text_signature("보라매공원 야간 조명을 늘려 주세요.")[:4] == (
        450927142949856306,
        306811954874000434,
        162696766798144562,
        18581578722288690,
    )
    assert text_signature("") == (2**63 - 1,) * SIGNATURE_LENGTH


def test_signature_does_not_depend_on_the_hash_seed():
    code = f"from madang.boards.screening import text_signature;print(text_signature({POST!r}))"
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(result.stdout)
    assert outputs == {f"{text_signature(POST)}\n"}


def test_spacing_punctuation_case_and_emoji_do_not_matter():
    assert text_signature(POST) == text_signature(POST.replace(" ", "") + " !!! 😡")
    assert text_signature("PARKING Problem") == text_signature("parking problem")


def test_near_duplicates_and_different_posts():
    edited = POST.replace("너무", "정말")
    assert similarity(text_signature(POST), text_signature(edited)) >= 0.8
    assert similarity(text_signature(POST), text_signature(OTHER)) < 0.3
    assert is_near_duplicate(edited, [OTHER, POST])
    assert not is_near_duplicate(OTHER, [POST])
    assert not is_near_duplicate(POST, [])
    assert find_near_duplicate(edited, [OTHER, text_signature(POST)])[0] == 1


def test_threshold_is_respected():
    edited = POST.replace("너무", "정말")
    score = similarity(text_signature(POST), text_signature(edited))
    assert is_near_duplicate(edited, [POST], threshold=score)
    assert not is_near_duplicate(edited, [POST], threshold=min(1.0, score + 0.01))


def test_similarity_rejects_mismatched_signatures():
    with pytest.raises(ValueError):
        similarity((1, 2), (1, 2, 3))


def test_index():
    index = NearDuplicateIndex(threshold=0.8)
    index.add("a", POST)
    index.add("b", OTHER)
    index.add("c", text_signature(POST + " 꼭요"))
    assert len(index) == 3
    assert [key for key, _ in index.query(POST)] == ["a", "c"]
    assert [key for key, _ in index.query(POST.replace("너무", "정말"))][:1] == ["a"]
    index.remove("a")
    assert [key for key, _ in index.query(POST)] == ["c"]
    assert index.query("전혀 관계없는 짧은 글") == []
    with pytest.raises(ValueError):
        index.add("bad", (1, 2, 3))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_signature_properties(text):
    sig = text_signature(text)
    assert len(sig) == SIGNATURE_LENGTH
    assert all(0 <= v < 2**63 for v in sig)
    assert similarity(sig, text_signature(text)) == 1.0
