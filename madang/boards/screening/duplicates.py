"""같거나 유사한 게시물의 반복 게시 판별 (제8조 제8호).

제8조 제8호: "같은 사람 또는 같은 사람이라고 인정되는 자가 같거나 유사한 내용을 반복적으로
올리는 경우". Which posts count as "the same person's" within which window is a database
question answered elsewhere; this module answers "are these two texts alike?" without a
database, through a fixed-size signature that can be stored beside each post.

Storage contract (the database layer relies on it):

* :func:`text_signature` returns exactly :data:`SIGNATURE_LENGTH` (64) non-negative ints, each
  below 2**63, so a row can keep them in a PostgreSQL ``bigint[]`` or a JSON list.
* The signature is deterministic across processes, machines and Python versions (blake2b, not
  ``hash()``), and depends only on :func:`normalize_for_signature` of the text.
* If the algorithm ever changes, :data:`SIGNATURE_VERSION` changes with it; store the version
  and compare only signatures of the same version.

Method: MinHash estimated by one-permutation hashing with rotation densification
(Shrivastava & Li, 2014) over character 3-shingles of the normalised text. One blake2b per
shingle keeps a 2 KB post well under a millisecond, where 64 independent hashes would not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable, Sequence

from django.utils.translation import gettext as _

from .normalize import normalize_for_signature
from .reasons import DeletionReason, Finding

__all__ = [
    "DEFAULT_THRESHOLD",
    "SIGNATURE_LENGTH",
    "SIGNATURE_VERSION",
    "NearDuplicateIndex",
    "find_near_duplicate",
    "is_near_duplicate",
    "screen_repeated",
    "similarity",
    "text_signature",
]

SIGNATURE_VERSION = 1
SIGNATURE_LENGTH = 64
SHINGLE_SIZE = 3
DEFAULT_THRESHOLD = 0.8

_BUCKET_BITS = 6  # 2**6 == SIGNATURE_LENGTH
_VALUE_BITS = 57
_VALUE_MASK = (1 << _VALUE_BITS) - 1
# A borrowed value is offset by (distance × this), which keeps it distinct from real values
# and below 2**63: 57 value bits + 6 bits of distance.
_ROTATION_STEP = 1 << _VALUE_BITS
_EMPTY = (1 << 63) - 1
_PERSON = b"madang-8ho-v1"

Signature = tuple[int, ...]


def _shingles(normalized: str) -> set[str]:
    if len(normalized) <= SHINGLE_SIZE:
        return {normalized} if normalized else set()
    return {normalized[i : i + SHINGLE_SIZE] for i in range(len(normalized) - SHINGLE_SIZE + 1)}


def text_signature(text: str) -> Signature:
    """게시물 본문의 유사도 서명(MinHash, 정수 64개)을 만든다 (제8조 제8호 반복 게시 판별용).

    Store it with the post (``bigint[]`` or JSON list) together with :data:`SIGNATURE_VERSION`.
    Texts that differ only in spacing, punctuation, case or emoji get the same signature.
    """
    bins = [-1] * SIGNATURE_LENGTH
    for shingle in _shingles(normalize_for_signature(text)):
        h = int.from_bytes(
            hashlib.blake2b(shingle.encode(), digest_size=8, person=_PERSON).digest(), "big"
        )
        bucket = h >> (64 - _BUCKET_BITS)
        value = h & _VALUE_MASK
        if bins[bucket] < 0 or value < bins[bucket]:
            bins[bucket] = value
    if all(v < 0 for v in bins):
        return (_EMPTY,) * SIGNATURE_LENGTH
    out = list(bins)
    for i in range(SIGNATURE_LENGTH):
        if bins[i] >= 0:
            continue
        # Borrow from the next filled bin to the right, so two similar texts borrow alike.
        for distance in range(1, SIGNATURE_LENGTH):
            v = bins[(i + distance) % SIGNATURE_LENGTH]
            if v >= 0:
                out[i] = v + distance * _ROTATION_STEP
                break
    return tuple(out)


def similarity(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """두 서명의 추정 자카드 유사도 0..1 (제8조 제8호 "같거나 유사한 내용" 판단의 근거)."""
    if len(sig_a) != len(sig_b) or not sig_a:
        raise ValueError("signatures must have the same, non-zero length")
    return sum(1 for a, b in zip(sig_a, sig_b, strict=True) if a == b) / len(sig_a)


def _as_signature(item: str | Sequence[int]) -> Signature:
    return text_signature(item) if isinstance(item, str) else tuple(item)


def find_near_duplicate(
    text: str,
    previous: Iterable[str | Sequence[int]],
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[int, float] | None:
    """앞선 게시물 중 가장 비슷한 것의 (순번, 유사도); 기준 미만이면 None (제8조 제8호).

    ``previous`` holds texts or stored signatures, e.g. the same author's recent posts.
    """
    items = list(previous)
    if not items:
        return None
    sig = text_signature(text)
    best: tuple[int, float] | None = None
    for index, item in enumerate(items):
        score = similarity(sig, _as_signature(item))
        if score >= threshold and (best is None or score > best[1]):
            best = (index, score)
    return best


def is_near_duplicate(
    text: str,
    previous_texts: Iterable[str | Sequence[int]],
    threshold: float = DEFAULT_THRESHOLD,
) -> bool:
    """앞선 게시물과 같거나 유사한지 (제8조 제8호); 유사도가 ``threshold`` 이상이면 True."""
    return find_near_duplicate(text, previous_texts, threshold) is not None


def screen_repeated(
    text: str,
    previous_texts: Iterable[str | Sequence[int]],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Finding]:
    """반복 게시 후보를 Finding으로 돌려준다 (제8조 제8호); 글 전체를 범위로 한다."""
    match = find_near_duplicate(text, previous_texts, threshold)
    if match is None or not text:
        return []
    index, score = match
    return [
        Finding(
            reason=DeletionReason.REPEATED_POSTING,
            start=0,
            end=len(text),
            matched=text,
            confidence=round(min(0.95, 0.5 + 0.45 * score), 2),
            explanation=_(
                "앞선 게시물(%(position)d번째 비교 대상)과 내용이 %(percent)d%% 비슷합니다. "
                "같은 사람이 반복해 올린 글인지 확인이 필요합니다 (제8조 제8호)."
            )
            % {"position": index + 1, "percent": round(score * 100)},
            rule="repeated:minhash",
        )
    ]


class NearDuplicateIndex:
    """메모리 안의 유사 게시물 색인 (제8조 제8호); 밴드 LSH로 후보를 좁힌 뒤 서명을 비교한다.

    16 bands of 4 values: two texts with similarity 0.8 share a band with probability
    above 0.999, while unrelated texts rarely do, so a query does not scan every entry.
    """

    _BANDS = 16
    _ROWS = SIGNATURE_LENGTH // _BANDS

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self._signatures: dict[Hashable, Signature] = {}
        self._buckets: dict[tuple[int, Signature], set[Hashable]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def _bands(self, sig: Signature) -> list[tuple[int, Signature]]:
        r = self._ROWS
        return [(b, sig[b * r : (b + 1) * r]) for b in range(self._BANDS)]

    def add(self, key: Hashable, text_or_signature: str | Sequence[int]) -> Signature:
        """게시물을 색인에 넣고 그 서명을 돌려준다 (제8조 제8호 비교 대상 등록)."""
        sig = _as_signature(text_or_signature)
        if len(sig) != SIGNATURE_LENGTH:
            raise ValueError(f"signature must have {SIGNATURE_LENGTH} values")
        self.remove(key)
        self._signatures[key] = sig
        for band in self._bands(sig):
            self._buckets.setdefault(band, set()).add(key)
        return sig

    def remove(self, key: Hashable) -> None:
        """색인에서 뺀다 (삭제되었거나 비교 기간이 지난 게시물)."""
        sig = self._signatures.pop(key, None)
        if sig is None:
            return
        for band in self._bands(sig):
            keys = self._buckets.get(band)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._buckets[band]

    def query(
        self, text_or_signature: str | Sequence[int], threshold: float | None = None
    ) -> list[tuple[Hashable, float]]:
        """유사한 게시물의 (키, 유사도) 목록, 유사도 높은 순 (제8조 제8호)."""
        sig = _as_signature(text_or_signature)
        limit = self.threshold if threshold is None else threshold
        candidates: set[Hashable] = set()
        for band in self._bands(sig):
            candidates |= self._buckets.get(band, set())
        scored = [(key, similarity(sig, self._signatures[key])) for key in candidates]
        return sorted(((k, s) for k, s in scored if s >= limit), key=lambda t: (-t[1], str(t[0])))
