"""자유 텍스트 속 개인정보 탐지·마스킹 (Masking of Korean personal data in free text).

조례 제22조①(개인정보 노출 금지)과 「개인정보 보호법」을 게시판 글, 댓글, 민원 본문 같은
자유 텍스트에 적용한다. 게시판 자동 점검(조례 제8조), 감사 기록, 화면 표시가 모두 이 모듈
하나를 쓴다.

근거
----
- 「개인정보 보호법」 제24조(고유식별정보의 처리 제한): 여권번호·외국인등록번호 등
  고유식별정보는 법령 근거 없이 처리·공개할 수 없고, 분실·도난·유출되지 않도록 안전성
  확보에 필요한 조치를 해야 한다.
- 같은 법 제24조의2(주민등록번호 처리의 제한): 주민등록번호는 법률의 구체적 근거가 없으면
  처리할 수 없다. 주민이 스스로 글에 적어도 게시·노출해서는 안 된다.
- 「개인정보의 안전성 확보조치 기준」 제7조: 주민등록번호, 여권번호, 외국인등록번호,
  신용카드번호, 계좌번호 등은 암호화 대상이다. 평문 게시판에 그대로 남겨 두면 이 기준을
  지킬 수 없으므로, 원문은 암호화 저장소로 옮기고 화면·검색·로그에는 마스킹본만 쓴다.

공개 API
--------
- ``find_personal_data(text, *, allowlist=()) -> list[Match]``: 찾은 항목(종류, 위치, 원문,
  마스킹본, 신뢰도)을 시작 위치 순으로 돌려준다.
- ``mask_personal_data(text, *, allowlist=()) -> str``: 찾은 항목을 마스킹본으로 바꾼 글.
- ``PersonalDataKind`` (StrEnum): RRN, FOREIGNER_RN, MOBILE, LANDLINE, EMAIL, ACCOUNT, CARD,
  PASSPORT. ``Confidence`` (StrEnum): HIGH, MEDIUM.

마스킹 규칙 (``*`` 한 글자가 원문 한 글자를 대신한다)
------------------------------------------------------
글자 수와 구분자(하이픈, 점, 공백, 괄호)는 그대로 두고 숨길 글자만 ``*`` 로 바꾼다. 그래서
마스킹본은 원문과 길이가 같고, 형태를 알아볼 수 있으며, 찾은 위치(start, end)가 마스킹
뒤에도 그대로 맞는다.

- 주민등록번호·외국인등록번호: 생년월일 6자리와 성별 자리 1자리를 남기고 뒤 6자리를 가린다.
  ``900101-1234567`` → ``900101-1******``.
- 휴대전화·유선전화: 가운데 국번을 가린다. ``010-1234-5678`` → ``010-****-5678``,
  ``02-820-1234`` → ``02-***-1234``, ``+82 10-1234-5678`` → ``+82 10-****-5678``.
- 전자우편: 아이디 앞 2자리만 남기고(아이디가 2자리면 1자리, 1자리면 0자리) 도메인은 둔다.
  ``hong@example.com`` → ``ho**@example.com``.
- 계좌번호: 첫 묶음(3–4자리, 은행·상품 구분)과 끝 3자리만 남긴다. 묶음이 없거나 첫 묶음이
  5자리 이상이면 앞 3자리만 남긴다. ``110-123-456789`` → ``110-***-***789``,
  ``1002-123-456789`` → ``1002-***-***789``, ``110123456789`` → ``110******789``.
- 카드번호: 앞 4자리와 끝 4자리만 남긴다. ``1234-5678-9012-3456`` → ``1234-****-****-3456``.
- 여권번호: 앞 2글자만 남긴다. ``M12345678`` → ``M1*******``, ``M123A4567`` → ``M1*******``.

무엇을 찾는가
-------------
- 주민등록번호(성별 자리 1–4)·외국인등록번호(5–8): 하이픈·공백이 있든 없든 13자리.
  생년월일이 실제 날짜여야 하고(2000년대생이면 올해 이후 출생일 수 없음), 성별 자리는
  1–8이어야 한다. 검증번호는 요구하지 않는다. 2020년 10월 이후 부여된 번호는 뒷자리가
  임의번호라 검증식이 맞지 않기 때문이다. 검증번호가 맞거나 주변에 '주민', '외국인' 같은
  말이 있으면 신뢰도가 HIGH, 아니면 MEDIUM이다.
- 휴대전화: 010·011·016·017·018·019, 구분자는 하이픈·점·공백·없음, ``+82 10`` 형식 포함.
- 유선전화: 02, 031–033, 041–044, 051–055, 061–064 지역번호와 070(인터넷전화),
  0502–0508(안심번호). 구청 부서 번호(02-820-xxxx)도 가린다. 글만 보고는 개인 집 전화와
  사무실 전화를 가를 수 없고, 잘못 가렸을 때의 피해(공개 번호가 잠시 가려짐)가 잘못
  남겼을 때의 피해(개인 번호 노출)보다 훨씬 작기 때문이다. 기관이 스스로 공개한 번호는
  ``allowlist`` 로 넘기면 가리지 않는다.
- 그대로 두는 번호: 1588-1234 같은 4+4자리 전국 대표번호(15xx·16xx·18xx)와 080(수신자
  부담)·060 번호. 사업자가 광고·안내를 위해 공개하는 번호이고 개인에게 배정되지 않아
  개인정보가 아니기 때문이다.
- 전자우편: 흔한 형식(아이디@도메인.최상위도메인). 뒤에 붙은 조사('으로', '로')와 앞에 붙은
  마침표는 뺀다. 이미 가린 주소(``ho**@example.com``)도 주소로 알아보고 그대로 둔다.
- 계좌번호: 하이픈으로 3–4묶음, 숫자 10–14자리인 은행 계좌 모양(110-123-456789,
  1002-123-456789, 301-1234-5678-11)이면 주변 말 없이도 찾는다. 두 묶음, 공백 구분, 구분자
  없는 숫자는 '계좌·은행·입금·송금·농협·국민' 같은 말이 앞뒤에 있을 때만 찾는다.
  사업자등록번호 모양(3-2-5)은 주변에 그런 말이 없으면 두는데, 법에 따라 공개되는 번호이기
  때문이다.
- 카드번호: 4-4-4-4(구분자 하이픈·공백·없음)와 AMEX 4-6-5. Luhn 검증이 맞거나 주변에
  '카드' 같은 말이 있어야 한다.
- 여권번호: 구형 ``M12345678``, 2021년 이후 신형 ``M123A4567``. 첫 글자가 여권 종류
  (M·S·R·G·D·T)이거나 주변에 '여권'이 있어야 한다.

건드리지 않는 것: 날짜(2026-11-25, 2026.11.25, 20261125), 금액(1,000,000원, 300만원),
우편번호(06928), 조항(제8조 제4호), 민원 접수번호(2026-000123), 개수, 시각, 버전 번호,
IP 주소, 전자우편이 없는 URL.

경계 규칙
---------
더 긴 숫자열의 일부는 찾지 않는다. 앞뒤에 숫자·영문자가 붙어 있거나, 하이픈·점을 사이에
두고 숫자가 이어지면 그 번호는 더 긴 번호(주문번호, 바코드, 국민신문고 접수번호 1AA-...)의
일부로 본다. 한글은 붙어 있어도 된다(``연락처01012345678입니다``). 마스킹으로 생긴 ``***``
도 숫자처럼 취급해서, 한 번 마스킹한 글을 다시 마스킹해도 결과가 같다(멱등성).
전각 숫자·기호(０１０－１２３４－５６７８)와 여러 가지 대시(‐, –, —, ㅡ)는 하이픈으로 보고
찾는다. 마스킹본에는 원문 글자를 그대로 남긴다.

알려진 한계
-----------
- 별표가 3개 이상 바로 붙은 번호(``***010-1234-5678``)는 마스킹 결과와 구별할 수 없어서
  찾지 않는다. 별표 1–2개(마크다운 굵게 ``**010-1234-5678**``)는 찾는다.
- ``hong(at)example.com`` 처럼 일부러 흐린 주소, 운전면허번호, 한글로 적은 숫자는 찾지 않는다.
- 공백으로만 묶은 번호 바로 옆에 공백 하나 건너 숫자가 또 있으면(``010 1234 5678 9``) 어디서
  끊기는지 알 수 없어 찾지 않는다. 옆 숫자가 하이픈·점으로 묶인 번호면 찾는다.
- 법인등록번호(6-7자리)는 주민등록번호와 모양이 같아서 함께 가려진다. 붙여 쓴 13자리 옆에
  '계좌·입금' 같은 말만 있고 '주민' 같은 말이 없으면 계좌번호로 본다.

성능: 정규식은 모듈을 읽을 때 한 번만 컴파일하고, 숫자가 9개 이상 이어진 구간에서만 번호용
정규식을 돌린다. 10 KB 한글 글은 0.7 ms 안팎, 개인정보가 수십 건 든 10 KB 글도 2 ms 안팎이다.
어떤 ``str`` 을 넣어도 예외를 내지 않는다.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "Confidence",
    "Match",
    "PersonalDataKind",
    "find_personal_data",
    "mask_personal_data",
]

MASK_CHAR = "*"


class PersonalDataKind(StrEnum):
    """찾아낸 개인정보의 종류."""

    RRN = "rrn"
    FOREIGNER_RN = "foreigner_rn"
    MOBILE = "mobile"
    LANDLINE = "landline"
    EMAIL = "email"
    ACCOUNT = "account"
    CARD = "card"
    PASSPORT = "passport"

    @property
    def label(self) -> str:
        """화면·감사 기록에 쓰는 한국어 이름."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PersonalDataKind.RRN: "주민등록번호",
    PersonalDataKind.FOREIGNER_RN: "외국인등록번호",
    PersonalDataKind.MOBILE: "휴대전화번호",
    PersonalDataKind.LANDLINE: "전화번호",
    PersonalDataKind.EMAIL: "전자우편 주소",
    PersonalDataKind.ACCOUNT: "계좌번호",
    PersonalDataKind.CARD: "카드번호",
    PersonalDataKind.PASSPORT: "여권번호",
}


