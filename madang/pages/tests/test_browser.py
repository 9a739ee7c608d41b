"""Every homepage page type in a real browser with axe-core, and the satisfaction widget with
and without JavaScript."""

import pytest
from playwright.sync_api import expect

from madang.pages.models import PageFeedback
from madang.testing.browser import MOBILE, assert_no_axe_violations, check_by_label

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One path per page type (home, section, standard, news index and item, local info index and
# item, organisation chart and department, site feedback).
PAGE_TYPES = {
    "HomePage": "/",
    "SectionIndexPage": "/welfare/",
    "ContentPage": "/civil-service-guide/passport/",
    "NewsIndexPage": "/alerts/notices/",
    "NewsPage": "/alerts/notices/notice-recruit-2026/",
    "LocalInfoIndexPage": "/local-info/",
    "LocalInfoPage": "/local-info/local-tourism-cemetery/",
    "OrganisationChartPage": "/organisation/",
    "OrganisationChartPage.department": "/organisation/parking/",
    "SiteFeedbackPage": "/feedback/",
}


@pytest.mark.parametrize("viewport", [None, MOBILE], ids=["desktop", "mobile"])
def test_every_page_type_has_no_axe_violations(page, live_server, demo_site, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    for name, path in PAGE_TYPES.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        page.wait_for_load_state("networkidle")
        expect(page.locator("main h1")).to_be_visible()
        assert_no_axe_violations(page)


def test_satisfaction_with_htmx_swaps_the_widget(page, live_server, demo_site):
    page.goto(live_server.url + "/civil-service-guide/passport/")
    page.wait_for_load_state("networkidle")
    widget = page.locator("#page-feedback")
    # KRDS draws its own radio over the hidden input: people (and the test) click the label.
    check_by_label(
        page,
        widget.locator("label[for=page-feedback-score-4]"),
        widget.get_by_label("만족", exact=True),
    )
    widget.get_by_label("의견(선택)").fill("구비서류를 표로 정리해 주세요. 010-2345-6789")
    url = page.url
    widget.get_by_role("button", name="평가하기").click()
    expect(page.locator("#page-feedback")).to_contain_text("소중한 의견 감사합니다")
    assert page.url == url  # swapped in place, no navigation
    answer = PageFeedback.objects.get()
    assert answer.score == 4 and "010-2345-6789" not in answer.comment
    assert_no_axe_violations(page)


@pytest.mark.parametrize("browser_context_args", [{"java_script_enabled": False}], indirect=False)
def test_satisfaction_without_javascript_posts_and_redirects(page, live_server, demo_site):
    page.goto(live_server.url + "/welfare/basic-livelihood/")
    page.locator("label[for=page-feedback-score-1]").click()
    page.get_by_role("button", name="평가하기").click()
    page.wait_for_url("**/welfare/basic-livelihood/#page-feedback")
    expect(page.locator(".madang-messages")).to_contain_text("소중한 의견 감사합니다")
    assert PageFeedback.objects.get().score == 1
    # A missing answer: a full page that says how to fix it and keeps the comment.
    page.locator("#page-feedback-comment").fill("글씨가 작아요")
    page.get_by_role("button", name="평가하기").click()
    expect(page.locator("main")).to_contain_text("만족도를 하나 고르세요.")
    expect(page.locator("#page-feedback-comment")).to_have_value("글씨가 작아요")
