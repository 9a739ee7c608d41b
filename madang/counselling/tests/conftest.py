from datetime import time

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.complaints.models import ComplaintField
from madang.counselling import services
from madang.counselling.models import Counsellor, CounsellorShift, FrequentQuestion
from madang.departments.models import Department


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def parking(db):
    dept = Department.objects.create(code="parking", name_ko="주차관리과", phone="02-820-9771")
    return ComplaintField.objects.create(name="주차", department=dept, keywords="주차")


@pytest.fixture
def cleaning(db):
    dept = Department.objects.create(code="cleaning", name_ko="청소행정과")
    return ComplaintField.objects.create(name="청소", department=dept, keywords="쓰레기")


def make_staff(username, **extra):
    user = User.objects.create_user(
        username=username,
        password="pw-Long-enough-1!",
        email=f"{username}@dongjak.go.kr",
        kind=AccountKind.STAFF,
        is_staff=True,
        **extra,
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return User.objects.get(pk=user.pk)


def make_counsellor(field, username, shifts, display="주차 분야 민원상담관"):
    counsellor = Counsellor(
        user=make_staff(username), field=field, department=field.department, display_name=display
    )
    counsellor.shifts = [CounsellorShift(weekday=d, start=s, end=e) for d, s, e in shifts]
    return services.counsellor_save(acting_user=None, counsellor=counsellor)


WEEKDAY_MORNINGS = [(d, time(9), time(12)) for d in range(5)]


@pytest.fixture
def counsellor(parking):
    return make_counsellor(parking, "counsel1", WEEKDAY_MORNINGS)


@pytest.fixture
def faqs(parking, cleaning):
    made = []
    for field, question, answer in [
        (
            parking,
            "불법주차 신고는 어떻게 하나요?",
            "<p>안전신문고 앱으로 사진 두 장을 올립니다.</p>",
        ),
        (parking, "거주자우선주차 구획 신청", "<p>시설관리공단 누리집에서 신청합니다.</p>"),
        (cleaning, "대형폐기물은 어떻게 버리나요?", "<p>배출 신고 후 신고번호를 붙입니다.</p>"),
    ]:
        made.append(
            services.faq_save(
                acting_user=None,
                faq=FrequentQuestion(question=question, answer=answer, field=field),
            )
        )
    return made
