"""In a real browser: the 공공누리 foot and the feed links pass axe-core, and the satisfaction
form works on a page answered from the page cache (no CSRF token in it)."""

import pytest
from playwright.sync_api import expect

from madang.pages.models import PageFeedback
from madang.testing.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kogl_foot_and_feed_links_are_accessible(page, live_server, demo_site, settings):
    settings.MADANG_PAGE_CACHE_SECONDS = 300
    page.goto(live_server.url + "/civil-service-guide/passport/")
    kogl = page.locator(".madang-page-kogl")
    expect(kogl).to_contain_text("공공누리 제1유형")
    expect(
        kogl.get_by_role("img", name="공공누리 제1유형: 출처표시 (새 창에서 이용조건 보기)")
    ).to_be_visible()
    assert_no_axe_violations(page)

    response = page.goto(live_server.url + "/alerts/notices/")
    assert response.status == 200
    links = page.locator(".madang-feed-links")
    expect(links.get_by_role("link", name="RSS 피드")).to_be_visible()
    expect(page.locator('link[rel=alternate][type="application/atom+xml"]')).to_have_count(1)
    assert_no_axe_violations(page)


def test_satisfaction_works_from_a_cached_page(page, live_server, demo_site, settings):
    settings.MADANG_PAGE_CACHE_SECONDS = 300
    url = live_server.url + "/civil-service-guide/passport/"
    page.goto(url)  # stores it
    response = page.goto(url)
    assert response.headers.get("x-madang-cache") == "hit"
    widget = page.locator("#page-feedback")
    widget.locator("label[for=page-feedback-score-5]").click()
    widget.get_by_role("button", name="평가하기").click()
    expect(page.locator("#page-feedback")).to_contain_text("소중한 의견 감사합니다")
    assert PageFeedback.objects.get().score == 5
