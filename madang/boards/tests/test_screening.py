"""제8조 자동 선별: 말뭉치 기준 정밀도·재현율과, 반드시 잡거나 반드시 넘겨야 할 사례."""

from __future__ import annotations

import dataclasses
import statistics
import time
from pathlib import Path

import pytest

from madang.boards.screening import (
    SCREENABLE_REASONS,
    DeletionReason,
    Finding,
    screen_advertising,
    screen_defamation,
    screen_profanity,
    screen_text,
)
from madang.boards.tests.corpus import EVALUATED_REASONS, evaluate, load_corpus

R4 = DeletionReason.DEFAMATION
R5 = DeletionReason.COMMERCIAL_ADVERTISING
R6 = DeletionReason.PROFANITY_OBSCENITY
R8 = DeletionReason.REPEATED_POSTING

MIN_PRECISION = 0.95
MIN_RECALL = 0.9


def reasons(text: str, **kwargs) -> set[DeletionReason]:
    return {f.reason for f in screen_text(text, **kwargs)}


# --- the corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_corpus_is_large_enough_and_one_third_clean(corpus):
    assert len(corpus) >= 300
    clean = [e for e in corpus if not e.reasons]
    assert len(clean) * 3 >= len(corpus)
    for reason in EVALUATED_REASONS:
        assert sum(1 for e in corpus if reason in e.reasons) >= 20, reason


@pytest.mark.parametrize("reason", EVALUATED_REASONS, ids=lambda r: r.name)
def test_corpus_precision_and_recall(corpus, reason):
    scores, errors = evaluate(corpus)
    s = scores[reason]
    detail = "\n".join(
        f"{ex.source}: want {sorted(map(int, ex.reasons))} got {sorted(map(int, got))} {ex.text}"
        for ex, got in errors
        if (reason in got) != (reason in ex.reasons)
    )
    assert s.precision >= MIN_PRECISION, detail
    assert s.recall >= MIN_RECALL, detail


def test_clean_corpus_posts_produce_no_findings_at_all(corpus):
    flagged = [
        (e.source, e.text, screen_text(e.text, previous_texts=e.previous))
        for e in corpus
        if not e.reasons
    ]
    flagged = [x for x in flagged if x[2]]
    # Precision above allows a handful; every clean post flagged is listed here if it fails.
    assert len(flagged) <= 2, flagged


# --- must catch / must not flag -----------------------------------------------------------

MUST_CATCH_PROFANITY = [
    "시발",
    "ㅅㅂ",
    "ㅆㅂ",
    "ㅂㅅ",
    "ㅈㄹ",
    "ㅅㅣㅂㅏㄹ",
    "시1발",
    "시.발",
    "씨@발",
    "시 발",
    "ㅅ ㅂ",
    "tlqkf",
    "ＴＬＱＫＦ",
    "qudtls",
    "ㅅl발",
    "씨이이이발",
    "씨바아알",
    "시발발발",
    "병1신",
    "개 새 끼",
    "지랄",
    "ㅄ",
    "ㅅㅂㅅㅂ",
    "ㄱㅅㄲ",
    "씨 발놈아",
    "미친 놈",
    "이 병신년아",
    "fuck",
    "시~~~발",
    "ㅆ1발",
    "개ㅅH77l",
    "ㄱH새끼",
]

MUST_NOT_FLAG = [
    "시발점",
    "시발역",
    "이 버스의 시발역은 어디인가요?",
    "18세 이상",
    "도서 대출",
    "도서 대출 가능 권수가 늘었나요?",
    "수박",
    "개발",
    "개발자 교육",
    "2016년 병신년 새해 복 많이 받으세요",
    "1956년 병신년생",
    "수박씨 발라 먹기",
    "수박씨발라먹기",
    "출시 발표",
    "도시발전계획",
    "서울시 발표에 따르면",
    "그 시 발표 자료",
    "전염병 예방",
    "허리띠를 졸라매고",
    "우리 집 개 새끼 낳았어요",
    "옆집 개 짖는 소리",
    "씨 발아율",
    "등신대",
    "김철수씨 발표",
    "5개년 계획",
    "오후 2시 이발소",
    "ㄱㄴㄷㄹㅁㅂㅅ",
    "ㅋㅋㅋ",
    "보존 나무",
    "셰익스피어",
    "전세자금 대출 지원 정책이 궁금합니다",
    "카지노 건립 반대합니다",
    "불법 토토 광고 문자가 와서 신고합니다",
    "구청 홈페이지 https://www.dongjak.go.kr 참고",
    "강아지를 찾습니다 010-1234-5678로 연락 주세요",
    "이번 주차 정책은 완전히 실패했습니다",
    "세금 도둑 같은 사업은 중단해야 합니다",
    "어제 우리 집에 도둑이 들었어요",
    "김OO 의원의 횡령 의혹에 대해 해명을 요구합니다",
    "홍길동 과장이 횡령했다는 소문은 사실이 아닙니다",
    "Shiitake bitcoin rotor",
    "",
    "   ",
]


@pytest.mark.parametrize("text", MUST_CATCH_PROFANITY)
def test_must_catch_profanity(text):
    assert R6 in reasons(text), text


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_must_not_flag(text):
    assert screen_text(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "무직자 대출 당일 입금 가능 문의 010-2345-6789",
        "토토사이트 추천 가입코드 777 첫충 20%",
        "고수익 보장 재택알바 카톡 rich2024",
        "바카라 필승법 오픈채팅 https://open.kakao.com/o/sAbCdEf",
        "급전 필요하신 분 텔레그램 @cashking",
        "www.cheap-sale.com 싸게 팝니다 www.cheap-sale.com",
        "010-2222-3333 연락주세요 010-2222-3333",
        "https://a-shop.com https://b-shop.net https://c-shop.xyz",
    ],
)
def test_must_catch_advertising(text):
    assert R5 in reasons(text), text


