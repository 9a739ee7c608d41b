"""Every page readable without JavaScript (조례 제5조①6): each demo page type, in Chromium with
JavaScript switched off, shows its main content; high contrast and text size still apply."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One path per page type of the demo site (and the views around them).
PAGE_TYPES = {
    "HomePage": "/",
    "SectionIndexPage": "/welfare/",
    "ContentPage": "/civil-service-guide/passport/",
    "ContentPage.easy": "/waste/easy/",
    "NewsIndexPage": "/alerts/notices/",
    "NewsPage": "/alerts/notices/notice-recruit-2026/",
    "LocalInfoIndexPage": "/local-info/",
    "LocalInfoPage": "/local-info/local-tourism-cemetery/",
    "OrganisationChartPage": "/organisation/",
    "OrganisationChartPage.department": "/organisation/parking/",
    "SiteFeedbackPage": "/feedback/",
    "VideoIndexPage": "/dongjak-tv/",
    "VideoPage": "/dongjak-tv/weekly-news/",
    "LiveStreamPage": "/dongjak-tv/budget-briefing-live/",
    "display settings": "/display/",
    "English HomePage": "/en/",
}


@pytest.mark.parametrize("browser_context_args", [{"java_script_enabled": False}])
def test_every_page_type_reads_without_javascript(page, live_server, demo_site):
    for name, path in PAGE_TYPES.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        main = page.locator("main#main-content")
        expect(main).to_be_visible()
        expect(main.locator("h1").first).to_be_visible()
        assert len(main.inner_text().strip()) > 20, name
        assert page.locator("html").get_attribute("class").startswith("no-js"), name
    # The transcript and captions of the video are there as text.
    page.goto(live_server.url + "/dongjak-tv/weekly-news/")
    expect(page.locator("main")).to_contain_text("동작구청 인터넷방송 동작TV입니다.")
    expect(page.locator("main video track[kind=captions]")).to_have_count(1)


@pytest.mark.parametrize("browser_context_args", [{"java_script_enabled": False}])
def test_display_settings_work_without_javascript(page, live_server, demo_site):
    page.goto(live_server.url + "/parking/")
    page.get_by_role("link", name="화면 설정").click()
    page.locator("label[for=display-text_size-xxlg]").click()
    page.locator("label[for=display-contrast-high]").click()
    page.get_by_role("button", name="저장하기").click()
    page.wait_for_url(live_server.url + "/parking/")
    html = page.locator("html")
    expect(html).to_have_attribute("data-text-size", "xxlg")
    expect(html).to_have_attribute("data-krds-mode", "high-contrast")
