"""특정인 비방·명예훼손 우려 선별 (제8조 제4호 "특정인을 비방하거나 명예훼손의 우려가 있는 경우").

Criticism of the district's policies and of how a department works is what the board is for
(제12조 참여마당), so this detector never fires on wording alone. It needs a *named* person —
a name with a title (홍길동 과장, 과장 홍길동, 김 구청장), a name with 씨/님, or a masked name
(김OO, 이모씨) — and, in the same sentence, an accusation of a crime or a degrading label
(횡령했다, 사기꾼, 전과자). Questions and denials (의혹 해명 요구, 사실이 아닙니다) are left
alone. Confidence stays moderate: only a person can weigh truth and public interest.
"""

from __future__ import annotations

import re

from .reasons import DeletionReason, Finding

__all__ = ["screen_defamation"]

_REASON = DeletionReason.DEFAMATION

_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄"
    "채원천방공현함변염여추도소석선설마길위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태"
    "목형계피두감음빈동온호범좌팽승간상갈"
)
_TITLES = (
    "부구청장|구청장|구의원|시의원|국회의원|의원|의장|부의장|위원장|과장|팀장|국장|실장|주무관|"
    "동장|통장|반장|소장|관장|센터장|청장|시장|주임|계장|대표|회장|이사장|원장|교장|사장|위원"
)
_MASK = r"(?:[oO○◯ㅇ0]{1,2}|[xX×]{1,2}|\*{1,2}|모)"
_GIVEN = rf"(?:[가-힣]{{1,2}}|{_MASK})"
_NAME = rf"[{_SURNAMES}]{_GIVEN}"

# Words that start with a surname syllable but are not names (이번, 정말, 조금 …).
_NOT_NAME_WORDS = (
    "이번 이제 이미 이런 이거 이건 이게 이곳 이분 이후 이상 이하 이용 이전 이사 정말 정도 정부 "
    "정책 조금 조사 전부 전혀 전화 전체 한번 한두 안녕 안전 오늘 오후 오전 지금 지난 지역 주민 "
    "주차 주변 민원 방문 공사 공원 신고 신청 고민 문제 문의 담당 우리 구청 구민 구의 해당 "
    "기존 기간 제가 제발 저희 여기 거기 모든 모두 사람 사실 시간 시설 부서 부분 도로 동네 동의 "
    "현재 관련 관리 최근 최대 소리 선생 설명 강력 장소 차량 하루 마을 유일 위원 원래 양측 "
    "상황 성실 진짜 진행 경우 명확 표시 반드시 나중 남의 노인 예산 일부 그분 감사 계속 동작 "
    "구청장 전임 현임 전직 신임 부구 각각 모든 주무 위원장 국민 시민 구민 도시 주택 공무"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())

_ACCUSATION = re.compile(
    r"사기꾼|사기를\s*쳤|사기\s*쳤|사기치|도둑놈|도둑년|도둑질|세금\s*도둑|횡령|배임|뇌물|착복|뒷돈|"
    r"떡값|빼돌렸|빼돌린|해먹었|해먹는|범죄자|전과자|전과\s*\d+\s*범|성범죄자|성추행범|성추행했|"
    r"성희롱했|강간|살인자|마약쟁이|마약\s*했|불륜|바람을?\s*피|거짓말쟁이|인간\s*쓰레기|쓰레기\s*같은|"
    r"양아치|파렴치|매국노|비리\s*공무원|부정\s*축재|돈을\s*받아\s*먹|돈\s*받아\s*처먹|사이코패스|"
    r"정신병자|미친\s*사람"
)
# Asking for an explanation or denying a rumour is not an accusation.
_HEDGE = re.compile(
    r"의혹|해명|사실인지|사실입니까|사실인가|사실이\s*아닙|아닙니다|아니다|아닌\s*것|오해|조사해|"
    r"확인해|밝혀\s*주|루머|허위"
)
_PERSON = re.compile(
    rf"(?P<a>{_NAME})\s?(?:{_TITLES})(?:님)?"
    rf"|(?:{_TITLES})\s(?P<b>{_NAME})(?=$|[\s,.!?이가은는을를의에도씨님])"
    rf"|(?P<c>{_NAME})\s?(?:씨|님|군|양)(?!앗|름|족)"
    rf"|(?P<d>{_NAME})(?:이)?라는\s*(?:사람|놈|자|년|인간|분)"
    rf"|(?P<e>[{_SURNAMES}]{_MASK})(?:씨|님)?"
    rf"|(?<![가-힣])(?P<f>[{_SURNAMES}])\s?(?:{_TITLES})"
)
# 이·그·전·현·각 before a title are "this", "that", "former", "current", "each", not surnames.
_DETERMINERS = frozenset("이그저전현각모동구시")
_SENTENCE = re.compile(r"[^.!?\n。]+[.!?\n。]?")
_WINDOW = 40


def _named_people(sentence: str) -> list[re.Match[str]]:
    people = []
    for m in _PERSON.finditer(sentence):
        name = next(g for g in m.groups() if g)
        if name in _NOT_NAMES or name[:2] in _NOT_NAMES:
            continue
        if m.group("f") and name in _DETERMINERS:
            continue
        people.append(m)
    return people


def screen_defamation(text: str) -> list[Finding]:
    """이름으로 특정된 사람에게 범죄·부도덕 혐의를 단정하는 표현을 찾는다 (제8조 제4호).

    Returns one finding per accusation, spanning from the named person to the accusation.
    Policy criticism without a named person is never flagged.
    """
    if not text:
        return []
    findings = []
    for s in _SENTENCE.finditer(text):
        sentence = s.group()
        accusations = list(_ACCUSATION.finditer(sentence))
        if not accusations or _HEDGE.search(sentence):
            continue
        people = _named_people(sentence)
        if not people:
            continue
        for acc in accusations:
            near = [p for p in people if abs(p.start() - acc.start()) <= _WINDOW + len(p.group())]
            if not near:
                continue
            person = min(near, key=lambda p: abs(p.start() - acc.start()))
            a = s.start() + min(person.start(), acc.start())
            b = s.start() + max(person.end(), acc.end())
            if person.group("a") or person.group("b"):
                confidence = 0.65
            elif person.group("f"):
                confidence = 0.5
            else:
                confidence = 0.55
            findings.append(
                Finding(
                    reason=_REASON,
                    start=a,
                    end=b,
                    matched=text[a:b],
                    confidence=confidence,
                    explanation=(
                        f"특정인('{person.group().strip()}')에 대해 '{acc.group()}' 등 "
                        "범죄·비방으로 읽힐 수 있는 단정 표현이 있습니다. 사실 여부와 공익성은 "
                        "담당자가 판단해야 합니다 (제8조 제4호)."
                    ),
                    rule="defamation:named-person",
                )
            )
    return findings
