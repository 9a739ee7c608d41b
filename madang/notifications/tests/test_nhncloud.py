"""SMS and 알림톡 through NHN Cloud, against a local fake of its APIs: the requests it gets, the
answers it gives, and what the outbox does with each (sent, retried, given up)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import override_settings
from django.utils import timezone

from madang.notifications.choices import NotificationStatus
from madang.notifications.providers.nhncloud import euckr_len
from madang.notifications.services import notification_redispatch_due, notification_send

from . import fake_nhn

pytestmark = pytest.mark.django_db


@pytest.fixture
def nhn():
    server = fake_nhn.FakeNhnCloud().start()
    with override_settings(
        NHN_SMS_BASE_URL=server.url,
        NHN_SMS_APP_KEY=fake_nhn.APP_KEY,
        NHN_SMS_SECRET_KEY=fake_nhn.SECRET_KEY,
        NHN_SMS_SENDER_NO=fake_nhn.SEND_NO,
        NHN_ALIMTALK_BASE_URL=server.url,
        NHN_ALIMTALK_APP_KEY=fake_nhn.APP_KEY,
        NHN_ALIMTALK_SECRET_KEY=fake_nhn.SECRET_KEY,
        NHN_ALIMTALK_SENDER_KEY=fake_nhn.SENDER_KEY,
        MADANG_NOTIFY_HTTP_TIMEOUT=1.0,
        MADANG_NOTIFY_MAX_ATTEMPTS=3,
        MADANG_NOTIFY_BACKOFF_SECONDS=30,
    ):
        yield server
    server.stop()


def sms(django_capture_on_commit_callbacks, body="[동작구청] 민원 접수번호 2026-000001", **kw):
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notification_send(
            purpose="test.sms",
            subject=kw.pop("subject", "민원 접수"),
            body=body,
            to_phone=kw.pop("to_phone", "010-2345-6789"),
            channels=("sms",),
            **kw,
        )
    notification.refresh_from_db()
    return notification


def redispatch_later(minutes=10):
    later = timezone.now() + timedelta(minutes=minutes)
    with mock.patch("django.utils.timezone.now", return_value=later):
        return notification_redispatch_due()


def test_short_sms_request_follows_the_documented_api(nhn, django_capture_on_commit_callbacks):
    notification = sms(django_capture_on_commit_callbacks)
    assert notification.status == NotificationStatus.SENT
    assert notification.provider_message_id == "20261202103000ReZQ6KZzAH0:1"
    (request,) = nhn.requests
    assert request["path"] == f"/sms/v3.0/appKeys/{fake_nhn.APP_KEY}/sender/sms"
    assert request["headers"]["x-secret-key"] == fake_nhn.SECRET_KEY
    assert request["headers"]["content-type"] == "application/json;charset=UTF-8"
    assert request["body"] == {
        "body": "[동작구청] 민원 접수번호 2026-000001",
        "sendNo": fake_nhn.SEND_NO,
        "recipientList": [{"recipientNo": "01023456789"}],
    }


def test_long_text_goes_as_lms_with_a_title(nhn, django_capture_on_commit_callbacks):
    body = "민원이 접수되었습니다. " * 10
    assert euckr_len(body) > 90
    notification = sms(
        django_capture_on_commit_callbacks, body=body, subject="[동작구청] 민원 접수 안내"
    )
    assert notification.status == NotificationStatus.SENT
    (request,) = nhn.requests
    assert request["path"].endswith("/sender/mms")
    assert request["body"]["title"] == "[동작구청] 민원 접수 안내"
    assert euckr_len(request["body"]["title"]) <= 40
    assert request["body"]["body"] == body


def test_server_error_is_retried_until_it_succeeds(nhn, django_capture_on_commit_callbacks):
    nhn.fail_next(503, b"<html>Service Unavailable</html>")
    notification = sms(django_capture_on_commit_callbacks)
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 1
    assert "http-503" in notification.last_error
    assert notification.next_attempt_at - notification.last_attempt_at == timedelta(seconds=30)
    assert redispatch_later() == [notification.pk]
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 2
    assert len(nhn.requests) == 2


def test_provider_system_error_is_retryable_and_given_up_after_max_attempts(
    nhn, django_capture_on_commit_callbacks
):
    for _ in range(3):
        nhn.fail_next(200, {"header": nhn.header(-9999, "System error.")})
    notification = sms(django_capture_on_commit_callbacks)
    assert notification.status == NotificationStatus.FAILED
    redispatch_later(minutes=5)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.FAILED, 2)
    redispatch_later(minutes=15)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.GIVEN_UP, 3)
    assert "-9999" in notification.last_error
    assert redispatch_later(minutes=60) == []


def test_timeout_is_retryable(nhn, django_capture_on_commit_callbacks):
    nhn.fail_next("hang", 2.0)
    notification = sms(django_capture_on_commit_callbacks)
    assert notification.status == NotificationStatus.FAILED
    assert "connection" in notification.last_error


def test_invalid_recipient_reported_by_the_provider_is_permanent(
    nhn, django_capture_on_commit_callbacks
):
    nhn.fail_next(
        200,
        {
            "header": nhn.header(),
            "body": {
                "data": {
                    "requestId": "r1",
                    "statusCode": "3",
                    "sendResultList": [
                        {
                            "recipientNo": "01023456789",
                            "resultCode": -2019,
                            "resultMessage": "RecipientNo is invalid.",
                            "recipientSeq": 1,
                        }
                    ],
                }
            },
        },
    )
    notification = sms(django_capture_on_commit_callbacks)
    assert notification.status == NotificationStatus.GIVEN_UP
    assert "-2019" in notification.last_error


def test_landline_is_not_sent_at_all(nhn, django_capture_on_commit_callbacks):
    notification = sms(django_capture_on_commit_callbacks, to_phone="02-820-1234")
    assert notification.status == NotificationStatus.GIVEN_UP
    assert nhn.requests == []


def test_wrong_secret_is_reported_and_retried_once_fixed(nhn, django_capture_on_commit_callbacks):
    with override_settings(NHN_SMS_SECRET_KEY="wrong"):
        notification = sms(django_capture_on_commit_callbacks)
    assert notification.status == NotificationStatus.FAILED
    assert "-1001" in notification.last_error
    redispatch_later()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT


@override_settings(NHN_SMS_APP_KEY="")
def test_unconfigured_sms_is_given_up_with_a_clear_error(django_capture_on_commit_callbacks):
    notification = sms(django_capture_on_commit_callbacks)
    assert notification.status == NotificationStatus.GIVEN_UP
    assert "not-configured" in notification.last_error


def alimtalk(django_capture_on_commit_callbacks, template_code="RECEIPT01", variables=None):
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notification_send(
            purpose="test.alimtalk",
            subject="",
            body="민원이 접수되었습니다. 접수번호 2026-000001",
            to_phone="01023456789",
            channels=("alimtalk",),
            template_code=template_code,
            template_vars={"no": "2026-000001"} if variables is None else variables,
        )
    notification.refresh_from_db()
    return notification


def test_alimtalk_request_follows_the_documented_api(nhn, django_capture_on_commit_callbacks):
    notification = alimtalk(django_capture_on_commit_callbacks)
    assert notification.status == NotificationStatus.SENT
    assert notification.provider_message_id == "20261202103000AlimTalk01:1"
    (request,) = nhn.requests
    assert request["path"] == f"/alimtalk/v2.3/appkeys/{fake_nhn.APP_KEY}/messages"
    assert request["headers"]["x-secret-key"] == fake_nhn.SECRET_KEY
    assert (
        request["headers"]["x-nc-api-idempotency-key"] == f"madang-notification-{notification.pk}"
    )
    assert request["body"] == {
        "senderKey": fake_nhn.SENDER_KEY,
        "templateCode": "RECEIPT01",
        "recipientList": [
            {
                "recipientNo": "01023456789",
                "templateParameter": {"no": "2026-000001"},
                "resendParameter": {
                    "isResend": True,
                    "resendContent": "민원이 접수되었습니다. 접수번호 2026-000001",
                    "resendSendNo": fake_nhn.SEND_NO,
                },
            }
        ],
    }


def test_alimtalk_unknown_template_is_permanent(nhn, django_capture_on_commit_callbacks):
    notification = alimtalk(django_capture_on_commit_callbacks, template_code="NOPE")
    assert notification.status == NotificationStatus.GIVEN_UP
    assert "-3003" in notification.last_error


def test_alimtalk_missing_variable_is_permanent(nhn, django_capture_on_commit_callbacks):
    notification = alimtalk(django_capture_on_commit_callbacks, variables={})
    assert notification.status == NotificationStatus.GIVEN_UP
    assert "-3004" in notification.last_error


def test_alimtalk_retry_after_a_lost_answer_is_not_sent_twice(
    nhn, django_capture_on_commit_callbacks
):
    # The provider accepted the first request but the answer never arrived (a time-out)...
    nhn.fail_next("hang", 2.0)
    notification = alimtalk(django_capture_on_commit_callbacks)
    assert notification.status == NotificationStatus.FAILED
    nhn.seen_idempotency_keys.add(f"madang-notification-{notification.pk}")
    # ...so the retry carries the same idempotency key and NHN Cloud answers -1005.
    redispatch_later()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.provider_message_id == "duplicate-of-earlier-attempt"
