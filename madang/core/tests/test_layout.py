"""The KRDS layout through Django's test client: what every page must say, and what it costs."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from madang.core.views import server_error
from madang.departments.models import Department
from madang.pages.models import ContentPage

MASTHEAD = "이 누리집은 대한민국 공식 전자정부 누리집입니다."


@pytest.fixture
def home(demo_site):
    return demo_site[0]


def _html(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status
    return response, response.content.decode()


@pytest.mark.django_db
def test_home_has_skip_link_masthead_header_and_footer(client, home):
    _response, html = _html(client, "/")
    assert '<html lang="ko"' in html
    # Skip link first in the body, masthead right after it, then the header (KRDS order).
    body = html[html.index("<body") :]
    assert body.index('id="krds-skip-link"') < body.index(MASTHEAD) < body.index("krds-header")
    assert '<a href="#main-content">본문 바로가기</a>' in html
    assert '<main id="main-content" class="madang-main" tabindex="-1">' in html
    # Site search: a labelled GET form to /search/ with q; sign-in link.
    assert re.search(r'<form [^>]*role="search"[^>]*action="/search/" method="get">', html)
    assert '<label for="header-search-q" class="sr-only">통합검색</label>' in html
    assert 'id="header-search-q" name="q"' in html
    assert 'href="/accounts/login/" class="btn-navi login">로그인</a>' in html
    # Footer: SiteIdentity defaults, emphasised privacy policy, copyright policy with 공공누리,
    # e-mail collection refusal, operator identifier.
    assert "(07058) 서울특별시 동작구 장승배기로 161" in html
    assert "02-820-1114" in html
    assert "평일 09:00~18:00" in html
    assert re.search(r'<a href="[^"]+" class="point">개인정보처리방침</a>', html)
    assert ">저작권정책</a>" in html
    assert all(f"제{n}유형" in html for n in range(1, 5))
    assert ">이메일무단수집거부</a>" in html
    assert 'class="krds-identifier"' in html
    assert "이 누리집은 동작구청 누리집입니다." in html
    assert "<title>동작구청</title>" in html


@pytest.mark.django_db
def test_home_menu_lists_live_children_shown_in_menus(client, home):
    ContentPage.objects.filter(slug="parks").update(show_in_menus=False)
    _response, html = _html(client, "/")
    nav = html[html.index('class="krds-main-menu"') : html.index("</nav>")]
    titles = re.findall(r'class="gnb-main-trigger is-link[^"]*"[^>]*>([^<]+)</a>', nav)
    assert titles == [
        "민원 안내", "주차 안내", "생활폐기물 배출 안내", "예방접종 안내",
        "복지", "안전", "알림마당", "지역정보", "동작TV", "참여마당",
    ]  # fmt: skip
    assert 'href="/parking/"' in nav
    mobile = html[html.index('id="mobile-nav"') :]
    assert 'href="#mGnb-anchor1" class="gnb-main-trigger">민원 안내</a>' in mobile


@pytest.mark.django_db
def test_menu_shows_second_level_under_its_parent(client, home):
    parent = ContentPage.objects.get(slug="parking")
    child = ContentPage(
        title="거주자우선주차",
        slug="resident-parking",
        body=[{"type": "rich_text", "value": "<p>신청 안내</p>"}],
        owner_department=parent.owner_department,
        show_in_menus=True,
    )
    parent.add_child(instance=child)
    child.save_revision().publish()
    _response, html = _html(client, "/parking/resident-parking/")
    nav = html[html.index('class="krds-main-menu"') : html.index("</nav>")]
    assert '<button type="button" class="gnb-main-trigger is-current" data-trigger="gnb">' in nav
    assert '<a href="/parking/resident-parking/" aria-current="page">거주자우선주차</a>' in nav
    crumbs = html[html.index('id="breadcrumb"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert re.findall(r'class="txt"[^>]*>([^<]+)</a>', crumbs) == [
        "홈",
        "주차 안내",
        "거주자우선주차",
    ]


@pytest.mark.django_db
def test_content_page_shows_title_body_breadcrumb_and_owner(client, home):
    _response, html = _html(client, "/civil-service-guide/")
    assert "<title>민원 안내 | 동작구청</title>" in html
    assert '<h1 class="madang-page-title">민원 안내</h1>' in html
    assert "<h2>민원실 운영</h2>" in html
    assert 'aria-label="현재 경로" id="breadcrumb"' in html
    assert 'class="txt" aria-current="page">민원 안내</a>' in html
    dept = Department.objects.get(code="civil-service")
    page = ContentPage.objects.get(slug="civil-service-guide")
    info = html[html.index('class="madang-page-info"') :]
    assert f"<dt>담당부서</dt><dd>{dept.name_ko}</dd>" in info
    assert "<dt>연락처</dt>" in info and dept.phone in info
    local = page.last_published_at.astimezone(ZoneInfo("Asia/Seoul"))
    assert "<dt>최종수정일</dt><dd><time datetime=" in info
    assert local.strftime("%Y.%m.%d") in info


@pytest.mark.django_db
def test_home_has_no_breadcrumb(client, home):
    _response, html = _html(client, "/")
    assert 'id="breadcrumb"' not in html


@pytest.mark.django_db
def test_hreflang_alternates_and_lang_attribute(client, home):
    _response, html = _html(client, "/")
    assert '<link rel="alternate" hreflang="ko" href="http://testserver/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html
    assert 'href="/en/" class="item-link" lang="en" hreflang="en"' in html

    _response, html = _html(client, "/en/")
    assert '<html lang="en"' in html
    assert 'href="/" class="item-link" lang="ko" hreflang="ko"' in html

    # A page with no translation names only itself as an alternate, but still offers /en/.
    _response, html = _html(client, "/parking/")
    assert 'hreflang="en" href="http://testserver/en/' not in html
    assert 'href="/en/" class="item-link" lang="en" hreflang="en"' in html


@pytest.mark.django_db
def test_text_size_script_runs_before_first_paint(client, home):
    _response, html = _html(client, "/")
    head = html[: html.index("</head>")]
    early = head.index('<script src="/static/madang/js/early.js"></script>')
    assert early < head.index('rel="stylesheet"')
    assert '<html lang="ko" class="no-js" data-display-cookie="madang_display">' in html
    assert '<script src="/static/vendor/htmx/htmx.min.js" defer></script>' in head
    assert '<link rel="stylesheet" href="/static/krds/css/component/output.css">' in head


@pytest.mark.django_db
def test_missing_page_renders_korean_404_in_layout(client, home):
    response, html = _html(client, "/no-such-page/", status=404)
    assert "404.html" in [t.name for t in response.templates]
    assert '<h1 class="madang-page-title">페이지를 찾을 수 없습니다</h1>' in html
    assert MASTHEAD in html
    assert 'class="krds-identifier"' in html


@pytest.mark.django_db
def test_missing_english_page_renders_404_in_english_layout(client, home):
    _response, html = _html(client, "/en/no-such-page/", status=404)
    assert '<html lang="en"' in html
    assert 'href="/en/" class="krds-btn medium primary"' in html


def test_500_renders_without_database_or_context_processors():
    """No `db` fixture: pytest-django refuses any query, so this proves none is made."""
    bare = override_settings(
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [settings.PROJECT_DIR / "templates"],
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": []},
            }
        ]
    )
    with bare, translation.override("ko"):
        html = render_to_string("500.html")
        response = server_error(RequestFactory().get("/"))
    assert '<html lang="ko">' in html
    assert "<h1>일시적인 오류가 발생했습니다</h1>" in html
    assert MASTHEAD in html
    assert '<a href="#main-content">본문 바로가기</a>' in html
    assert "<style>" in html and "/static/" not in html
    assert response.status_code == 500
    assert "일시적인 오류가 발생했습니다" in response.content.decode()


# Site, locale, home page, alias and view-restriction checks (Wagtail's serve), the page's
# translations (language links), SiteIdentity, the main menu: 8. One spare for the next feature;
# past that, look for an N+1 before raising it.
HOME_QUERY_BUDGET = 14


@pytest.mark.django_db
def test_home_page_query_count_is_bounded(client, home, django_assert_max_num_queries):
    client.get("/")  # warm Wagtail's site-root cache, as a running server has it
    with django_assert_max_num_queries(HOME_QUERY_BUDGET):
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_menu_costs_the_same_queries_however_many_pages(client, home):
    """The menu is one query: more menu pages and a second level add none (no N+1)."""
    client.get("/")
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    department = Department.objects.first()
    for n in range(4):
        parent = ContentPage(
            title=f"메뉴 {n}",
            slug=f"menu-{n}",
            body=[{"type": "rich_text", "value": "<p>x</p>"}],
            owner_department=department,
            show_in_menus=True,
        )
        home.add_child(instance=parent)
        parent.save_revision().publish()
        for m in range(3):
            child = ContentPage(
                title=f"하위 {n}-{m}",
                slug=f"sub-{n}-{m}",
                body=[{"type": "rich_text", "value": "<p>x</p>"}],
                owner_department=department,
                show_in_menus=True,
            )
            parent.add_child(instance=child)
            child.save_revision().publish()
    client.get("/")
    with CaptureQueriesContext(connection) as after:
        html = client.get("/").content.decode()
    assert "하위 3-2" in html
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]
    menu_queries = [
        q for q in after.captured_queries if "show_in_menus" in q["sql"].partition(" WHERE ")[2]
    ]
    assert len(menu_queries) == 1
