"""Display preferences that persist without JavaScript (조례 제5조①6): the cookie, the settings
form and what the server writes on <html>."""

import re

import pytest
from django.conf import settings

from madang.pages.display import DisplayPreference, preference_from_request

from .test_video import small_site  # noqa: F401  (fixture)

COOKIE = "madang_display"


def _html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_the_cookie_name_is_a_setting_the_page_cache_can_read():
    assert settings.MADANG_DISPLAY_PREFERENCE_COOKIE == COOKIE


@pytest.mark.parametrize(
    ("raw", "size", "contrast"),
    [
        ("lg.high", "lg", "high"),
        ("xxlg.default", "xxlg", "default"),
        ("sm", "sm", "default"),
        ("huge.high", "md", "high"),
        ("lg.neon", "lg", "default"),
        ("", "md", "default"),
        (None, "md", "default"),
        ('"><script>', "md", "default"),
    ],
)
def test_cookie_values_parse_strictly(raw, size, contrast):
    pref = DisplayPreference.parse(raw)
    assert (pref.text_size, pref.contrast) == (size, contrast)


def test_no_request_means_the_default():
    assert preference_from_request(None).is_default


@pytest.mark.django_db
@pytest.mark.usefixtures("small_site")
def test_html_carries_the_chosen_size_and_contrast(client):
    plain = _html_tag(client.get("/"))
    assert "data-text-size" not in plain and "high-contrast" not in plain
    client.cookies[COOKIE] = "xlg.high"
    tag = _html_tag(client.get("/"))
    assert 'class="no-js madang-high-contrast"' in tag
    assert 'data-text-size="xlg"' in tag and 'data-krds-mode="high-contrast"' in tag


@pytest.mark.django_db
@pytest.mark.usefixtures("small_site")
def test_every_page_links_to_the_settings_with_a_way_back(client):
    html = client.get("/dongjak-tv/").content.decode()
    assert 'href="/display/?next=/dongjak-tv/"' in html
    assert "화면 설정" in html


@pytest.mark.django_db
@pytest.mark.usefixtures("small_site")
def test_settings_form_saves_the_cookie_and_returns_to_the_page(client):
    page = client.get("/display/?next=/dongjak-tv/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<legend>글자 크기</legend>" in html and "<legend>화면 대비</legend>" in html
    assert 'id="display-text_size-md" value="md" checked' in html
    assert '<input type="hidden" name="next" value="/dongjak-tv/">' in html
    response = client.post(
        "/display/", {"text_size": "lg", "contrast": "high", "next": "/dongjak-tv/"}
    )
    assert response.status_code == 302 and response["Location"] == "/dongjak-tv/"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "lg.high" and cookie["max-age"] == 31536000
    assert cookie["samesite"] == "Lax"
    assert 'data-text-size="lg"' in _html_tag(client.get("/dongjak-tv/"))
    again = client.get("/display/").content.decode()
    assert 'id="display-contrast-high" value="high" checked' in again


@pytest.mark.django_db
@pytest.mark.usefixtures("small_site")
def test_without_a_safe_next_the_form_comes_back_saved(client):
    response = client.post(
        "/display/", {"text_size": "sm", "contrast": "default", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/display/?saved=1"
    assert "화면 설정을 저장했습니다." in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("small_site")
def test_a_bad_choice_is_explained_and_what_was_chosen_is_kept(client):
    response = client.post("/display/", {"text_size": "giant", "contrast": "high"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "글자 크기를 목록에서 하나 고르세요." in html
    assert 'id="display-contrast-high" value="high" checked' in html
    assert COOKIE not in response.cookies


@pytest.mark.django_db
@pytest.mark.usefixtures("small_site")
def test_reset_removes_the_cookie(client):
    client.cookies[COOKIE] = "xxlg.high"
    response = client.post("/display/", {"reset": "1", "next": "/"})
    assert response["Location"] == "/"
    assert response.cookies[COOKIE].value == "" and response.cookies[COOKIE]["max-age"] == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("small_site")
def test_choosing_the_defaults_removes_the_cookie(client):
    response = client.post("/display/", {"text_size": "md", "contrast": "default"})
    assert response.cookies[COOKIE]["max-age"] == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("small_site")
def test_a_cross_site_post_is_refused(client):
    response = client.post(
        "/display/", {"text_size": "lg", "contrast": "high"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403 and COOKIE not in response.cookies
    same = client.post(
        "/display/", {"text_size": "lg", "contrast": "high"}, HTTP_ORIGIN="http://testserver"
    )
    assert same.status_code == 302


@pytest.mark.django_db
@pytest.mark.usefixtures("small_site")
def test_english_settings_page(client):
    response = client.get("/en/display/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
