"""The Dongjak-gu demo site: a Korean home with content pages and its English translation."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from madang.departments.models import Department

from .models import ContentPage, HomePage

HOME_KO = {
    "title": "동작구청",
    "intro": "주민과 함께 만드는 행복한 동작",
    "body": [
        {
            "type": "text_section",
            "value": {
                "heading": "동작구 소개",
                "text": "<p>동작구는 한강 남쪽, 서울의 중심에 자리한 자치구로 약 38만 명의 "
                "주민이 살고 있습니다. 노량진·흑석·사당·상도·대방·신대방 등 "
                "15개 동이 있습니다.</p>",
            },
        }
    ],
}
HOME_EN = {
    "title": "Dongjak-gu Office",
    "intro": "A happier Dongjak, made together with its residents",
    "body": [
        {
            "type": "text_section",
            "value": {
                "heading": "About Dongjak-gu",
                "text": "<p>Dongjak-gu is an autonomous district on the south bank of the Han "
                "River in central Seoul, home to about 380,000 residents in 15 neighbourhoods.</p>",
            },
        }
    ],
}

# (slug, title, department code, summary, body HTML)
PAGES = [
    ("civil-service-guide", "민원 안내", "civil-service", "민원실 위치, 운영 시간, 처리 절차",
     "<h2>민원실 운영</h2><p>평일 09:00부터 18:00까지 본관 1층 종합민원실에서 민원을 접수합니다. "
     "여권 민원은 매주 목요일 20:00까지 연장 운영합니다.</p>"),
    ("parking", "주차 안내", "parking", "공영주차장, 거주자우선주차, 불법주차 단속",
     "<h2>공영주차장</h2><p>구내 공영주차장 24곳의 위치와 요금을 안내합니다.</p>"
     "<h2>불법주차 단속</h2><p>소방시설 주변 5m, 교차로 모퉁이, 버스정류소 10m 이내는 "
     "주민신고제 대상입니다.</p>"),
    ("waste", "생활폐기물 배출 안내", "cleaning", "요일별 배출, 대형폐기물 신고",
     "<h2>배출 시간</h2><p>일요일부터 금요일까지 18:00~24:00에 집 앞에 배출합니다. "
     "토요일은 배출하지 않습니다.</p>"),
    ("parks", "공원 안내", "parks", "동작구 공원과 산책로",
     "<h2>주요 공원</h2><p>보라매공원, 노량진근린공원, 서달산 동작충효길을 안내합니다.</p>"),
    ("vaccination", "예방접종 안내", "health-center", "어린이·어르신 예방접종 일정",
     "<h2>국가예방접종</h2><p>만 12세 이하 어린이와 만 65세 이상 어르신은 보건소와 "
     "지정의료기관에서 무료로 접종받을 수 있습니다.</p>"),
]  # fmt: skip


@transaction.atomic
def load_site() -> tuple[HomePage, HomePage]:
    """Create (or find) the Korean and English home pages and the demo content pages."""
    ko, _ = Locale.objects.get_or_create(language_code="ko")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root.locale_id != ko.pk:
        Page.objects.filter(depth=1).update(locale=ko)
        root.refresh_from_db()
    home = HomePage.objects.filter(locale=ko).first()
    if home is None:
        home = HomePage(slug="dongjak", locale=ko, **HOME_KO)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name="동작구청",
        )  # fmt: skip
    if site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "동작구청"
        site.save()
        if old_root.depth == 2 and not isinstance(old_root.specific, HomePage):
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    departments = {d.code: d for d in Department.objects.all()}
    for slug, title, dept, summary, html in PAGES:
        if ContentPage.objects.filter(slug=slug, locale=ko).exists():
            continue
        page = ContentPage(
            slug=slug,
            title=title,
            summary=summary,
            locale=ko,
            owner_department=departments[dept],
            body=[{"type": "rich_text", "value": html}],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    home_en = HomePage.objects.filter(locale=en).first()
    if home_en is None:
        home_en = home.copy_for_translation(en)
        for key, value in HOME_EN.items():
            setattr(home_en, key, value)
        home_en.save_revision().publish()
    return home, home_en
