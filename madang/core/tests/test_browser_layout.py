"""The KRDS layout in a real browser: keyboard paths, text size, language links and axe-core."""

import re

import pytest
from playwright.sync_api import expect

from madang.testing.browser import DESKTOP, MOBILE, assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTENT_PATH = "/civil-service-guide/"
MISSING_PATH = "/no-such-page/"


def _open(page, live_server, path, *, viewport=DESKTOP):
    page.set_viewport_size(viewport)
    response = page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    return response


def _assert_nothing_missing(page, *, allowed=()):
    """No font, icon, stylesheet or script the page uses answered with an error."""
    missing = [f for f in page.madang_failed_requests if not f.endswith(allowed)]
    assert not missing, "requests failed:\n" + "\n".join(missing)


def test_home_page_loads_with_krds_layout_and_no_axe_violations(page, live_server, demo_site):
    response = _open(page, live_server, "/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "ko"
    expect(page.locator("#krds-masthead")).to_contain_text(
        "이 누리집은 대한민국 공식 전자정부 누리집입니다."
    )
    expect(page.locator(".krds-main-menu .gnb-main-trigger").first).to_have_text("민원 안내")
    # KRDS's CSS and our @font-face resolve under /static/krds/: the font really loads.
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Pretendard GOV\"', '동작구')")
    _assert_nothing_missing(page)
    assert_no_axe_violations(page)


def test_keyboard_reaches_main_content_through_skip_link(page, live_server, demo_site):
    _open(page, live_server, "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.getAttribute('href'), document.activeElement.textContent.trim()]"
    )
    assert focused == ["#main-content", "본문 바로가기"]
    expect(page.locator("#krds-skip-link a")).to_be_visible()  # shown when focused
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('#main-content') !== null")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
@pytest.mark.parametrize(
    ("path", "status", "lang"),
    [(CONTENT_PATH, 200, "ko"), ("/en/", 200, "en"), (MISSING_PATH, 404, "ko")],
    ids=["content-page", "english-home", "not-found"],
)
def test_page_types_have_no_axe_violations(
    page, live_server, demo_site, viewport, path, status, lang
):
    response = _open(page, live_server, path, viewport=viewport)
    assert response.status == status
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("#krds-skip-link a")).to_have_attribute("href", "#main-content")
    expect(page.locator("main#main-content h1")).to_have_count(1)
    _assert_nothing_missing(page, allowed=(MISSING_PATH,) if status == 404 else ())
    assert_no_axe_violations(page)


def test_mobile_menu_opens_and_closes_with_keyboard(page, live_server, demo_site):
    _open(page, live_server, "/", viewport=MOBILE)
    toggle = page.locator('#krds-header [aria-controls="mobile-nav"]')
    nav = page.locator("#mobile-nav")
    expect(toggle).to_be_visible()
    expect(nav).to_be_hidden()

    toggle.focus()
    page.keyboard.press("Enter")
    expect(nav).to_have_class(re.compile(r"\bis-open\b"))
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="주차 안내").first).to_be_visible()
    page.wait_for_function("document.getElementById('mobile-nav').contains(document.activeElement)")
    assert_no_axe_violations(page)

    page.keyboard.press("Escape")
    expect(nav).not_to_have_class(re.compile(r"\bis-open\b"))
    expect(nav).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_text_size_changes_root_font_size_and_persists(page, live_server, demo_site):
    _open(page, live_server, CONTENT_PATH)
    root_size = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    assert page.evaluate(root_size) == 10  # KRDS: 62.5% of 16px

    page.get_by_role("button", name="글자 크기").click()
    page.locator("[data-madang-text-size] .item-link[data-text-size='xlg']").click()
    assert page.evaluate(root_size) == 13  # KRDS's xlarge zoom, 1.3
    # Kept in the display-preference cookie that the server also reads (size.contrast).
    assert page.evaluate("document.cookie").count("madang_display=xlg.") == 1

    page.reload()
    assert page.evaluate(root_size) == 13
    expect(page.locator(".item-link[data-text-size='xlg']")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_no_axe_violations(page)

    page.get_by_role("button", name="글자 크기").click()
    page.get_by_role("button", name="초기화").click()
    assert page.evaluate(root_size) == 10
    page.reload()
    assert page.evaluate(root_size) == 10


def test_language_switcher_links_to_translation_or_language_home(page, live_server, demo_site):
    from wagtail.models import Locale

    from madang.pages.models import ContentPage

    _open(page, live_server, CONTENT_PATH)
    english = page.locator(".krds-language a[lang='en']")
    expect(english).to_have_attribute("href", "/en/")
    expect(page.locator(".krds-language a[lang='ko']")).to_have_attribute("href", CONTENT_PATH)

    source = ContentPage.objects.get(slug="civil-service-guide", locale__language_code="ko")
    translated = source.copy_for_translation(Locale.objects.get(language_code="en"))
    translated.title = "Civil service guide"
    translated.save_revision().publish()

    _open(page, live_server, CONTENT_PATH)
    expect(english).to_have_attribute("href", "/en/civil-service-guide/")
    page.get_by_role("button", name=re.compile("언어 변경")).click()
    english.click()
    page.wait_for_url(re.compile(r"/en/civil-service-guide/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator(".krds-language a[lang='ko']")).to_have_attribute("href", CONTENT_PATH)
    expect(page.locator("main h1")).to_have_text("Civil service guide")
