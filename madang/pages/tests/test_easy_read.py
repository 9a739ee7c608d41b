"""Easy-read variants (쉬운 글, 조례 제5조①6): the link, the sub-address and its 404s."""

import pytest

from madang.departments.models import Department
from madang.pages.demo import EASY_READ, _load_easy_read
from madang.pages.models import ContentPage

from .test_video import small_site  # noqa: F401  (fixture)


@pytest.fixture
def pages(request):
    home = request.getfixturevalue("small_site")
    departments = {d.code: d for d in Department.objects.all()}
    made = {}
    for slug, title in [("waste", "생활폐기물 배출 안내"), ("parking", "주차 안내")]:
        page = ContentPage(
            title=title,
            slug=slug,
            owner_department=departments["cleaning"],
            body=[{"type": "rich_text", "value": "<p>배출 시간은 18:00~24:00입니다.</p>"}],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        made[slug] = page
    _load_easy_read(home, departments)  # the demo's easy-read text for "waste"
    return made


@pytest.mark.django_db
def test_a_page_with_an_easy_version_links_to_it(client, pages):
    html = client.get("/waste/").content.decode()
    assert '<a href="/waste/easy/">쉬운 글로 보기</a>' in html
    assert '<link rel="alternate" href="http://localhost/waste/easy/" title="쉬운 글">' in html


@pytest.mark.django_db
def test_the_easy_version_is_its_own_page_that_links_back(client, pages):
    response = client.get("/waste/easy/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>쉬운 글: 생활폐기물 배출 안내 | 동작구청</title>" in html
    assert "<b>토요일에는 내놓지 않습니다.</b>" in html
    assert '<a href="/waste/">원래 글로 보기</a>' in html
    assert "배출 시간은 18:00~24:00입니다." not in html  # the standard text is not repeated
    assert "청소행정과" in html  # the contact card and the 제7조 foot


@pytest.mark.django_db
def test_pages_without_an_easy_version_have_no_link_and_no_address(client, pages):
    assert "쉬운 글로 보기" not in client.get("/parking/").content.decode()
    assert client.get("/parking/easy/").status_code == 404


@pytest.mark.django_db
def test_a_child_page_named_easy_wins_over_the_easy_version(client, pages):
    child = ContentPage(
        title="쉽게 배우는 분리배출",
        slug="easy",
        owner_department=pages["waste"].owner_department,
        body=[{"type": "rich_text", "value": "<p>분리배출 교실</p>"}],
    )
    pages["waste"].add_child(instance=child)
    child.save_revision().publish()
    assert "분리배출 교실" in client.get("/waste/easy/").content.decode()


@pytest.mark.django_db
def test_loading_the_demo_again_keeps_an_edited_easy_version(pages):
    page = ContentPage.objects.get(slug="waste")
    page.easy_read_body = [{"type": "rich_text", "value": "<p>고친 글</p>"}]
    page.save_revision().publish()
    _load_easy_read(page.get_parent(), {d.code: d for d in Department.objects.all()})
    page.refresh_from_db()
    assert page.easy_read_body[0].value.source == "<p>고친 글</p>"
    assert set(EASY_READ) == {
        "waste",
        "basic-livelihood",
        "local-education-lifelong",
        "organisation",
    }
