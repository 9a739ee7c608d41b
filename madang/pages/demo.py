"""The Dongjak-gu demo site: a Korean home with sections, content pages, news and notices, local
information, the organisation chart and the feedback form, and its English translation.

Idempotent: every page is looked up by its slug under its parent before it is created."""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site

from madang.departments.models import Department
from madang.departments.services import department_create

from .models import (
    ArticleCategory,
    ArticleKind,
    ContentPage,
    EasyReadMixin,
    HomePage,
    LocalInfoIndexPage,
    LocalInfoPage,
    NewsIndexPage,
    NewsPage,
    OrganisationChartPage,
    SectionIndexPage,
    SiteFeedbackPage,
    SiteIdentity,
    VideoCaption,
    VideoIndexPage,
    VideoPage,
)
from .models.media import LiveStreamPage

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


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{t}</p>" for t in paragraphs)


# Pages under the existing top-level pages: (parent slug, slug, title, department, summary, body)
SUBPAGES = [
    ("civil-service-guide", "civil-forms", "민원서식 안내", "civil-service",
     "자주 쓰는 민원서식과 구비서류",
     "<h2>주민등록 관련</h2>" + _p("전입신고, 주민등록표 열람·발급 신청서는 민원실과 동 주민센터에 "
     "비치되어 있으며 정부24에서도 신청할 수 있습니다.")),
    ("civil-service-guide", "passport", "여권 발급 안내", "civil-service",
     "여권 신청 장소, 구비서류, 수수료", [
         {"type": "rich_text", "value": "<h2>신청 장소</h2>" + _p(
             "동작구청 본관 1층 여권민원실. 본인이 직접 방문하여 신청합니다.")},
         {"type": "step_guide", "value": {"heading": "신청 절차", "steps": [
             {"title": "서류 준비", "text": _p("신분증과 여권용 사진 1매를 준비합니다.")},
             {"title": "접수", "text": _p("여권민원실에서 신청서를 내고 수수료를 냅니다.")},
             {"title": "수령", "text": _p("근무일 기준 4~5일 뒤 신분증을 가지고 찾아갑니다.")},
         ]}},
         {"type": "accordion", "value": {"items": [
             {"title": "대리 신청이 되나요?",
              "text": _p("18세 이상은 본인이 직접 신청해야 합니다. 18세 미만은 법정대리인이 "
                         "신청할 수 있습니다.")},
             {"title": "수수료는 얼마인가요?",
              "text": _p("10년 복수여권 58면 기준 50,000원입니다.")},
         ]}},
         {"type": "contact_card", "value": {"department": "civil-service",
                                            "note": "여권 문의"}},
     ]),
    ("civil-service-guide", "unmanned-kiosk", "무인민원발급기 설치 장소", "civil-service",
     "24시간 이용할 수 있는 무인민원발급기",
     _p("구청 본관, 동 주민센터 15곳, 노량진역, 사당역 등에 무인민원발급기가 있습니다. "
        "주민등록등본·초본, 가족관계증명서 등을 지문 인식으로 발급받을 수 있습니다.")),
    ("civil-service-guide", "certificate-fees", "제증명 발급 수수료", "civil-service",
     "주요 민원서류의 발급 수수료",
     _p("주민등록등본 1통 400원(무인발급기 200원, 정부24 무료), 인감증명서 1통 600원입니다.")),
    ("parking", "public-parking-lots", "공영주차장 현황", "parking",
     "구내 공영주차장 위치와 요금", [
         {"type": "rich_text", "value": _p(
             "노상·노외 공영주차장 24곳을 운영합니다. 경차와 저공해차는 50% 감면됩니다.")},
         {"type": "table", "value": {
             "caption": "주요 공영주차장의 위치, 주차면수, 기본요금",
             "columns": [{"type": "text", "heading": "주차장"},
                         {"type": "text", "heading": "위치"},
                         {"type": "number", "heading": "주차면수"},
                         {"type": "text", "heading": "기본요금(5분)"}],
             "rows": [{"values": ["노량진 공영주차장", "노량진동 13-8", 120, "150원"]},
                      {"values": ["사당 공영주차장", "사당동 1004-1", 210, "150원"]},
                      {"values": ["상도 공영주차장", "상도동 339", 86, "150원"]}],
         }},
     ]),
    ("parking", "resident-priority-parking", "거주자우선주차 신청", "parking",
     "거주자우선주차구획 배정 신청과 갱신",
     "<h2>신청 대상</h2>" + _p("해당 구획 인근에 주민등록이 되어 있고 차량을 소유한 주민")
     + "<h2>배정 기간</h2>" + _p("6개월 단위로 배정하며, 기간 만료 전에 갱신 신청합니다.")),
    ("parking", "illegal-parking-report", "불법주정차 주민신고제", "parking",
     "안전신문고 앱으로 신고하는 방법",
     _p("소화전 5m 이내, 교차로 모퉁이 5m 이내, 버스정류소 10m 이내, 횡단보도, 초등학교 "
        "정문 앞 어린이보호구역, 보도는 1분 간격 사진 2장으로 신고할 수 있습니다.")),
    ("parking", "parking-fines", "주정차위반 과태료", "parking",
     "과태료 납부와 의견진술",
     _p("사전통지서를 받은 날부터 의견진술 기간 안에 자진 납부하면 20% 감경됩니다.")),
    ("waste", "bulky-waste", "대형폐기물 배출 신고", "cleaning",
     "가구·가전 등 대형폐기물 배출 방법",
     _p("동 주민센터나 인터넷으로 신고하고 수수료를 낸 뒤 배출 스티커를 붙여 지정일에 "
        "내놓습니다. 냉장고·세탁기 등 폐가전은 무상 방문수거(1599-0903)를 이용하세요.")),
    ("waste", "recycling", "재활용품 분리배출", "cleaning",
     "종이·플라스틱·캔·유리병 분리배출 요령",
     _p("내용물을 비우고 헹군 뒤 재질별로 나누어 투명 봉투에 담아 배출합니다. "
        "투명 페트병은 라벨을 떼어 따로 배출합니다.")),
    ("waste", "food-waste", "음식물류 폐기물 배출", "cleaning",
     "음식물 전용용기와 RFID 종량기",
     _p("음식물류 폐기물은 물기를 빼고 전용 납부필증을 붙인 용기나 공동주택 RFID "
        "종량기에 배출합니다. 동물 뼈, 조개껍데기, 달걀껍데기는 일반 종량제 봉투에 넣습니다.")),
    ("parks", "boramae-park", "보라매공원", "parks",
     "보라매공원 시설과 이용 안내",
     _p("옛 공군사관학교 터에 조성한 공원으로 잔디광장, 음악분수, 반려견 놀이터가 있습니다.")),
    ("parks", "dongjak-trail", "동작충효길", "parks",
     "서달산과 현충원을 잇는 산책로",
     _p("동작충효길은 한강, 현충원, 서달산, 국사봉을 잇는 총 24km의 걷는 길로 "
        "7개 코스가 있습니다.")),
    ("vaccination", "child-vaccination", "어린이 국가예방접종", "health-center",
     "만 12세 이하 어린이 무료 접종",
     _p("BCG, B형간염, DTaP, 폴리오, MMR, 수두, 일본뇌염 등 18종을 보건소와 지정의료기관에서 "
        "무료로 접종합니다.")),
    ("vaccination", "flu-vaccination", "어르신 인플루엔자 예방접종", "health-center",
     "만 65세 이상 무료 독감 접종",
     _p("매년 10월부터 지정의료기관에서 무료로 접종합니다. 신분증을 지참하세요.")),
    ("vaccination", "health-checkup", "건강검진 안내", "health-management",
     "국가건강검진과 보건소 건강검진",
     _p("국민건강보험공단 검진 대상자는 지정 검진기관에서, 보건소 건강진단결과서(보건증)는 "
        "보건소 1층에서 발급받을 수 있습니다.")),
]  # fmt: skip