class Confidence(StrEnum):
    """HIGH: 검증번호·Luhn·주변 말 같은 추가 근거가 있다. MEDIUM: 모양만 맞는다.

    둘 다 마스킹한다. 신뢰도는 게시판 점검에서 바로 가릴지, 관리자 확인 대기열에
    올릴지를 정할 때 쓴다.
    """

    HIGH = "high"
    MEDIUM = "medium"


@dataclass(frozen=True, slots=True)
class Match:
    """찾은 개인정보 한 건. ``text[start:end]`` 가 원문, ``masked`` 는 같은 길이의 마스킹본."""

    kind: PersonalDataKind
    start: int
    end: int
    text: str
    masked: str
    confidence: Confidence = Confidence.HIGH


# ---------------------------------------------------------------------------
# 정규화: 전각 문자·여러 대시를 한 글자 대 한 글자로 바꾼 사본에서 찾는다. 길이가 같으므로
# 사본에서 찾은 위치를 원문에 그대로 쓸 수 있다.

_NORMALISE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # 전각 ASCII
_NORMALISE.update(dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-"))
_NORMALISE.update(dict.fromkeys(map(ord, "\ufe63\u3161\u30fc"), "-"))  # ㅡ: 한글 자판 대시
_NORMALISE.update(dict.fromkeys(map(ord, "\u00a0\u2009\u202f\u3000"), " "))
_NEEDS_NORMALISE = re.compile("[" + "".join(map(chr, _NORMALISE)) + "]")

# ---------------------------------------------------------------------------
# 경계. 번호 앞뒤가 숫자·영문자·마스킹 별표와 붙어 있으면 더 긴 식별자의 일부다.
# 별표는 3개 이상 이어지거나, 1–2개라도 건너편이 숫자·영문자·구분자로 이어질 때(000**-**000)
# 마스킹 흔적으로 본다. 그래야 마크다운 굵게(**010-...**)는 찾고, 마스킹한 글을 다시 돌려도
# 새로 찾는 것이 없다.
_LB = (
    r"(?<![0-9A-Za-z_])(?<!\*\*\*)(?<![0-9A-Za-z_\-]\*)(?<![0-9A-Za-z_\-]\*\*)"
    r"(?<![0-9*] \*)(?<![0-9*] \*\*)(?<![0-9A-Za-z*]-)(?<![0-9*]\.)"
)
_RB = (
    r"(?![0-9A-Za-z_@])(?!\*\*\*)(?!\*{1,2}[-. ]?[0-9])(?!\*{1,2}[-. ]\*)"
    r"(?![-.][0-9*])(?!-[A-Za-z])"
)
# 구분자: 하이픈·점(앞뒤 공백 하나 허용), 공백, 또는 없음.
_SEP = r"(?:[ ]?[-.][ ]?|[ ])?"
_CC = r"\+82[ -]?(?:\(0\)[ ]?)?"  # 국제전화 +82, 가끔 붙는 (0)

_MOBILE = re.compile(
    _LB
    + rf"(?:{_CC}1[016789]|\(01[016789]\)|01[016789]\)?)"
    + rf"{_SEP}(?P<mid>[0-9]{{3,4}}){_SEP}(?P<last>[0-9]{{4}})"
    + _RB
)
_AREA = r"2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70"
_LANDLINE = re.compile(
    _LB
    + rf"(?:{_CC}(?:{_AREA})|\((?:0(?:{_AREA})|050[2-8])\)|(?:0(?:{_AREA})|050[2-8])\)?)"
    + rf"{_SEP}(?P<mid>[0-9]{{3,4}}){_SEP}(?P<last>[0-9]{{4}})"
    + _RB
)
_RRN = re.compile(
    _LB
    + r"(?P<yy>[0-9]{2})(?P<mm>0[1-9]|1[0-2])(?P<dd>0[1-9]|[12][0-9]|3[01])"
    + r"(?:[ ]?-[ ]?|[ ])?(?P<g>[1-8])(?P<rest>[0-9]{6})"
    + _RB
)
_CARD = re.compile(
    _LB
    + r"(?:[0-9]{4}(?P<s1>[- ]?)[0-9]{4}(?P=s1)[0-9]{4}(?P=s1)[0-9]{4}"
    + r"|3[47][0-9]{2}(?P<s2>[- ]?)[0-9]{6}(?P=s2)[0-9]{5})"
    + _RB
)
_ACCOUNT = re.compile(
    _LB + r"(?:[0-9]{2,6}(?P<sep>[- ])[0-9]{2,7}(?:(?P=sep)[0-9]{2,7}){0,2}|[0-9]{10,14})" + _RB
)
_PASSPORT = re.compile(r"(?:[A-Z][0-9]{8}|[A-Z][0-9]{3}[A-Z][0-9]{4})(?![0-9A-Za-z_@])")
# 전자우편은 @ 를 먼저 찾고 그 왼쪽의 아이디, 오른쪽의 도메인을 본다. 정규식 하나로 글 전체를
# 훑으면 @ 없는 긴 영문열에서 느려진다. 아이디 글자에 * 를 넣는 까닭: 이미 마스킹한 주소도
# 전자우편으로 알아봐야 그 도메인 안의 숫자(@0101234567.kr)를 다음 번에 전화번호로 잡지 않는다.
_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-*")
_LOCAL_MAX = 64
_DOMAIN = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-@])"
)

