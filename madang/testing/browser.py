"""Pytest plugin for browser tests: Debian's Chromium driven by Playwright, plus axe-core.

Loaded from the root conftest (`pytest_plugins`). Browser tests take `page` and `live_server`
and carry `@pytest.mark.browser`; every page-type test calls `assert_no_axe_violations`.

Chromium must be installed at /usr/bin/chromium. When it is not, browser tests fail, unless
MADANG_ALLOW_SKIP_BROWSER=1 is set, in which case they are skipped with a message saying so.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in this thread; Django's ORM refuses to run while a
# loop is running unless told this is safe (it is: tests and the loop share one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The default rule set (WCAG A/AA and best practices) with these tags switched on as well.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _chromium_missing() -> None:
    message = f"Chromium is not installed at {CHROMIUM}; browser tests cannot run."
    if os.environ.get("MADANG_ALLOW_SKIP_BROWSER") == "1":
        pytest.skip(message + " (skipped because MADANG_ALLOW_SKIP_BROWSER=1)")
    pytest.fail(
        message + " Install Debian's chromium package, or set MADANG_ALLOW_SKIP_BROWSER=1 to "
        "skip browser tests knowingly.",
        pytrace=False,
    )


@pytest.fixture
def demo_site(db):
    """The Dongjak-gu demo data (departments, staff, Korean and English home, content pages).

    Works with `db` and, when the test also asks for `live_server` or `transactional_db`, with
    a transactional database that the live server's thread can see.
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.test import override_settings
    from wagtail.models import Collection, Locale, Page
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from madang.accounts.demo import load_staff
    from madang.departments.demo import load_departments
    from madang.pages.demo import load_site

    cache.clear()  # Wagtail caches site root paths; a previous test's may name deleted pages.
    if not Page.objects.filter(depth=1).exists():
        # A transactional test before this one flushed the tables, taking with them the tree
        # root that Wagtail's migrations create; put it back as those migrations do.
        locale, _ = Locale.objects.get_or_create(language_code="ko")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.exists():
        # The same for the root collection that demo images and documents are filed under.
        Collection.add_root(name="Root")
    # Wagtail's own admin search index and reference index are not what these tests look at
    # (site search has its own index, madang.search); keeping them out of the demo load
    # roughly halves the time every demo-based test spends in setup.
    backends = {
        name: {**conf, "AUTO_UPDATE": False}
        for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), disable_reference_index_auto_update():
        load_departments()
        load_staff()
        home, home_en = load_site()
    yield home, home_en
    cache.clear()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        _chromium_missing()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_context_args():
    """Override in a test module or with indirect parametrisation to change the context."""
    return {"locale": "ko-KR", "viewport": DESKTOP}


# The web fonts use `font-display: swap`: text is drawn in a fallback font, then reflowed when
# the font arrives. On a loaded machine that can happen between Playwright's hit-target check
# and its click, so the click lands beside its target (a neighbouring radio, empty space beside
# a submit button). In tests the page stays hidden until its fonts are ready; Playwright's
# actions and `expect(...).to_be_visible()` wait for that, and axe waits for it too.
FONT_GATE_JS = """
(() => {
  // Runs before the document exists: look up <html> only once it does.
  document.addEventListener("DOMContentLoaded", () => {
    const root = document.documentElement;
    if (!root || !document.fonts || !document.body) return;
    void document.body.offsetHeight;  // lay out now, so the fonts in use start loading
    if (document.fonts.status === "loaded") return;
    root.setAttribute("data-test-fonts-loading", "");
    root.style.visibility = "hidden";
    document.fonts.ready.then(() => {
      root.style.visibility = "";
      if (!root.getAttribute("style")) root.removeAttribute("style");
      root.removeAttribute("data-test-fonts-loading");
    });
  });
})();
"""