# New top-level sections (not in the main menu yet; reached from the home page and links).
SECTIONS = [
    ("welfare", "복지", "welfare", "기초생활보장, 긴급복지, 돌봄", [
        ("basic-livelihood", "기초생활보장", "국민기초생활보장 수급자 신청",
         _p("생계·의료·주거·교육급여는 주소지 동 주민센터에서 신청합니다. 소득인정액이 "
            "기준 중위소득 이하인 가구가 대상입니다.")),
        ("emergency-welfare", "긴급복지지원", "갑작스러운 위기 가구 지원",
         _p("실직, 질병, 화재 등으로 생계가 어려워진 가구에 생계비와 의료비를 먼저 지원합니다. "
            "보건복지상담센터 129 또는 동 주민센터로 연락하세요.")),
        ("elderly-care", "어르신 돌봄", "노인맞춤돌봄서비스",
         _p("혼자 생활하기 어려운 만 65세 이상 어르신에게 안부 확인, 가사 지원, 외출 동행을 "
            "제공합니다.")),
    ]),
    ("safety", "안전", "disaster-safety", "재난 대비와 민방위", [
        ("disaster-guide", "재난 대비 행동요령", "풍수해·지진·폭염 행동요령",
         _p("호우 특보가 내려지면 지하 공간과 하천변 산책로 이용을 피하고, 긴급재난문자를 "
            "확인하세요. 침수 우려 지역 주민은 가까운 대피소를 미리 알아 두세요.")),
        ("civil-defense", "민방위 교육", "민방위 대원 교육 일정",
         _p("민방위 대원은 매년 사이버 교육 또는 집합 교육을 받습니다. 교육 통지서를 확인하세요.")),
    ]),
]  # fmt: skip

