"""SMS and 카카오 알림톡 through NHN Cloud Notification.

Written against NHN Cloud's published guides (docs.nhncloud.com, Notification > SMS > API v3.0
and Notification > KakaoTalk Bizmessage > 알림톡 > API v2.3):

- SMS:   POST {base}/sms/v3.0/appKeys/{appKey}/sender/sms   (단문, body ≤ 90 bytes EUC-KR)
         POST {base}/sms/v3.0/appKeys/{appKey}/sender/mms   (장문 LMS: title + body)
         body {"body", "sendNo", "recipientList": [{"recipientNo"}], ...}
- 알림톡: POST {base}/alimtalk/v2.3/appkeys/{appkey}/messages
         body {"senderKey", "templateCode", "recipientList": [{"recipientNo",
         "templateParameter": {...}, "resendParameter": {...}}]}
- both:  header X-Secret-Key; the answer is {"header": {"isSuccessful", "resultCode",
         "resultMessage"}, ...}, the per-recipient result in body.data.sendResultList (SMS) or
         message.sendResults (알림톡).

Result codes come from the providers' "결과 코드" / "오류 코드" tables. Transport failures,
5xx answers and the providers' own system errors are retryable; a bad number, a template that
does not exist or does not match, a message too long are not. Rejected credentials or sender
numbers are retryable, so that once the operator fixes the configuration the pending messages
go out by themselves.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings

from .base import Delivery, DeliveryError

KOREAN_MOBILE = re.compile(r"01[016789]\d{7,8}")
SMS_MAX_BYTES = 90  # 단문 SMS, counted in EUC-KR (Hangul = 2 bytes)
LMS_TITLE_MAX_BYTES = 40
LMS_BODY_MAX_BYTES = 2000

# SMS API v3.0 result codes (error-code.md): the provider's system errors, and configuration
# problems the operator can fix (app key, secret, IP allow-list, sender number).
SMS_RETRYABLE = {-9999, -2021, -1000, -1001, -1002, -1004, -1008, -2312, -2313}
# 알림톡 API v2.3 (error-code.md).
ALIMTALK_RETRYABLE = {-9999, -1000, -1001, -1002, -1003, -1006, -1027, -2017}
ALIMTALK_DUPLICATE = -1005  # same X-NC-API-IDEMPOTENCY-KEY within 10 minutes: already accepted


def euckr_len(text: str) -> int:
    """Length as NHN Cloud counts it (EUC-KR/CP949: Hangul and other wide characters = 2)."""
    return len(text.encode("cp949", errors="replace"))


def _truncate_bytes(text: str, limit: int) -> str:
    while euckr_len(text) > limit:
        text = text[:-1]
    return text


def _check_mobile(number: str) -> None:
    if not KOREAN_MOBILE.fullmatch(number):
        raise DeliveryError(
            "recipient is not a Korean mobile number", retryable=False, code="recipient"
        )


@dataclass(frozen=True)
class NhnResponse:
    status: int
    data: dict


def post_json(url: str, *, secret_key: str, payload: dict, timeout: float, extra_headers=None):
    """POST JSON the way NHN Cloud's APIs want it; raise DeliveryError on transport failure,
    on a 5xx or 429 answer and on an answer that is not NHN Cloud's JSON."""
    headers = {
        "Content-Type": "application/json;charset=UTF-8",
        "Accept": "application/json",
        "X-Secret-Key": secret_key,
        **(extra_headers or {}),
    }
    request = urllib.request.Request(  # noqa: S310 (the https URL comes from settings)
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (https URL from settings)
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
        if status >= 500 or status == 429:
            raise DeliveryError(f"HTTP {status}", retryable=True, code=f"http-{status}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"connection: {reason}", retryable=True, code="connection") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
        header = data["header"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise DeliveryError(
            f"HTTP {status}: answer is not NHN Cloud JSON", retryable=True, code=f"http-{status}"
        ) from exc
    if not isinstance(header, dict):
        raise DeliveryError("answer has no header", retryable=True, code=f"http-{status}")
    return NhnResponse(status=status, data=data)


def _header_error(response: NhnResponse, retryable_codes: set[int]) -> DeliveryError | None:
    header = response.data["header"]
    if header.get("isSuccessful") is True:
        return None
    code = header.get("resultCode")
    message = header.get("resultMessage") or ""
    return DeliveryError(
        f"{message} (resultCode {code})",
        retryable=code in retryable_codes,
        code=str(code),
    )


class NhnSmsProvider:
    """NHN Cloud Notification SMS API v3.0: 단문 SMS, or 장문 LMS when the text is longer
    than 90 bytes."""

    def __init__(self, *, base_url: str, app_key: str, secret_key: str, sender_no: str, timeout):
        self.base_url = base_url.rstrip("/")
        self.app_key = app_key
        self.secret_key = secret_key
        self.sender_no = sender_no
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> NhnSmsProvider:
        provider = cls(
            base_url=settings.NHN_SMS_BASE_URL,
            app_key=settings.NHN_SMS_APP_KEY,
            secret_key=settings.NHN_SMS_SECRET_KEY,
            sender_no=settings.NHN_SMS_SENDER_NO,
            timeout=settings.MADANG_NOTIFY_HTTP_TIMEOUT,
        )
        if not (provider.app_key and provider.secret_key and provider.sender_no):
            raise DeliveryError(
                "SMS is not configured (NHN_SMS_APP_KEY, NHN_SMS_SECRET_KEY, NHN_SMS_SENDER_NO)",
                retryable=False,
                code="not-configured",
            )
        return provider

    def request_for(self, *, recipient: str, subject: str, body: str) -> tuple[str, dict]:
        """The URL and JSON body for one message (exposed for tests and the docs)."""
        payload = {
            "body": body,
            "sendNo": self.sender_no,
            "recipientList": [{"recipientNo": recipient}],
        }
        kind = "sms"
        if euckr_len(body) > SMS_MAX_BYTES:
            if euckr_len(body) > LMS_BODY_MAX_BYTES:
                raise DeliveryError(
                    "text longer than 2,000 bytes (LMS limit)", retryable=False, code="too-long"
                )
            kind = "mms"
            payload = {"title": _truncate_bytes(subject or body, LMS_TITLE_MAX_BYTES), **payload}
        url = f"{self.base_url}/sms/v3.0/appKeys/{quote(self.app_key, safe='')}/sender/{kind}"
        return url, payload

    def send_text(self, *, recipient: str, subject: str, body: str) -> Delivery:
        _check_mobile(recipient)
        url, payload = self.request_for(recipient=recipient, subject=subject, body=body)
        response = post_json(url, secret_key=self.secret_key, payload=payload, timeout=self.timeout)
        if error := _header_error(response, SMS_RETRYABLE):
            raise error
        data = (response.data.get("body") or {}).get("data") or {}
        results = data.get("sendResultList") or []
        if results and results[0].get("resultCode") not in (0, None):
            first = results[0]
            raise DeliveryError(
                f"{first.get('resultMessage', '')} (resultCode {first.get('resultCode')})",
                retryable=first.get("resultCode") in SMS_RETRYABLE,
                code=str(first.get("resultCode")),
            )
        request_id = data.get("requestId", "")
        seq = results[0].get("recipientSeq") if results else None
        return Delivery(provider_message_id=f"{request_id}:{seq}" if seq else request_id)

    def send(self, notification) -> Delivery:
        return self.send_text(
            recipient=notification.recipient, subject=notification.subject, body=notification.body
        )


class NhnAlimtalkProvider:
    """NHN Cloud KakaoTalk Bizmessage 알림톡 API v2.3, 치환 발송 (the template registered and
    approved in the console, its #{variables} filled from the notification's template vars).
    When the recipient cannot get 알림톡 and the SMS sender number is configured, NHN Cloud sends
    the body as SMS/LMS instead (resendParameter)."""

    def __init__(
        self, *, base_url: str, app_key: str, secret_key: str, sender_key: str, resend_no, timeout
    ):
        self.base_url = base_url.rstrip("/")
        self.app_key = app_key
        self.secret_key = secret_key
        self.sender_key = sender_key
        self.resend_no = resend_no
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> NhnAlimtalkProvider:
        provider = cls(
            base_url=settings.NHN_ALIMTALK_BASE_URL,
            app_key=settings.NHN_ALIMTALK_APP_KEY,
            secret_key=settings.NHN_ALIMTALK_SECRET_KEY,
            sender_key=settings.NHN_ALIMTALK_SENDER_KEY,
            resend_no=settings.NHN_SMS_SENDER_NO,
            timeout=settings.MADANG_NOTIFY_HTTP_TIMEOUT,
        )
        if not (provider.app_key and provider.secret_key and provider.sender_key):
            raise DeliveryError(
                "알림톡 is not configured (NHN_ALIMTALK_APP_KEY, NHN_ALIMTALK_SECRET_KEY, "
                "NHN_ALIMTALK_SENDER_KEY)",
                retryable=False,
                code="not-configured",
            )
        return provider

    def request_for(self, notification) -> tuple[str, dict, dict]:
        recipient = {
            "recipientNo": notification.recipient,
            "templateParameter": {str(k): str(v) for k, v in notification.template_vars.items()},
        }
        if self.resend_no:
            recipient["resendParameter"] = {
                "isResend": True,
                "resendContent": notification.body,
                "resendSendNo": self.resend_no,
            }
        payload = {
            "senderKey": self.sender_key,
            "templateCode": notification.template_code,
            "recipientList": [recipient],
        }
        url = f"{self.base_url}/alimtalk/v2.3/appkeys/{quote(self.app_key, safe='')}/messages"
        # One key per notification: a retry after a time-out whose request had in fact been
        # accepted is refused by NHN Cloud (-1005) instead of reaching the citizen twice.
        headers = {"X-NC-API-IDEMPOTENCY-KEY": f"madang-notification-{notification.pk}"}
        return url, payload, headers

    def send(self, notification) -> Delivery:
        _check_mobile(notification.recipient)
        url, payload, headers = self.request_for(notification)
        response = post_json(
            url,
            secret_key=self.secret_key,
            payload=payload,
            timeout=self.timeout,
            extra_headers=headers,
        )
        header = response.data["header"]
        if header.get("resultCode") == ALIMTALK_DUPLICATE:
            return Delivery(provider_message_id="duplicate-of-earlier-attempt")
        if error := _header_error(response, ALIMTALK_RETRYABLE):
            raise error
        message = response.data.get("message") or {}
        results = message.get("sendResults") or []
        if results and results[0].get("resultCode") not in (0, None):
            first = results[0]
            raise DeliveryError(
                f"{first.get('resultMessage', '')} (resultCode {first.get('resultCode')})",
                retryable=first.get("resultCode") in ALIMTALK_RETRYABLE,
                code=str(first.get("resultCode")),
            )
        request_id = message.get("requestId", "")
        seq = results[0].get("recipientSeq") if results else None
        return Delivery(provider_message_id=f"{request_id}:{seq}" if seq else request_id)
