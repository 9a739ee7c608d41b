"""A local stand-in for NHN Cloud's SMS (v3.0) and 알림톡 (v2.3) APIs.

It checks each request the way the provider does — method, path with the app key, the
X-Secret-Key header, the JSON content type and the required body fields — and answers with the
provider's documented JSON shapes and result codes. Tests queue special answers (an error code,
an HTTP 5xx, a slow answer) with `fail_next`.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

APP_KEY = "test-app-key"
SECRET_KEY = "test-secret-key"
SENDER_KEY = "a" * 40
SEND_NO = "0212345678"
TEMPLATES = {"RECEIPT01": "민원이 접수되었습니다. 접수번호 #{no}"}


@dataclass
class FakeNhnCloud:
    host: str = "127.0.0.1"
    requests: list = field(default_factory=list)
    planned: list = field(default_factory=list)
    seen_idempotency_keys: set = field(default_factory=set)

    def __post_init__(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                status, answer = fake.handle(self.path, dict(self.headers), raw)
                if status == "hang":
                    time.sleep(answer)
                    return
                body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer((self.host, 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def fail_next(self, status, answer):
        """Answer the next request with `status` and `answer` (a dict, bytes, or for status
        "hang" the seconds to wait before closing without an answer)."""
        self.planned.append((status, answer))

    # -- the provider's behaviour ------------------------------------------------------------

    @staticmethod
    def header(code=0, message="SUCCESS"):
        return {"isSuccessful": code == 0, "resultCode": code, "resultMessage": message}

    def handle(self, path: str, headers: dict, raw: bytes):
        headers = {k.lower(): v for k, v in headers.items()}
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            body = None
        self.requests.append({"path": path, "headers": headers, "body": body})
        if self.planned:
            return self.planned.pop(0)
        if not headers.get("content-type", "").startswith("application/json"):
            return 200, {"header": self.header(-9996, "Only application/json Content-type")}
        if body is None:
            return 200, {"header": self.header(-9997, "Invalid API parameters.")}
        if match := re.fullmatch(r"/sms/v3\.0/appKeys/([^/]+)/sender/(sms|mms)", path):
            return self.sms(match[1], match[2], headers, body)
        if match := re.fullmatch(r"/alimtalk/v2\.3/appkeys/([^/]+)/messages", path):
            return self.alimtalk(match[1], headers, body)
        return 404, {"header": self.header(-9998, "Not exist API.")}

    def sms(self, app_key, kind, headers, body):
        if app_key != APP_KEY:
            return 200, {"header": self.header(-1000, "Invalid appKey.")}
        if headers.get("x-secret-key") != SECRET_KEY:
            return 401, {"header": self.header(-1001, "Invalid secretKey.")}
        if body.get("sendNo") != SEND_NO:
            return 200, {"header": self.header(-2312, "Not regist sendno.")}
        recipients = body.get("recipientList") or []
        if not recipients:
            return 200, {"header": self.header(-2001, "RecipientList can not be null.")}
        text = body.get("body") or ""
        if not text or (kind == "mms" and not body.get("title")):
            return 200, {"header": self.header(-2014, "The recipient can not be empty.")}
        limit = 90 if kind == "sms" else 2000
        if len(text.encode("cp949", errors="replace")) > limit:
            return 200, {"header": self.header(-2015, "Title or Body exceed maximum byte.")}
        results = []
        for seq, recipient in enumerate(recipients, start=1):
            number = recipient.get("recipientNo", "")
            ok = re.fullmatch(r"01\d{8,9}", number) is not None
            results.append(
                {
                    "recipientNo": number,
                    "resultCode": 0 if ok else -2019,
                    "resultMessage": "SUCCESS" if ok else "RecipientNo is invalid.",
                    "recipientSeq": seq,
                    "recipientGroupingKey": None,
                }
            )
        return 200, {
            "header": self.header(),
            "body": {
                "data": {
                    "requestId": "20261202103000ReZQ6KZzAH0",
                    "statusCode": "2",
                    "senderGroupingKey": None,
                    "sendResultList": results,
                }
            },
        }

    def alimtalk(self, app_key, headers, body):
        if app_key != APP_KEY:
            return 200, {"header": self.header(-1000, "Invalid appKey.")}
        if headers.get("x-secret-key") != SECRET_KEY:
            return 200, {"header": self.header(-1001, "Invalid secretKey.")}
        key = headers.get("x-nc-api-idempotency-key")
        if key:
            if key in self.seen_idempotency_keys:
                return 200, {
                    "header": self.header(
                        -1005, "The same 'X-NC-API-IDEMPOTENCY-KEY' was used within 10 minute."
                    )
                }
            self.seen_idempotency_keys.add(key)
        if body.get("senderKey") != SENDER_KEY:
            return 200, {"header": self.header(-2017, "Not exist plus friend.")}
        template = TEMPLATES.get(body.get("templateCode"))
        if template is None:
            return 200, {"header": self.header(-3003, "Template does not exist.")}
        results = []
        for seq, recipient in enumerate(body.get("recipientList") or [], start=1):
            needed = set(re.findall(r"#\{(\w+)\}", template))
            given = set((recipient.get("templateParameter") or {}).keys())
            code = 0 if needed <= given else -3004
            results.append(
                {
                    "recipientSeq": seq,
                    "recipientNo": recipient.get("recipientNo"),
                    "resultCode": code,
                    "resultMessage": "SUCCESS" if code == 0 else "Please check template parameter.",
                    "recipientGroupingKey": None,
                }
            )
        return 200, {
            "header": self.header(),
            "message": {
                "requestId": "20261202103000AlimTalk01",
                "senderGroupingKey": None,
                "sendResults": results,
            },
        }
