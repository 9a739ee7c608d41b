"""A provider for the local test gateway: a real HTTP client for the JSON protocol below,
which a development 본인확인 stub (or the fake in the tests) implements. The protocol is
Madang's own; PASS, NICE and 간편인증 plug in as other IdentityProvider subclasses
(docs/developers/identity-verification.md).

Protocol (all JSON, `Authorization: Bearer <IDENTITY_GATEWAY_SECRET>` on server calls):

1. POST {base}/sessions  {"client_id", "purpose", "return_url", "state"}
   → 201 {"session_id", "authorize_url"}
2. The browser goes to authorize_url; the gateway verifies the person and redirects to
   return_url?session_id=...&state=...  (or ...&error=cancelled)
3. GET {base}/sessions/{session_id}/result
   → 200 {"status": "verified", "ci", "di", "birth_date": "YYYY-MM-DD", "name"}
     or 200 {"status": "failed", "reason"}
"""

from __future__ import annotations

import secrets
from datetime import date
from urllib.parse import quote

import requests
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import IdentityProvider, IdentityVerificationError, verified_identity_from

SESSION_KEY = "madang_identity_pending"
TIMEOUT_SECONDS = 10


class TestGatewayProvider(IdentityProvider):
    id = "test-gateway"
    name = gettext_lazy("테스트 본인확인 게이트웨이")

    def __init__(self):
        self.base = settings.MADANG_IDENTITY_GATEWAY_URL.rstrip("/")
        self.client_id = settings.MADANG_IDENTITY_GATEWAY_CLIENT_ID
        self.secret = settings.MADANG_IDENTITY_GATEWAY_SECRET

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.secret}", "Accept": "application/json"}

    def _json(self, response) -> dict:
        try:
            data = response.json()
        except ValueError as exc:
            raise IdentityVerificationError(_("본인확인 기관의 응답을 읽을 수 없습니다.")) from exc
        if not isinstance(data, dict):
            raise IdentityVerificationError(_("본인확인 기관의 응답을 읽을 수 없습니다."))
        return data

    def start(self, request, purpose, *, return_url=None) -> str:
        return_url = return_url or request.build_absolute_uri(reverse("accounts_identity_complete"))
        state = secrets.token_urlsafe(24)
        try:
            response = requests.post(
                f"{self.base}/sessions",
                json={
                    "client_id": self.client_id,
                    "purpose": purpose,
                    "return_url": return_url,
                    "state": state,
                },
                headers=self._headers(),
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as exc:
            raise IdentityVerificationError(
                _("본인확인 기관에 연결할 수 없습니다. 잠시 뒤 다시 시도해 주세요.")
            ) from exc
        if response.status_code != 201:
            raise IdentityVerificationError(
                _("본인확인을 시작할 수 없습니다. 잠시 뒤 다시 시도해 주세요.")
            )
        data = self._json(response)
        session_id, url = data.get("session_id"), data.get("authorize_url")
        if not session_id or not url:
            raise IdentityVerificationError(_("본인확인 기관의 응답을 읽을 수 없습니다."))
        request.session[SESSION_KEY] = {
            "state": state,
            "session_id": session_id,
            "purpose": purpose,
        }
        return url

    def complete(self, request):
        pending = request.session.pop(SESSION_KEY, None)
        if not pending:
            raise IdentityVerificationError(
                _("진행 중인 본인확인이 없습니다. 처음부터 다시 해 주세요.")
            )
        if request.GET.get("error"):
            raise IdentityVerificationError(_("본인확인이 취소되었습니다."))
        if not secrets.compare_digest(request.GET.get("state", ""), pending["state"]) or (
            request.GET.get("session_id") != pending["session_id"]
        ):
            raise IdentityVerificationError(
                _("본인확인 요청이 맞지 않습니다. 처음부터 다시 해 주세요.")
            )
        try:
            response = requests.get(
                f"{self.base}/sessions/{quote(pending['session_id'], safe='')}/result",
                headers=self._headers(),
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as exc:
            raise IdentityVerificationError(
                _("본인확인 기관에 연결할 수 없습니다. 잠시 뒤 다시 시도해 주세요.")
            ) from exc
        if response.status_code != 200:
            raise IdentityVerificationError(
                _("본인확인 결과를 받지 못했습니다. 다시 시도해 주세요.")
            )
        data = self._json(response)
        if data.get("status") != "verified":
            raise IdentityVerificationError(
                _("본인확인에 실패했습니다. 입력한 정보를 확인해 주세요.")
            )
        try:
            birth = date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None
        except ValueError as exc:
            raise IdentityVerificationError(_("본인확인 기관의 응답을 읽을 수 없습니다.")) from exc
        identity = verified_identity_from(
            ci=str(data.get("ci") or ""),
            di=str(data.get("di") or ""),
            birth=birth,
            name=data.get("name"),
            purpose=pending["purpose"],
            today=timezone.localdate(),
        )
        return identity