CATEGORIES = [
    ("채용", "recruit"),
    ("행사", "event"),
    ("고시·공고", "announcement"),
    ("일반", "general"),
]

# (index slug, title, kind, department, [(slug, title, category slug, days ago, pinned, text)])
NEWS = [
    ("notices", "공지사항", ArticleKind.NOTICE, "public-relations", [
        ("notice-holiday-office", "연말연시 민원실 운영 안내", "general", 1, True,
         "12월 31일과 1월 2일 민원실 운영 시간을 안내합니다."),
        ("notice-recruit-2026", "2026년 하반기 기간제 근로자 채용 공고", "recruit", 3, False,
         "구청 각 부서에서 일할 기간제 근로자를 모집합니다. 접수는 12월 5일까지입니다."),
        ("notice-road-works", "상도로 도로 포장 공사에 따른 교통 통제 안내", "announcement", 5,
         False, "공사 기간 동안 상도로 일부 차로를 통제합니다. 우회 도로를 이용해 주세요."),
        ("notice-water-tank", "공동주택 저수조 청소 실시 안내", "announcement", 8, False,
         "관내 공동주택 저수조 청소를 실시합니다. 단수 시간을 확인하세요."),
        ("notice-system-maintenance", "누리집 서비스 일시 중단 안내", "general", 12, False,
         "시스템 점검으로 토요일 02:00부터 06:00까지 누리집 일부 서비스가 중단됩니다."),
    ]),
    ("news", "구정소식", ArticleKind.NEWS, "public-relations", [
        ("news-kimjang", "사랑의 김장 나눔 행사 열려", "event", 2, False,
         "주민과 봉사단체가 함께 김장 3천 포기를 담가 홀몸 어르신 가구에 전달했습니다."),
        ("news-library", "사당동 작은도서관 새 단장", "general", 6, False,
         "사당동 작은도서관이 리모델링을 마치고 다시 문을 열었습니다."),
        ("news-night-market", "노량진 수산시장 야시장 운영", "event", 9, False,
         "주말 저녁 노량진 수산시장 일대에서 야시장이 열립니다."),
        ("news-smart-shelter", "스마트 버스정류소 10곳 추가 설치", "general", 15, False,
         "냉난방과 공기청정 기능을 갖춘 스마트 쉼터 정류소를 추가로 설치했습니다."),
    ]),
    ("press", "보도자료", ArticleKind.PRESS, "public-relations", [
        ("press-budget-2027", "동작구, 2027년 예산안 구의회 제출", "general", 4, False,
         "복지와 안전에 중점을 둔 2027년도 예산안을 구의회에 제출했습니다."),
        ("press-flood-prevention", "동작구, 침수 예방 빗물받이 일제 정비", "general", 20, False,
         "여름철 침수에 대비해 관내 빗물받이 1만여 곳을 일제히 정비했습니다."),
    ]),
]  # fmt: skip

