"""Guest identity codes by SMS: offered only with the gateway configured, sent through the
outbox to the NHN Cloud API (the local fake), confirmed like e-mail codes."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import override_settings

from madang.complaints.services import guest_verification_confirm, guest_verification_start
from madang.complaints.verification import available_channels
from madang.notifications.choices import NotificationStatus
from madang.notifications.models import Notification

from .test_nhncloud import nhn  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@override_settings(NHN_SMS_APP_KEY="")
def test_sms_is_not_offered_without_the_gateway():
    assert "sms" not in available_channels()
    with pytest.raises(ValidationError) as caught:
        guest_verification_start(channel="sms", target="010-2345-6789")
    assert "전자우편을 이용하세요" in str(caught.value)


def test_code_goes_by_sms_and_confirms(nhn, django_capture_on_commit_callbacks):  # noqa: F811
    assert "sms" in available_channels()
    with django_capture_on_commit_callbacks(execute=True):
        verification = guest_verification_start(channel="sms", target="010-2345-6789")
    assert verification.target == "01023456789"
    (request,) = nhn.requests
    assert request["path"].endswith("/sender/sms")
    assert request["body"]["recipientList"] == [{"recipientNo": "01023456789"}]
    code = re.search(r"\b(\d{6})\b", request["body"]["body"]).group(1)
    notification = Notification.objects.get(purpose="complaint.verification")
    assert notification.status == NotificationStatus.SENT
    assert guest_verification_confirm(verification_id=verification.pk, code=code).verified_at


def test_landline_is_refused_with_a_korean_message(nhn):  # noqa: F811
    with pytest.raises(ValidationError) as caught:
        guest_verification_start(channel="sms", target="02-820-1234")
    assert "휴대전화번호 형식이 올바르지 않습니다" in str(caught.value)
    assert nhn.requests == []
