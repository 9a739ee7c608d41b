"""욕설·음란 표현 선별 (제8조 제6호 "욕설·음란물 등 불건전한 내용인 경우").

Matching runs on :func:`normalize_for_matching` output, so one lexicon entry catches 시발,
시1발, ㅅㅣㅂㅏㄹ, 씨이이발 and ``tlqkf`` alike. Innocent words that contain a lexicon entry
(시발점, 도시발전, 수박씨 발라, 전염병, 졸라매다, 병신년 새해) are excused by an allow-list
that must cover the whole match inside one word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from .normalize import (
    NormalizedText,
    initial_consonant,
    keyboard_to_hangul,
    normalize_for_matching,
)
from .reasons import DeletionReason, Finding

__all__ = ["screen_profanity"]

_REASON = DeletionReason.PROFANITY_OBSCENITY


@dataclass(frozen=True, slots=True)
class _Entry:
    word: str
    confidence: float
    kind: str
    # C: 초성만으로도 (ㅅㅂ)   P: 일부 초성 (ㅅ발)   W: 낱말 첫머리에서만 (전염병 ≠ 염병)
    # T: 한 음절씩 띄어 쓴 꼴만 (개 새 끼)   S: 띄어 쓴 꼴도 자연스러운 표현 (미친 놈)
    flags: str = ""


_PROFANE = "욕설"
_OBSCENE = "음란한 표현"
_HATE = "비하·혐오 표현"

_LEXICON: tuple[_Entry, ...] = (
    # 씨발 계열: the commonest curse and the most evaded.
    _Entry("시발", 0.95, _PROFANE, "CP"),
    _Entry("씨발", 0.97, _PROFANE, "CP"),
    _Entry("쒸발", 0.95, _PROFANE),
    _Entry("씌발", 0.95, _PROFANE),
    _Entry("싀발", 0.95, _PROFANE),
    _Entry("시빨", 0.95, _PROFANE),
    _Entry("씨빨", 0.95, _PROFANE),
    _Entry("씨팔", 0.9, _PROFANE),
    _Entry("시팔", 0.85, _PROFANE, "W"),
    _Entry("씨벌", 0.9, _PROFANE),
    _Entry("시벌", 0.85, _PROFANE, "W"),
    _Entry("쓰벌", 0.85, _PROFANE),
    _Entry("씨바", 0.8, _PROFANE, "W"),
    _Entry("씨부랄", 0.9, _PROFANE),
    _Entry("시부랄", 0.9, _PROFANE),
    _Entry("씨부럴", 0.9, _PROFANE),
    _Entry("씨방새", 0.9, _PROFANE),
    _Entry("시방새", 0.9, _PROFANE),
    _Entry("시발놈", 0.97, _PROFANE),
    _Entry("씨발놈", 0.97, _PROFANE),
    _Entry("시발년", 0.97, _PROFANE),
    _Entry("씨발년", 0.97, _PROFANE),
    _Entry("시발새끼", 0.97, _PROFANE),
    _Entry("씨발새끼", 0.97, _PROFANE),
    _Entry("ㅆㅃ", 0.85, _PROFANE),
    _Entry("씹새끼", 0.95, _PROFANE),
    _Entry("씹새", 0.9, _PROFANE),
    _Entry("십새끼", 0.95, _PROFANE),
    _Entry("씹할", 0.9, _PROFANE),
    _Entry("씹년", 0.95, _PROFANE),
    _Entry("씹창", 0.9, _PROFANE),
    # 좆 계열 (좇다 "to follow" is a different syllable and stays clean).
    _Entry("좆", 0.9, _PROFANE),
    _Entry("좆같", 0.95, _PROFANE, "P"),
    _Entry("좆나", 0.9, _PROFANE),
    _Entry("좆까", 0.95, _PROFANE),
    _Entry("존나", 0.8, _PROFANE, "WC"),
    _Entry("존내", 0.7, _PROFANE, "W"),
    _Entry("졸라", 0.6, _PROFANE, "W"),
    # 병신·지랄·염병
    _Entry("병신", 0.9, _PROFANE, "CP"),
    _Entry("븅신", 0.9, _PROFANE),
    _Entry("빙신", 0.85, _PROFANE, "W"),
    _Entry("병쉰", 0.9, _PROFANE),
    _Entry("ㅄ", 0.85, _PROFANE),
    _Entry("등신", 0.7, _PROFANE, "W"),
    _Entry("지랄", 0.9, _PROFANE, "CP"),
    _Entry("염병", 0.8, _PROFANE, "W"),
    # 개새끼 계열 ("개 새끼" is also a puppy, hence T on the short forms).
    _Entry("개새끼", 0.95, _PROFANE, "CPT"),
    _Entry("개새기", 0.9, _PROFANE, "T"),
    _Entry("개색기", 0.9, _PROFANE),
    _Entry("개색히", 0.9, _PROFANE),
    _Entry("개세끼", 0.9, _PROFANE),
    _Entry("개섀끼", 0.9, _PROFANE),
    _Entry("개쉐이", 0.85, _PROFANE),
    _Entry("개새", 0.8, _PROFANE, "WT"),
    _Entry("ㅅㄲ", 0.75, _PROFANE),
    _Entry("개같은놈", 0.85, _PROFANE, "S"),
    _Entry("개같은년", 0.9, _PROFANE, "S"),
    _Entry("개같은", 0.6, _PROFANE, "WT"),
    _Entry("개놈", 0.8, _PROFANE, "WT"),
    _Entry("미친놈", 0.85, _PROFANE, "S"),
    _Entry("미친년", 0.9, _PROFANE, "S"),
    _Entry("미친새끼", 0.9, _PROFANE, "S"),
    _Entry("또라이", 0.65, _PROFANE, "W"),
    _Entry("찐따", 0.65, _PROFANE, "W"),
    _Entry("썅", 0.85, _PROFANE, "W"),
    _Entry("썅년", 0.95, _PROFANE),
    _Entry("썅놈", 0.9, _PROFANE),
    _Entry("쌍년", 0.9, _PROFANE),
    _Entry("쌍놈", 0.75, _PROFANE, "W"),
    _Entry("니미", 0.75, _PROFANE, "W"),
    _Entry("니기미", 0.9, _PROFANE),
    _Entry("니애미", 0.95, _PROFANE),
    _Entry("느금마", 0.95, _PROFANE),
    _Entry("엠창", 0.9, _PROFANE),
    _Entry("애미뒤진", 0.95, _PROFANE),
    _Entry("애비뒤진", 0.95, _PROFANE),
    _Entry("호로새끼", 0.95, _PROFANE),
    _Entry("호로자식", 0.9, _PROFANE),
    _Entry("후레자식", 0.85, _PROFANE),
    _Entry("육시랄", 0.9, _PROFANE),
    _Entry("엿먹어", 0.7, _PROFANE, "S"),
    _Entry("엿이나먹어", 0.8, _PROFANE, "S"),
    _Entry("퍽유", 0.8, _PROFANE),
    _Entry("뻐큐", 0.8, _PROFANE),
    _Entry("뻑큐", 0.8, _PROFANE),
    _Entry("빠큐", 0.8, _PROFANE),
    # 비하·혐오 표현: 불건전한 내용 (제6호) rather than 특정인 비방 (제4호): they target groups.
    _Entry("맘충", 0.8, _HATE),
    _Entry("틀딱", 0.8, _HATE),
    _Entry("한남충", 0.85, _HATE),
    _Entry("급식충", 0.75, _HATE),
    _Entry("김치녀", 0.8, _HATE),
    _Entry("짱깨", 0.85, _HATE),
    _Entry("쪽바리", 0.85, _HATE),
    _Entry("기레기", 0.7, _HATE),
    # 음란
    _Entry("보지털", 0.9, _OBSCENE),
    _Entry("보짓물", 0.95, _OBSCENE),
    _Entry("씹보지", 0.95, _OBSCENE),
    _Entry("좆물", 0.95, _OBSCENE),
    _Entry("자지털", 0.9, _OBSCENE),
    _Entry("보빨", 0.9, _OBSCENE),
    _Entry("빨통", 0.85, _OBSCENE),
    _Entry("딸딸이", 0.8, _OBSCENE),
    _Entry("섹스", 0.7, _OBSCENE, "W"),
    _Entry("섹파", 0.9, _OBSCENE),
    _Entry("걸레년", 0.95, _OBSCENE),
    _Entry("창녀", 0.75, _OBSCENE),
)

# Words that contain a lexicon entry but are innocent; a match is excused only when one of
# these covers it entirely *inside one word* (no whitespace), so "시발 진짜" stays caught.
_FOLLOWERS = "점역택착표전행급송령생달견주굴언효족탁매명동육열상작휘칙단판광산현원화의권"
_ALLOW = tuple(
    re.compile(p)
    for p in (
        rf"[시씨]발[{_FOLLOWERS}]",  # 시발점, 도시발전, 출시발표, 김철수씨발언
        r"(?:수박|참외|포도|호박|고추|사과|과일|대추|앵두|매실|자두|복숭아|해바라기)씨발라",
        r"씨발라(?:내|낸|냈|서|놓|주|줘)",  # 씨(를) 발라내다
        r"씨발아(?:율|시|기|가|를|된|되|했|하|력|조건|온도|실험)",  # 씨 발아 (germination)
        r"졸라(?:매|맸|맨|메)",  # 허리띠를 졸라매다
        r"등신(?:대|불|상)",  # 등신대 (life-size standee), 등신불
        r"개새(?:로|롭)",  # 개 + 새롭다
        r"씨바(?:다|닷)",
        r"섹스피어",
        r"시발(?:은|이|을|의|로|에서|에)",  # 시발(始發) used as a noun takes case particles
    )
)
# 시발 정류장, 시발 버스: 始發 as a word of its own before a transport noun.
_ALLOW_NEXT_WORD = {"시발": re.compile(r"정류장|정거장|역|지점|버스|노선|열차|시각|시간|점")}

# 丙申年 (1956, 2016, 2076): a year context excuses 병신년 but not 병신 alone.
_YEAR_CONTEXT = re.compile(
    r"\d{4}|새해|원숭이|띠|간지|육십갑자|丙申|[갑을정무기경임계][자축인묘진사오미신유술해]년"
)
_VOCATIVE_AFTER_NYEON = frozenset("아야")

# Syllables that may follow a spaced-out curse inside the last word (씨 발놈, 병 신이).
_PROFANE_CONTINUATION = frozenset("놈년새같것거럼롬련")
_NOUN_ENDINGS = frozenset("놈년끼신랄새충")
_PARTICLES = frozenset("아야이들은는을를가도만한하")

# Runs of consonants that are laughter or crying, not initials of a curse (ㅋㅋㅅㅂ).
_NEUTRAL_JAMO = frozenset("ㅋㅎㄷㅠㅜ")

_ENGLISH = re.compile(
    r"(?<![a-z])(?:f+[\W_]?[u*@x]+[\W_]?c*[\W_]?k+(?:ing|er|ed|in)?|fxxk|sh[i1!]t(?:ty)?"
    r"|b[i1!]tch(?:es)?|motherf\w*|a[s$]{2}hole|dickhead|porn\w*)(?![a-z])",
    re.IGNORECASE,
)
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{3,}(?![A-Za-z0-9])")


def _build_index() -> dict[str, list[tuple[str, _Entry, str]]]:
    """First character → (variant, entry, how) longest first; variants include 초성 forms."""
    index: dict[str, list[tuple[str, _Entry, str]]] = {}

    def add(variant: str, entry: _Entry, how: str) -> None:
        index.setdefault(variant[0], []).append((variant, entry, how))

    for entry in _LEXICON:
        word = entry.word
        how = "initials" if all("ㄱ" <= c <= "ㅎ" for c in word) else "plain"
        add(word, entry, how)
        n = len(word)
        if "P" in entry.flags and n >= 2:
            for r in range(1, n):
                for positions in combinations(range(n), r):
                    v = "".join(
                        initial_consonant(c) if k in positions else c for k, c in enumerate(word)
                    )
                    add(v, entry, "partial")
        if "C" in entry.flags:
            add("".join(initial_consonant(c) for c in word), entry, "initials")
    for variants in index.values():
        variants.sort(key=lambda t: -len(t[0]))
    return index


_INDEX = _build_index()


def _segments(norm: NormalizedText, i: int, j: int) -> list[int]:
    lengths = [1]
    for k in range(i + 1, j):
        if norm.breaks[k]:
            lengths.append(1)
        else:
            lengths[-1] += 1
    return lengths


def _accept(norm: NormalizedText, i: int, j: int, entry: _Entry, how: str) -> bool:
    t = norm.text
    if "W" in entry.flags and not norm.word_start(i):
        return False
    if how == "initials":
        # ㅅㅂ must stand alone: inside ㄱㄴㄷㄹㅁㅂㅅ it is the alphabet, not a curse. A
        # repetition of the same initials (ㅅㅂㅅㅂ) is still the curse.
        n = j - i
        variant = t[i:j]
        before = t[i - 1] if i > 0 and not norm.breaks[i] else ""
        after = t[j] if j < len(t) and not norm.breaks[j] else ""
        if before and t[max(0, i - n) : i] == variant:
            before = ""
        if after and t[j : j + n] == variant:
            after = ""
        for c in (before, after):
            if "ㄱ" <= c <= "ㅎ" and c not in _NEUTRAL_JAMO:
                return False
    if not norm.has_break(i, j):
        return True
    # Spaced out (시 발): accept only when it is clearly one word written apart, never when
    # the pieces belong to neighbouring words (출시 발표, 수박씨 발라, 개 새끼 = puppy).
    if not norm.word_start(i):
        return False
    segments = _segments(norm, i, j)
    if "T" in entry.flags:
        # 개 새 끼 is an evasion, 개 새끼 may be a puppy: only one-syllable pieces count.
        return all(n == 1 for n in segments) and norm.word_end(j)
    if "S" in entry.flags:
        # Phrases such as 미친 놈 or 엿이나 먹어 are too specific to be an accident of spacing.
        return True
    if any(n != 1 for n in segments[:-1]):
        return False
    if norm.word_end(j):
        return True
    nxt = t[j]
    if nxt in _PROFANE_CONTINUATION:
        return True
    return entry.word[-1] in _NOUN_ENDINGS and nxt in _PARTICLES


def _allowed(
    norm: NormalizedText, original: str, i: int, j: int, allow_spans: list[tuple[int, int]]
) -> bool:
    for a, b in allow_spans:
        if a <= i and j <= b:
            return True
    t = norm.text
    next_word = _ALLOW_NEXT_WORD.get(t[i:j])
    if next_word is not None and j < len(t) and norm.breaks[j] and next_word.match(t, j):
        # Someone who means 始發 writes it plainly; 시~~~발 버스 is still the curse.
        start, end = norm.span(i, j)
        if original[start:end] == t[i:j]:
            return True
    if t[i:j] == "병신" and j < len(t) and t[j] == "년" and not norm.breaks[j]:
        # The year is read from the original: digits between Hangul are dropped when normalising.
        after = t[j + 1] if j + 1 < len(t) and not norm.breaks[j + 1] else ""
        start, end = norm.span(i, j + 1)
        window = original[max(0, start - 20) : start] + original[end : end + 20]
        if after not in _VOCATIVE_AFTER_NYEON and _YEAR_CONTEXT.search(window):
            return True
    return False


def _allow_spans(norm: NormalizedText) -> list[tuple[int, int]]:
    spans = []
    for pattern in _ALLOW:
        for m in pattern.finditer(norm.text):
            if not norm.has_break(m.start(), m.end()):
                spans.append((m.start(), m.end()))
    return spans


def _explain(entry: _Entry, how: str, spaced: bool, evasive: bool, layout: bool) -> str:
    if layout:
        form = "한/영 전환 없이 친 영문 자판 표기"
    elif how == "initials":
        form = "초성 표기"
    elif how == "partial":
        form = "초성을 섞은 표기"
    elif spaced:
        form = "띄어 쓴 표기"
    elif evasive:
        form = "기호·숫자·자모를 섞은 변형 표기"
    else:
        form = "표기"
    return f"{entry.kind} '{entry.word}'의 {form}입니다 (제8조 제6호)."


def _scan(norm: NormalizedText, original: str, layout: bool = False) -> list[Finding]:
    t = norm.text
    hits: list[tuple[int, int, _Entry, str]] = []
    for i, c in enumerate(t):
        candidates = _INDEX.get(c)
        if not candidates:
            continue
        for variant, entry, how in candidates:
            j = i + len(variant)
            if t.startswith(variant, i) and _accept(norm, i, j, entry, how):
                hits.append((i, j, entry, how))
                break
    if not hits:
        return []
    allow_spans = _allow_spans(norm)
    findings = []
    last_end = -1
    for i, j, entry, how in hits:
        if i < last_end or _allowed(norm, original, i, j, allow_spans):
            continue
        last_end = j
        start, end = norm.span(i, j)
        matched = original[start:end]
        spaced = norm.has_break(i, j)
        evasive = matched != t[i:j]
        confidence = entry.confidence
        if how == "initials":
            confidence -= 0.1
        elif how == "partial" or spaced or layout:
            confidence -= 0.05
        findings.append(
            Finding(
                reason=_REASON,
                start=start,
                end=end,
                matched=matched,
                confidence=round(max(0.05, confidence), 2),
                explanation=_explain(entry, how, spaced, evasive, layout),
                rule=f"profanity:{entry.word}:{how}",
            )
        )
    return findings


def _fold_width(text: str) -> str:
    """Full-width Latin (ＴＬＱＫＦ) to ASCII, one character for one, so offsets stay valid."""
    if text.isascii():
        return text
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def screen_profanity(text: str) -> list[Finding]:
    """욕설·음란·비하 표현을 찾는다 (제8조 제6호 "욕설·음란물 등 불건전한 내용인 경우").

    Covers plain spelling and the usual evasions: 초성 (ㅅㅂ), 자모 분리 (ㅅㅣㅂㅏㄹ), inserted
    digits or symbols (시1발, 씨@발), spacing (시 발), ASCII look-alikes (ㅅl발), elongation
    (씨이이발), text typed on the 두벌식 layout with the IME off (tlqkf), and a few English
    curses. Spans index ``text`` as given.
    """
    if not text:
        return []
    findings = _scan(normalize_for_matching(text), text)
    for m in _LATIN_WORD.finditer(_fold_width(text)):
        word = m.group()
        # All capitals usually means Caps Lock, under which the IME types unshifted jamo.
        converted = keyboard_to_hangul(word.lower() if word.isupper() else word, m.start())
        if converted is None:
            continue
        for f in _scan(converted, text, layout=True):
            if f.confidence >= 0.8 and not f.rule.endswith(":initials"):
                findings.append(f)
    for m in _ENGLISH.finditer(text):
        findings.append(
            Finding(
                reason=_REASON,
                start=m.start(),
                end=m.end(),
                matched=m.group(),
                confidence=0.85,
                explanation="영어 욕설·음란 표현입니다 (제8조 제6호).",
                rule="profanity:english",
            )
        )
    findings.sort(key=lambda f: (f.start, -f.end))
    return findings