LOCAL_INFO = [
    ("local-living-markets", "전통시장 안내", "living", "남성사계시장, 상도전통시장 등",
     _p("남성사계시장, 상도전통시장, 노량진 수산시장 등 관내 전통시장의 위치와 "
        "운영 시간을 안내합니다.")),
    ("local-industry-startup", "청년 창업 지원 공간", "industry", "동작청년센터와 공유 사무실",
     _p("만 19~39세 청년 창업가에게 공유 사무실과 창업 상담을 제공합니다.")),
    ("local-culture-arts", "동작아트갤러리", "culture", "전시와 공연 일정",
     _p("구청 별관 동작아트갤러리에서 지역 작가 전시를 연중 무료로 관람할 수 있습니다.")),
    ("local-education-lifelong", "평생학습관 강좌", "education", "주민 평생학습 프로그램",
     _p("인문학, 디지털 역량, 외국어 등 평생학습 강좌를 분기마다 모집합니다.")),
    ("local-tourism-cemetery", "국립서울현충원", "tourism", "호국 영령을 모신 국립묘지",
     _p("동작동에 있는 국립서울현충원은 봄 벚꽃길과 둘레길이 아름다운 곳입니다.")),
    ("local-tourism-noryangjin", "노량진 수산물도매시장", "tourism", "서울의 대표 수산시장",
     _p("신선한 수산물을 사고 바로 맛볼 수 있는 서울 대표 수산시장입니다.")),
]  # fmt: skip


DEMO_MEDIA = Path(__file__).with_name("demo_media")

# The demo clip (demo_media/dongjak-tv-demo.webm) is eight silent seconds of drawing; these are
# its Korean captions, describing what is shown (KWCAG 5.2.1 asks for sounds and pictures too).
DEMO_CAPTIONS_KO = [
    (0.0, 2.5, "[화면] 한강 위로 해가 떠오릅니다."),
    (2.5, 5.0, "동작구청 인터넷방송 동작TV입니다."),
    (5.0, 8.0, "이번 주 구정 소식은 자막과 원고로도 볼 수 있습니다."),
]
DEMO_TRANSCRIPT = (
    "<p>[화면: 한강 위로 해가 떠오르고 강변의 건물들이 보입니다. 말소리와 음악은 없습니다.]</p>"
    "<p>동작구청 인터넷방송 동작TV입니다.</p>"
    "<p>이번 주 구정 소식은 자막과 원고로도 볼 수 있습니다. 영상이 재생되지 않으면 이 원고를 "
    "읽거나 홍보정책과(02-820-1026)로 문의해 주세요.</p>"
)

