"""Foreign-language sites (조례 제6조): settings, demo translations, the operating department at
the foot of each language's pages, the switcher and hreflang alternates."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.models import Locale, Page

from madang.core.models import AuditLog
from madang.departments.models import Department
from madang.languages.models import LanguageSite
from madang.languages.services import language_site_create, language_site_update
from madang.pages.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db

FOREIGN = ["en", "zh-hans", "ja", "vi"]


def test_languages_come_from_the_setting_with_korean_first():
    assert settings.MADANG_FOREIGN_LANGUAGES == FOREIGN
    assert settings.LANGUAGES == [
        ("ko", "한국어"),
        ("en", "English"),
        ("zh-hans", "简体中文"),
        ("ja", "日本語"),
        ("vi", "Tiếng Việt"),
    ]
    assert settings.WAGTAIL_CONTENT_LANGUAGES == settings.LANGUAGES
    assert "wagtail_localize" in settings.INSTALLED_APPS
    assert "wagtail.contrib.simple_translation" not in settings.INSTALLED_APPS


def test_an_unknown_language_code_stops_the_settings(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import madang.config.settings.base as base

    monkeypatch.setenv("MADANG_FOREIGN_LANGUAGES", "en,xx-nope")
    with pytest.raises(ImproperlyConfigured, match="xx-nope"):
        importlib.reload(base)
    monkeypatch.setenv("MADANG_FOREIGN_LANGUAGES", "en,ja")
    importlib.reload(base)
    assert [code for code, _ in base.LANGUAGES] == ["ko", "en", "ja"]
    monkeypatch.delenv("MADANG_FOREIGN_LANGUAGES")
    importlib.reload(base)


def test_demo_has_a_home_an_operating_department_and_a_page_in_every_language(home):
    for code in FOREIGN:
        locale = Locale.objects.get(language_code=code)
        assert home.get_translation(locale).live
        parks = ContentPage.objects.get(slug="parks", locale=locale)
        assert parks.live and parks.translation_key == (
            ContentPage.objects.get(slug="parks", locale__language_code="ko").translation_key
        )
        site = LanguageSite.objects.get(language_code=code)
        assert site.operating_department_id
    assert ContentPage.objects.filter(locale__language_code="en").count() >= 3
    assert LanguageSite.objects.get(language_code="vi").operating_department.code == "welfare"


def test_demo_is_idempotent(home):
    from madang.languages.demo import load_language_sites

    before = (Page.objects.count(), LanguageSite.objects.count())
    load_language_sites(home)
    assert (Page.objects.count(), LanguageSite.objects.count()) == before


def test_each_language_page_names_its_operating_department_at_the_foot(client, home):
    html = client.get("/ja/parks/").content.decode()
    assert '<html lang="ja"' in html
    assert '<h1 class="madang-page-title">公園のご案内</h1>' in html
    foot = html[html.index('class="f-info madang-language-site"') :]
    assert "広報政策課" in foot
    assert 'href="tel:+8228201026"' in foot
    assert 'href="/ja/opinion/"' in foot
    assert "銅雀区庁の日本語サイトは広報政策課が運営しています。" in foot
    vi = client.get("/vi/").content.decode()
    assert "Phòng Chính sách Phúc lợi" in vi
    # Korean pages show no language-site block (and make no query for one).
    assert "madang-language-site" not in client.get("/parks/").content.decode()


def test_switcher_keeps_the_page_when_a_translation_exists_else_goes_home(client, home):
    html = client.get("/parks/").content.decode()
    for code in FOREIGN:
        assert f'href="/{code}/parks/" class="item-link" lang="{code}" hreflang="{code}"' in html
    html = client.get("/ja/parks/").content.decode()
    assert 'href="/parks/" class="item-link" lang="ko" hreflang="ko"' in html
    assert 'aria-current="true" data-madang-language="ja"' in html
    # The passport page has no translation: every other language leads to its home.
    html = client.get("/civil-service-guide/passport/").content.decode()
    assert 'href="/zh-hans/" class="item-link" lang="zh-hans" hreflang="zh-hans"' in html


def test_switcher_skips_a_translation_that_is_not_live(client, home):
    ja = Locale.objects.get(language_code="ja")
    ContentPage.objects.get(slug="parks", locale=ja).unpublish()
    html = client.get("/parks/").content.decode()
    assert 'href="/ja/" class="item-link" lang="ja"' in html
    assert 'hreflang="ja" href="http://testserver/ja/parks/"' not in html


def test_hreflang_alternates_for_every_live_translation_and_x_default(client, home):
    html = client.get("/vi/parks/").content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert links == {
        "ko": "http://testserver/parks/",
        "x-default": "http://testserver/parks/",
        "en": "http://testserver/en/parks/",
        "zh-hans": "http://testserver/zh-hans/parks/",
        "ja": "http://testserver/ja/parks/",
        "vi": "http://testserver/vi/parks/",
    }


def test_chrome_is_in_the_page_language(client, home):
    html = client.get("/zh-hans/").content.decode()
    assert "跳到正文" in html  # 본문 바로가기
    assert "提交意见" in html  # 의견 보내기
    html = client.get("/vi/").content.decode()
    assert "Đến nội dung chính" in html


def test_language_site_services_validate_and_audit(home):
    dept = Department.objects.get(code="parks")
    LanguageSite.objects.filter(language_code="en").delete()
    with pytest.raises(ValidationError) as exc:
        language_site_create(acting_user=None, language_code="fr", operating_department=dept)
    assert "language_code" in exc.value.message_dict
    site = language_site_create(acting_user=None, language_code="en", operating_department=dept)
    assert AuditLog.objects.filter(action="language_site.create", object_id=str(site.pk)).exists()
    other = Department.objects.get(code="public-relations")
    language_site_update(acting_user=None, site=site, operating_department=other)
    row = AuditLog.objects.get(action="language_site.update", object_id=str(site.pk))
    assert row.changes == {
        "operating_department": [
            {"id": dept.pk, "repr": dept.name_ko},
            {"id": other.pk, "repr": other.name_ko},
        ]
    }
    assert site.email == other.email


def test_foreign_home_pages_are_home_pages(home):
    assert HomePage.objects.filter(locale__language_code__in=FOREIGN).count() == 4


def _queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # first request of a locale creates settings rows; measure the second
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_a_language_page_costs_three_queries_more_than_its_korean_page(client, home):
    """Measured: /parks/ 12 queries, /<lang>/parks/ 15. One is the operating-department foot
    (made once per request, header and footer share it; none on Korean pages, whose budget is
    pinned elsewhere); Wagtail's routing of a locale-prefixed URL and the chrome's look-up of the
    language's home (madang_tags) add one each."""
    korean = _queries(client, "/parks/")
    counts = {code: _queries(client, f"/{code}/parks/") for code in FOREIGN}
    assert counts == dict.fromkeys(FOREIGN, korean + 3), (korean, counts)
