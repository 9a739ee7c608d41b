"""Demo data of the 민원상담: 민원 분야 for 주차, 청소, 여권, 복지 (when missing), a handful of
Dongjak-gu 자주 묻는 질문, and two 민원상담관 with weekly shifts. Safe to run again."""

from datetime import time

from django.contrib.auth.models import Permission
from django.db import transaction

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.complaints.models import ComplaintField
from madang.departments.models import Department

from . import services
from .models import Counsellor, CounsellorShift, FrequentQuestion

# 분야 name → (department code, routing keywords)
FIELDS = {
    "주차": ("parking", "주차\n불법주차\n주정차\n견인\n거주자우선주차"),
    "청소": ("cleaning", "쓰레기\n대형폐기물\n무단투기\n음식물\n재활용"),
    "여권": ("civil-service", "여권\n재발급\n여권사진"),
    "복지": ("welfare", "기초생활\n긴급복지\n수급\n복지로\n바우처"),
}

FAQS = [
    (
        "주차",
        "불법주차 신고는 어떻게 하나요?",
        "<p>불법 주정차 차량은 <b>안전신문고</b> 앱이나 누리집(safetyreport.go.kr)에서 "
        "사진 두 장(1분 이상 간격, 같은 위치)을 찍어 신고할 수 있습니다. 소화전·교차로 모퉁이·"
        "버스정류소·횡단보도·어린이보호구역·인도는 주민신고 대상입니다.</p>"
        "<p>급한 경우 주차관리과(02-820-9771)나 120 다산콜센터로 전화하세요.</p>",
        "안전신문고\n주정차 위반\n신고",
    ),
    (
        "주차",
        "주차위반 과태료 사전통지서를 받았는데 이의가 있으면 어떻게 하나요?",
        "<p>사전통지서에 적힌 <b>의견제출 기한</b> 안에 의견진술서와 증빙자료(사진, 진료기록 등)를 "
        "주차관리과에 우편·방문·팩스로 내면 됩니다. 과태료 부과 뒤에는 고지서를 받은 날부터 "
        "60일 안에 이의를 제기할 수 있습니다.</p>",
        "과태료\n의견진술\n이의신청\n단속",
    ),
    (
        "주차",
        "거주자우선주차 구획은 어떻게 신청하나요?",
        "<p>주소지 동의 거주자우선주차 구획은 동작구 시설관리공단 누리집에서 신청합니다. "
        "배정은 거리·거주기간 등 점수 순이며, 빈 구획이 없으면 대기자로 등록됩니다.</p>",
        "거주자 주차\n주차면 배정",
    ),
    (
        "청소",
        "대형폐기물(가구, 가전)은 어떻게 버리나요?",
        "<p>구 누리집 <b>대형폐기물 배출 신고</b>에서 품목을 고르고 수수료를 내면 신고번호가 "
        "나옵니다. 신고번호를 적은 종이를 물건에 붙여 정해진 날 집 앞에 내놓으세요. "
        "냉장고·세탁기 등 큰 가전은 폐가전 무상방문수거(1599-0903)를 이용하면 무료입니다.</p>",
        "가구\n소파\n침대\n폐가전\n스티커",
    ),
    (
        "청소",
        "쓰레기 무단투기를 신고하고 싶어요.",
        "<p>장소와 일시, 가능하면 사진을 붙여 전자민원으로 신청하거나 청소행정과(02-820-1364)로 "
        "알려 주세요. 상습 투기 지역은 단속 카메라 설치를 검토합니다.</p>",
        "무단투기\n쓰레기 불법투기",
    ),
    (
        "여권",
        "여권을 재발급받으려면 무엇을 가져가야 하나요?",
        "<p>신분증, 여권용 사진 1매(6개월 이내 촬영), 사용 중인 여권(유효기간이 남은 경우)을 "
        "가지고 구청 민원여권과를 방문하세요. 수수료는 여권 종류와 면수에 따라 다르며 "
        "외교부 여권안내 누리집에서 확인할 수 있습니다. 발급에는 보통 근무일 기준 4~5일이 "
        "걸립니다.</p>",
        "여권 발급\n여권사진\n분실",
    ),
    (
        "여권",
        "여권을 잃어버렸어요.",
        "<p>분실 신고는 정부24 또는 민원여권과에서 할 수 있습니다. 분실 신고한 여권은 찾더라도 "
        "다시 쓸 수 없으니, 새 여권을 함께 신청하세요.</p>",
        "분실신고\n여권 분실",
    ),
    (
        "복지",
        "기초생활수급자 신청은 어디서 하나요?",
        "<p>주민등록 주소지 <b>동 주민센터</b>에서 신청하거나 복지로(bokjiro.go.kr)에서 온라인으로 "
        "신청할 수 있습니다. 소득·재산 조사를 거쳐 신청일부터 30일 안에 결과를 알려 드립니다.</p>",
        "기초생활보장\n생계급여\n주거급여\n수급자",
    ),
    (
        "복지",
        "갑자기 생계가 어려워졌을 때 받을 수 있는 지원이 있나요?",
        "<p>실직·질병·화재 등으로 생계가 어려워진 가구는 <b>긴급복지지원</b>을 받을 수 있습니다. "
        "동 주민센터나 보건복지상담센터(국번 없이 129)로 연락하세요. 먼저 지원하고 나중에 "
        "조사합니다.</p>",
        "긴급지원\n생계지원\n129",
    ),
]