# Easy-read (쉬운 글) versions of two information pages, one local-information page and the
# organisation chart, written the way easy-read guides ask: short sentences, one idea each,
# everyday words, the steps in order (조례 제5조①6).
EASY_READ = {
    "waste": [
        {"type": "rich_text", "value": "<h2>쓰레기는 언제 내놓나요?</h2>" + _p(
            "일요일부터 금요일까지 내놓을 수 있습니다.",
            "저녁 6시부터 밤 12시 사이에 내놓습니다.",
            "<b>토요일에는 내놓지 않습니다.</b>")},
        {"type": "rich_text", "value": "<h2>어디에 내놓나요?</h2>" + _p(
            "우리 집 대문 앞에 내놓습니다.",
            "일반 쓰레기는 종량제 봉투에 담습니다.")},
        {"type": "contact_card", "value": {"department": "cleaning",
                                           "note": "궁금하면 전화하세요."}},
    ],
    "basic-livelihood": [
        {"type": "rich_text", "value": "<h2>기초생활보장이 무엇인가요?</h2>" + _p(
            "돈이 부족해서 살기 어려운 집을 나라와 구청이 돕는 제도입니다.",
            "먹고 사는 데 드는 돈, 병원비, 집세, 학교 공부에 드는 돈을 도와줍니다.")},
        {"type": "step_guide", "value": {"heading": "어떻게 신청하나요?", "steps": [
            {"title": "동 주민센터에 가요", "text": _p("내가 사는 동네의 주민센터에 갑니다.")},
            {"title": "신청서를 써요", "text": _p("직원이 쓰는 방법을 알려 줍니다.")},
            {"title": "결과를 기다려요", "text": _p("구청이 살펴보고 결과를 알려 줍니다.")},
        ]}},
        {"type": "contact_card", "value": {"department": "welfare",
                                           "note": "어려운 점이 있으면 전화하세요."}},
    ],
    "local-education-lifelong": [
        {"type": "rich_text", "value": "<h2>평생학습관에서 무엇을 배우나요?</h2>" + _p(
            "어른도 공부할 수 있는 곳입니다.",
            "컴퓨터, 스마트폰 쓰는 법, 외국어를 배웁니다.",
            "강좌는 석 달마다 새로 시작합니다.")},
        {"type": "contact_card", "value": {"department": "autonomy",
                                           "note": "신청하는 법을 전화로 물어보세요."}},
    ],
    "organisation": [
        {"type": "rich_text", "value": "<h2>구청에는 어떤 부서가 있나요?</h2>" + _p(
            "구청에는 일을 나누어 맡는 부서가 여러 개 있습니다.",
            "쓰레기는 청소행정과가 맡습니다.",
            "여권과 서류 떼기는 민원여권과가 맡습니다.",
            "어려운 생활을 돕는 일은 복지정책과가 맡습니다.")},
        {"type": "rich_text", "value": "<h2>어느 부서에 물어야 할지 모르겠어요</h2>" + _p(
            "구청 대표 전화 02-820-1114로 전화하세요.",
            "알맞은 부서로 연결해 줍니다.")},
    ],
}  # fmt: skip

# Sub-sites (조례 제4조②): the district council and one dong community centre, each a Wagtail
# site with its own home and hostname. (code, Korean, English, phone, location, duties)
SUBSITE_DEPARTMENTS = [
    ("council-secretariat", "의회사무국", "Council Secretariat", "02-820-1114",
     "동작구의회 청사", "구의회 운영 지원, 회의록 관리, 의회 누리집 운영"),
    ("sadang1-dong", "사당1동 주민센터", "Sadang 1-dong Community Center", "02-820-1114",
     "사당1동 주민센터 1층", "주민등록·인감 민원, 복지 상담, 주민자치회 운영"),
]  # fmt: skip
# (hostname, site name, home title, intro, department code, [(slug, title, summary, body)])
SUBSITES = [
    ("council.localhost", "동작구의회", "동작구의회", "구민의 목소리를 듣는 열린 의회",
     "council-secretariat", [
        ("about", "의회 소개", "동작구의회의 구성과 하는 일",
         _p("동작구의회는 구민이 직접 뽑은 구의원으로 구성되며, 조례를 만들고 예산을 심의하며 "
            "구정을 감시합니다.")),
        ("members", "의원 안내", "지역구별 구의원과 연락처",
         _p("선거구별 의원의 의정활동과 연락처를 안내합니다. 의원실 전화는 의회사무국으로 "
            "문의해 주세요.")),
        ("minutes", "회의록", "본회의와 상임위원회 회의록",
         _p("정례회와 임시회의 본회의, 상임위원회 회의록을 회기별로 공개합니다.")),
        ("petition", "청원 안내", "구의회에 청원하는 방법",
         _p("구의원 1명 이상의 소개를 받아 청원서를 의회사무국에 제출할 수 있습니다.")),
    ]),
    ("sadang1.localhost", "사당1동 주민센터", "사당1동 주민센터", "이웃과 함께하는 사당1동",
     "sadang1-dong", [
        ("guide", "주민센터 이용 안내", "운영 시간, 위치, 발급 가능한 서류",
         _p("평일 09:00부터 18:00까지 주민등록 등·초본, 인감증명서, 전입신고 민원을 "
            "처리합니다.")),
        ("programs", "자치회관 프로그램", "요가, 서예, 어린이 미술 강좌",
         _p("주민자치회관에서 요가, 서예, 어린이 미술 등 강좌를 분기마다 모집합니다.")),
        ("welfare-desk", "찾아가는 복지상담", "복지플래너의 방문 상담",
         _p("도움이 필요한 이웃을 알고 있으면 주민센터 복지팀에 알려 주세요. 복지플래너가 "
            "찾아가 상담합니다.")),
    ]),
]  # fmt: skip


