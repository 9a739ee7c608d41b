"""본인확인 interface: the test-gateway provider (a real HTTP client) against a local fake
gateway, the completion view, `require_verified_identity`, and that neither CI/DI nor a
주민등록번호 is ever stored in the clear."""

import json
import secrets
import threading
import time
from datetime import date
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs, urlencode, urlparse
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
import requests
from django.http import HttpResponse
from django.urls import path

from madang.accounts.identity import require_verified_identity
from madang.accounts.identity.base import age_on, hash_ci, hash_di, verified_identity_from
from madang.config.urls import urlpatterns as site_urlpatterns
from madang.privacy.models import IdentityVerification
from madang.privacy.testing import assert_no_plaintext_in_database

CI = "CI-88bytes-" + "A" * 77
DI = "DI-64bytes-" + "B" * 53
RRN = "900101-1234567"
NAME = "홍길동"
SECRET = "gateway-secret"


@require_verified_identity
def protected(request):
    identity = request.verified_identity
    return HttpResponse(f"ok {identity.birth_year} {identity.is_adult} {identity.name}")


@require_verified_identity(purpose="youth_program")
def protected_other_purpose(request):
    return HttpResponse("ok")


urlpatterns = [
    path("protected/", protected),
    path("protected-other/", protected_other_purpose),
    *site_urlpatterns,
]
pytestmark = pytest.mark.urls("madang.accounts.tests.test_identity")


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class FakeGateway:
    """The JSON protocol of madang.accounts.identity.test_gateway."""

    def __init__(self, *, result):
        self.result = result
        self.sessions: dict[str, dict] = {}
        self.server = make_server(
            "127.0.0.1", 0, self.app, server_class=_Server, handler_class=_Quiet
        )
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def _json(self, start_response, status, body):
        start_response(status, [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]

    def app(self, environ, start_response):
        route, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        authorised = environ.get("HTTP_AUTHORIZATION") == f"Bearer {SECRET}"
        if route == "/sessions" and method == "POST":
            if not authorised:
                return self._json(start_response, "401 Unauthorized", {"error": "auth"})
            body = json.loads(environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"])))
            if body.get("client_id") != "madang-test" or not body.get("state"):
                return self._json(start_response, "400 Bad Request", {"error": "request"})
            sid = secrets.token_hex(8)
            self.sessions[sid] = body
            return self._json(
                start_response,
                "201 Created",
                {"session_id": sid, "authorize_url": f"{self.base}/authorize/{sid}"},
            )
        if route.startswith("/authorize/") and method == "GET":
            sid = route.rsplit("/", 1)[1]
            session = self.sessions[sid]
            query = urlencode({"session_id": sid, "state": session["state"]})
            start_response("302 Found", [("Location", f"{session['return_url']}?{query}")])
            return [b""]
        if route.startswith("/sessions/") and route.endswith("/result") and method == "GET":
            if not authorised:
                return self._json(start_response, "401 Unauthorized", {"error": "auth"})
            return self._json(start_response, "200 OK", self.result)
        return self._json(start_response, "404 Not Found", {})


VERIFIED = {
    "status": "verified",
    "ci": CI,
    "di": DI,
    "birth_date": "1990-01-01",
    "name": NAME,
    "rrn": RRN,  # a careless gateway; Madang must ignore it
}


@pytest.fixture
def gateway(settings):
    fake = FakeGateway(result=dict(VERIFIED))
    settings.MADANG_IDENTITY_PROVIDER = "madang.accounts.identity.test_gateway.TestGatewayProvider"
    settings.MADANG_IDENTITY_GATEWAY_URL = fake.base
    settings.MADANG_IDENTITY_GATEWAY_CLIENT_ID = "madang-test"
    settings.MADANG_IDENTITY_GATEWAY_SECRET = SECRET
    yield fake
    fake.close()


@pytest.fixture
def citizen(client, django_user_model):
    user = django_user_model.objects.create_user("verifyme", password="x-Unused-2026!")
    client.force_login(user)
    return user


def round_trip(client, url="/protected/"):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/identity/start/")
    start = client.get(response["Location"])
    assert start.status_code == 302, start.content.decode()
    at_gateway = requests.get(start["Location"], allow_redirects=False, timeout=5)
    back = urlparse(at_gateway.headers["Location"])
    assert back.path == "/accounts/identity/complete/"
    return back


def test_round_trip_stores_only_keyed_hashes(client, gateway, citizen):
    back = round_trip(client)
    done = client.get(f"{back.path}?{back.query}")
    assert done.status_code == 302 and done["Location"] == "/protected/"
    page = client.get("/protected/")
    assert page.status_code == 200
    assert page.content.decode() == f"ok 1990 True {NAME}"
    record = IdentityVerification.objects.get(user=citizen)
    assert record.ci_hash == hash_ci(CI) and record.di_hash == hash_di(DI)
    assert record.ci_hash != CI and len(record.ci_hash) == 64
    assert (record.birth_year, record.is_adult, record.purpose) == (1990, True, "real_name_board")
    assert_no_plaintext_in_database([CI, DI, RRN, "9001011234567", NAME])
    # another purpose needs its own verification
    assert client.get("/protected-other/").status_code == 302


def test_tampered_state_is_refused(client, gateway, citizen):
    back = round_trip(client)
    query = {k: v[0] for k, v in parse_qs(back.query).items()}
    query["state"] = "forged"
    response = client.get(f"{back.path}?{urlencode(query)}")
    assert response.status_code == 400
    assert "본인확인 요청이 맞지 않습니다" in response.content.decode()
    assert not IdentityVerification.objects.exists()
    assert client.get("/protected/").status_code == 302


def test_failed_verification(client, gateway, citizen):
    gateway.result = {"status": "failed", "reason": "mismatch"}
    back = round_trip(client)
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 400
    assert "본인확인에 실패했습니다" in response.content.decode()
    assert not IdentityVerification.objects.exists()


def test_wrong_secret_cannot_start(client, gateway, citizen, settings):
    settings.MADANG_IDENTITY_GATEWAY_SECRET = "wrong"
    response = client.get("/accounts/identity/start/?purpose=real_name_board&next=/protected/")
    assert response.status_code == 502
    assert "본인확인을 시작할 수 없습니다" in response.content.decode()


def test_no_provider_configured(client, citizen, settings):
    settings.MADANG_IDENTITY_PROVIDER = ""
    response = client.get("/accounts/identity/start/?next=/protected/")
    assert response.status_code == 503
    assert "본인확인 서비스가 연결되어 있지 않습니다" in response.content.decode()


def test_open_redirect_is_refused(client, gateway, citizen):
    start = client.get("/accounts/identity/start/?next=https://evil.example/")
    at_gateway = requests.get(start["Location"], allow_redirects=False, timeout=5)
    back = urlparse(at_gateway.headers["Location"])
    done = client.get(f"{back.path}?{back.query}")
    assert done["Location"] == "/accounts/me/"


def test_verification_expires_and_is_per_user(
    client, gateway, citizen, settings, django_user_model
):
    back = round_trip(client)
    client.get(f"{back.path}?{back.query}")
    assert client.get("/protected/").status_code == 200
    settings.MADANG_IDENTITY_MAX_AGE_SECONDS = 0
    time.sleep(0.01)
    assert client.get("/protected/").status_code == 302
    settings.MADANG_IDENTITY_MAX_AGE_SECONDS = 1800
    assert client.get("/protected/").status_code == 200
    # the same browser session cannot lend the verification to another account
    other = django_user_model.objects.create_user("other", password="x-Unused-2026!")
    session = client.session
    data = session["madang_identity_verified"]
    client.force_login(other)
    session = client.session
    session["madang_identity_verified"] = data
    session.save()
    assert client.get("/protected/").status_code == 302


def test_age_and_name_rules(settings, db):
    assert age_on(date(2008, 11, 26), date(2026, 11, 25)) == 17
    assert age_on(date(2007, 11, 25), date(2026, 11, 25)) == 19
    minor = verified_identity_from(
        ci=CI,
        di="",
        birth=date(2008, 11, 26),
        name=NAME,
        purpose="youth_program",
        today=date(2026, 11, 25),
    )
    assert minor.is_adult is False and minor.birth_year == 2008
    assert minor.name is None  # the name is handed over only where the purpose needs it
    assert minor.di_hash == ""
    assert NAME not in repr(minor) and CI not in repr(minor)
