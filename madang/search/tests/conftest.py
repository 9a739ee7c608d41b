import pytest

from madang.departments.models import Department
from madang.pages.models import ContentPage
from madang.search.services import search_index_rebuild

# (slug, title, department code, summary, body HTML)
SEARCH_PAGES = [
    ("public-parking", "공영주차장 이용 안내", "parking", "",
     "<p>구내 공영주차장의 요금을 안내합니다.</p>"),
    ("illegal-parking-report", "불법주차 신고", "parking", "",
     "<p>안전신문고 앱으로 신고하세요.</p>"),
    ("parking-enforcement", "주차단속 구역 안내", "parking", "",
     "<p>단속 구역과 시간을 알려 드립니다.</p>"),
    ("mayor-greeting", "구청장 인사말", "public-relations", "",
     "<p>안녕하십니까, 동작구청장입니다. 주민 여러분을 환영합니다.</p>"),
    ("mayor-dialogue", "주민과의 대화", "public-relations", "",
     "<p>동작구 주민 누구나 구청장에게 직접 제안할 수 있습니다.</p>"),
    ("passport", "여권 발급", "civil-service", "",
     "<p>여권은 본관 1층 민원실에서 신청합니다. 처리 기간은 8일입니다.</p>"),
    ("park-walks", "공원 산책로 안내", "parks", "", "<p>보라매공원 둘레길을 걸어 보세요.</p>"),
    ("walking-festival", "걷기 축제", "parks", "",
     "<p>주차 공간이 좁으니 대중교통을 이용해 주세요. 행사장은 공원 옆입니다.</p>"),
]  # fmt: skip


def add_content_page(parent, *, slug, title, department, summary="", html="<p>내용</p>"):
    page = ContentPage(
        slug=slug,
        title=title,
        summary=summary,
        locale=parent.locale,
        owner_department=department,
        body=[{"type": "rich_text", "value": html}],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def search_site(demo_site):
    """The demo site plus pages written for the search cases, indexed."""
    home, home_en = demo_site
    departments = {d.code: d for d in Department.objects.all()}
    pages = {}
    for slug, title, dept, summary, html in SEARCH_PAGES:
        pages[slug] = add_content_page(
            home, slug=slug, title=title, department=departments[dept], summary=summary, html=html
        )
    search_index_rebuild()
    return home, home_en, pages


@pytest.fixture(autouse=True)
def _default_language():
    """Requests to /en/… leave English active in the test thread; start each test in Korean."""
    from django.utils import translation

    translation.activate("ko")
    yield
    translation.activate("ko")
