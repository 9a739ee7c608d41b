"""Content migration from an old CMS: JSON Lines records become pages (issue #4 item 12).

One record per line::

    {"external_id": "old-1234", "title": "여권 발급 안내", "body_html": "<p>...</p>",
     "department": "civil-service", "section": "civil-service-guide",
     "published_at": "2023-04-05", "summary": "...",
     "attachments": [{"url": "https://old.example/files/a.pdf", "title": "신청서"},
                     {"path": "files/b.hwp"}]}

* ``department``: a department code, or its Korean or English name.
* ``section``: the slug path of the parent page under the site's home (``alerts/notices``); an
  empty section means the home itself. Under a news index the record becomes a news item
  (NewsPage), elsewhere a standard page (ContentPage).
* ``body_html`` is cleaned down to the rich-text subset editors have (paragraphs, h2–h4, bold,
  italic, links, lists); anything else is dropped and the report says so.
* ``attachments`` are fetched (URL, with a timeout and the upload size limit) or read (a path
  relative to the file) and stored as documents.

The external id is kept in ImportedPage: a second run updates the records that changed, skips
the unchanged ones and never duplicates a page. Every created or updated page is published and
audited (`page.import`), with the system (no user) as the actor.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3
import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from madang.core.audit import audit_log_record
from madang.departments.models import Department

from .models import ContentPage, ImportedPage, NewsIndexPage, NewsPage

FETCH_TIMEOUT_SECONDS = 20
ALLOWED_TAGS = {"p", "h2", "h3", "h4", "b", "i", "a", "ol", "ul", "li", "br"}
# Tags whose text is kept but whose markup the rich-text subset has no place for.
_RENAMES = [
    (re.compile(r"<(/?)strong\b[^>]*>", re.I), r"<\1b>"),
    (re.compile(r"<(/?)em\b[^>]*>", re.I), r"<\1i>"),
    (re.compile(r"<(/?)h1\b[^>]*>", re.I), r"<\1h2>"),
    (re.compile(r"<(/?)h[56]\b[^>]*>", re.I), r"<\1h4>"),
]
_DROPPED_NOTICE = re.compile(r"<\s*(img|table|iframe|script|style|object|embed|form|video)\b", re.I)


class RecordSkipped(Exception):
    """A record that cannot be imported; `message` says why and how to fix it (Korean)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, id, reason)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged) + len(self.skipped)


def sanitize_body_html(html: str) -> tuple[str, list[str]]:
    """The body reduced to the rich-text subset, and warnings about what was dropped."""
    warnings = []
    dropped = sorted({m.group(1).lower() for m in _DROPPED_NOTICE.finditer(html or "")})
    if dropped:
        warnings.append(
            _(
                "본문의 다음 요소는 옮기지 않았습니다(편집기에서 블록으로 다시 넣어 주세요): "
                "%(tags)s"
            )
            % {"tags": ", ".join(dropped)}
        )
    text = html or ""
    for pattern, replacement in _RENAMES:
        text = pattern.sub(replacement, text)
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    ).strip()
    # Loose text outside any block becomes a paragraph, as the editor would store it.
    if cleaned and not cleaned.startswith("<"):
        cleaned = f"<p>{cleaned}</p>"
    return cleaned, warnings