def _child(parent, model, slug: str, **fields):
    """The child of `parent` with `slug`, created and published if it does not exist yet."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, locale_id=parent.locale_id, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _resolve(block, departments):
    """Department codes in contact cards become the departments' ids."""
    if block["type"] == "contact_card":
        value = {**block["value"], "department": departments[block["value"]["department"]].pk}
        return {"type": "contact_card", "value": value}
    return block


def _home_body(notices, news, pages_by_slug):
    links = [
        ("민원 안내", "civil-service-guide"),
        ("여권 발급", "passport"),
        ("대형폐기물 신고", "bulky-waste"),
        ("예방접종", "vaccination"),
        ("조직도", "organisation"),
        ("누리집 의견", "feedback"),
    ]
    return [
        {"type": "emergency_notice", "value": {"active": False, "text": "", "ends_at": None,
                                                "page": None}},
        {"type": "latest_articles", "value": {"heading": "공지사항", "index": notices.pk,
                                               "count": 5}},
        {"type": "latest_articles", "value": {"heading": "구정소식", "index": news.pk, "count": 4}},
        {"type": "quick_links", "value": {"heading": "자주 찾는 서비스", "links": [
            {"label": label, "page": pages_by_slug[slug].pk, "url": ""} for label, slug in links
        ]}},
        {"type": "events", "value": {"heading": "행사·참여", "count": 4}},
        *HOME_KO["body"],
    ]  # fmt: skip


def _load_structure(home, departments) -> None:
    pages_by_slug = {}
    for parent_slug, slug, title, dept, summary, html in SUBPAGES:
        parent = ContentPage.objects.child_of(home).get(slug=parent_slug)
        if isinstance(html, str):
            body = [{"type": "rich_text", "value": html}]
        else:
            body = [_resolve(block, departments) for block in html]
        pages_by_slug[slug] = _child(
            parent, ContentPage, slug, title=title, summary=summary, show_in_menus=False,
            owner_department=departments[dept], body=body,
        )  # fmt: skip
    for slug, title, dept, summary, children in SECTIONS:
        section = _child(
            home, SectionIndexPage, slug, title=title, summary=summary, show_in_menus=True,
            owner_department=departments[dept],
        )  # fmt: skip
        for child_slug, child_title, child_summary, html in children:
            _child(
                section, ContentPage, child_slug, title=child_title, summary=child_summary,
                search_description=child_summary, show_in_menus=False,
                owner_department=departments[dept], body=[{"type": "rich_text", "value": html}],
            )  # fmt: skip
    categories = {}
    for name, slug in CATEGORIES:
        categories[slug], _ = ArticleCategory.objects.get_or_create(
            slug=slug, defaults={"name": name}
        )
    alerts = _child(
        home, SectionIndexPage, "alerts", title="알림마당", summary="공지사항, 구정소식, 보도자료",
        owner_department=departments["public-relations"], show_in_menus=True,
    )  # fmt: skip
    indexes = {}
    today = timezone.localdate()
    for index_slug, title, kind, dept, items in NEWS:
        index = indexes[index_slug] = _child(
            alerts, NewsIndexPage, index_slug, title=title, kind=kind,
            owner_department=departments[dept],
        )  # fmt: skip
        for slug, item_title, category, days_ago, pinned, text in items:
            _child(
                index, NewsPage, slug, title=item_title, category=categories[category],
                pinned=pinned, published_on=today - timedelta(days=days_ago), summary=text,
                owner_department=departments[dept], body=[{"type": "rich_text", "value": _p(text)}],
            )  # fmt: skip
    local = _child(
        home, LocalInfoIndexPage, "local-info", title="지역정보", show_in_menus=True,
        intro="생활·산업·문화·교육·관광 정보", owner_department=departments["autonomy"],
    )  # fmt: skip
    for slug, title, category, summary, html in LOCAL_INFO:
        _child(
            local, LocalInfoPage, slug, title=title, category=category, summary=summary,
            owner_department=departments["autonomy"], body=[{"type": "rich_text", "value": html}],
        )  # fmt: skip
    pages_by_slug["organisation"] = _child(
        home, OrganisationChartPage, "organisation", title="조직도",
        intro="<p>동작구청의 부서와 업무, 직원 연락처를 안내합니다.</p>",
        owner_department=departments["planning-budget"],
    )  # fmt: skip
    pages_by_slug["feedback"] = _child(
        home, SiteFeedbackPage, "feedback", title="누리집 의견",
        intro="누리집을 이용하며 느낀 불편이나 바라는 점을 알려 주세요.",
        owner_department=departments["public-relations"],
    )  # fmt: skip
    if not any(block.block_type == "latest_articles" for block in home.body):
        pages_by_slug.update({p.slug: p for p in ContentPage.objects.child_of(home)})
        home.body = _home_body(indexes["notices"], indexes["news"], pages_by_slug)
        home.save_revision().publish()


