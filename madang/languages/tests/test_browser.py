"""Foreign-language sites in a real browser: the switcher keeps the page, hreflang alternates,
the opinion form in English and Japanese submits, and every screen passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from madang.languages.models import Opinion
from madang.testing.browser import assert_no_axe_violations, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switcher_keeps_the_page_and_hreflang_lists_translations(page, live_server, demo_site):
    page.goto(f"{live_server.url}/parks/")
    alternates = page.locator("link[rel=alternate][hreflang]")
    hreflangs = sorted(alternates.evaluate_all("els => els.map(e => e.hreflang)"))
    assert hreflangs == sorted(["ko", "x-default", "en", "zh-hans", "ja", "vi"])
    page.get_by_role("button", name=re.compile("언어 변경")).click()
    japanese = page.locator(".krds-language a[lang='ja']")
    expect(japanese).to_have_attribute("hreflang", "ja")
    japanese.click()
    page.wait_for_url(re.compile(r"/ja/parks/$"))
    assert page.locator("html").get_attribute("lang") == "ja"
    expect(page.locator("main h1")).to_have_text("公園のご案内")
    expect(page.locator(".madang-language-site")).to_contain_text("広報政策課")
    assert_no_axe_violations(page)

    page.get_by_role("button", name=re.compile("言語")).click()
    page.locator(".krds-language a[lang='vi']").click()
    page.wait_for_url(re.compile(r"/vi/parks/$"))
    expect(page.locator("main h1")).to_have_text("Công viên")
    assert_no_axe_violations(page)

    # A page without a translation: the switcher leads to that language's home.
    page.goto(f"{live_server.url}/civil-service-guide/passport/")
    expect(page.locator(".krds-language a[lang='zh-hans']")).to_have_attribute("href", "/zh-hans/")


@pytest.mark.parametrize(
    ("lang", "subject", "label", "button", "heading"),
    [
        ("en", "Bus to the cemetery", "Title", "Send feedback", "Your opinion has been received"),
        ("ja", "墓地行きのバス", "件名", "ご意見を送る", "ご意見を受け付けました"),
    ],
)
def test_opinion_form_submits_with_keyboard_and_passes_axe(
    page, live_server, demo_site, lang, subject, label, button, heading
):
    page.goto(f"{live_server.url}/{lang}/opinion/")
    assert_no_axe_violations(page)
    # An empty send keeps the page and says what is missing, in the page's language.
    submit(page, page.get_by_role("button", name=button))
    expect(page.locator("#id_subject")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    page.get_by_label(re.compile(label)).fill(subject)
    page.locator("#id_message").fill("010-2345-6789 / 5531")
    page.locator("#id_email").fill("reader@example.com")
    # KRDS styles the box away: people tick it by its label.
    page.locator("label[for=id_consent]").click()
    expect(page.locator("#id_consent")).to_be_checked()
    page.locator("#id_consent").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/opinion/received/$"))
    expect(page.locator("main h1")).to_have_text(heading)
    opinion = Opinion.objects.get(language_code=lang)
    expect(page.locator("#receipt-number")).to_have_text(opinion.receipt_number)
    assert "010-2345-6789" not in opinion.message
    assert_no_axe_violations(page)
