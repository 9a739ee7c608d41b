"""자주 묻는 질문: the Korean search (particles, compounds), the field filter, pages."""

import pytest
from django.urls import reverse

from madang.core.models import AuditLog
from madang.counselling import selectors, services
from madang.counselling.models import FrequentQuestion

pytestmark = pytest.mark.django_db


def _questions(**kwargs):
    return [f.question for f in selectors.faq_search(**kwargs)]


@pytest.mark.parametrize("query", ["주차", "주차를", "불법주차는", "불법 주차", "신고를 하려면"])
def test_search_finds_through_particles_and_compounds(faqs, query):
    assert "불법주차 신고는 어떻게 하나요?" in _questions(query=query)


def test_search_needs_every_word_and_ignores_unrelated(faqs):
    assert _questions(query="대형폐기물을 버리려면") == ["대형폐기물은 어떻게 버리나요?"]
    assert _questions(query="여권") == []
    assert _questions(query="주차 폐기물") == []


def test_search_matches_answer_and_keywords_but_ranks_question_first(faqs, parking):
    services.faq_save(
        acting_user=None,
        faq=FrequentQuestion(
            question="견인된 차는 어디서 찾나요?",
            answer="<p>견인보관소에서 찾습니다.</p>",
            keywords="주차위반",
            field=parking,
        ),
    )
    found = _questions(query="주차")
    assert found[-1] == "견인된 차는 어디서 찾나요?"
    assert _questions(query="안전신문고") == ["불법주차 신고는 어떻게 하나요?"]


def test_search_filters_by_field_and_hides_unpublished(faqs, cleaning):
    assert _questions(field_id=cleaning.pk) == ["대형폐기물은 어떻게 버리나요?"]
    faqs[2].is_published = False
    services.faq_save(acting_user=None, faq=faqs[2], changed=["is_published"])
    assert _questions(field_id=cleaning.pk) == []


def test_faq_save_is_audited_and_refuses_an_empty_answer(parking):
    faq = services.faq_save(
        acting_user=None, faq=FrequentQuestion(question="질문", answer="<p>답</p>", field=parking)
    )
    assert AuditLog.objects.filter(action="counselling.faq_create", object_id=str(faq.pk)).exists()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.faq_save(
            acting_user=None, faq=FrequentQuestion(question="질문2", answer="<p></p>")
        )
    assert "answer" in exc.value.error_dict


def test_public_pages_search_and_count_views(client, faqs):
    response = client.get(reverse("counselling:index"), {"q": "주차를"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "불법주차 신고는 어떻게 하나요?" in body
    assert "대형폐기물은 어떻게" not in body
    detail = client.get(reverse("counselling:faq", args=[faqs[0].pk]))
    assert "안전신문고" in detail.content.decode()
    faqs[0].refresh_from_db()
    assert faqs[0].view_count == 1


def test_filing_page_links_to_counselling(client, db):
    body = client.get(reverse("complaints:start")).content.decode()
    assert reverse("counselling:index") in body
    assert "신청 전에 자주 묻는 질문과 상담을 이용해 보세요" in body


def test_english_page(client, faqs):
    response = client.get("/en/counselling/")
    assert response.status_code == 200
    assert "Search frequently asked questions" in response.content.decode()
