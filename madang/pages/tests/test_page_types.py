"""Page types of the homepage through the test client: what each shows, and what it costs."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.departments.models import Department
from madang.pages.models import (
    ContentPage,
    HomePage,
    LocalInfoIndexPage,
    LocalInfoPage,
    NewsIndexPage,
    NewsPage,
    OrganisationChartPage,
    SectionIndexPage,
    SiteFeedbackPage,
    owned_page_models,
)

pytestmark = pytest.mark.django_db


def _get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def test_demo_site_has_structure_news_and_organisation(home):
    owned = sum(m.objects.live().descendant_of(home).count() for m in owned_page_models())
    assert owned >= 30
    assert NewsPage.objects.live().count() >= 8
    assert OrganisationChartPage.objects.live().count() == 1
    assert {p.category for p in LocalInfoPage.objects.all()} == {
        "living", "industry", "culture", "education", "tourism"
    }  # fmt: skip
    departments = {p.owner_department_id for m in owned_page_models() for p in m.objects.live()}
    assert len(departments) >= 8


def test_demo_load_is_idempotent(home):
    from madang.pages.demo import load_site

    before = {m: m.objects.count() for m in owned_page_models()}
    load_site()
    assert {m: m.objects.count() for m in owned_page_models()} == before
    # The district's site in Korean, English, Chinese, Japanese and Vietnamese, and the
    # council and 사당1동 sub-sites: one home each, however often the demo is loaded.
    assert HomePage.objects.count() == 7


def test_every_owned_page_type_has_a_review_date_once_published(home):
    for model in owned_page_models():
        pages = model.objects.live()
        assert pages.exists(), model
        for page in pages:
            assert page.next_review_at is not None, (model, page.slug)
            published = timezone.localdate(page.last_published_at)
            assert page.next_review_at > published + timedelta(days=150)


@pytest.mark.parametrize(
    "path",
    [
        "/civil-service-guide/passport/",
        "/welfare/",
        "/welfare/basic-livelihood/",
        "/alerts/notices/",
        "/alerts/notices/notice-recruit-2026/",
        "/local-info/",
        "/local-info/local-tourism-cemetery/",
        "/organisation/",
        "/organisation/parking/",
        "/feedback/",
    ],
)
def test_content_types_show_owner_contact_updated_and_satisfaction(client, home, path):
    html = _get(client, path)
    info = html[html.index('class="madang-page-info"') :]
    assert "<dt>담당부서</dt><dd>" in info
    assert "<dt>연락처</dt>" in info
    assert "<dt>최종수정일</dt><dd><time datetime=" in info
    assert "<legend>이 페이지에서 제공하는 정보에 대하여 만족하십니까?</legend>" in html
    for label in ("매우 만족", "만족", "보통", "불만족", "매우 불만족"):
        assert f">{label}</label>" in html


def test_home_shows_latest_notices_pinned_first_and_no_empty_slots(client, home):
    html = _get(client, "/")
    notices = html[html.index('<h2 id="latest-') : html.index("구정소식")]
    titles = re.findall(r'<a href="/alerts/notices/[^"]+">([^<]+)</a>', notices)
    assert titles[0] == "연말연시 민원실 운영 안내"  # pinned
    assert titles[1] == "2026년 하반기 기간제 근로자 채용 공고"  # then newest
    assert len(titles) == 5
    # No events source and no active emergency notice: neither leaves any trace.
    assert "행사·참여" not in html
    assert "krds-critical-alerts" not in html


def test_home_emergency_notice_shows_only_while_active(client, home):
    body = list(home.body.raw_data)
    body[0] = {
        "type": "emergency_notice",
        "value": {"active": True, "text": "한강 수위 상승, 하천변 출입 통제", "ends_at": None,
                  "page": None},
    }  # fmt: skip
    home.body = body
    home.save_revision().publish()
    assert "한강 수위 상승, 하천변 출입 통제" in _get(client, "/")
    body[0]["value"]["ends_at"] = (timezone.now() - timedelta(minutes=1)).isoformat()
    home.body = body
    home.save_revision().publish()
    assert "한강 수위 상승" not in _get(client, "/")


def test_emergency_alert_source_takes_the_slot(client, home):
    from types import SimpleNamespace

    from madang.pages import selectors

    selectors.register_emergency_alert_source(
        lambda: SimpleNamespace(text="지진 발생, 낙하물 주의", url="/safety/")
    )
    try:
        assert "지진 발생, 낙하물 주의" in _get(client, "/")
    finally:
        selectors.register_emergency_alert_source(None)


def test_news_index_lists_pinned_first_and_filters_by_category(client, home):
    html = _get(client, "/alerts/notices/")
    rows = re.findall(r'class="madang-article-title"><a href="[^"]+">([^<]+)</a>', html)
    assert rows[0] == "연말연시 민원실 운영 안내"
    assert "<caption>" in html and '<th scope="col">제목</th>' in html
    html = _get(client, "/alerts/notices/?category=recruit")
    rows = re.findall(r'class="madang-article-title"><a href="[^"]+">([^<]+)</a>', html)
    assert rows == ["2026년 하반기 기간제 근로자 채용 공고"]


def test_organisation_chart_is_the_department_tree(client, home):
    html = _get(client, "/organisation/")
    chart = html[html.index('class="madang-org-chart"') :]
    # 주차관리과 sits in a list nested in 교통행정과's item.
    assert (
        '>교통행정과</a> <span class="madang-org-phone">02-820-1463</span>'
        '<ul><li><a href="/organisation/parking/">주차관리과</a>'
    ) in chart
    assert 'href="/organisation/parking/"' in chart


def test_department_page_lists_duties_and_office_phones_without_names(client, home):
    department = Department.objects.get(code="parking")
    User.objects.create_user(
        username="park-officer", first_name="길동", last_name="홍", password="x",
        kind=AccountKind.STAFF, department=department, position="주무관",
        office_phone="02-820-9772", email="hong@example.com",
    )  # fmt: skip
    html = _get(client, "/organisation/parking/")
    assert '<h1 class="madang-page-title">주차관리과</h1>' in html
    assert "불법주차 단속" in html  # duties
    assert "주무관" in html and "02-820-9772" in html
    assert "홍길동" not in html and "길동" not in html and "hong@example.com" not in html
    _get(client, "/organisation/no-such-department/", status=404)


def test_parent_and_subpage_types_form_index_detail_pairs():
    assert NewsIndexPage.subpage_types == ["pages.NewsPage"]
    assert NewsPage.parent_page_types == ["pages.NewsIndexPage"]
    assert LocalInfoPage.parent_page_types == ["pages.LocalInfoIndexPage"]
    assert SiteFeedbackPage.parent_page_types == ["pages.HomePage"]
    assert "pages.SectionIndexPage" in ContentPage.parent_page_types
    assert set(LocalInfoIndexPage.subpage_types) == {"pages.LocalInfoPage"}
    assert SectionIndexPage in owned_page_models()


def _count(client, path):
    client.get(path)  # warm the site-root cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


def test_home_query_count_does_not_grow_with_news(client, home):
    before = _count(client, "/")
    index = NewsIndexPage.objects.get(slug="notices")
    for n in range(12):
        item = NewsPage(
            title=f"추가 공지 {n}", slug=f"extra-{n}", owner_department=index.owner_department,
            body=[{"type": "rich_text", "value": "<p>x</p>"}], pinned=n % 3 == 0,
        )  # fmt: skip
        index.add_child(instance=item)
        item.save_revision().publish()
    assert _count(client, "/") == before


@pytest.mark.parametrize("path", ["/alerts/notices/", "/organisation/", "/local-info/"])
def test_list_pages_query_count_does_not_grow(client, home, path):
    before = _count(client, path)
    notices = NewsIndexPage.objects.get(slug="notices")
    local = LocalInfoIndexPage.objects.get()
    department = Department.objects.get(code="cleaning")
    for n in range(6):
        item = NewsPage(title=f"공지 {n}", slug=f"q-{n}", owner_department=department,
                        body=[{"type": "rich_text", "value": "<p>x</p>"}])  # fmt: skip
        notices.add_child(instance=item)
        item.save_revision().publish()
        info = LocalInfoPage(title=f"정보 {n}", slug=f"i-{n}", category="culture",
                             owner_department=department,
                             body=[{"type": "rich_text", "value": "<p>x</p>"}])  # fmt: skip
        local.add_child(instance=info)
        info.save_revision().publish()
        Department.objects.create(code=f"extra-{n}", name_ko=f"추가과{n}", parent=department)
    assert _count(client, path) == before


def test_content_page_query_count_does_not_grow_with_body(client, home):
    page = ContentPage.objects.get(slug="passport")
    department = Department.objects.get(code="civil-service")
    card = {"type": "contact_card", "value": {"department": department.pk, "note": ""}}
    accordion = {"type": "accordion", "value": {"items": [{"title": "질문", "text": "<p>답</p>"}]}}
    page.body = [{"type": "rich_text", "value": "<p>문단</p>"}, card, accordion]
    page.save_revision().publish()
    before = _count(client, "/civil-service-guide/passport/")
    page.body = [
        *[{"type": "rich_text", "value": f"<p>문단 {n}</p>"} for n in range(10)],
        *[card] * 4,
        {"type": "accordion", "value": {"items": [{"title": "질문", "text": "<p>답</p>"}] * 6}},
    ]
    page.save_revision().publish()
    html = client.get("/civil-service-guide/passport/").content.decode()
    assert html.count("madang-contact-card") == 4
    assert _count(client, "/civil-service-guide/passport/") == before


def test_standard_page_blocks_render_accessibly(client, home):
    html = _get(client, "/parking/public-parking-lots/")
    assert "<caption>주요 공영주차장의 위치, 주차면수, 기본요금</caption>" in html
    assert '<th scope="col">주차면수</th>' in html and "<td>210</td>" in html
    html = _get(client, "/civil-service-guide/passport/")
    assert '<span class="madang-step-no">2단계</span> 접수' in html
    assert '<details class="madang-accordion-item"><summary>대리 신청이 되나요?</summary>' in html
    assert 'class="madang-contact-card"' in html and "02-820-1312" in html


def test_table_block_requires_caption_and_column_headings():
    from django.core.exceptions import ValidationError

    from madang.pages.blocks import AccessibleTableBlock

    block = AccessibleTableBlock()
    value = block.to_python({
        "caption": "", "columns": [{"type": "text", "heading": "구분"}],
        "rows": [{"values": ["a"]}],
    })  # fmt: skip
    with pytest.raises(ValidationError, match="캡션"):
        block.clean(value)
    value = block.to_python({
        "caption": "요금표", "columns": [{"type": "text", "heading": " "}],
        "rows": [{"values": ["a"]}],
    })  # fmt: skip
    with pytest.raises(ValidationError, match="열에 제목"):
        block.clean(value)


def test_banner_and_image_blocks_require_alt_text():
    from madang.pages.blocks import BannerBlock, ImageBlock

    assert BannerBlock().child_blocks["alt"].required
    assert ImageBlock().child_blocks["alt"].required
