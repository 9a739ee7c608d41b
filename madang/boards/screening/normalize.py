"""한글 정규화: 욕설 회피 표기를 한 가지 꼴로 되돌리되 원문 위치를 잃지 않는다.

Evasions that people use to slip past word filters on Korean boards (제8조 제6호 게시물):

* 자모 분리 ``ㅅㅣㅂㅏㄹ`` and 초성 ``ㅅㅂ`` — compatibility jamo are recomposed;
* 끼워 넣기 ``시1발``, ``시.발``, ``씨@발`` — short non-Hangul runs between Hangul are dropped;
* 띄어 쓰기 ``시 발`` — whitespace is dropped too, but each unit remembers that a break was
  there, so the matcher can tell ``시 발`` (evasion) from ``출시 발표`` (two words);
* 닮은 글자 ``ㅅl발``, ``ㅅH77l`` — ASCII look-alikes next to jamo become jamo;
* 늘여 쓰기 ``씨이이발``, ``씨바아알`` — vowel elongations and doubled letters are folded;
* 전각·반각·원문자 — NFKC, with conjoining jamo mapped back to compatibility jamo (NFKC alone
  would turn ``ㅅ`` into a leading-consonant code point that never composes with a final).

Every normalised character keeps the [start, end) range of the original characters it came
from, so a match in the normalised text maps back to the exact text the author typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "NormalizedText",
    "compose_jamo",
    "initial_consonant",
    "keyboard_to_hangul",
    "normalize_for_matching",
    "normalize_for_signature",
]

CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONGSEONG = (
    "",
    *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ",
)
_CHO_INDEX = {c: i for i, c in enumerate(CHOSEONG)}
_JUNG_INDEX = {c: i for i, c in enumerate(JUNGSEONG)}
_JONG_INDEX = {c: i for i, c in enumerate(JONGSEONG) if c}

# Compound vowels and finals typed as two keys (ㅗ+ㅏ, ㄱ+ㅅ) on the 2-set keyboard.
_VOWEL_PAIRS = {
    ("ㅗ", "ㅏ"): "ㅘ",
    ("ㅗ", "ㅐ"): "ㅙ",
    ("ㅗ", "ㅣ"): "ㅚ",
    ("ㅜ", "ㅓ"): "ㅝ",
    ("ㅜ", "ㅔ"): "ㅞ",
    ("ㅜ", "ㅣ"): "ㅟ",
    ("ㅡ", "ㅣ"): "ㅢ",
}
_FINAL_PAIRS = {
    ("ㄱ", "ㅅ"): "ㄳ",
    ("ㄴ", "ㅈ"): "ㄵ",
    ("ㄴ", "ㅎ"): "ㄶ",
    ("ㄹ", "ㄱ"): "ㄺ",
    ("ㄹ", "ㅁ"): "ㄻ",
    ("ㄹ", "ㅂ"): "ㄼ",
    ("ㄹ", "ㅅ"): "ㄽ",
    ("ㄹ", "ㅌ"): "ㄾ",
    ("ㄹ", "ㅍ"): "ㄿ",
    ("ㄹ", "ㅎ"): "ㅀ",
    ("ㅂ", "ㅅ"): "ㅄ",
}

# 두벌식 (KS X 5002) key → jamo: 'tlqkf' is 시발 typed with the IME switched off.
_KEYBOARD = dict(
    zip(
        "qwertyuiopasdfghjklzxcvbnmQWERTOP",
        "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡㅃㅉㄸㄲㅆㅒㅖ",
        strict=True,
    )
)

# ASCII shapes that stand in for jamo when written next to jamo (ㅅl발, ㅅH77l).
_LOOKALIKE = {"l": "ㅣ", "1": "ㅣ", "I": "ㅣ", "|": "ㅣ", "!": "ㅣ", "i": "ㅣ", "H": "ㅐ"}

# Dropped separators longer than this are real content (a URL, a sentence), not padding.
_MAX_SEPARATOR_RUN = 5

# Hangul fillers are invisible and exist on boards only to split words.
_INVISIBLE = frozenset("\u3164\u115f\u1160\uffa0\u200b\u200c\u200d\u2060\ufeff\u00ad")


def _is_syllable(c: str) -> bool:
    return "가" <= c <= "힣"


def _is_jamo(c: str) -> bool:
    return "ㄱ" <= c <= "ㅣ"


def _is_consonant(c: str) -> bool:
    return "ㄱ" <= c <= "ㅎ"


def _is_vowel(c: str) -> bool:
    return "ㅏ" <= c <= "ㅣ"


def _is_hangul(c: str) -> bool:
    return _is_syllable(c) or _is_jamo(c)


def initial_consonant(syllable: str) -> str:
    """음절의 초성 (예: '시' → 'ㅅ'); 제8조 제6호 초성 욕설(ㅅㅂ) 대조에 쓴다."""
    if not _is_syllable(syllable):
        return syllable
    return CHOSEONG[(ord(syllable) - 0xAC00) // 588]


def _split(syllable: str) -> tuple[int, int, int]:
    s = ord(syllable) - 0xAC00
    return s // 588, (s % 588) // 28, s % 28


def _join(lead: int, vowel: int, tail: int) -> str:
    return chr(0xAC00 + lead * 588 + vowel * 28 + tail)


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """NFKC for one character, with conjoining jamo mapped to compatibility jamo."""
    out = []
    for d in unicodedata.normalize("NFKC", c):
        o = ord(d)
        if d in _INVISIBLE:
            continue
        if 0x1100 <= o <= 0x1112:
            out.append(CHOSEONG[o - 0x1100])
        elif 0x1161 <= o <= 0x1175:
            out.append(JUNGSEONG[o - 0x1161])
        elif 0x11A8 <= o <= 0x11C2:
            out.append(JONGSEONG[o - 0x11A7])
        else:
            out.append(d)
    return "".join(out)


# A unit is (char, start, end, break_before): one normalised character, the original range it
# stands for, and whether whitespace separated it from the previous unit.
Unit = tuple[str, int, int, bool]


_NEEDS_FOLD = re.compile(r"[^\x00-\x7f가-힣ㄱ-ㅣ]")
_HAS_JAMO = re.compile(r"[ㄱ-ㅣ]")
_WHITESPACE = str.maketrans(dict.fromkeys("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85", " "))
# A short run of anything but Hangul, with Hangul on both sides: 시1발, 시.발, 시 발, ㅅ ㅂ.
_SEPARATOR_RUN = re.compile(
    rf"(?<=[가-힣ㄱ-ㅣ])[^가-힣ㄱ-ㅣ]{{1,{_MAX_SEPARATOR_RUN}}}(?=[가-힣ㄱ-ㅣ])"
)


def _initial_units(text: str) -> list[Unit]:
    if not _NEEDS_FOLD.search(text):
        return [(c, i, i + 1, False) for i, c in enumerate(text.translate(_WHITESPACE))]
    units: list[Unit] = []
    for i, c in enumerate(text):
        if c.isspace():
            units.append((" ", i, i + 1, False))
        elif "가" <= c <= "힣" or "ㄱ" <= c <= "ㅣ" or c.isascii():
            units.append((c, i, i + 1, False))
        else:
            for d in _fold_char(c):
                units.append((" " if d.isspace() else d, i, i + 1, False))
    return units


def _apply_lookalikes(units: list[Unit]) -> list[Unit]:
    # Only next to jamo: elsewhere 'l' and '1' are letters and digits, and 시1발 is handled
    # by dropping the digit instead.
    out: list[Unit] = []
    i = 0
    n = len(units)
    while i < n:
        c, s, e, b = units[i]
        prev_jamo = bool(out) and _is_jamo(out[-1][0])
        if prev_jamo and c == "7" and i + 1 < n and units[i + 1][0] == "7":
            out.append(("ㄲ", s, units[i + 1][2], b))
            i += 2
            continue
        if prev_jamo and c in _LOOKALIKE:
            out.append((_LOOKALIKE[c], s, e, b))
        else:
            out.append(units[i])
        i += 1
    return out


def _drop_separators(units: list[Unit]) -> list[Unit]:
    chars = "".join(u[0] for u in units)
    dropped = bytearray(len(units))
    broken = bytearray(len(units) + 1)
    for m in _SEPARATOR_RUN.finditer(chars):
        dropped[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        if " " in m.group():
            broken[m.end()] = 1
    out: list[Unit] = []
    prev_space = True
    for k, u in enumerate(units):
        if dropped[k]:
            continue
        out.append((u[0], u[1], u[2], prev_space or bool(broken[k])))
        prev_space = u[0] == " "
    return out


@lru_cache(maxsize=16)
def _composed_units(text: str) -> tuple[Unit, ...]:
    # Cached because every detector normalises the same post in turn.
    units = _initial_units(text)
    if _HAS_JAMO.search(text) or _NEEDS_FOLD.search(text):
        units = _apply_lookalikes(units)
        units = _drop_separators(units)
        units = _compose(units)
    else:
        units = _drop_separators(units)
    return tuple(units)


def _compose(units: list[Unit]) -> list[Unit]:
    """Recompose compatibility jamo into syllables (두벌식 오토마타)."""
    out: list[Unit] = []
    n = len(units)
    i = 0
    while i < n:
        c, s, _e, b = units[i]
        nxt = units[i + 1][0] if i + 1 < n else ""
        if c in _CHO_INDEX and _is_vowel(nxt):
            lead = _CHO_INDEX[c]
            vowel = nxt
            j = i + 2
            if j < n and (vowel, units[j][0]) in _VOWEL_PAIRS and not units[j][3]:
                vowel = _VOWEL_PAIRS[(vowel, units[j][0])]
                j += 1
            tail = ""
            if j < n and units[j][0] in _JONG_INDEX:
                after = units[j + 1][0] if j + 1 < n else ""
                if not _is_vowel(after):
                    tail = units[j][0]
                    j += 1
                    if j < n and (tail, units[j][0]) in _FINAL_PAIRS:
                        after2 = units[j + 1][0] if j + 1 < n else ""
                        if not _is_vowel(after2):
                            tail = _FINAL_PAIRS[(tail, units[j][0])]
                            j += 1
            syl = _join(lead, _JUNG_INDEX[vowel], _JONG_INDEX.get(tail, 0))
            out.append((syl, s, units[j - 1][2], b))
            i = j
            continue
        out.append(units[i])
        i += 1
    return out


def _fold_repeats(units: list[Unit]) -> list[Unit]:
    """씨이이발 → 씨발, 바아알 → 발, 시발발발 → 시발, ㅋㅋㅋ → ㅋ (within one word only)."""
    out: list[Unit] = []
    prev = ""
    for u in units:
        c = u[0]
        if not u[3] and prev and ("가" <= c <= "힣" or "ㄱ" <= c <= "ㅣ"):
            if c == prev:
                p = out[-1]
                out[-1] = (p[0], p[1], u[2], p[3])
                continue
            # 아..잏 are the syllables with initial ㅇ: candidates for an elongation.
            if "아" <= c <= "잏" and "가" <= prev <= "힣":
                _, vowel, tail = _split(c)
                plead, pvowel, ptail = _split(prev)
                if vowel == pvowel and ptail == 0:
                    p = out[-1]
                    prev = _join(plead, pvowel, tail)
                    out[-1] = (prev, p[1], u[2], p[3])
                    continue
        out.append(u)
        prev = c
    return out


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """정규화된 문자열과, 각 글자가 원문의 어느 범위에서 왔는지의 대응표."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    breaks: tuple[bool, ...]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Normalised [i, j) → original [start, end)."""
        return self.starts[i], self.ends[j - 1]

    def has_break(self, i: int, j: int) -> bool:
        """Whether whitespace separated any two units inside normalised [i, j)."""
        return any(self.breaks[k] for k in range(i + 1, j))

    def word_start(self, i: int) -> bool:
        """Whether normalised position ``i`` begins a word (전염병's 염병 does not)."""
        return i == 0 or self.breaks[i] or not _is_hangul(self.text[i - 1])

    def word_end(self, j: int) -> bool:
        """Whether a match ending before normalised position ``j`` ends a word."""
        return j >= len(self.text) or self.breaks[j] or not _is_hangul(self.text[j])