# (username, family, given, department code, 분야, display name, phone, shifts)
COUNSELLORS = [
    (
        "counsel-parking",
        "최",
        "주연",
        "parking",
        "주차",
        "주차 분야 민원상담관",
        "02-820-9771",
        [(d, time(9, 0), time(12, 0)) for d in range(5)]
        + [(d, time(13, 0), time(18, 0)) for d in (0, 2, 4)],
    ),
    (
        "counsel-welfare",
        "정",
        "복희",
        "welfare",
        "복지",
        "복지 분야 민원상담관",
        "02-820-1391",
        [(d, time(9, 0), time(18, 0)) for d in (1, 3)],
    ),
]


@transaction.atomic
def load_counselling() -> tuple[int, int]:
    """Create what is missing; returns (questions created, counsellors created)."""
    fields = {}
    for name, (dept_code, keywords) in FIELDS.items():
        department = Department.objects.filter(code=dept_code).first()
        field = ComplaintField.objects.filter(name=name).first()
        if field is None and department is not None:
            field = ComplaintField.objects.create(
                name=name, department=department, keywords=keywords
            )
        fields[name] = field
    faqs = 0
    for field_name, question, answer, keywords in FAQS:
        if FrequentQuestion.objects.filter(question=question).exists():
            continue
        field = fields.get(field_name)
        services.faq_save(
            acting_user=None,
            faq=FrequentQuestion(
                question=question,
                answer=answer,
                keywords=keywords,
                field=field,
                department=field.department if field else None,
            ),
        )
        faqs += 1
    counsellors = 0
    for username, last, first, dept_code, field_name, display, phone, shifts in COUNSELLORS:
        field = fields.get(field_name)
        if field is None or Counsellor.objects.filter(display_name=display).exists():
            continue
        user = User.objects.filter(username=username).first()
        if user is None:
            # No password: an administrator sets one (manage.py changepassword) before use.
            user = User(
                username=username,
                last_name=last,
                first_name=first,
                email=f"{username}@dongjak.go.kr",
                kind=AccountKind.STAFF,
                is_staff=True,
                department=Department.objects.filter(code=dept_code).first(),
            )
            user.set_unusable_password()
            user.save()
            user.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtailadmin", codename="access_admin"
                )
            )
        counsellor = Counsellor(
            user=user, field=field, department=field.department, display_name=display, phone=phone
        )
        counsellor.shifts = [CounsellorShift(weekday=d, start=s, end=e) for d, s, e in shifts]
        services.counsellor_save(acting_user=None, counsellor=counsellor)
        counsellors += 1
    return faqs, counsellors
