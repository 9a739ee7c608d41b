"""Attachment checks: size, count, and an allow-list matched by extension AND magic bytes
(시큐어코딩 가이드: 위험한 형식 파일 업로드). A file passes only if its content starts with
the signature its extension promises."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # HWP 5, old Office
ZIP = b"PK\x03\x04"  # HWPX, DOCX, XLSX, PPTX

# extension -> (MIME type to store, accepted leading signatures)
ALLOWED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    "hwp": ("application/x-hwp", (OLE,)),
    "hwpx": ("application/hwp+zip", (ZIP,)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP,),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int


def max_bytes() -> int:
    return getattr(settings, "COMPLAINT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def max_count() -> int:
    return getattr(settings, "COMPLAINT_ATTACHMENT_MAX_COUNT", 5)


def allowed_extensions() -> list[str]:
    return sorted(ALLOWED)


def attachment_check(upload) -> CheckedFile:
    """Check one uploaded file; raise ValidationError with a Korean message saying how to fix."""
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            _("'%(name)s': 첨부할 수 없는 파일 형식입니다. 첨부 가능한 형식: %(allowed)s")
            % {"name": name, "allowed": ", ".join(allowed_extensions())},
            code="extension",
        )
    if upload.size > max_bytes():
        raise ValidationError(
            _("'%(name)s': 파일이 너무 큽니다(%(size)s). 파일 하나는 %(limit)s 이하여야 합니다.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_bytes()),
            },
            code="size",
        )
    if upload.size == 0:
        raise ValidationError(_("'%(name)s': 빈 파일입니다.") % {"name": name}, code="empty")
    content_type, signatures = ALLOWED[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            _(
                "'%(name)s': 파일 내용이 확장자(%(ext)s)와 맞지 않습니다. "
                "파일을 원래 프로그램에서 다시 저장해 첨부하세요."
            )
            % {"name": name, "ext": extension},
            code="content",
        )
    return CheckedFile(name=name, extension=extension, content_type=content_type, size=upload.size)


def attachments_check(uploads, *, already: int = 0) -> list[CheckedFile]:
    """Check a list of uploads and their number; collect every file's problem in one error."""
    uploads = list(uploads)
    if already + len(uploads) > max_count():
        raise ValidationError(
            _("첨부파일은 %(n)d개까지 올릴 수 있습니다.") % {"n": max_count()}, code="count"
        )
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(attachment_check(upload))
        except ValidationError as exc:
            errors.extend(exc.error_list)
    if errors:
        raise ValidationError(errors)
    return checked