_RRN_CONTEXT = re.compile(r"주민|등록\s?번호|외국인|신분증")
_CARD_CONTEXT = re.compile(r"카드|신용|체크|결제|card|visa|master", re.IGNORECASE)
_ACCOUNT_CONTEXT = re.compile(
    r"계좌|통장|은행|뱅크|입금|송금|이체|예금주|농협|국민|신한|우체국|새마을|신협|수협|저축|증권"
    r"|account|bank",
    re.IGNORECASE,
)
_PASSPORT_CONTEXT = re.compile(r"여권|passport", re.IGNORECASE)
_CONTEXT_BEFORE = 20
_CONTEXT_AFTER = 15

# 민원 접수번호(연도 4자리-일련번호 6자리)는 계좌 모양이어도 개인정보가 아니다.
_RECEIPT = re.compile(r"(?:19|20)[0-9]{2}-[0-9]{6}")
_PHONE_LIKE = re.compile(r"\(?0[0-9]{1,3}\)?[-. ]?[0-9]{3,4}[-. ]?[0-9]{4}")
_PASSPORT_TYPES = frozenset("MSRGDT")
_WORD_ASCII = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
# 번호가 들어 있을 수 있는 구간: 숫자·+·(로 시작해 숫자와 구분자가 이어진 곳.
# 가장 짧은 번호가 구분자 없는 서울 유선전화 9자리라서 9글자 미만 구간은 처음부터 버린다.
_MIN_DIGITS = 9
_REGION = re.compile(r"[0-9+(][0-9().+\- ]{8,}")
_NOT_DIGIT = str.maketrans("", "", "().+- ")