def _demo_document(title: str, filename: str, data: bytes):
    """A Wagtail document with `title`, made from `data` if there is none yet."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    if not Collection.objects.exists():  # a flushed database lost the migration-made root
        Collection.add_root(name="Root")
    document = Document(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _webvtt(cues) -> str:
    def stamp(seconds: float) -> str:
        whole = int(seconds)
        millis = round(seconds % 1 * 1000)
        return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}.{millis:03d}"

    blocks = [f"{stamp(a)} --> {stamp(b)}\n{text}" for a, b, text in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def _at(day, hour: int):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _load_broadcasting(home, departments) -> None:
    """동작TV (조례 제2조 제7호): one captioned video and two live-stream pages."""
    pr = departments["public-relations"]
    tv = _child(
        home, VideoIndexPage, "dongjak-tv", title="동작TV", show_in_menus=True,
        intro="구정 소식과 주요 행사를 영상과 생중계로 전합니다. 모든 영상에 자막과 원고가 "
        "있습니다.",
        owner_department=pr,
    )  # fmt: skip
    video = VideoPage.objects.child_of(tv).filter(slug="weekly-news").first()
    if video is None:
        clip = _demo_document(
            "동작TV 데모 영상", "dongjak-tv-demo.webm",
            (DEMO_MEDIA / "dongjak-tv-demo.webm").read_bytes(),
        )  # fmt: skip
        captions = _demo_document(
            "동작TV 데모 영상 자막(한국어)", "dongjak-tv-demo.ko.vtt",
            _webvtt(DEMO_CAPTIONS_KO).encode("utf-8"),
        )  # fmt: skip
        video = _child(
            tv, VideoPage, "weekly-news", title="이번 주 동작 소식",
            summary="한 주 동안의 구정 소식을 짧은 영상으로 전합니다.",
            recorded_on=timezone.localdate() - timedelta(days=3), video_file=clip,
            transcript=DEMO_TRANSCRIPT, owner_department=pr,
            captions=[VideoCaption(language="ko", label="한국어", file=captions)],
        )  # fmt: skip
    today = timezone.localdate()
    _child(
        tv, LiveStreamPage, "budget-briefing-live", title="2027년 예산안 주민설명회 생중계",
        summary="2027년도 예산안을 주민에게 설명하고 질문에 답한 설명회입니다.",
        starts_at=_at(today - timedelta(days=10), 14), ends_at=_at(today - timedelta(days=10), 16),
        replay_page=video, owner_department=departments["planning-budget"],
        fallback_text=_p("설명회 자료는 기획예산과(02-820-1011)에서 받을 수 있습니다."),
    )  # fmt: skip
    _child(
        tv, LiveStreamPage, "council-session-live", title="동작구의회 정례회 본회의 생중계",
        summary="구의회 정례회 본회의를 실시간으로 중계합니다.",
        starts_at=_at(today + timedelta(days=7), 10), ends_at=_at(today + timedelta(days=7), 12),
        owner_department=pr,
        fallback_text=_p(
            "본회의는 문자통역(실시간 자막)과 함께 중계합니다. 회의록은 회의 뒤 동작구의회 "
            "누리집에 공개합니다."
        ),
    )  # fmt: skip


def _load_easy_read(home, departments) -> None:
    """Easy-read versions of the pages in EASY_READ; added to pages that exist without one."""
    for slug, blocks in EASY_READ.items():
        page = Page.objects.descendant_of(home).filter(slug=slug).specific().first()
        if page is None or not isinstance(page, EasyReadMixin) or page.easy_read_body:
            continue
        page.easy_read_body = [_resolve(block, departments) for block in blocks]
        page.save_revision().publish()


def _load_participation(home, departments) -> None:
    """참여마당 in the main menu: the boards (조례 제11조·제12조), the complaints window and the
    site feedback form, which are not pages themselves."""
    links = [
        (
            reverse("boards:list", args=["free"]),
            "자유게시판",
            "구정과 지역 현안에 대한 의견 나누기",
        ),
        (
            reverse("boards:list", args=["dialogue"]),
            "구청장과의 대화방",
            "구청장에게 직접 의견 전하기",
        ),
        (reverse("boards:index"), "게시판 전체", "동작구청의 모든 게시판"),
        ("/feedback/", "누리집 의견", "누리집을 쓰며 느낀 불편과 바라는 점"),
    ]
    items = "".join(f'<li><a href="{url}">{title}</a>: {text}</li>' for url, title, text in links)
    _child(
        home, ContentPage, "participation", title="참여마당", show_in_menus=True,
        summary="게시판, 구청장과의 대화방, 누리집 의견",
        owner_department=departments["public-relations"],
        body=[{"type": "rich_text", "value": "<h2>주민 참여</h2><ul>" + items + "</ul>"}],
    )  # fmt: skip


def _load_subsites(departments) -> None:
    """The council and one dong centre as their own sites (조례 제4조②)."""
    for code, name_ko, name_en, phone, location, duties in SUBSITE_DEPARTMENTS:
        if code not in departments:
            departments[code] = department_create(
                acting_user=None, code=code, name_ko=name_ko, name_en=name_en, phone=phone,
                location=location, duties=duties,
            )  # fmt: skip
    root = Page.get_first_root_node()
    for hostname, site_name, title, intro, dept, pages in SUBSITES:
        site = Site.objects.filter(hostname=hostname).first()
        if site is None:
            home = HomePage(slug=hostname.split(".")[0], title=title, intro=intro,
                            locale_id=root.locale_id)  # fmt: skip
            root.add_child(instance=home)
            home.save_revision().publish()
            site = Site.objects.create(
                hostname=hostname, port=80, root_page=home, site_name=site_name
            )
        SiteIdentity.objects.get_or_create(
            site=site,
            defaults={"institution_name": site_name, "phone": departments[dept].phone},
        )
        home = site.root_page.specific
        for slug, page_title, summary, html in pages:
            _child(
                home, ContentPage, slug, title=page_title, summary=summary, show_in_menus=True,
                owner_department=departments[dept], body=[{"type": "rich_text", "value": html}],
            )  # fmt: skip


@transaction.atomic
def load_site() -> tuple[HomePage, HomePage]:
    """Create (or find) the Korean and English home pages and the demo pages."""
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
        _child(
            home, ContentPage, slug, title=title, summary=summary,
            owner_department=departments[dept], show_in_menus=in_menu,
            body=[{"type": "rich_text", "value": html}],
        )  # fmt: skip
    _load_structure(home, departments)
    _load_broadcasting(home, departments)
    _load_easy_read(home, departments)
    _load_participation(home, departments)
    _load_subsites(departments)
    home_en = HomePage.objects.filter(locale=en).first()
    if home_en is None:
        home_en = home.copy_for_translation(en)
        for key, value in HOME_EN.items():
            setattr(home_en, key, value)
        home_en.save_revision().publish()
    from madang.languages.demo import load_language_sites

    load_language_sites(home)  # 조례 제6조: operating departments and translated pages
    return home, home_en