@pytest.fixture
def page(browser, browser_context_args):
    """A fresh page in a fresh browser context (no cookies or storage shared between tests).

    `page.madang_failed_requests` collects every response of status 400 or more and every failed
    request, so a test can assert that no static file (font, icon, script) is missing.
    """
    context = browser.new_context(**browser_context_args)
    # CI runs two workers on two cores, each with its live server, PostgreSQL and Chromium: a
    # request can take seconds there. Generous waits cost nothing when the page is quick.
    from playwright.sync_api import expect

    context.set_default_timeout(30_000)
    expect.set_options(timeout=15_000)
    context.add_init_script(script=FONT_GATE_JS)
    pg = context.new_page()
    failed: list[str] = []
    pg.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    pg.on("requestfailed", lambda r: failed.append(f"failed {r.url} ({r.failure})"))
    pg.madang_failed_requests = failed
    # What the page asked for and got, printed at teardown: pytest shows it for a failed test
    # only, which is when one wants to know whether a click's request was sent at all.
    started = time.monotonic()
    journal: list[str] = []

    def note(kind, text):
        journal.append(f"{time.monotonic() - started:7.2f}s {kind} {text}")

    pg.on("request", lambda r: note("->", f"{r.method} {r.url}"))
    pg.on("response", lambda r: note("<-", f"{r.status} {r.request.method} {r.url}"))
    pg.on("framenavigated", lambda f: note("nav", f.url) if f == pg.main_frame else None)
    pg.on("console", lambda m: note("console", f"{m.type}: {m.text}"))
    pg.on("pageerror", lambda e: note("pageerror", e.stack or str(e)))
    pg.on("crash", lambda _p: note("crash", "the page crashed"))
    yield pg
    print("\n".join(line for line in journal if "/static/" not in line))
    context.close()


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}  [{v.get('helpUrl', '')}]")
        for node in v.get("nodes", []):
            target = ", ".join(json.dumps(t, ensure_ascii=False) for t in node.get("target", []))
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page, *, context=None) -> None:
    """Run axe-core on the page (or on `context`, an axe context such as a CSS selector) and fail
    with every violation's id, impact, help text and offending targets.

    Runs axe's default rules (which include best practices) with the WCAG 2.0/2.1/2.2 A and AA
    tags enabled. axe finds perhaps a third of KWCAG problems; it is a floor, not a verdict.
    """
    # Colours mid-animation (a message fading in) are not what a reader ends up seeing; let
    # finite CSS animations and transitions finish first. Endless ones (spinners) time out.
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    if page.evaluate("document.documentElement.hasAttribute('data-test-fonts-loading')"):
        page.wait_for_function(
            "() => !document.documentElement.hasAttribute('data-test-fonts-loading')"
        )
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            "() => document.getAnimations().every("
            "a => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)",
            timeout=5000,
        )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    options = {
        "rules": {},
        "resultTypes": ["violations"],
    }
    result = page.evaluate(
        """async ([context, options, tags]) => {
            // Default rules stay on; rules tagged with the WCAG levels we target are added on.
            const tagged = axe.getRules(tags).map((r) => r.ruleId);
            for (const id of tagged) options.rules[id] = { enabled: true };
            return await axe.run(context || document, options);
        }""",
        [context, options, AXE_TAGS],
    )
    violations = result["violations"]
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + _format_violations(violations),
            pytrace=False,
        )


def submit(page, locator, *, attempts: int = 3, wait_ms: int = 5_000) -> None:
    """Click a control that loads a new page (a form's submit button, a link) and wait until
    that page has loaded.

    On a loaded machine a click can land beside its target (the target moved between
    Playwright's checks and the click) and do nothing. When no request for a new page went out
    within `wait_ms`, the click is made again; a click whose request went out is never
    repeated, so nothing is submitted twice."""
    for _ in range(attempts):
        sent: list = []
        arrived: list = []

        def on_request(request, sent=sent):
            if request.is_navigation_request() and request.frame == page.main_frame:
                sent.append(request)

        def on_navigated(frame, arrived=arrived):
            if frame == page.main_frame:
                arrived.append(frame.url)

        page.on("request", on_request)
        page.on("framenavigated", on_navigated)
        try:
            locator.click()
            waited = 0
            while not sent and waited < wait_ms:
                page.wait_for_timeout(100)
                waited += 100
            if sent:
                waited = 0
                while not arrived and waited < 30_000:
                    page.wait_for_timeout(100)
                    waited += 100
                page.wait_for_load_state("load")
                return
        finally:
            page.remove_listener("request", on_request)
            page.remove_listener("framenavigated", on_navigated)
    raise AssertionError(f"{attempts} clicks on {locator} sent no request for a new page")


def check_by_label(page, label_locator, input_locator, *, attempts: int = 3) -> None:
    """Tick a radio or check box that KRDS draws over its input by clicking its label, as a
    person does; click again when a click landed beside the label (see `submit`)."""
    for _ in range(attempts):
        label_locator.click()
        waited = 0
        while waited < 2_000:
            if input_locator.is_checked():
                return
            page.wait_for_timeout(100)
            waited += 100
    raise AssertionError(f"{attempts} clicks on {label_locator} did not tick {input_locator}")
