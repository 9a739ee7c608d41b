"""Phone notices to citizens by 카카오 알림톡 when the district configured an approved template,
by SMS otherwise; an 알림톡 given up is followed by an SMS with the same text. Against the
local fake of NHN Cloud."""

from pathlib import Path

import pytest
from django.test import override_settings

from madang.complaints import notices
from madang.complaints.services import Complainant, complaint_submit
from madang.notifications import alimtalk
from madang.notifications.choices import NotificationChannel, NotificationStatus
from madang.notifications.models import Notification

from . import fake_nhn
from .test_nhncloud import nhn  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[3] / "docs" / "staff" / "notifications.md"


@pytest.fixture
def templates(monkeypatch, settings):
    """The district registered Madang's texts with NHN Cloud (the fake knows them) and put the
    codes in the setting."""
    codes = {purpose: f"DJ_{i:02d}" for i, purpose in enumerate(alimtalk.TEMPLATES)}
    for purpose, code in codes.items():
        monkeypatch.setitem(fake_nhn.TEMPLATES, code, alimtalk.TEMPLATES[purpose])
    settings.MADANG_ALIMTALK_TEMPLATES = codes
    return codes


def _file(django_capture_on_commit_callbacks, **kw):
    with django_capture_on_commit_callbacks(execute=True):
        return complaint_submit(
            acting_user=None,
            citizen=None,
            kind="other",
            title="가로등 고장",
            body="상도로 가로등이 꺼져 있습니다.",
            complainant=Complainant(name="문자씨", phone="010-2345-6789"),
            consent_given=True,
            reply_channel=kw.pop("reply_channel", "sms"),
            **kw,
        )


def test_receipt_goes_by_alimtalk_with_the_template_filled_in(
    nhn,  # noqa: F811
    templates,
    django_capture_on_commit_callbacks,
):
    complaint = _file(django_capture_on_commit_callbacks)
    (notification,) = Notification.objects.filter(purpose="complaint.receipt")
    assert notification.channel == NotificationChannel.ALIMTALK
    assert notification.status == NotificationStatus.SENT
    assert notification.template_code == templates["complaint.receipt"]
    (request,) = nhn.requests
    assert request["path"].startswith("/alimtalk/v2.3/")
    (recipient,) = request["body"]["recipientList"]
    params = recipient["templateParameter"]
    assert set(params) == {"site", "no", "received", "due"}
    assert params["no"] == complaint.receipt_number
    # The stored text is the approved template with exactly these values.
    expected = alimtalk.TEMPLATES["complaint.receipt"]
    for name, value in params.items():
        expected = expected.replace("#{" + name + "}", value)
    assert notification.body == expected and "#{" not in notification.body
    assert recipient["resendParameter"]["resendContent"] == expected


def test_without_a_template_the_receipt_goes_by_sms(
    nhn,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    settings.MADANG_ALIMTALK_TEMPLATES = {"complaint.answered": "DJ_ANSWER"}
    complaint = _file(django_capture_on_commit_callbacks)
    (notification,) = Notification.objects.filter(purpose="complaint.receipt")
    assert notification.channel == NotificationChannel.SMS
    (request,) = nhn.requests
    assert request["path"].endswith("/sender/sms")
    assert complaint.receipt_number in request["body"]["body"]


def test_without_the_alimtalk_keys_a_configured_template_is_not_used(
    nhn,  # noqa: F811
    templates,
    django_capture_on_commit_callbacks,
):
    with override_settings(NHN_ALIMTALK_SENDER_KEY=""):
        _file(django_capture_on_commit_callbacks)
    assert Notification.objects.get(purpose="complaint.receipt").channel == "sms"


def test_alimtalk_refused_for_good_falls_back_to_sms_with_the_same_text(
    nhn,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    # A code that NHN Cloud does not know (-3003, permanent).
    settings.MADANG_ALIMTALK_TEMPLATES = {"complaint.receipt": "NOT_APPROVED"}
    complaint = _file(django_capture_on_commit_callbacks)
    talk = Notification.objects.get(purpose="complaint.receipt", channel="alimtalk")
    sms = Notification.objects.get(purpose="complaint.receipt", channel="sms")
    assert talk.status == NotificationStatus.GIVEN_UP
    assert "-3003" in talk.last_error and f"sms fallback #{sms.pk}" in talk.last_error
    assert sms.status == NotificationStatus.SENT
    assert (sms.recipient, sms.body) == (talk.recipient, talk.body)
    assert sms.related_object_id == str(complaint.pk)
    first, second = nhn.requests
    assert first["path"].startswith("/alimtalk/")
    # The filled-in text is longer than 90 bytes: an LMS titled with the subject.
    assert second["path"].endswith("/sender/mms")
    assert second["body"]["body"] == talk.body
    assert second["body"]["title"] and talk.subject.startswith(second["body"]["title"])
    assert talk.subject.startswith("[동작구청] 민원이 접수되었습니다")


def test_retryable_alimtalk_failure_is_retried_before_any_fallback(
    nhn,  # noqa: F811
    templates,
    django_capture_on_commit_callbacks,
):
    nhn.fail_next(200, {"header": nhn.header(-9999, "System error.")})
    _file(django_capture_on_commit_callbacks)
    talk = Notification.objects.get(purpose="complaint.receipt")
    assert talk.status == NotificationStatus.FAILED
    assert not Notification.objects.filter(channel="sms").exists()


def test_handling_notice_to_a_phone_guest_goes_by_alimtalk(
    nhn,  # noqa: F811
    templates,
    django_capture_on_commit_callbacks,
):
    complaint = _file(
        django_capture_on_commit_callbacks, reply_channel="web", identity_verified_by="phone"
    )
    nhn.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notices.transfer_notice(complaint, to_agency="서울특별시청", reason="소관", official=None)
    notification = Notification.objects.get(purpose="complaint.transferred")
    assert notification.channel == NotificationChannel.ALIMTALK
    assert notification.status == NotificationStatus.SENT
    (request,) = nhn.requests
    params = request["body"]["recipientList"][0]["templateParameter"]
    assert params["agency"] == "서울특별시청" and params["no"] == complaint.receipt_number
    assert params["link"].startswith("http") and params["link"] in notification.body


def test_handling_notice_without_template_goes_by_sms(
    nhn,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    complaint = _file(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        notices.withdrawn_notice(complaint)
    notification = Notification.objects.get(purpose="complaint.withdrawn")
    assert notification.channel == NotificationChannel.SMS
    assert "취하했습니다" in notification.body


def test_a_web_reply_citizen_verified_by_email_gets_no_phone_notice(
    nhn,  # noqa: F811
    templates,
    django_capture_on_commit_callbacks,
):
    _file(django_capture_on_commit_callbacks, reply_channel="web", identity_verified_by="email")
    assert not Notification.objects.exclude(channel="email").exists()


def test_missing_template_variable_is_a_programming_error():
    with pytest.raises(KeyError):
        alimtalk.template_render("complaint.receipt", {"no": "2026-000001"})


def test_staff_guide_lists_every_template_text_exactly():
    guide = DOCS.read_text(encoding="utf-8")
    for purpose, text in alimtalk.TEMPLATES.items():
        assert f"`{purpose}`" in guide, purpose
        assert text in guide, purpose
