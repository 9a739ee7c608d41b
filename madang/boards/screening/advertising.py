"""영리 목적 광고 선별 (제8조 제5호 "영리목적의 상업성 광고 및 저작권을 침해할 수 있는 경우").

A single word proves little: residents write about 도서 대출, 전세자금 대출 지원, 카지노 건립
반대 and report spam they received ("토토 광고 문자 신고합니다"). So evidence is scored: a
spam vocabulary (대출 광고, 도박, 고수익 부업, 성매매 알선, 불법 공유) counts together with the
things an advertiser needs and a resident rarely posts — a messenger handle, a phone number or
URL, a call to action, the same contact repeated — and reporting language lowers the score.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .normalize import NormalizedText, normalize_for_matching
from .reasons import DeletionReason, Finding

__all__ = ["screen_advertising"]

_REASON = DeletionReason.COMMERCIAL_ADVERTISING

# Strong phrases are what spam says and residents do not; weak ones need company.
# Both are matched on Hangul with spaces and inserted symbols removed (무직자 대출 → 무직자대출).
_CATEGORIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "loan": (
        "대출 광고",
        (
            "무직자대출",
            "당일대출",
            "당일입금",
            "즉시대출",
            "급전",
            "신용불량자대출",
            "신불자",
            "연체자대출",
            "무방문대출",
            "무서류",
            "누구나대출",
            "대출승인",
            "일수대출",
            "개인돈",
            "주부대출",
            "작업대출",
        ),
        ("대출", "저금리", "한도조회", "햇살론", "대환"),
    ),
    "gambling": (
        "도박 사이트 홍보",
        (
            "토토사이트",
            "사설토토",
            "먹튀검증",
            "먹튀사이트",
            "카지노사이트",
            "온라인카지노",
            "바카라",
            "슬롯사이트",
            "파워볼",
            "가입코드",
            "첫충",
            "매충",
            "꽁머니",
            "홀덤사이트",
            "배팅사이트",
            "베팅사이트",
            "메이저놀이터",
            "토토놀이터",
        ),
        ("토토", "카지노", "먹튀", "슬롯", "베팅", "배팅", "홀덤", "환전", "도박", "안전놀이터"),
    ),
    "income": (
        "고수익 부업·투자 권유",
        (
            "수익보장",
            "원금보장",
            "고수익",
            "재택알바",
            "리딩방",
            "월천",
            "일수익",
            "수익인증",
            "부업알바",
        ),
        ("부업", "재택", "수익률", "투자", "코인", "알바", "일당"),
    ),
    "adult": (
        "성매매·유흥 광고",
        (
            "조건만남",
            "출장안마",
            "출장마사지",
            "립카페",
            "키스방",
            "애인대행",
            "즉석만남",
            "오피걸",
            "성인방송",
        ),
        ("만남", "유흥", "마사지"),
    ),
    "piracy": (
        "불법 공유(저작권 침해) 홍보",
        ("무료다시보기", "다시보기사이트", "토렌트", "웹툰무료", "영화무료", "불법다운"),
        ("다시보기", "무료다운"),
    ),
    "sales": (
        "상품·업체 홍보",
        (
            "최저가",
            "땡처리",
            "무료견적",
            "견적문의",
            "분양문의",
            "분양상담",
            "도매가",
            "전문업체",
            "입주청소",
            "특가판매",
        ),
        ("특가", "할인", "판매", "분양", "업체", "견적", "구매"),
    ),
}

_CALL_TO_ACTION = re.compile(
    r"문의|상담|연락주|연락바|가입|클릭|지금바로|접속|선착순|24시간|추천인|무료|톡주세요|디엠|dm"
)
# Reporting or complaining about spam, not sending it.
_COMPLAINT = re.compile(
    r"신고|단속|불법|스팸|전단|현수막|광고문자|문자가|문자를|피해|처벌|차단해|제재|막아|조치|"
    r"붙어|뿌리|광고물|반대"
)
_DECORATION = re.compile(r"[★☆♥♡◆◇■□▶▷☎☏✔✅💰💵🎰🔥]")

_HANDLE_PATTERNS = (
    re.compile(
        r"(?:카톡|카카오톡|카카오|톡)\s*(?:아이디|id)?\s*[:：]\s*[a-z0-9_.\-]{3,}"
        r"|(?:카톡|카카오톡|톡)\s*(?:아이디|id)\s*[:：]?\s*[a-z0-9_.\-]{3,}",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:텔레그램|텔레|텔레그렘|telegram|텔)\s*(?:아이디|id)?\s*[:：]?\s*@[a-z0-9_]{4,}"
        r"|(?:텔레그램|telegram)\s*(?:아이디|id)?\s*[:：]?\s*[a-z0-9_]{4,}",
        re.IGNORECASE,
    ),
    re.compile(r"(?:https?://)?(?:t\.me|open\.kakao\.com/o|pf\.kakao\.com)/[\w\-]+", re.IGNORECASE),
    re.compile(r"(?:라인|위챗|line|wechat)\s*(?:아이디|id)\s*[:：]?\s*[a-z0-9_.\-]{3,}", re.I),
    re.compile(r"오픈\s*(?:채팅|카톡|톡)(?:방)?"),
    # "카톡 rich2024": a Latin id right after the messenger's name, no colon.
    # ASCII mode keeps \w from running on into a Korean particle (rich2024로).
    re.compile(r"(?:카톡|카카오톡|텔레그램|텔레|라인|위챗)\s+[a-z][\w.\-]{2,}\d\w*", re.I | re.A),
)
# A bare domain may only start where no domain character precedes it: otherwise every letter
# of "a.a.a.a…" would be a new start and matching would turn quadratic.
_URL = re.compile(
    r"(?:https?://|www\.)[^\s가-힣<>\"']+"
    r"|(?<![a-z0-9.\-])(?:[a-z0-9][a-z0-9\-]*\.)+"
    r"(?:com|net|org|kr|xyz|top|io|me|site|shop|club|vip|bet|link|info|biz|cc|pro|live|store"
    r"|online)\b(?:/[^\s가-힣<>\"']*)?",
    re.IGNORECASE,
)
_PUBLIC_DOMAIN = re.compile(r"\.(?:go|or|ac|re)\.kr\b|\.seoul\.kr\b|\.gov\b", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\d-])(?:01[016789]|0[2-6]\d?|070|050\d)[-.\s)]?\d{3,4}[-.\s]?\d{4}(?![\d-])"
    r"|(?<![\d-])1[5-9]\d\d[-.\s]?\d{4}(?![\d-])"
)

_COMPILED_CATEGORIES = {
    key: (
        label,
        re.compile("|".join(sorted(strong, key=len, reverse=True))),
        re.compile("|".join(sorted(weak, key=len, reverse=True))),
    )
    for key, (label, strong, weak) in _CATEGORIES.items()
}
_LIBRARY = re.compile(r"도서|책|도서관|자료실|열람")
_NEEDS_FOLD = re.compile(r"[^\x00-\x7f가-힣ㄱ-ㅣ]")


@dataclass(frozen=True, slots=True)
class _Evidence:
    start: int
    end: int
    what: str


def _fold(text: str) -> str:
    """NFKC and lowercase per character, keeping positions (full-width ＴＥＬＥ, ①)."""
    if not _NEEDS_FOLD.search(text):
        return text.lower()
    out = []
    for c in text:
        if c.isascii():
            out.append(c.lower())
            continue
        f = unicodedata.normalize("NFKC", c).lower()
        out.append(f if len(f) == 1 else c)
    return "".join(out)


def _span(norm: NormalizedText, m: re.Match[str]) -> tuple[int, int]:
    return norm.span(m.start(), m.end())


def screen_advertising(text: str) -> list[Finding]:
    """영리 목적 광고·불법 공유 홍보를 찾는다 (제8조 제5호).

    Flags loan, gambling, 고수익 부업, 성매매 알선, piracy and product spam when its vocabulary
    comes with contact routes (카톡 ID, 텔레그램 @handle, 오픈채팅 링크, phone, URL) or calls to
    action, and flags the same URL or phone number given twice, or three or more URLs.
    Public-sector links (.go.kr, .or.kr, …) do not count.
    """
    if not text:
        return []
    folded = _fold(text)
    norm = normalize_for_matching(text, fold_repeats=False)
    hangul = norm.text.lower()

    evidence: list[_Evidence] = []
    score = 0.0
    labels: list[str] = []
    has_category = False
    library = bool(_LIBRARY.search(hangul))
    for key, (label, strong, weak) in _COMPILED_CATEGORIES.items():
        m = strong.search(hangul)
        if m:
            score += 2.5
        else:
            m = weak.search(hangul)
            if m is None or (key == "loan" and library):
                continue
            score += 1.0
        has_category = True
        labels.append(label)
        start, end = _span(norm, m)
        evidence.append(_Evidence(start, end, label))

    has_handle = False
    for pattern in _HANDLE_PATTERNS:
        for m in pattern.finditer(folded):
            evidence.append(_Evidence(m.start(), m.end(), "메신저 연락처"))
            has_handle = True
    if has_handle:
        score += 2.0
        labels.append("메신저 연락처")

    urls = [
        m
        for m in _URL.finditer(folded)
        if not _PUBLIC_DOMAIN.search(m.group()) and "@" not in folded[max(0, m.start() - 1)]
    ]
    phones = list(_PHONE.finditer(folded))
    if urls:
        score += 1.0
        labels.append("링크")
    if phones:
        score += 1.0
        labels.append("전화번호")
    for m in urls + phones:
        evidence.append(_Evidence(m.start(), m.end(), "연락처·링크"))

    url_keys = [re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group()).rstrip("/.") for m in urls]
    phone_keys = [re.sub(r"\D", "", m.group()) for m in phones]
    repeated = len(url_keys) != len(set(url_keys)) or len(phone_keys) != len(set(phone_keys))
    many_urls = len(set(url_keys)) >= 3
    if repeated:
        score += 1.5
        labels.append("같은 연락처·링크 반복")

    if _CALL_TO_ACTION.search(hangul) or _CALL_TO_ACTION.search(folded):
        score += 1.0
    if _DECORATION.search(text):
        score += 0.5
    complaint = bool(_COMPLAINT.search(hangul))
    if complaint:
        score -= 3.0

    is_ad = score >= 3.0 and (has_category or has_handle)
    if not is_ad and not complaint and (repeated or many_urls):
        is_ad = True
        if many_urls and not repeated:
            labels.append("링크 3개 이상")
    if not is_ad:
        return []

    confidence = round(min(0.95, 0.45 + 0.1 * score), 2)
    summary = ", ".join(dict.fromkeys(labels))
    findings = []
    seen: set[tuple[int, int]] = set()
    for ev in sorted(evidence, key=lambda e: (e.start, -e.end)):
        if (ev.start, ev.end) in seen or ev.start >= ev.end:
            continue
        seen.add((ev.start, ev.end))
        findings.append(
            Finding(
                reason=_REASON,
                start=ev.start,
                end=ev.end,
                matched=text[ev.start : ev.end],
                confidence=max(0.5, confidence),
                explanation=f"영리 목적 광고로 보입니다: {ev.what} (근거: {summary}; 제8조 제5호).",
                rule=f"advertising:{ev.what}",
            )
        )
    return findings[:10]
