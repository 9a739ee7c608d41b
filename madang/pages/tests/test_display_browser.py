"""Display settings in a real browser: high contrast passes axe (colour contrast included) on
every kind of page, the easy-read view passes axe, and the settings form works by keyboard."""

import pytest
from playwright.sync_api import expect

from madang.testing.browser import assert_no_axe_violations

from .test_video import small_site  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIGH_CONTRAST_PATHS = [
    "/",
    "/welfare/",
    "/civil-service-guide/passport/",
    "/alerts/notices/",
    "/alerts/notices/notice-recruit-2026/",
    "/local-info/",
    "/organisation/",
    "/feedback/",
    "/dongjak-tv/",
    "/dongjak-tv/weekly-news/",
    "/dongjak-tv/budget-briefing-live/",
    "/waste/",
    "/waste/easy/",
    "/display/",
]


def test_easy_read_and_high_contrast_pass_axe(page, live_server, demo_site):
    for path in ["/waste/easy/", "/welfare/basic-livelihood/easy/"]:
        assert page.goto(live_server.url + path).status == 200
        expect(page.locator("main .krds-badge")).to_have_text("쉬운 글")
        assert_no_axe_violations(page)
    page.get_by_role("link", name="원래 글로 보기").click()
    expect(page).to_have_url(live_server.url + "/welfare/basic-livelihood/")

    page.context.add_cookies(
        [{"name": "madang_display", "value": "lg.high", "url": live_server.url}]
    )
    for path in HIGH_CONTRAST_PATHS:
        assert page.goto(live_server.url + path).status == 200, path
        assert page.evaluate("document.documentElement.dataset.krdsMode") == "high-contrast"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), path
        assert_no_axe_violations(page)  # includes color-contrast (WCAG 1.4.3)


@pytest.mark.usefixtures("small_site")
def test_display_settings_by_keyboard_only(page, live_server):
    page.goto(live_server.url + "/dongjak-tv/")
    link = page.get_by_role("link", name="화면 설정")
    for _ in range(30):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/display/?next=" in url)
    assert_no_axe_violations(page)

    # Tab into the first radio group (the checked "보통"), arrow to "조금 크게".
    normal = page.locator("#display-text_size-md")
    for _ in range(40):
        page.keyboard.press("Tab")
        if normal.evaluate("el => el === document.activeElement"):
            break
    expect(normal).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#display-text_size-lg")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator("#display-contrast-default")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#display-contrast-high")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="저장하기")).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url(live_server.url + "/dongjak-tv/")
    html = page.locator("html")
    expect(html).to_have_attribute("data-text-size", "lg")
    expect(html).to_have_attribute("data-krds-mode", "high-contrast")
    root_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert root_size > 10  # KRDS's 62.5% root (10px) scaled up
    assert_no_axe_violations(page)

    # The setting holds on the next page, and the reset button brings the defaults back.
    page.goto(live_server.url + "/display/")
    page.get_by_role("button", name="처음 설정으로 되돌리기").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/display/?saved=1"))
    expect(html).not_to_have_attribute("data-krds-mode", "high-contrast")
