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

# Footer policy pages (not in the menu). The privacy policy lists the items of
# 개인정보 보호법 제30조①; the district edits it, and a later issue versions it.
POLICY_PAGES = [
    ("privacy-policy", "개인정보처리방침", "it-policy", "동작구청 누리집의 개인정보 처리 기준",
     "<h2>1. 개인정보의 처리 목적</h2><p>동작구청은 회원 관리, 전자민원 처리, 주민참여 "
     "서비스 제공을 위하여 필요한 최소한의 개인정보를 처리합니다.</p>"
     "<h2>2. 처리 및 보유 기간</h2><p>회원 정보는 탈퇴 시까지, 민원 정보는 「공공기록물 관리에 "
     "관한 법률」에 따른 보존기간 동안 보유합니다.</p>"
     "<h2>3. 제3자 제공</h2><p>법률에 특별한 규정이 있는 경우를 제외하고 제3자에게 제공하지 "
     "않습니다.</p>"
     "<h2>4. 파기 절차 및 방법</h2><p>보유기간이 끝난 개인정보는 지체 없이 복구할 수 없는 "
     "방법으로 파기합니다.</p>"
     "<h2>5. 정보주체의 권리와 행사 방법</h2><p>정보주체는 언제든지 개인정보 열람, 정정, "
     "삭제, 처리정지를 요구할 수 있으며, '내 정보'에서 직접 하거나 개인정보 보호책임자에게 "
     "요청할 수 있습니다.</p>"
     "<h2>6. 안전성 확보조치</h2><p>개인정보는 암호화하여 저장하고, 접근 권한을 최소화하며, "
     "접속기록을 2년간 보관·점검합니다.</p>"
     "<h2>7. 개인정보 보호책임자</h2><p>스마트정보과장 (전화 02-820-1061)</p>"),
    ("copyright-policy", "저작권정책", "public-relations", "공공누리 유형과 이용 조건",
     "<p>동작구청 누리집의 공공저작물은 「공공저작물 자유이용허락 표시 기준(공공누리)」에 "
     "따라 저작물마다 표시된 유형의 조건으로 자유롭게 이용할 수 있습니다.</p><ul>"
     "<li>제1유형: 출처표시</li><li>제2유형: 출처표시, 상업적 이용금지</li>"
     "<li>제3유형: 출처표시, 변경금지</li><li>제4유형: 출처표시, 상업적 이용금지, "
     "변경금지</li></ul><p>공공누리 표시가 없는 저작물은 담당부서의 허락을 받아 이용하세요.</p>"),
    ("email-refusal", "이메일무단수집거부", "public-relations", "이메일 주소 무단 수집 거부",
     "<p>이 누리집에 게시된 이메일 주소가 전자우편 수집 프로그램이나 그 밖의 기술적 장치를 "
     "이용하여 무단으로 수집되는 것을 거부하며, 이를 위반하면 「정보통신망 이용촉진 및 "
     "정보보호 등에 관한 법률」 제50조의2에 따라 처벌받을 수 있습니다.</p>"),
]  # fmt: skip

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
    pages = [(*row, True) for row in PAGES] + [(*row, False) for row in POLICY_PAGES]
    for slug, title, dept, summary, html, in_menu in pages:
        if ContentPage.objects.filter(slug=slug, locale=ko).exists():
            continue
        page = ContentPage(
            slug=slug,
            title=title,
            summary=summary,
            locale=ko,
            owner_department=departments[dept],
            show_in_menus=in_menu,
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