def _pack(units: list[Unit]) -> NormalizedText:
    return NormalizedText(
        text="".join(u[0] for u in units),
        starts=tuple(u[1] for u in units),
        ends=tuple(u[2] for u in units),
        breaks=tuple(u[3] for u in units),
    )


def normalize_for_matching(text: str, *, fold_repeats: bool = True) -> NormalizedText:
    """제8조 제6호 욕설 대조용 정규화 (자모 결합, 끼워 넣은 기호·숫자·공백 제거, 늘임 접기).

    Whitespace between Hangul is removed from ``text`` but kept in ``breaks`` so that a
    match spanning a break can be judged separately (``시 발`` versus ``출시 발표``).
    ``fold_repeats=False`` keeps doubled syllables, which advertising terms need (토토, 카카오).
    """
    units = list(_composed_units(text))
    if fold_repeats:
        units = _fold_repeats(units)
    return _pack(units)


def keyboard_to_hangul(latin: str, offset: int = 0) -> NormalizedText | None:
    """두벌식 자판에서 한/영 전환 없이 친 로마자를 한글로 (예: 'tlqkf' → '시발').

    Returns ``None`` when the letters do not compose into whole syllables, which is what
    ordinary English words do; the caller then leaves them alone (제8조 제6호 회피 표기).
    """
    units: list[Unit] = []
    for k, c in enumerate(latin):
        jamo = _KEYBOARD.get(c) or _KEYBOARD.get(c.lower())
        if jamo is None:
            return None
        units.append((jamo, offset + k, offset + k + 1, False))
    composed = _compose(units)
    if not all(_is_syllable(u[0]) for u in composed):
        return None
    return _pack(_fold_repeats(composed))


def compose_jamo(text: str) -> str:
    """낱자로 친 한글을 음절로 합친다 (예: 'ㅅㅣㅂㅏㄹ' → '시발'); 제8조 제6호 회피 표기 대조용."""
    return "".join(u[0] for u in _compose([(c, i, i + 1, False) for i, c in enumerate(text)]))


def normalize_for_signature(text: str) -> str:
    """제8조 제8호 유사 게시물 비교용: 글자와 숫자만 남기고 소문자·NFKC·자모 결합.

    Spacing, punctuation and emoji are what a repeat poster changes first, so they are dropped.
    """
    units = [
        (c.lower(), u[1], u[2], False) for u in _initial_units(text) for c in u[0] if c.isalnum()
    ]
    return "".join(u[0] for u in _compose(units))
