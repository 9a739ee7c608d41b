"""The results page at /search/ over a real index (SQLite FTS5 or PostgreSQL tsvector)."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from madang.departments.models import Department
from madang.pages.models import ContentPage
from madang.search.models import SearchDocument
from madang.search.selectors import search_site

from .conftest import add_content_page

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'<h3 class="madang-search-title"><a href="[^"]*">(.*?)</a></h3>', html)
    return [re.sub(r"</?mark>", "", t) for t in found]


def search(client, q, **params):
    return client.get(reverse("search:index"), {"q": q, **params})


def test_url_name_and_path():
    assert reverse("search:index") == "/search/"


def test_part_of_compound_nouns(client, search_site):
    found = titles(search(client, "주차"))
    for title in ("공영주차장 이용 안내", "불법주차 신고", "주차단속 구역 안내", "주차 안내"):
        assert title in found
    assert "공원 산책로 안내" not in found
    assert "구청장 인사말" not in found


def test_district_head_compound(client, search_site):
    found = titles(search(client, "동작구청장"))
    assert "구청장 인사말" in found  # "동작구청장입니다" in the body
    assert "주민과의 대화" in found  # "동작구 주민 … 구청장에게" in the body


def test_particle_in_the_query(client, search_site):
    found = titles(search(client, "구청장에게"))
    assert found[0] == "구청장 인사말"  # the title holds 구청장
    assert "주민과의 대화" in found


def test_verb_ending_in_the_query(client, search_site):
    assert "여권 발급" in titles(search(client, "신청합니다"))
    assert "여권 발급" in titles(search(client, "신청"))


def test_title_match_ranks_first(client, search_site):
    found = titles(search(client, "공원"))
    # "걷기 축제" mentions 공원 in its body only.
    assert found.index("공원 산책로 안내") < found.index("걷기 축제")
    assert found.index("공원 안내") < found.index("걷기 축제")
    found = titles(search(client, "주차"))
    assert found.index("걷기 축제") == len(found) - 1


def test_results_are_highlighted_and_counted(client, search_site):
    response = search(client, "불법주차")
    html = response.content.decode()
    assert "<mark>불법주차</mark> 신고" in html
    count = SearchDocument.objects.filter(body__contains="불법주차").count() + 0
    assert f"‘불법주차’ 검색 결과 {len(titles(response))}건" in html
    assert count >= 1


def test_html_in_pages_is_escaped(client, search_site):
    home = search_site[0]
    add_content_page(
        home,
        slug="xss",
        title='<img src=x onerror="alert(1)"> 주차 요금',
        department=Department.objects.get(code="parking"),
        html="<p>&lt;script&gt;alert('주차')&lt;/script&gt; 요금표</p>",
    )
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    html = search(client, "주차 요금").content.decode()
    assert "<img src=x" not in html
    assert "<script>alert" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>주차</mark>" in html
    assert "&lt;script&gt;alert(&#x27;<mark>주차</mark>&#x27;)&lt;/script&gt;" in html


def test_query_is_escaped_in_the_page(client, search_site):
    html = search(client, '"><script>alert(1)</script>').content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


def test_filter_by_department_and_type(client, search_site):
    parks = Department.objects.get(code="parks")
    found = titles(search(client, "주차", department=parks.pk))
    assert found == ["걷기 축제"]
    html = search(client, "주차").content.decode()
    assert f'<option value="{parks.pk}">' in html
    assert "일반 페이지" in html
    assert titles(search(client, "주차", type="pages.homepage")) == []
    found = titles(search(client, "주차", type="pages.contentpage"))
    assert "불법주차 신고" in found
    assert "검색 결과가 없습니다" in search(client, "주차", type="pages.homepage").content.decode()


def test_nonsense_filters_are_ignored_or_empty(client, search_site):
    response = search(client, "주차", department="abc", page="xyz")
    assert response.status_code == 200
    assert "불법주차 신고" in titles(response)


def test_no_results_guidance(client, search_site):
    html = search(client, "우주정거장").content.decode()
    assert "검색 결과가 없습니다" in html
    assert "더 짧거나 일반적인 낱말로 검색해 보세요" in html


def test_empty_query_prompts(client, search_site):
    html = client.get("/search/").content.decode()
    assert "찾으시는 내용을 검색어로 입력해 주세요." in html
    assert "검색 결과가 없습니다" not in html


def test_long_query_is_cut_and_said_so(client, search_site):
    response = search(client, "주차 " * 60)
    assert "검색어는 100자까지 쓸 수 있어 앞의 100자로 검색했습니다." in response.content.decode()
    assert "불법주차 신고" in titles(response)


def test_query_kept_in_the_form(client, search_site):
    html = search(client, "불법 주차").content.decode()
    assert 'value="불법 주차"' in html


def test_english_site_searches_english_pages(client, search_site):
    assert titles(search(client, "Dongjak")) == []  # the Korean site has no English page
    response = Client().get("/en/search/", {"q": "Dongjak"})
    assert response.status_code == 200
    assert "Dongjak-gu Office" in titles(response)
    assert '<html lang="en"' in response.content.decode()
    assert titles(Client().get("/en/search/", {"q": "주차"})) == []


def test_pagination_and_query_count(client, search_site, django_assert_max_num_queries):
    home = search_site[0]
    parking = Department.objects.get(code="parking")
    search(client, "주차")  # the first request of a site creates its settings row
    before = search_site_call("주차").total
    assert before >= 5
    # 5 queries of the search (2 facets, count, ranked ids, rows) + 5 of the page chrome.
    with django_assert_max_num_queries(10):
        assert len(titles(search(client, "주차"))) == min(before, 10)
    for i in range(30):
        add_content_page(home, slug=f"lot-{i}", title=f"제{i}공영주차장", department=parking)
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    search(client, "주차")  # publishing cleared the menu cache; fill it again
    with django_assert_max_num_queries(10):
        response = search(client, "주차", page=2)  # 10 hits: no more queries than for 5
    html = response.content.decode()
    assert f"‘주차’ 검색 결과 {before + 30}건" in html, html[:200]
    assert len(titles(response)) == 10
    assert 'aria-current="page"' in html
    assert "page=3" in html and "q=%EC%A3%BC%EC%B0%A8" in html
    assert 'start="11"' in html


def test_selector_counts(search_site):
    results = search_site_call("주차")
    hits = list(results.page)
    assert results.total == len(hits) >= 5
    by_type = {}
    for hit in hits:
        by_type[hit.document.doc_type] = by_type.get(hit.document.doc_type, 0) + 1
    assert {o.value: o.count for o in results.type_options} == by_type
    assert sum(o.count for o in results.department_options) == results.total


def search_site_call(q):
    return search_site(query_text=q, locale="ko")


def test_publish_and_unpublish_keep_the_index_current(
    search_site, django_capture_on_commit_callbacks
):
    home = search_site[0]
    with django_capture_on_commit_callbacks(execute=True):
        page = add_content_page(
            home,
            slug="bike",
            title="공공자전거 따릉이",
            department=Department.objects.get(code="traffic"),
        )
    assert SearchDocument.objects.filter(object_id=page.pk, title="공공자전거 따릉이").exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "공공자전거 따릉이 대여소"
        page.save_revision().publish()
    assert SearchDocument.objects.get(object_id=page.pk).title == "공공자전거 따릉이 대여소"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SearchDocument.objects.filter(object_id=page.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert SearchDocument.objects.filter(object_id=page.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        ContentPage.objects.get(pk=page.pk).delete()
    assert not SearchDocument.objects.filter(object_id=page.pk).exists()


def test_restricted_pages_stay_out(search_site):
    page = search_site[2]["passport"]
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not SearchDocument.objects.filter(object_id=page.pk).exists()
    assert "여권 발급" not in [h.document.title for h in search_site_call("여권").page]


def test_rebuild_command_reports(search_site, capsys):
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index")
    assert "analyser: kiwi" in capsys.readouterr().out
    from wagtail.models import Page

    pages = Page.objects.live().public().exclude(depth=1).specific()
    # One document per public page, and one more for each page's easy-read version.
    easy = sum(1 for page in pages if getattr(page, "has_easy_read", False))
    assert easy > 0
    assert SearchDocument.objects.count() == pages.count() + easy
