"""번역 현황: every live Korean page with, per enabled language, missing / outdated / current."""

import pytest
from wagtail.models import Locale

from madang.languages.choices import TranslationState
from madang.languages.selectors import translation_report
from madang.pages.models import ContentPage

pytestmark = pytest.mark.django_db


def _row(report, slug):
    page = ContentPage.objects.get(slug=slug, locale__language_code="ko")
    return next(r for r in report.rows if r.page_id == page.pk)


def test_states_of_demo_pages(home):
    report = translation_report()
    assert [c for c, _ in report.languages] == ["en", "zh-hans", "ja", "vi"]
    assert report.missing_locales == []
    parks = _row(report, "parks")
    assert {s.language_code: s.state for s in parks.statuses} == dict.fromkeys(
        ["en", "zh-hans", "ja", "vi"], TranslationState.CURRENT
    )
    waste = _row(report, "waste")
    assert waste.state_for("en") == TranslationState.CURRENT
    assert waste.state_for("ja") == TranslationState.MISSING
    assert _row(report, "parking").state_for("en") == TranslationState.MISSING


def test_korean_edit_after_translation_makes_it_outdated_until_republished(home):
    source = ContentPage.objects.get(slug="parks", locale__language_code="ko")
    source.save_revision().publish()
    report = translation_report()
    assert _row(report, "parks").state_for("vi") == TranslationState.OUTDATED
    assert report.totals["vi"][TranslationState.OUTDATED] == 1
    vi = ContentPage.objects.get(slug="parks", locale=Locale.objects.get(language_code="vi"))
    vi.save_revision().publish()
    report = translation_report()
    assert _row(report, "parks").state_for("vi") == TranslationState.CURRENT
    assert _row(report, "parks").state_for("ja") == TranslationState.OUTDATED


def test_unpublished_translation_or_alias_counts_as_missing(home):
    ja = Locale.objects.get(language_code="ja")
    ContentPage.objects.get(slug="parks", locale=ja).unpublish()
    assert _row(translation_report(), "parks").state_for("ja") == TranslationState.MISSING
    zh = Locale.objects.get(language_code="zh-hans")
    source = ContentPage.objects.get(slug="vaccination", locale__language_code="ko")
    source.create_alias(
        parent=home.get_translation(zh), update_locale=zh, update_slug="vaccination"
    )
    assert _row(translation_report(), "vaccination").state_for("zh-hans") == (
        TranslationState.MISSING
    )


def test_filters(home):
    only_missing = translation_report(language_code="en", state=TranslationState.MISSING)
    assert only_missing.rows and all(
        r.state_for("en") == TranslationState.MISSING for r in only_missing.rows
    )
    slugs = {r.url_path.rstrip("/").rsplit("/", 1)[-1] for r in only_missing.rows}
    assert "parks" not in slugs and "parking" in slugs


def test_report_takes_a_fixed_number_of_queries(home, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        report = translation_report()
    assert len(report.rows) > 30


def test_admin_report_page(client, home, superuser):
    client.force_login(superuser)
    response = client.get("/admin/reports/translation-status/?language=ja&state=missing")
    assert response.status_code == 200
    html = response.content.decode()
    assert "번역 현황" in html
    assert 'data-language="ja" data-state="missing"' in html
    assert 'data-language="en"' not in html
    assert "/admin/localize/submit/page/" in html
    overview = client.get("/admin/reports/translation-status/").content.decode()
    assert "홍보정책과" in overview and "복지정책과" in overview


def test_wagtail_localize_translates_a_page_on_wagtail_8(client, home, superuser):
    """The pinned wagtail-localize works with Wagtail 8: submitting a Korean page for
    translation makes a draft in that locale, which the report lists as missing until it is
    published, then as current."""
    from wagtail_localize.models import Translation

    client.force_login(superuser)
    source = ContentPage.objects.get(slug="civil-service-guide", locale__language_code="ko")
    url = f"/admin/localize/submit/page/{source.pk}/"
    assert client.get(url).status_code == 200
    ja = Locale.objects.get(language_code="ja")
    response = client.post(url, {"locales": [ja.pk]})
    assert response.status_code == 302
    translated = ContentPage.objects.get(translation_key=source.translation_key, locale=ja)
    assert Translation.objects.filter(target_locale=ja, source__object_id=source.translation_key)
    assert client.get(f"/admin/pages/{translated.pk}/edit/").status_code == 200
    assert _row(translation_report(), "civil-service-guide").state_for("ja") == (
        TranslationState.MISSING
    )
    translated.save_revision().publish()
    assert _row(translation_report(), "civil-service-guide").state_for("ja") == (
        TranslationState.CURRENT
    )
