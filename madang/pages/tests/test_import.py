"""`manage.py import_content`: JSON Lines from an old CMS become pages, idempotently by external
id, with cleaned HTML, departments and sections mapped, attachments fetched or read, and a report
of what was skipped and why (issue #4 item 12)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from madang.core.models import AuditLog
from madang.pages.importing import import_content, sanitize_body_html
from madang.pages.models import ContentPage, ImportedPage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


class _OldCms(BaseHTTPRequestHandler):
    """The old CMS's file server: /files/<name> answers a small file; anything else 404."""

    requests_seen: list[str] = []

    def do_GET(self):
        type(self).requests_seen.append(self.path)
        if self.path == "/files/form.pdf":
            body = b"%PDF-1.4 old cms form"
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/files/download?id=7":
            body = "이름,전화\n".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header(
                "Content-Disposition", "attachment; filename*=UTF-8''%EB%AA%85%EB%8B%A8.csv"
            )
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/files/app.exe":
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            self.wfile.write(b"MZ")
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def old_cms():
    _OldCms.requests_seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OldCms)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _write(tmp_path, records, name="export.jsonl"):
    path = tmp_path / name
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
        + "\n",
        encoding="utf-8",
    )
    return path


def _record(**fields):
    record = {
        "external_id": "old-100",
        "title": "대형폐기물 배출 안내",
        "body_html": "<h1>배출 방법</h1><p>신고 후 <strong>스티커</strong>를 붙여 "
        "<em>내놓으세요</em>.</p>"
        '<script>alert(1)</script><p onclick="x()">문의: <a href="javascript:bad()">여기</a>'
        ' <a href="https://www.dongjak.go.kr/">구청</a></p><img src="a.png">'
        "<table><tr><td>표</td></tr></table>",
        "department": "cleaning",
        "section": "",
        "published_at": "2023-04-05",
    }
    record.update(fields)
    return record


def test_sanitizer_keeps_only_the_rich_text_subset():
    html, warnings = sanitize_body_html(_record()["body_html"])
    assert "<h2>배출 방법</h2>" in html
    assert "<b>스티커</b>" in html and "<i>내놓으세요</i>" in html
    assert "script" not in html and "alert" not in html and "onclick" not in html
    assert "javascript" not in html
    assert '<a href="https://www.dongjak.go.kr/">구청</a>' in html
    assert "<img" not in html and "<table" not in html and "표" in html
    assert warnings and "img" in warnings[0] and "table" in warnings[0]


def test_import_creates_pages_by_department_and_section(tmp_path, home):
    path = _write(
        tmp_path,
        [
            _record(),
            _record(
                external_id="old-101",
                title="공지 하나",
                section="alerts/notices",
                department="청소행정과",
                published_at="2022-12-01T10:30:00+09:00",
            ),
        ],
    )
    report = import_content(path=path)
    assert report.created == ["old-100", "old-101"] and not report.skipped
    page = ContentPage.objects.get(title="대형폐기물 배출 안내")
    assert page.live and page.get_parent().specific == home
    assert page.owner_department.code == "cleaning"
    assert "<b>스티커</b>" in str(page.body[0].value.source)
    assert timezone.localdate(page.first_published_at).isoformat() == "2023-04-05"
    news = NewsPage.objects.get(title="공지 하나")
    assert news.get_parent().specific == NewsIndexPage.objects.get(slug="notices")
    assert news.published_on.isoformat() == "2022-12-01"
    assert ImportedPage.objects.get(external_id="old-101").page_id == news.pk
    assert AuditLog.objects.filter(action="page.import").count() == 2
    assert any("img" in w for _, _, w in report.warnings)


def test_rerun_skips_unchanged_and_updates_changed(tmp_path, home):
    first = _write(tmp_path, [_record(), _record(external_id="old-200", title="두 번째")])
    import_content(path=first)
    pages_before = ContentPage.objects.count()
    again = import_content(path=first)
    assert again.unchanged == ["old-100", "old-200"] and not again.created
    changed = _write(
        tmp_path,
        [
            _record(title="대형폐기물 배출 안내(개정)"),
            _record(external_id="old-200", title="두 번째"),
        ],
        name="export2.jsonl",
    )
    report = import_content(path=changed)
    assert report.updated == ["old-100"] and report.unchanged == ["old-200"]
    assert ContentPage.objects.count() == pages_before
    page = ImportedPage.objects.get(external_id="old-100").page.specific
    assert page.title == "대형폐기물 배출 안내(개정)" and page.live
    assert page.revisions.count() == 2


def test_changed_section_moves_the_page(tmp_path, home):
    import_content(path=_write(tmp_path, [_record()]))
    import_content(path=_write(tmp_path, [_record(section="civil-service-guide")], name="b.jsonl"))
    page = ImportedPage.objects.get(external_id="old-100").page
    assert page.get_parent().slug == "civil-service-guide"


