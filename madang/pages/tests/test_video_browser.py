"""Video and live-stream pages in a real browser: axe-core, captions loaded, nothing autoplays,
the player works from the keyboard."""

import pytest
from playwright.sync_api import expect

from madang.testing.browser import assert_no_axe_violations

from .test_video import small_site  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("small_site")
def test_video_and_live_pages(page, live_server):
    for path in [
        "/dongjak-tv/",
        "/dongjak-tv/budget-briefing-live/",
        "/dongjak-tv/council-session-live/",
    ]:
        assert page.goto(live_server.url + path).status == 200, path
        expect(page.locator("main h1")).to_be_visible()
        assert_no_axe_violations(page)
    expect(page.locator(".madang-live-status")).to_have_text("예정")

    page.goto(live_server.url + "/dongjak-tv/weekly-news/")
    video = page.locator("main video")
    expect(video).to_be_visible()
    # The default caption track loads (served as text/vtt) and shows its three cues.
    page.wait_for_function(
        "() => { const t = document.querySelector('main video').textTracks[0];"
        " return t && t.mode === 'showing' && t.cues && t.cues.length === 3; }"
    )
    page.wait_for_timeout(500)
    assert video.evaluate("v => v.paused && v.currentTime === 0")  # no autoplay (KWCAG 5.4.2)
    assert_no_axe_violations(page)
    assert not page.madang_failed_requests

    # Keyboard only: Tab reaches the player; Space plays it.
    page.locator("#main-content").focus()  # the skip link's target (tabindex=-1)
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.tagName") == "VIDEO":
            break
    assert page.evaluate("document.activeElement.tagName") == "VIDEO"
    page.keyboard.press("Space")
    page.wait_for_function("() => !document.querySelector('main video').paused")
