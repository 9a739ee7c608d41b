"""The results page in a real browser: zero axe violations with and without results, and the
header's search form reaches it."""

import re

import pytest
from playwright.sync_api import expect

from madang.search.services import search_index_rebuild
from madang.testing.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed_site(live_server, demo_site):
    search_index_rebuild()
    return demo_site


@pytest.mark.parametrize("viewport", [None, {"width": 375, "height": 812}], ids=["pc", "mobile"])
def test_results_page_has_no_axe_violations(page, live_server, indexed_site, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    for query, expected in (
        ("주차", re.compile(r"검색 결과 [1-9][0-9]*건")),
        ("우주정거장", "검색 결과가 없습니다"),
        ("", None),
    ):
        response = page.goto(f"{live_server.url}/search/?q={query}")
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        expect(page.locator("main h1")).to_have_text("통합검색")
        if expected:
            expect(page.locator(".madang-search-count")).to_contain_text(expected)
        assert_no_axe_violations(page)
    assert page.madang_failed_requests == []


def test_header_search_form_opens_results(page, live_server, indexed_site):
    page.goto(live_server.url + "/")
    page.fill("#header-search-q", "불법주차")
    page.locator(".madang-header-search button[type=submit]").click()
    page.wait_for_url("**/search/?q=*")
    expect(page.locator(".madang-search-excerpt mark", has_text="불법주차").first).to_be_visible()
    page.select_option("#search-department", label="주차관리과 (1)")
    page.get_by_role("button", name="적용").click()
    expect(page.locator(".madang-search-title")).to_have_text(["주차 안내"])
    assert_no_axe_violations(page)


def test_english_results_page_has_no_axe_violations(page, live_server, indexed_site):
    response = page.goto(f"{live_server.url}/en/search/?q=Dongjak")
    assert response.status == 200
    expect(page.locator(".madang-search-title")).to_have_count(1)
    assert_no_axe_violations(page)