@pytest.mark.parametrize(
    "text",
    [
        "홍길동 구청장은 구민 세금을 횡령한 도둑놈입니다.",
        "김철수 과장은 뒷돈 받은 사기꾼이다.",
        "과장 김철수는 범죄자다.",
        "최OO 주무관은 전과자입니다.",
        "서지수 씨는 전과 3범입니다.",
    ],
)
def test_must_catch_defamation(text):
    assert R4 in reasons(text), text


# --- findings -----------------------------------------------------------------------------


def test_span_points_into_the_original_text():
    text = "주차 문제로 글 씁니다. 시1발 진짜 ㅅ ㅂ 너무하네요"
    findings = screen_profanity(text)
    assert [f.matched for f in findings] == ["시1발", "ㅅ ㅂ"]
    for f in findings:
        assert text[f.start : f.end] == f.matched


def test_layout_span_covers_the_latin_letters():
    text = "이건 좀 tlqkf 아닌가요"
    [f] = screen_text(text)
    assert (f.start, f.end, f.matched) == (5, 10, "tlqkf")
    assert "영문 자판" in f.explanation


def test_finding_fields():
    [f] = screen_text("씨발")
    assert f.reason is R6 and int(f.reason) == 6
    assert 0.0 < f.confidence <= 1.0
    assert "제8조 제6호" in f.explanation
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.confidence = 0.1  # type: ignore[misc]
    with pytest.raises(ValueError):
        Finding(R6, 0, 1, "x", 1.5, "")


def test_findings_are_sorted_by_position():
    text = "홍길동 구청장 도둑놈 시발 무직자 대출 010-1234-5678 카톡 ID: abc123"
    findings = screen_text(text)
    assert {R4, R5, R6} <= {f.reason for f in findings}
    assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_defamation_needs_a_named_person():
    assert screen_defamation("구청 공무원들은 전부 도둑놈들이다") == []
    assert screen_defamation("이 정책은 세금 도둑질이다") == []
    [f] = screen_defamation("박민수 팀장이 예산을 빼돌렸습니다.")
    assert f.matched.startswith("박민수 팀장")
    assert 0.4 <= f.confidence <= 0.7


def test_advertising_reporting_language_is_not_an_ad():
    report = "아파트에 무직자 대출 광고 전단지가 붙어 있어요. 단속 바랍니다."
    assert screen_advertising(report) == []


def test_repeated_posting_needs_previous_posts():
    post = "보라매공원 야간 조명을 늘려 주세요. 밤에 산책하기 너무 무섭습니다."
    assert R8 not in reasons(post)
    assert R8 in reasons(post + "!!", previous_texts=["다른 글입니다", post])
    [f] = [f for f in screen_text(post, previous_texts=[post]) if f.reason is R8]
    assert (f.start, f.end) == (0, len(post))


# --- reasons ------------------------------------------------------------------------------

ORDINANCE = Path(__file__).resolve().parents[4] / "shared" / "seed" / "ordinance-ko.txt"


def test_deletion_reason_numbers_and_names():
    assert [int(r) for r in DeletionReason] == list(range(1, 10))
    assert DeletionReason.DEFAMATION == 4
    assert DeletionReason.COMMERCIAL_ADVERTISING == 5
    assert DeletionReason.PROFANITY_OBSCENITY == 6
    assert DeletionReason.REPEATED_POSTING == 8
    assert R6.label == "욕설·음란물 등 불건전한 내용인 경우"
    assert R4.citation == "제8조 제4호"
    assert {R4, R5, R6, R8} == SCREENABLE_REASONS


@pytest.mark.skipif(not ORDINANCE.exists(), reason="shared/seed not beside the checkout")
def test_labels_are_the_ordinance_wording():
    text = ORDINANCE.read_text(encoding="utf-8")
    article = text[text.index("제8조(홈페이지 게시물 관리)") : text.index("제9조(")]
    for reason in DeletionReason:
        assert f"{int(reason)}. {reason.label}" in article, reason


# --- speed --------------------------------------------------------------------------------


def test_a_2kb_post_screens_well_under_5ms():
    sentence = (
        "상도동 골목 불법 주차 때문에 민원을 넣었는데 답변이 없습니다. 쓰레기도 치워 주세요. "
    )
    base = sentence * 18
    assert len(base.encode()) >= 2000
    cpu = []
    for i in range(40):
        text = f"{base} {i}"
        t0 = time.thread_time()
        screen_text(text)
        cpu.append((time.thread_time() - t0) * 1000)
    # CPU time, not wall time: a busy CI machine's scheduler must not fail this test.
    assert statistics.median(cpu) < 5.0, cpu


@pytest.mark.parametrize(
    "text",
    [
        "a." * 5000,
        "a.b-" * 5000 + "com",
        "ㅅ" * 20000,
        "시 " * 10000,
        "ㅅ1ㅂ.ㅏ " * 3000,
        "www." + "a" * 20000,
        "카톡 abc123 토토 " * 2000,
    ],
    ids=["dots", "domain-like", "jamo", "spaced", "mixed", "www", "ads"],
)
def test_pathological_input_stays_linear(text):
    t0 = time.thread_time()
    screen_text(text)
    assert time.thread_time() - t0 < 1.0