def test_attachments_by_url_and_path(tmp_path, home, old_cms):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "안내문.hwp").write_bytes(b"HWP body")
    record = _record(
        attachments=[
            {"url": f"{old_cms}/files/form.pdf", "title": "신청서"},
            f"{old_cms}/files/download?id=7",
            {"path": "files/안내문.hwp"},
        ]
    )
    path = _write(tmp_path, [record])
    report = import_content(path=path)
    assert report.created == ["old-100"], report.skipped
    page = ContentPage.objects.get(title="대형폐기물 배출 안내")
    files = next(b for b in page.body if b.block_type == "files")
    titles = [d.title for d in files.value["documents"]]
    assert titles == ["신청서", "명단", "안내문"]
    assert files.value["documents"][0].file.read() == b"%PDF-1.4 old cms form"
    # A re-run of a changed record reuses the fetched files: nothing is downloaded again.
    seen = len(_OldCms.requests_seen)
    import_content(path=_write(tmp_path, [{**record, "title": "바뀐 제목"}], name="b.jsonl"))
    assert len(_OldCms.requests_seen) == seen


def test_news_item_attachments_go_to_the_attachments_field(tmp_path, home, old_cms):
    record = _record(section="alerts/notices", attachments=[f"{old_cms}/files/form.pdf"])
    import_content(path=_write(tmp_path, [record]))
    news = NewsPage.objects.get(title="대형폐기물 배출 안내")
    assert [b.value.title for b in news.attachments] == ["form"]


def test_skipped_records_are_reported_with_the_reason(tmp_path, home, old_cms):
    path = _write(
        tmp_path,
        [
            "{not json",
            _record(external_id=""),
            _record(external_id="no-title", title=""),
            _record(external_id="bad-dept", department="없는과"),
            _record(external_id="bad-section", section="no/such/section"),
            _record(external_id="bad-date", published_at="어제"),
            _record(external_id="missing-file", attachments=[{"path": "files/none.pdf"}]),
            _record(external_id="escape", attachments=[{"path": "../../etc/passwd"}]),
            _record(external_id="http-404", attachments=[f"{old_cms}/files/missing.pdf"]),
            _record(external_id="exe", attachments=[f"{old_cms}/files/app.exe"]),
            _record(external_id="ok"),
        ],
    )
    report = import_content(path=path)
    assert report.created == ["ok"]
    reasons = {external_id or f"line{line}": reason for line, external_id, reason in report.skipped}
    assert "JSON" in reasons["line1"]
    assert "external_id" in reasons["line2"]
    assert "제목" in reasons["no-title"]
    assert "없는과" in reasons["bad-dept"]
    assert "no/such/section" in reasons["bad-section"]
    assert "2024-03-05" in reasons["bad-date"]
    assert "찾지 못했습니다" in reasons["missing-file"]
    assert "찾지 못했습니다" in reasons["escape"]
    assert "404" in reasons["http-404"]
    assert "형식" in reasons["exe"]
    # A skipped record leaves nothing behind.
    assert not ImportedPage.objects.exclude(external_id="ok").exists()
    assert ContentPage.objects.filter(title="대형폐기물 배출 안내").count() == 1


def test_page_deleted_by_an_editor_is_not_brought_back(tmp_path, home):
    path = _write(tmp_path, [_record()])
    import_content(path=path)
    ImportedPage.objects.get().page.delete()
    report = import_content(path=_write(tmp_path, [_record(title="새 제목")], name="b.jsonl"))
    assert report.skipped and "삭제" in report.skipped[0][2]
    assert not ContentPage.objects.filter(title="새 제목").exists()


def test_dry_run_writes_nothing(tmp_path, home, old_cms):
    path = _write(tmp_path, [_record(attachments=[f"{old_cms}/files/form.pdf"])])
    report = import_content(path=path, dry_run=True)
    assert report.created == ["old-100"]
    assert not ImportedPage.objects.exists()
    assert not ContentPage.objects.filter(title="대형폐기물 배출 안내").exists()


def test_command_prints_the_summary_and_reasons(tmp_path, home):
    path = _write(tmp_path, [_record(), _record(external_id="bad", department="없는과")])
    out = StringIO()
    call_command("import_content", str(path), stdout=out)
    text = out.getvalue()
    assert "전체 2건: 새로 만듦 1, 고침 0, 바뀌지 않아 건너뜀 0, 가져오지 못함 1" in text
    assert "2번째 줄(bad) 가져오지 못함: 담당부서 '없는과'를 찾지 못했습니다" in text
    out = StringIO()
    call_command("import_content", str(path), stdout=out)
    assert "바뀌지 않아 건너뜀 1" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path / "none.jsonl"))
    with pytest.raises(CommandError):
        call_command("import_content", str(path), "--site", "no.such.host")
