"""Page satisfaction (조례 제3조②): anonymous, once per browser a day, rate-limited, comments
masked before storage; without JavaScript and with htmx; site feedback and the monthly report."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from madang.core.models import AuditLog
from madang.pages.models import ContentPage, PageFeedback, SiteFeedback
from madang.pages.selectors import satisfaction_monthly
from madang.privacy.masking import find_personal_data

pytestmark = pytest.mark.django_db

PHONE = "010-2345-6789"


@pytest.fixture
def passport(home):
    return ContentPage.objects.get(slug="passport")


def _url(page):
    return reverse("pages:page_feedback", args=[page.pk])


def test_plain_post_stores_answer_masks_comment_and_redirects_with_thanks(client, passport):
    response = client.post(
        _url(passport),
        {"score": "2", "comment": f"전화 {PHONE}로 연락 주세요. 서류 목록이 부족해요"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/civil-service-guide/passport/#page-feedback"
    answer = PageFeedback.objects.get()
    assert answer.score == 2
    assert answer.department.code == "civil-service"
    assert PHONE not in answer.comment and "서류 목록이 부족해요" in answer.comment
    assert answer.comment_was_masked
    assert not find_personal_data(answer.comment)
    assert len(answer.browser_key) == 40 or len(answer.browser_key) == 64
    assert "madang_bid" in response.cookies
    assert answer.browser_key not in response.cookies["madang_bid"].value
    html = client.get(response["Location"]).content.decode()
    assert "소중한 의견 감사합니다" in html
    assert AuditLog.objects.filter(action="page.feedback").count() == 1


def test_one_answer_per_browser_page_and_day(client, passport):
    client.post(_url(passport), {"score": "5"})
    response = client.post(_url(passport), {"score": "1"})
    assert response.status_code == 302
    assert PageFeedback.objects.count() == 1
    html = client.get(response["Location"]).content.decode()
    assert "오늘 이 페이지에 이미 응답하셨습니다" in html
    # Another page is a separate question; another browser is a separate answer.
    other = ContentPage.objects.get(slug="parking")
    client.post(_url(other), {"score": "4"})
    client.cookies.clear()
    client.post(_url(passport), {"score": "3"})
    assert PageFeedback.objects.count() == 3


def test_missing_score_keeps_comment_and_says_how_to_fix(client, passport):
    response = client.post(_url(passport), {"comment": "내용이 좋아요"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "만족도를 하나 고르세요." in html
    assert "내용이 좋아요</textarea>" in html
    assert not PageFeedback.objects.exists()


def test_htmx_gets_the_widget_swapped_in_place(client, passport):
    response = client.post(_url(passport), {"score": "4"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section id="page-feedback"')
    assert "소중한 의견 감사합니다" in html and "<html" not in html
    error = client.post(_url(passport), {}, HTTP_HX_REQUEST="true").content.decode()
    assert "만족도를 하나 고르세요." in error and "<html" not in error


def test_rate_limited_per_ip(client, passport, settings):
    settings.MADANG_PAGE_FEEDBACK_PER_IP_PER_HOUR = 2
    from django.core.cache import cache

    cache.clear()
    for _ in range(3):
        client.cookies.clear()
        response = client.post(_url(passport), {"score": "3"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert "잠시 뒤에 다시" in response.content.decode()
    assert PageFeedback.objects.count() == 2


def test_unpublished_page_cannot_be_rated(client, passport):
    passport.unpublish()
    assert client.post(_url(passport), {"score": "3"}).status_code == 404
    assert client.get(_url(passport)).status_code == 405


def test_site_feedback_reaches_homepage_department_masked(
    client, home, django_capture_on_commit_callbacks
):
    html = client.get("/feedback/").content.decode()
    assert '<label for="site-feedback-message">의견</label>' in html
    response = client.post("/feedback/", {"message": ""})
    assert response.status_code == 400
    assert "의견을 적어 주세요." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/feedback/", {"message": f"모바일 메뉴가 불편합니다. {PHONE}"})
    assert response.status_code == 302
    feedback = SiteFeedback.objects.get()
    assert feedback.department.code == "public-relations"
    assert PHONE not in feedback.message and feedback.message_was_masked
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["public-relations@dongjak.go.kr"]
    assert PHONE not in mail.outbox[0].body


def test_monthly_report_per_department(client, home, superuser):
    passport = ContentPage.objects.get(slug="passport")
    parking = ContentPage.objects.get(slug="parking")
    for score, page, key in [(5, passport, "a"), (4, passport, "b"), (1, parking, "c")]:
        PageFeedback.objects.create(
            page=page, department=page.owner_department, score=score, browser_key=key,
            answered_on=timezone.localdate(),
        )  # fmt: skip
    today = timezone.localdate()
    rows = {r.department.code: r for r in satisfaction_monthly(year=today.year, month=today.month)}
    assert rows["civil-service"].total == 2 and rows["civil-service"].average == 4.5
    assert rows["parking"].counts == {1: 1}
    client.force_login(superuser)
    html = client.get(reverse("pages_satisfaction_report")).content.decode()
    assert "민원여권과" in html and "주차관리과" in html
    assert "<caption>만족도별 응답 수</caption>" in html
    assert "평균 4.5점" in html
