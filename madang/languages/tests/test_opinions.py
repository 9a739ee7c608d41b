"""The opinion form of each foreign-language site (조례 제6조②): no sign-in, personal data
masked before storing, contact encrypted and only with consent, the operating department
e-mailed after commit, a receipt on screen, a rate limit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from madang.core.models import AuditLog
from madang.departments.models import Department
from madang.languages.choices import OpinionStatus
from madang.languages.models import LanguageSite, Opinion
from madang.languages.services import (
    OpinionRejected,
    opinion_contacts_erase,
    opinion_mark_answered,
    opinion_submit,
)
from madang.privacy.masking import find_personal_data
from madang.privacy.models import PIIAccessLog

pytestmark = pytest.mark.django_db

PHONE = "010-2345-6789"


@pytest.fixture
def sites(home):
    for site in LanguageSite.objects.select_related("operating_department"):
        dept = site.operating_department
        if not dept.email:
            Department.objects.filter(pk=dept.pk).update(email=f"{dept.code}@dongjak.go.kr")
    return {s.language_code: s for s in LanguageSite.objects.all()}


def _post(client, lang="en", **data):
    payload = {"subject": "Bus to the cemetery", "message": "When does bus 5531 run?"}
    payload.update(data)
    return client.post(f"/{lang}/opinion/", payload)


def test_form_is_in_the_page_language_without_sign_in(client, sites):
    html = client.get("/ja/opinion/").content.decode()
    assert '<html lang="ja"' in html
    assert '<h1 class="madang-page-title">ご意見を送る</h1>' in html
    assert "ご意見は広報政策課が受け付けます。" in html
    label = '<label for="id_subject">件名 <span class="madang-required">(必須)</span></label>'
    assert label in html
    assert "個人情報の収集・利用に同意します。" in html
    html = client.get("/en/opinion/").content.decode()
    assert "Your opinion goes to the Public Relations Division." in html


def test_korean_has_no_opinion_form_here(client, sites):
    assert client.get("/opinion/").status_code == 404


def test_submit_masks_encrypts_mails_and_shows_the_receipt(
    client, sites, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            lang="ja",
            message=f"連絡は {PHONE} まで。バスの時刻を知りたいです。",
            name="Sato Hanako",
            email="hanako@example.jp",
            consent="on",
        )
    assert response.status_code == 302
    assert response["Location"] == "/ja/opinion/received/"
    opinion = Opinion.objects.get()
    assert opinion.language_code == "ja"
    assert opinion.department.code == "public-relations"
    assert PHONE not in opinion.message and "バスの時刻を知りたいです。" in opinion.message
    assert opinion.was_masked and not find_personal_data(opinion.message)
    assert opinion.receipt_number.startswith("JA-")
    assert opinion.email == "hanako@example.jp" and opinion.consented_at
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email FROM languages_opinion WHERE id = %s", [opinion.pk])
        raw = cursor.fetchone()
    assert "Sato" not in raw[0] and "hanako" not in raw[1]
    assert AuditLog.objects.filter(action="opinion.submit", object_id=str(opinion.pk)).exists()
    (message,) = mail.outbox
    assert message.to == ["public-relations@dongjak.go.kr"]
    assert opinion.receipt_number in message.subject and "日本語" in message.subject
    assert "バスの時刻を知りたいです。" in message.body
    assert PHONE not in message.body and "hanako@example.jp" not in message.body
    opinion.refresh_from_db()
    assert opinion.notified_at is not None

    html = client.get(response["Location"]).content.decode()
    assert f'<td id="receipt-number">{opinion.receipt_number}</td>' in html
    assert "広報政策課" in html
    assert "回答はご記入のメールアドレスにお送りします。" in html
    assert "文中の個人情報は伏せて保存しました。" in html


def test_the_mail_goes_once_even_if_the_task_runs_again(client, sites):
    from madang.languages.tasks import opinion_notify

    opinion = opinion_submit(language_code="vi", subject="Xin chào", message="Câu hỏi")
    assert opinion_notify.call(opinion.pk) is True
    assert opinion_notify.call(opinion.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["welfare@dongjak.go.kr"]


def test_mail_waits_for_the_commit(sites, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        opinion_submit(language_code="en", subject="Hello", message="A question")
    assert len(callbacks) == 1 and mail.outbox == []


def test_bad_input_keeps_what_was_typed_with_messages_in_the_page_language(client, sites):
    response = _post(client, lang="vi", subject="", message="Tôi muốn hỏi về xe buýt", email="x@")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vui lòng nhập tiêu đề." in html
    assert "Địa chỉ email không đúng định dạng. Ví dụ: name@example.com" in html
    assert "Tôi muốn hỏi về xe buýt</textarea>" in html
    assert 'value="x@"' in html
    assert Opinion.objects.count() == 0


def test_contact_needs_consent(client, sites):
    response = _post(client, lang="en", email="someone@example.com")
    assert response.status_code == 400
    assert (
        "If you give your name or e-mail address, please agree to the collection and use of "
        "personal information." in response.content.decode()
    )
    assert Opinion.objects.count() == 0


@override_settings(MADANG_OPINION_PER_IP_PER_HOUR=2)
def test_rate_limited_per_address(client, sites):
    from django.core.cache import cache

    cache.clear()
    assert _post(client).status_code == 302
    assert _post(client).status_code == 302
    response = _post(client, message="third message stays in the form")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent too many opinions in a short time." in html
    assert "third message stays in the form</textarea>" in html
    assert Opinion.objects.count() == 2


def test_receipt_is_only_for_the_browser_that_sent_it(client, sites):
    from django.test import Client

    _post(client)
    other = Client()
    response = other.get("/en/opinion/received/")
    assert response.status_code == 302 and response["Location"] == "/en/opinion/"


def test_without_a_language_site_the_homepage_department_receives_it(sites):
    LanguageSite.objects.filter(language_code="en").delete()
    opinion = opinion_submit(language_code="en", subject="Hello", message="A question")
    assert opinion.department.code == "public-relations"


def test_answer_is_audited_and_contacts_are_erased_after_retention(sites):
    opinion = opinion_submit(
        language_code="en", subject="Hi", message="Q", name="Kim", email="k@example.com",
        consent=True,
    )  # fmt: skip
    opinion_mark_answered(acting_user=None, opinion=opinion)
    opinion.refresh_from_db()
    assert opinion.status == OpinionStatus.ANSWERED
    assert AuditLog.objects.filter(action="opinion.answer").count() == 1
    assert opinion_contacts_erase() == 0
    Opinion.objects.filter(pk=opinion.pk).update(created_at=timezone.now() - timedelta(days=400))
    assert opinion_contacts_erase() == 1
    opinion.refresh_from_db()
    assert opinion.name == "" and opinion.email == "" and opinion.contact_erased_at
    assert opinion_contacts_erase() == 0


def test_rejected_service_message_is_in_the_readers_language(sites):
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    with (
        override_settings(MADANG_OPINION_PER_IP_PER_HOUR=0),
        translation.override("zh-hans"),
        pytest.raises(OpinionRejected) as exc,
    ):
        opinion_submit(language_code="zh-hans", subject="a", message="b", ip_address="1.2.3.4")
    assert exc.value.message == "短时间内提交的意见过多，请一小时后再试。"


def test_staff_see_contact_only_with_a_reason_and_it_is_logged(client, sites, superuser):
    opinion = opinion_submit(
        language_code="en", subject="Hi", message="Q", name="Kim", email="k@example.com",
        consent=True,
    )  # fmt: skip
    client.force_login(superuser)
    url = f"/admin/languages/opinions/{opinion.pk}/"
    html = client.get(url).content.decode()
    assert "k@example.com" not in html and opinion.receipt_number in html
    response = client.post(url, {"show_contact": "1", "reason": ""})
    assert response.status_code == 302 and PIIAccessLog.objects.count() == 0
    html = client.post(url, {"show_contact": "1", "reason": "답변 발송"}).content.decode()
    assert "k@example.com" in html
    log = PIIAccessLog.objects.get()
    assert log.reason == "답변 발송" and log.object_id == str(opinion.pk)
    client.post(url, {"answered": "1"})
    opinion.refresh_from_db()
    assert opinion.status == OpinionStatus.ANSWERED and opinion.answered_by == superuser
    listing = client.get("/admin/languages/opinions/?status=answered").content.decode()
    assert opinion.receipt_number in listing


def test_staff_without_permission_cannot_read_opinions(client, sites, staff_user):
    client.force_login(staff_user)
    assert client.get("/admin/languages/opinions/").status_code in (302, 403)
