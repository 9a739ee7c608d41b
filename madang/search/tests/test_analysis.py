"""The analyser and the highlighter on their own (no database)."""

from madang.search.analysis import BigramAnalyser, analyse_query, document_terms, get_analyser
from madang.search.highlight import excerpt, highlight


def _matches(query: str, text: str, analyser=None) -> bool:
    """Evaluate the analysed query against a text's terms as the databases do (AND of groups,
    each group: the morpheme or all its bigrams)."""
    if analyser is None:
        terms = set(document_terms(text).split())
        groups = analyse_query(query).groups
    else:
        terms = set(analyser.document_terms_many([text])[0])
        groups = analyser.query(query).groups
    return bool(groups) and all(
        g.term in terms or (g.bigrams and set(g.bigrams) <= terms) for g in groups
    )


def test_kiwipiepy_is_the_analyser():
    assert get_analyser().name == "kiwi"


def test_part_of_a_compound_matches():
    for text in ("공영주차장 이용 안내", "불법주차 신고", "주차단속 구역"):
        assert _matches("주차", text), text
    assert not _matches("주차", "공원 산책로 안내")


def test_particles_and_endings_do_not_hide_a_match():
    assert _matches("구청장", "주민 누구나 구청장에게 제안합니다")
    assert _matches("구청장에게", "구청장 인사말")
    assert _matches("신청합니다", "여권 신청 방법")
    assert _matches("신청", "민원실에서 신청합니다")
    assert _matches("쓰레기를", "쓰레기 배출 요일")


def test_a_long_compound_finds_its_parts_written_apart_or_together():
    assert _matches("동작구청장", "안녕하십니까, 동작구청장입니다.")
    assert _matches("동작구청장", "동작구 구청장에게 바란다")
    assert not _matches("동작구청장", "구청 민원실 안내")


def test_every_word_of_the_query_must_match():
    assert _matches("주차 요금", "공영주차장 요금 안내")
    assert not _matches("주차 요금", "공영주차장 위치 안내")


def test_blank_or_punctuation_is_an_empty_query():
    assert not analyse_query("   ")
    assert not analyse_query("!!! ???")


def test_terms_are_safe_in_query_syntax():
    query = analyse_query("주차\" OR 1=1; -- ') | & <script>")
    assert '"' not in "".join(g.term for g in query.groups)
    for group in query.groups:
        assert all(ch.isalnum() for term in group.all_terms for ch in term)


def test_bigram_fallback_handles_compounds_and_particles():
    fallback = BigramAnalyser()
    assert _matches("주차", "불법주차 신고", fallback)
    assert _matches("주차", "공영주차장 안내", fallback)
    assert _matches("구청장에게", "구청장 인사말", fallback)
    assert _matches("신청합니다", "여권 신청", fallback)


def test_highlight_escapes_text_and_marks_terms():
    html = highlight('<script>alert("주차")</script> 주차장', ["주차"])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;<mark>주차</mark>&quot;)&lt;/script&gt;" in html
    assert html.endswith("<mark>주차</mark>장")


def test_highlight_merges_overlapping_terms():
    assert highlight("동작구 구청장", ["동작", "작구", "구청", "청장"]) == (
        "<mark>동작구</mark> <mark>구청장</mark>"
    )


def test_excerpt_is_around_the_first_match():
    text = "가나다 " * 40 + "불법주차 단속 구역입니다. " + "라마바 " * 40
    snippet = excerpt(text, ["주차"])
    assert "불법<mark>주차</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet) < 260


def test_excerpt_without_a_match_starts_at_the_beginning():
    assert excerpt("짧은 본문", ["없음"]) == "짧은 본문"
