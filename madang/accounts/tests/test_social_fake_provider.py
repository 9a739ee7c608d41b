"""A local fake of Kakao's and Naver's OAuth 2.0 authorisation-code flow, served on 127.0.0.1
by a threaded WSGI server, for the social sign-in tests."""

from __future__ import annotations

import json
import secrets
import threading
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class FakeOAuthProvider:
    """Implements the authorize, token and user-info endpoints with the checks the real
    providers make. `profile` is what the user-info endpoint returns for the issued token."""

    def __init__(self, *, client_id, client_secret, profile, kind="kakao"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.profile = profile
        self.kind = kind
        self.codes: dict[str, str] = {}  # code -> redirect_uri
        self.tokens: set[str] = set()
        self.requests: list[tuple[str, str]] = []
        self.server = make_server(
            "127.0.0.1", 0, self.app, server_class=_ThreadingServer, handler_class=_QuietHandler
        )
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @property
    def authorize_url(self):
        return self.base + "/oauth/authorize"

    @property
    def token_url(self):
        return self.base + "/oauth/token"

    @property
    def profile_url(self):
        return self.base + "/v2/user/me"

    def _json(self, start_response, status, body):
        start_response(status, [("Content-Type", "application/json;charset=UTF-8")])
        return [json.dumps(body).encode()]

    def app(self, environ, start_response):
        path = environ["PATH_INFO"]
        method = environ["REQUEST_METHOD"]
        self.requests.append((method, path))
        if path == "/oauth/authorize" and method == "GET":
            q = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
            if q.get("client_id") != self.client_id:
                return self._json(start_response, "400 Bad Request", {"error": "invalid_client"})
            if q.get("response_type") != "code" or not q.get("state"):
                return self._json(start_response, "400 Bad Request", {"error": "invalid_request"})
            if not q.get("redirect_uri", "").startswith("http"):
                return self._json(start_response, "400 Bad Request", {"error": "invalid_redirect"})
            code = secrets.token_urlsafe(16)
            self.codes[code] = q["redirect_uri"]
            location = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q["state"]})
            start_response("302 Found", [("Location", location)])
            return [b""]
        if path == "/oauth/token" and method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = {
                k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode()).items()
            }
            ok = (
                form.get("grant_type") == "authorization_code"
                and form.get("client_id") == self.client_id
                and form.get("client_secret") == self.client_secret
                and form.get("code") in self.codes
                and self.codes.get(form.get("code")) == form.get("redirect_uri")
            )
            if not ok:
                return self._json(start_response, "401 Unauthorized", {"error": "invalid_grant"})
            del self.codes[form["code"]]  # single use
            token = secrets.token_urlsafe(24)
            self.tokens.add(token)
            return self._json(
                start_response,
                "200 OK",
                {"access_token": token, "token_type": "bearer", "expires_in": 3600},
            )
        if path == "/v2/user/me" and method == "GET":
            auth = environ.get("HTTP_AUTHORIZATION", "")
            if not auth.startswith("Bearer ") or auth[7:] not in self.tokens:
                return self._json(start_response, "401 Unauthorized", {"msg": "bad token"})
            if self.kind == "naver":
                body = {"resultcode": "00", "message": "success", "response": self.profile}
            else:
                body = self.profile
            return self._json(start_response, "200 OK", body)
        return self._json(start_response, "404 Not Found", {"error": "not_found"})
