"""The full-page cache (madang.core.cache): who is served from it, what never goes into it, and
what makes it stale (issue #4 item 14, docs/decisions/0011)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madang.core.cache import CACHE_HEADER, page_cache_invalidate
from madang.departments.models import Department
from madang.pages.models import ContentPage, PageFeedback, SiteIdentity

pytestmark = pytest.mark.django_db

PASSPORT = "/civil-service-guide/passport/"


@pytest.fixture(autouse=True)
def page_cache(settings, home):
    settings.MADANG_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def passport(home):
    return ContentPage.objects.get(slug="passport")


def _state(response):
    return response.get(CACHE_HEADER)


def test_second_anonymous_request_is_served_from_cache_without_queries(client):
    first = client.get(PASSPORT)
    assert first.status_code == 200 and _state(first) == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(PASSPORT)
    assert _state(second) == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Frame-Options"] == first["X-Frame-Options"]
    assert "Set-Cookie" not in second


def test_head_is_served_from_cache_without_a_body(client):
    client.get("/")
    head = client.head("/")
    assert _state(head) == "hit" and head.content == b""


def test_signed_in_readers_are_never_served_or_stored(client, passport):
    from madang.accounts.models import User

    client.get(PASSPORT)  # stored for anonymous readers
    user = User.objects.create_user(username="reader", password="x-long-password-1")
    client.force_login(user)
    response = client.get(PASSPORT)
    assert _state(response) is None  # rendered for this reader, not stored
    assert "로그아웃" in response.content.decode()
    client.logout()
    assert "로그아웃" not in client.get(PASSPORT).content.decode()


def test_page_with_a_message_is_neither_served_nor_stored(client, passport):
    client.get(PASSPORT)
    response = client.post(reverse("pages:page_feedback", args=[passport.pk]), {"score": "4"})
    assert response.status_code == 302
    shown = client.get(PASSPORT)
    assert _state(shown) is None
    assert "소중한 의견 감사합니다" in shown.content.decode()
    client.cookies.clear()
    again = client.get(PASSPORT)
    assert _state(again) == "hit" and "소중한 의견 감사합니다" not in again.content.decode()


def test_pages_that_embed_a_csrf_token_are_not_stored(client):
    # The site feedback form posts with a CSRF token: that page stays personal.
    first = client.get("/feedback/")
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    assert _state(first) is None
    assert _state(client.get("/feedback/")) is None


def test_content_pages_carry_no_csrf_token_and_set_no_cookie(client):
    response = client.get(PASSPORT)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_satisfaction_form_works_from_a_cached_page_without_token(passport):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get(PASSPORT)
    assert _state(browser.get(PASSPORT)) == "hit"
    url = reverse("pages:page_feedback", args=[passport.pk])
    ok = browser.post(url, {"score": "5"}, HTTP_ORIGIN="http://testserver")
    assert ok.status_code == 302
    assert PageFeedback.objects.count() == 1


def test_satisfaction_post_from_another_site_is_refused(passport):
    from django.test import Client

    url = reverse("pages:page_feedback", args=[passport.pk])
    browser = Client(enforce_csrf_checks=True)
    refused = browser.post(url, {"score": "1"}, HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 403
    assert "다른 누리집" in refused.content.decode()
    by_referer = browser.post(url, {"score": "1"}, HTTP_REFERER="https://evil.example/x")
    assert by_referer.status_code == 403
    assert browser.post(url, {"score": "1"}, HTTP_ORIGIN="null").status_code == 403
    assert PageFeedback.objects.count() == 0


def test_publishing_invalidates(client, passport):
    client.get(PASSPORT)
    passport.title = "여권 발급 안내(개정)"
    passport.save_revision().publish()
    fresh = client.get(PASSPORT)
    assert _state(fresh) == "miss" and "여권 발급 안내(개정)" in fresh.content.decode()
    # The menu and lists on other pages may name it too: every entry went stale.
    assert _state(client.get("/")) == "miss"


def test_unpublishing_and_deleting_invalidate(client, passport):
    client.get(PASSPORT)
    passport.unpublish()
    assert client.get(PASSPORT).status_code == 404
    client.get("/")
    ContentPage.objects.get(pk=passport.pk).delete()
    assert _state(client.get("/")) == "miss"


def test_moving_invalidates(client, passport, home):
    client.get(PASSPORT)
    passport.move(home, pos="last-child")
    # Wagtail leaves a redirect at the old address; the stored page is not served any more.
    old = client.get(PASSPORT)
    assert old.status_code in (301, 302) and old["Location"].endswith("/passport/")
    assert client.get("/passport/").status_code == 200


def test_saving_a_draft_keeps_the_cache(client, passport):
    client.get(PASSPORT)
    passport.title = "초안 제목"
    passport.save_revision()
    hit = client.get(PASSPORT)
    assert _state(hit) == "hit" and "초안 제목" not in hit.content.decode()


def test_changes_shown_on_every_page_invalidate(client, passport, home):
    client.get(PASSPORT)
    department = Department.objects.get(pk=passport.owner_department_id)
    department.phone = "02-820-9999"
    department.save()
    assert "02-820-9999" in client.get(PASSPORT).content.decode()
    identity = SiteIdentity.for_site(home.get_site())
    identity.institution_name = "동작구청(시험)"
    identity.save()
    assert "동작구청(시험)" in client.get(PASSPORT).content.decode()


def test_unknown_query_parameters_skip_the_cache(client):
    client.get("/alerts/notices/")
    assert _state(client.get("/alerts/notices/")) == "hit"
    assert _state(client.get("/alerts/notices/?page=1")) == "miss"
    assert _state(client.get("/alerts/notices/?page=1")) == "hit"
    assert _state(client.get("/alerts/notices/?utm_source=x")) is None


def test_entries_vary_by_host_and_language(client, home):
    client.get("/")
    assert _state(client.get("/")) == "hit"
    assert _state(client.get("/", HTTP_HOST="other.example")) == "miss"
    english = client.get("/en/")
    assert english.status_code == 200 and _state(english) == "miss"
    assert 'lang="en"' in english.content.decode()
    assert 'lang="ko"' in client.get("/").content.decode()


def test_htmx_partials_and_posts_bypass(client, passport):
    client.get(PASSPORT)
    assert _state(client.get(PASSPORT, HTTP_HX_REQUEST="true")) is None


def test_errors_are_not_stored(client):
    assert client.get("/no-such-page/").status_code == 404
    assert _state(client.get("/no-such-page/")) is None


def test_off_when_seconds_is_zero(client, settings):
    settings.MADANG_PAGE_CACHE_SECONDS = 0
    client.get(PASSPORT)
    assert _state(client.get(PASSPORT)) is None


def test_invalidate_after_cache_flush_starts_a_new_generation(client):
    client.get(PASSPORT)
    cache.clear()
    assert _state(client.get(PASSPORT)) == "miss"
    page_cache_invalidate()
    assert _state(client.get(PASSPORT)) == "miss"
    assert _state(client.get(PASSPORT)) == "hit"


def test_entries_vary_by_display_preference_normalised(client):
    client.get("/")
    assert _state(client.get("/")) == "hit"
    client.cookies["madang_display"] = "xlg.high"
    large = client.get("/")
    assert _state(large) == "miss" and 'data-text-size="xlg"' in large.content.decode()
    assert _state(client.get("/")) == "hit"
    # Unknown values fall back to the default and share its entry.
    client.cookies["madang_display"] = "garbage-value-123"
    assert _state(client.get("/")) == "hit"
    html_tag = client.get("/").content.decode().split("<head>")[0]
    assert "<html" in html_tag and "data-text-size" not in html_tag