# 겹치면 먼저 오는 종류를 고른다. 모양이 가장 넓은 계좌를 맨 뒤에 둔다.
_PRIORITY = {
    PersonalDataKind.EMAIL: 0,
    PersonalDataKind.RRN: 1,
    PersonalDataKind.FOREIGNER_RN: 1,
    PersonalDataKind.CARD: 2,
    PersonalDataKind.MOBILE: 3,
    PersonalDataKind.LANDLINE: 4,
    PersonalDataKind.PASSPORT: 5,
    PersonalDataKind.ACCOUNT: 6,
}

_RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)

# (kind, start, end, 가릴 위치들, 신뢰도)
_Candidate = tuple[PersonalDataKind, int, int, tuple[int, ...], Confidence]


def find_personal_data(text: str, *, allowlist: Collection[str] = ()) -> list[Match]:
    """``text`` 에서 개인정보를 찾아 시작 위치 순으로 돌려준다.

    근거: 「개인정보 보호법」 제24조·제24조의2, 「개인정보의 안전성 확보조치 기준」 제7조,
    조례 제22조①. 규칙은 모듈 설명에 있다.

    ``allowlist``: 기관이 스스로 공개한 번호·주소(부서 대표 전화, 공금 수납 계좌, 민원 담당
    전자우편). 숫자만 비교하므로 ``"02-820-1234"`` 와 ``"028201234"`` 는 같다. 전자우편은
    대소문자를 가리지 않는다. 목록에 있는 항목은 결과에서 빠진다.
    """
    if not isinstance(text, str) or not text:
        return []
    norm = text.translate(_NORMALISE) if _NEEDS_NORMALISE.search(text) else text
    candidates: list[_Candidate] = []
    if "@" in norm:
        _find_email(norm, candidates)
    _find_passport(norm, candidates)
    # 번호는 숫자·구분자가 이어진 구간 안에만 있다. 구간을 먼저 찾고 그 안에서만 종류별
    # 정규식을 돌려야 한글이 대부분인 긴 글이 빨리 끝난다.
    size = len(norm)
    for region in _REGION.finditer(norm):
        start, end = region.start(), region.end()
        digits = len(region.group().translate(_NOT_DIGIT))
        if digits < _MIN_DIGITS:
            continue
        while not "0" <= norm[end - 1] <= "9":
            end -= 1
        # 오른쪽 경계 검사(최대 3글자 앞보기)가 구간 밖을 볼 수 있게 여유를 둔다.
        window = (start, min(size, end + 4))
        for min_digits, finder in _NUMBER_FINDERS:
            if digits >= min_digits:
                found = len(candidates)
                finder(norm, window, candidates)
                # 구간 전체를 차지한 후보가 나오면 뒤 종류(우선순위가 낮다)는 어차피 진다.
                if any(c[1] == start and c[2] == end for c in candidates[found:]):
                    break
    if not candidates:
        return []

    candidates.sort(key=lambda c: (_PRIORITY[c[0]], c[1], -c[2]))
    taken = bytearray(len(text))
    chosen: list[_Candidate] = []
    for cand in candidates:
        _, start, end, _, _ = cand
        if 1 in taken[start:end]:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c[1])

    allowed = _normalise_allowlist(allowlist)
    matches = []
    for kind, start, end, hide, confidence in chosen:
        original = text[start:end]
        if allowed and _allow_key(kind, norm[start:end]) in allowed:
            continue
        masked = _apply_mask(original, start, hide)
        if masked == original:
            continue
        matches.append(Match(kind, start, end, original, masked, confidence))
    return matches


