"""Staff edit the FAQ and the roster in Wagtail snippets; saves go through the services."""

import json

import pytest
from django.urls import reverse

from madang.core.models import AuditLog
from madang.counselling.demo import load_counselling
from madang.counselling.models import Counsellor, FrequentQuestion
from madang.counselling.selectors import faq_search

from .conftest import make_staff

pytestmark = pytest.mark.django_db


def _draftail(text):
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_staff("boss", is_superuser=True))
    return client


def test_faq_snippet_save_is_audited_and_indexed(admin_client, parking):
    url = reverse("wagtailsnippets_counselling_frequentquestion:add")
    response = admin_client.post(
        url,
        {
            "question": "견인된 차량은 어디서 찾나요?",
            "answer": _draftail("동작구 견인차량보관소에서 찾습니다."),
            "field": parking.pk,
            "keywords": "견인보관소",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    faq = FrequentQuestion.objects.get()
    assert AuditLog.objects.filter(action="counselling.faq_create", object_id=str(faq.pk))
    assert [f.pk for f in faq_search(query="견인차량을")] == [faq.pk]


def test_counsellor_snippet_with_shifts(admin_client, parking):
    user = make_staff("counsel9")
    url = reverse("wagtailsnippets_counselling_counsellor:add")
    data = {
        "user": user.pk,
        "field": parking.pk,
        "department": parking.department.pk,
        "display_name": "주차 분야 민원상담관",
        "phone": "02-820-9771",
        "is_active": "on",
        "shifts-TOTAL_FORMS": "2",
        "shifts-INITIAL_FORMS": "0",
        "shifts-MIN_NUM_FORMS": "0",
        "shifts-MAX_NUM_FORMS": "1000",
        "shifts-0-weekday": "0",
        "shifts-0-start": "09:00",
        "shifts-0-end": "12:00",
        "shifts-1-weekday": "2",
        "shifts-1-start": "18:00",
        "shifts-1-end": "13:00",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the bad shift is refused, the form kept
    assert "끝 시각은 시작 시각보다 늦어야" in response.content.decode()
    assert not Counsellor.objects.exists()
    data |= {"shifts-1-start": "13:00", "shifts-1-end": "18:00"}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    counsellor = Counsellor.objects.get()
    assert sorted(str(s) for s in counsellor.shifts.all()) == [
        "수요일 13:00-18:00",
        "월요일 09:00-12:00",
    ]
    assert AuditLog.objects.filter(action="counselling.counsellor_create").exists()


def test_demo_loads_once(db):
    from madang.departments.demo import load_departments

    load_departments()
    assert load_counselling() == (9, 2)
    assert load_counselling() == (0, 0)
    assert faq_search(query="여권을")