def record_hash(record: dict) -> str:
    return hashlib.sha256(
        json.dumps(record, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def _find_department(value) -> Department:
    value = str(value or "").strip()
    if not value:
        raise RecordSkipped(_("담당부서(department)가 없습니다. 부서 코드나 부서명을 적어 주세요."))
    department = Department.objects.filter(
        Q(code=value) | Q(name_ko=value) | Q(name_en__iexact=value)
    ).first()
    if department is None:
        raise RecordSkipped(
            _("담당부서 '%(value)s'를 찾지 못했습니다. 부서 코드나 부서명을 확인해 주세요.")
            % {"value": value}
        )
    return department


def _find_section(root: Page, value) -> Page:
    slug_path = "/".join(s for s in str(value or "").strip().split("/") if s)
    url_path = root.url_path + (f"{slug_path}/" if slug_path else "")
    section = Page.objects.filter(url_path=url_path, path__startswith=root.path).first()
    if section is None:
        raise RecordSkipped(
            _(
                "섹션 '%(value)s'을(를) 찾지 못했습니다. 홈 아래 주소 경로(예: alerts/notices)로 "
                "적어 주세요."
            )
            % {"value": value or ""}
        )
    return section.specific


def _parse_published(value) -> datetime | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    # A date alone means 09:00 that day (office hours), not midnight.
    moment = parse_datetime(text) if len(text) > 10 else None
    if moment is None:
        day = parse_date(text)
        if day is None:
            raise RecordSkipped(
                _(
                    "게시일 '%(value)s'을(를) 읽지 못했습니다. 2024-03-05 또는 "
                    "2024-03-05T09:00:00+09:00 형식으로 적어 주세요."
                )
                % {"value": text}
            )
        moment = datetime.combine(day, time(9, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _attachment_source(item) -> tuple[str, str]:
    """(key, title) of an attachment entry; the key is the URL or the path as written."""
    if isinstance(item, str):
        item = {"url": item} if "://" in item else {"path": item}
    if not isinstance(item, dict) or not (item.get("url") or item.get("path")):
        raise RecordSkipped(_("첨부파일마다 url 또는 path를 적어 주세요."))
    key = str(item.get("url") or item.get("path"))
    return key, str(item.get("title") or "").strip()


def _filename_for(key: str, response=None) -> str:
    name = ""
    if response is not None:
        disposition = response.headers.get("Content-Disposition", "")
        match = re.search(r"filename\*=UTF-8''([^;]+)|filename=\"?([^\";]+)", disposition)
        if match:
            name = unquote(match.group(1) or match.group(2))
    if not name:
        name = unquote(Path(urlsplit(key).path).name)
    if "." not in name and response is not None:
        extension = mimetypes.guess_extension(
            response.headers.get("Content-Type", "").split(";")[0]
        )
        if extension:
            name += extension
    return Path(name).name


def _check_file(name: str, size: int) -> None:
    extension = Path(name).suffix.lower().lstrip(".")
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    if allowed and extension not in allowed:
        raise RecordSkipped(
            _("첨부파일 '%(name)s'은(는) 올릴 수 없는 형식입니다(허용: %(allowed)s).")
            % {"name": name, "allowed": ", ".join(allowed)}
        )
    limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    if limit and size > limit:
        raise RecordSkipped(
            _("첨부파일 '%(name)s'이(가) 너무 큽니다(최대 %(limit)d바이트).")
            % {"name": name, "limit": limit}
        )


def _read_attachment(key: str, base_dir: Path) -> tuple[str, bytes]:
    """(file name, content) of an attachment from a URL or a path under `base_dir`."""
    limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 100 * 1024 * 1024
    if "://" in key:
        if urlsplit(key).scheme not in ("http", "https"):
            raise RecordSkipped(
                _("첨부파일 주소는 http 또는 https여야 합니다: %(key)s") % {"key": key}
            )
        try:
            with requests.get(key, timeout=FETCH_TIMEOUT_SECONDS, stream=True) as response:
                if response.status_code != 200:
                    raise RecordSkipped(
                        _("첨부파일을 받지 못했습니다(응답 %(status)s): %(key)s")
                        % {"status": response.status_code, "key": key}
                    )
                name = _filename_for(key, response)
                chunks, size = [], 0
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > limit:
                        _check_file(name, size)
                    chunks.append(chunk)
                return name, b"".join(chunks)
        except requests.RequestException as exc:
            raise RecordSkipped(
                _("첨부파일을 받지 못했습니다(%(error)s): %(key)s")
                % {"error": exc.__class__.__name__, "key": key}
            ) from exc
    path = (base_dir / key).resolve()
    if not path.is_relative_to(base_dir.resolve()) or not path.is_file():
        raise RecordSkipped(
            _(
                "첨부파일 '%(key)s'을(를) 찾지 못했습니다. 가져올 파일이 있는 폴더 기준의 경로로 "
                "적어 주세요."
            )
            % {"key": key}
        )
    return path.name, path.read_bytes()


def _documents(record, *, base_dir: Path, known: dict, save: bool = True) -> tuple[list, dict]:
    """Documents for the record's attachments, reusing those made by an earlier run (with
    `save=False`, only checks that each can be read and is allowed)."""
    Document = get_document_model()
    documents, sources = [], {}
    for item in record.get("attachments") or []:
        key, title = _attachment_source(item)
        document = None
        if key in known:
            document = Document.objects.filter(pk=known[key]).first()
        if document is None:
            name, content = _read_attachment(key, base_dir)
            _check_file(name, len(content))
            if not save:
                continue
            document = Document(title=title or Path(name).stem)
            document.file.save(name, ContentFile(content), save=False)
            document.save()
        elif title and document.title != title:
            document.title = title
            document.save(update_fields=["title"])
        documents.append(document)
        sources[key] = document.pk
    return documents, sources


def _unique_slug(parent: Page, wanted: str, *, exclude_pk=None) -> str:
    base = (slugify(wanted, allow_unicode=True) or "page")[:70].strip("-") or "page"
    taken = set(Page.objects.child_of(parent).exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(page, *, record, body_html, department, documents, published, is_news):
    page.title = str(record["title"]).strip()[:255]
    page.owner_department = department
    if hasattr(page, "summary"):
        page.summary = str(record.get("summary") or "").strip()[:300]
    body = [{"type": "rich_text", "value": body_html}] if body_html else []
    if is_news:
        page.body = body
        page.attachments = [{"type": "document", "value": d.pk} for d in documents]
        if published is not None:
            page.published_on = timezone.localdate(published)
    else:
        if documents:
            body.append(
                {
                    "type": "files",
                    "value": {"heading": _("첨부파일"), "documents": [d.pk for d in documents]},
                }
            )
        page.body = body or [{"type": "rich_text", "value": "<p></p>"}]
    if published is not None and page.first_published_at is None:
        page.first_published_at = published


@transaction.atomic
def import_record(
    *, record: dict, root: Page, base_dir: Path, dry_run: bool = False
) -> tuple[str, list[str], Page | None]:
    """Create or update the page of one record; returns ("created" | "updated" | "unchanged",
    warnings, page). Raises RecordSkipped with the reason when the record cannot be imported.
    With `dry_run`, checks everything (attachments are read but not stored) and writes nothing."""
    if not isinstance(record, dict):
        raise RecordSkipped(_("한 줄에 JSON 객체 하나씩 적어 주세요."))
    external_id = str(record.get("external_id") or "").strip()
    if not external_id:
        raise RecordSkipped(_("외부 식별자(external_id)가 없습니다."))
    if not str(record.get("title") or "").strip():
        raise RecordSkipped(_("제목(title)이 없습니다."))
    digest = record_hash(record)
    mapping = ImportedPage.objects.select_for_update().filter(external_id=external_id).first()
    if mapping is not None and mapping.page_id is None:
        raise RecordSkipped(
            _(
                "이 기록으로 만든 페이지를 편집자가 삭제했습니다. 다시 가져오려면 관리 화면에서 "
                "'가져온 페이지' 기록을 지워 주세요."
            )
        )
    if mapping is not None and mapping.content_hash == digest:
        return "unchanged", [], mapping.page

    department = _find_department(record.get("department"))
    section = _find_section(root, record.get("section"))
    is_news = isinstance(section, NewsIndexPage)
    model = NewsPage if is_news else ContentPage
    if not is_news and model not in section.specific_class.allowed_subpage_models():
        raise RecordSkipped(
            _(
                "섹션 '%(section)s' 아래에는 일반 페이지를 둘 수 없습니다. 섹션이나 소식 목록을 "
                "골라 주세요."
            )
            % {"section": section.title}
        )
    published = _parse_published(record.get("published_at"))
    body_html, warnings = sanitize_body_html(str(record.get("body_html") or ""))
    documents, sources = _documents(
        record, base_dir=base_dir, known=mapping.attachments if mapping else {}, save=not dry_run
    )
    if dry_run:
        if mapping is not None and not isinstance(mapping.page.specific, model):
            raise RecordSkipped(_("이미 다른 종류의 페이지로 가져온 기록입니다."))
        return ("created" if mapping is None else "updated"), warnings, None

    if mapping is None:
        page = model(slug=_unique_slug(section, record.get("slug") or record["title"]))
        page.locale_id = section.locale_id
        _apply(page, record=record, body_html=body_html, department=department,
               documents=documents, published=published, is_news=is_news)  # fmt: skip
        section.add_child(instance=page)
        outcome = "created"
    else:
        page = mapping.page.specific
        if not isinstance(page, model):
            raise RecordSkipped(
                _(
                    "이미 %(kind)s(으)로 가져온 기록입니다. 섹션 종류를 바꾸려면 페이지를 옮겨 "
                    "주세요."
                )
                % {"kind": page.specific_class._meta.verbose_name}
            )
        if page.get_parent().pk != section.pk:
            page.move(section, pos="last-child")
            page = model.objects.get(pk=page.pk)
        _apply(page, record=record, body_html=body_html, department=department,
               documents=documents, published=published, is_news=is_news)  # fmt: skip
        outcome = "updated"
    page.full_clean()
    page.save_revision().publish()
    if mapping is None:
        mapping = ImportedPage(external_id=external_id)
    mapping.page = page
    mapping.content_hash = digest
    mapping.attachments = sources
    mapping.save()
    audit_log_record(
        acting_user=None,
        action="page.import",
        obj=page,
        changes={
            "external_id": external_id,
            "outcome": outcome,
            "section": section.url_path,
            "department": department.code,
            "attachments": len(documents),
        },
    )
    return outcome, warnings, page


def import_content(*, path: Path, site: Site | None = None, dry_run: bool = False) -> ImportReport:
    """Import every record of a JSON Lines file; one bad record never stops the others."""
    site = site or Site.objects.select_related("root_page").get(is_default_site=True)
    root = site.root_page
    base_dir = path.resolve().parent
    report = ImportReport()
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            external_id = ""
            try:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise RecordSkipped(
                        _("JSON으로 읽지 못했습니다(%(column)d번째 글자 근처).")
                        % {"column": exc.colno}
                    ) from exc
                if isinstance(record, dict):
                    external_id = str(record.get("external_id") or "")
                outcome, warnings, _page = import_record(
                    record=record, root=root, base_dir=base_dir, dry_run=dry_run
                )
            except RecordSkipped as exc:
                report.skipped.append((number, external_id, exc.message))
                continue
            getattr(report, outcome).append(external_id)
            report.warnings.extend((number, external_id, w) for w in warnings)
    return report