def mask_personal_data(text: str, *, allowlist: Collection[str] = ()) -> str:
    """``text`` 의 개인정보를 마스킹한 글을 돌려준다. 길이는 원문과 같다.

    조례 제22조①, 「개인정보 보호법」 제24조·제24조의2에 따라 게시·표시 전에 부른다.
    원문을 보관해야 하면 「개인정보의 안전성 확보조치 기준」 제7조에 따라 암호화해 따로 둔다.
    두 번 불러도 결과가 같다. ``allowlist`` 는 :func:`find_personal_data` 와 같다.
    """
    if not isinstance(text, str):
        return text
    matches = find_personal_data(text, allowlist=allowlist)
    if not matches:
        return text
    parts = []
    pos = 0
    for m in matches:
        parts.append(text[pos : m.start])
        parts.append(m.masked)
        pos = m.end
    parts.append(text[pos:])
    return "".join(parts)


# ---------------------------------------------------------------------------
# 종류별 탐색. 각 함수는 후보를 candidates 에 덧붙인다.


def _scan(pattern: re.Pattern[str], norm: str, window: tuple[int, int]) -> Iterable[re.Match[str]]:
    # finditer 는 거절한 후보의 끝에서 다음 탐색을 시작해 그 안에서 시작하는 번호를 놓칠 수
    # 있다. 경계 검사는 정규식 안에서 끝나므로 정규식이 맞춘 것은 모두 후보이고, 후처리에서
    # 거절해도 다음 글자부터 다시 찾는다.
    pos, endpos = window
    while pos < endpos:
        m = pattern.search(norm, pos, endpos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


def _spaced_ok(norm: str, start: int, end: int) -> bool:
    """공백으로 묶은 번호 옆에 공백 하나 건너 숫자가 또 있으면 어디서 끊기는지 알 수 없어 버린다.

    ``010 1234 5678 9012`` 는 버리고, 옆 숫자가 하이픈·점으로 묶인 다른 번호의 일부일 때
    (``010-1111-2222 010 3333 4444``)는 경계가 분명하므로 받아들인다. 별표도 숫자로 보아야
    마스킹한 글을 다시 돌렸을 때 판단이 바뀌지 않는다.
    """
    if " " not in norm[start:end]:
        return True
    if start >= 2 and norm[start - 1] == " " and norm[start - 2] in _DIGIT_OR_MASK:
        i = start - 2
        while i > 0 and norm[i - 1] in _DIGIT_OR_MASK:
            i -= 1
        if i == 0 or norm[i - 1] not in "-.":
            return False
    if end + 1 < len(norm) and norm[end] == " " and norm[end + 1] in _DIGIT_OR_MASK:
        i = end + 1
        while i < len(norm) and norm[i] in _DIGIT_OR_MASK:
            i += 1
        if i == len(norm) or norm[i] not in "-.":
            return False
    return True


_DIGIT_OR_MASK = frozenset("0123456789*")


def _has_context(pattern: re.Pattern[str], norm: str, start: int, end: int) -> bool:
    return (
        pattern.search(norm, max(0, start - _CONTEXT_BEFORE), min(len(norm), end + _CONTEXT_AFTER))
        is not None
    )


def _digit_positions(norm: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if "0" <= norm[i] <= "9"]


def _find_rrn(norm: str, window: tuple[int, int], out: list[_Candidate]) -> None:
    for m in _scan(_RRN, norm, window):
        start, end = m.span()
        if not _spaced_ok(norm, start, end):
            continue
        g = int(m["g"])
        yy, mm, dd = int(m["yy"]), int(m["mm"]), int(m["dd"])
        century = 2000 if g in (3, 4, 7, 8) else 1900
        if century == 2000 and yy > date.today().year % 100:
            continue
        if dd > _days_in_month(century + yy, mm):
            continue
        digits = _digit_positions(norm, start, end)
        rrn_context = _has_context(_RRN_CONTEXT, norm, start, end)
        # 붙여 쓴 13자리가 '입금·계좌' 옆에 있고 주민번호를 가리키는 말이 없으면 계좌번호로 본다.
        if (
            digits[-1] - digits[0] == 12
            and not rrn_context
            and _has_context(_ACCOUNT_CONTEXT, norm, start, end)
        ):
            continue
        kind = PersonalDataKind.FOREIGNER_RN if g >= 5 else PersonalDataKind.RRN
        confident = rrn_context or _rrn_checksum_ok([int(norm[i]) for i in digits], g >= 5)
        out.append((kind, start, end, tuple(digits[7:]), _confidence(confident)))


def _find_phones(norm: str, window: tuple[int, int], out: list[_Candidate]) -> None:
    for pattern, kind in (
        (_MOBILE, PersonalDataKind.MOBILE),
        (_LANDLINE, PersonalDataKind.LANDLINE),
    ):
        for m in _scan(pattern, norm, window):
            start, end = m.span()
            if not _spaced_ok(norm, start, end):
                continue
            mid = m.start("mid")
            separated = not "0" <= norm[mid - 1] <= "9"
            # 구분자 없이 붙여 쓴 유선번호는 국번이 0·1로 시작할 수 없다는 점으로 일련번호와
            # 가른다(0·1은 시외·특수번호 접두라 국번에 쓰지 않는다).
            if kind is PersonalDataKind.LANDLINE and not separated and norm[mid] in "01":
                continue
            hide = tuple(range(mid, m.end("mid")))
            confident = kind is PersonalDataKind.MOBILE or separated
            out.append((kind, start, end, hide, _confidence(confident)))


def _find_email(norm: str, out: list[_Candidate]) -> None:
    at = norm.find("@")
    while at != -1:
        run = at
        while run > 0 and norm[run - 1] in _LOCAL_CHARS and at - run <= _LOCAL_MAX:
            run -= 1
        # 아이디는 점으로 시작할 수 없다. 문장 끝 마침표(.hong@…)를 아이디에 넣지 않는다.
        ls = run
        while ls < at and norm[ls] == ".":
            ls += 1
        domain = _DOMAIN.match(norm, at + 1)
        if ls < at and at - run <= _LOCAL_MAX and domain and norm[run - 1 : run] != "@":
            keep = 2 if at - ls >= 3 else at - ls - 1
            hide = tuple(range(ls + keep, at))
            out.append((PersonalDataKind.EMAIL, ls, domain.end(), hide, Confidence.HIGH))
        at = norm.find("@", at + 1)


def _find_card(norm: str, window: tuple[int, int], out: list[_Candidate]) -> None:
    for m in _scan(_CARD, norm, window):
        start, end = m.span()
        if not _spaced_ok(norm, start, end):
            continue
        digits = _digit_positions(norm, start, end)
        luhn = _luhn_ok([int(norm[i]) for i in digits])
        context = _has_context(_CARD_CONTEXT, norm, start, end)
        if not (luhn or context):
            continue
        out.append(
            (PersonalDataKind.CARD, start, end, tuple(digits[4:-4]), _confidence(luhn and context))
        )


def _find_account(norm: str, window: tuple[int, int], out: list[_Candidate]) -> None:
    for m in _scan(_ACCOUNT, norm, window):
        start, end = m.span()
        if not _spaced_ok(norm, start, end):
            continue
        digits = _digit_positions(norm, start, end)
        if not 10 <= len(digits) <= 14:
            continue
        chunk = norm[start:end]
        if _looks_like_date(chunk) or _RECEIPT.fullmatch(chunk) or _PHONE_LIKE.fullmatch(chunk):
            continue
        context = _has_context(_ACCOUNT_CONTEXT, norm, start, end)
        if not context and not _bare_account_shape(m["sep"], chunk):
            continue
        # 첫 묶음(3–4자리)은 은행·상품 구분이라 남긴다. 묶음이 없거나 길면 앞 3자리만 남긴다.
        first = len(chunk.split(m["sep"])[0]) if m["sep"] else 0
        keep = first if 3 <= first <= 4 else 3
        out.append(
            (PersonalDataKind.ACCOUNT, start, end, tuple(digits[keep:-3]), _confidence(context))
        )


def _find_passport(norm: str, out: list[_Candidate]) -> None:
    for m in _PASSPORT.finditer(norm):
        start, end = m.span()
        # 경계를 정규식 앞에 두면 글자마다 검사해서 느려지므로 찾은 뒤에 본다.
        if start and norm[start - 1] in _WORD_ASCII:
            continue
        context = _has_context(_PASSPORT_CONTEXT, norm, start, end)
        if not context and norm[start] not in _PASSPORT_TYPES:
            continue
        out.append(
            (
                PersonalDataKind.PASSPORT,
                start,
                end,
                tuple(range(start + 2, end)),
                _confidence(context),
            )
        )


# (구간에 있어야 할 최소 숫자 수, 탐색 함수)
_NUMBER_FINDERS: tuple[
    tuple[int, Callable[[str, tuple[int, int], list[_Candidate]], None]], ...
] = (
    (13, _find_rrn),
    (15, _find_card),
    (9, _find_phones),
    (10, _find_account),
)


# ---------------------------------------------------------------------------
# 검증 도우미


def _confidence(high: bool) -> Confidence:
    return Confidence.HIGH if high else Confidence.MEDIUM


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _rrn_checksum_ok(digits: list[int], foreigner: bool) -> bool:
    # 2020.10. 이전 번호의 검증식. 외국인등록번호는 11 대신 13에서 뺀다.
    total = sum(d * w for d, w in zip(digits, _RRN_WEIGHTS, strict=False))
    expected = ((13 if foreigner else 11) - total % 11) % 10
    return digits[12] == expected


def _luhn_ok(digits: list[int]) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


_DATE_PREFIX = re.compile(r"(?:19|20)[0-9]{2}[- ]?(?:0[1-9]|1[0-2])(?:[- ]?[0-9]{2})?")


def _looks_like_date(chunk: str) -> bool:
    """연·월로 시작하는 숫자열(2026-11-25-001, 202611251430)은 날짜·일련번호로 본다."""
    m = _DATE_PREFIX.match(chunk)
    if m is None:
        return False
    # 20261125… 처럼 붙여 쓴 경우 일(日)까지 맞아야 날짜로 본다.
    tail = m.group()
    return not tail.isdigit() or (len(tail) == 8 and 1 <= int(tail[6:]) <= 31)


def _bare_account_shape(sep: str | None, chunk: str) -> bool:
    """주변 말 없이도 계좌로 볼 모양: 하이픈 3–4묶음, 0으로 시작하지 않음, 사업자번호 아님."""
    if sep != "-":
        return False
    groups = chunk.split("-")
    if len(groups) < 3 or not 3 <= len(groups[0]) <= 6 or chunk[0] == "0":
        return False
    return [len(g) for g in groups] != [3, 2, 5]


def _apply_mask(original: str, offset: int, hide: Iterable[int]) -> str:
    chars = list(original)
    for i in hide:
        chars[i - offset] = MASK_CHAR
    return "".join(chars)


def _normalise_allowlist(allowlist: Collection[str]) -> frozenset[str]:
    keys = set()
    for item in allowlist:
        if not isinstance(item, str):
            continue
        norm = item.translate(_NORMALISE)
        if "@" in norm:
            keys.add(norm.strip().casefold())
        else:
            digits = "".join(ch for ch in norm if "0" <= ch <= "9")
            if digits:
                keys.add(digits)
    return frozenset(keys)


def _allow_key(kind: PersonalDataKind, chunk: str) -> str:
    if kind is PersonalDataKind.EMAIL:
        return chunk.casefold()
    digits = "".join(ch for ch in chunk if "0" <= ch <= "9")
    if chunk.startswith("+82"):
        digits = digits[2:]
        if not digits.startswith("0"):
            digits = "0" + digits
    return digits
