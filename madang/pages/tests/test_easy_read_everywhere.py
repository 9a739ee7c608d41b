"""Easy-read versions beyond ContentPage (쉬운 글, 조례 제5조①6): local information and the
organisation chart; both addresses in sitemap.xml; the site search files the easy text as a
document of its own that opens the easy version."""

import re

import pytest
from django.test import Client

from madang.departments.models import Department
from madang.pages.models import LocalInfoIndexPage, LocalInfoPage, OrganisationChartPage
from madang.search.models import SearchDocument
from madang.search.selectors import search_site
from madang.search.services import search_document_index, search_index_rebuild

from .test_video import small_site  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

EASY_LESSONS = [
    {
        "type": "rich_text",
        "value": "<p>어른도 공부할 수 있는 곳입니다. 강좌는 석 달마다 열립니다.</p>",
    }
]
EASY_CHART = [{"type": "rich_text", "value": "<p>쓰레기는 청소행정과가 맡습니다.</p>"}]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def site_pages(request):
    home = request.getfixturevalue("small_site")
    dept = Department.objects.get(code="autonomy")
    local = _publish(
        home, LocalInfoIndexPage(title="지역정보", slug="local", owner_department=dept)
    )
    body = [{"type": "rich_text", "value": "<p>인문학 강좌를 분기마다 모집합니다.</p>"}]
    lessons = _publish(
        local,
        LocalInfoPage(
            title="평생학습관 강좌", slug="lessons", category="education",
            owner_department=dept, body=body, easy_read_body=EASY_LESSONS,
        ),
    )  # fmt: skip
    markets = _publish(
        local,
        LocalInfoPage(
            title="전통시장", slug="markets", category="living", owner_department=dept, body=body
        ),
    )
    chart = _publish(
        home,
        OrganisationChartPage(
            title="조직도", slug="organisation", owner_department=dept,
            easy_read_body=EASY_CHART,
        ),
    )  # fmt: skip
    return {"home": home, "lessons": lessons, "markets": markets, "chart": chart}


def test_local_information_links_to_its_easy_version_and_back(client, site_pages):
    html = client.get("/local/lessons/").content.decode()
    assert '<a href="/local/lessons/easy/">쉬운 글로 보기</a>' in html
    assert (
        '<link rel="alternate" href="http://localhost/local/lessons/easy/" title="쉬운 글">' in html
    )
    easy = client.get("/local/lessons/easy/")
    text = easy.content.decode()
    assert easy.status_code == 200
    assert "<title>쉬운 글: 평생학습관 강좌 | 동작구청</title>" in text
    assert "어른도 공부할 수 있는 곳입니다." in text
    assert '<a href="/local/lessons/">원래 글로 보기</a>' in text
    assert "인문학 강좌를 분기마다" not in text
    assert "쉬운 글로 보기" not in client.get("/local/markets/").content.decode()
    assert client.get("/local/markets/easy/").status_code == 404


def test_the_organisation_chart_has_an_easy_version_and_department_pages_point_to_it(
    client, site_pages
):
    chart = client.get("/organisation/").content.decode()
    assert '<a href="/organisation/easy/">쉬운 글로 보기</a>' in chart
    easy = client.get("/organisation/easy/")
    assert easy.status_code == 200
    html = easy.content.decode()
    assert "쓰레기는 청소행정과가 맡습니다." in html
    assert '<a href="/organisation/">원래 글로 보기</a>' in html
    department = client.get("/organisation/cleaning/").content.decode()
    assert '<a href="/organisation/easy/">조직도를 쉬운 글로 보기</a>' in department
    page = site_pages["chart"]
    page.easy_read_body = []
    page.save_revision().publish()
    assert client.get("/organisation/easy/").status_code == 404  # no department "easy" either
    assert "쉬운 글로 보기" not in client.get("/organisation/cleaning/").content.decode()


def test_sitemap_lists_easy_read_addresses_beside_their_pages(client, site_pages):
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert "http://localhost/local/lessons/" in locations
    assert "http://localhost/local/lessons/easy/" in locations
    assert "http://localhost/organisation/easy/" in locations
    assert "http://localhost/local/markets/" in locations
    assert "http://localhost/local/markets/easy/" not in locations


def test_sitemap_reads_easy_flags_in_one_query_per_page_type(
    client, site_pages, django_assert_max_num_queries
):
    client.get("/sitemap.xml")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/sitemap.xml")
    dept = Department.objects.get(code="autonomy")
    for i in range(5):
        _publish(
            site_pages["lessons"].get_parent(),
            LocalInfoPage(
                title=f"강좌 {i}", slug=f"lesson-{i}", category="education",
                owner_department=dept, easy_read_body=EASY_LESSONS,
                body=[{"type": "rich_text", "value": "<p>본문</p>"}],
            ),
        )  # fmt: skip
    with django_assert_max_num_queries(len(before)):
        xml = Client().get("/sitemap.xml").content.decode()
    assert xml.count("/easy/</loc>") == 7


def _search(q):
    return list(search_site(query_text=q, locale="ko").page)


def test_search_finds_the_easy_text_and_opens_the_easy_version(client, site_pages):
    search_index_rebuild()
    hits = _search("공부")
    assert [(h.document.title, h.document.url, h.type_label) for h in hits] == [
        ("평생학습관 강좌 (쉬운 글)", "/local/lessons/easy/", "쉬운 글")
    ]
    # The standard page's document keeps its own text only.
    assert {h.document.url for h in _search("인문학")} == {"/local/lessons/", "/local/markets/"}
    html = client.get("/search/", {"q": "공부"}).content.decode()
    assert '<a href="/local/lessons/easy/">' in html
    assert '<option value="pages.easyreadversion">쉬운 글 (1)</option>' in html
    assert [h.document.url for h in _search("청소행정과")] == ["/organisation/easy/"]


def test_easy_documents_follow_the_page(site_pages, django_capture_on_commit_callbacks):
    lessons = site_pages["lessons"]
    search_document_index(page=lessons)
    assert SearchDocument.objects.filter(object_id=lessons.pk).count() == 2
    lessons.easy_read_body = []
    lessons.save_revision().publish()
    search_document_index(page=lessons)
    assert list(
        SearchDocument.objects.filter(object_id=lessons.pk).values_list("url", flat=True)
    ) == ["/local/lessons/"]
    lessons.easy_read_body = EASY_LESSONS
    lessons.save_revision().publish()
    search_document_index(page=lessons)
    with django_capture_on_commit_callbacks(execute=True):
        lessons.unpublish()
    assert not SearchDocument.objects.filter(object_id=lessons.pk).exists()
