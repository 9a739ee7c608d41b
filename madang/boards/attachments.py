"""Attachment checks: extension, content signature (magic bytes), size; images re-encoded.

An extension says what a file claims to be; the first bytes say what it is. A file passes only
when both agree, so a renamed executable cannot be offered for download from the district's
site. Images are decoded and saved again with Pillow, which drops EXIF (GPS position, camera
serial) that citizens rarely know their photos carry (개인정보 보호법 제29조 안전조치).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"

#: extension → (leading bytes accepted, member a zip container must hold)
SIGNATURES: dict[str, tuple[tuple[bytes, ...], str | None]] = {
    "pdf": ((b"%PDF-",), None),
    "hwp": ((OLE,), None),
    "hwpx": ((ZIP,), "Contents/"),
    "docx": ((ZIP,), "word/"),
    "xlsx": ((ZIP,), "xl/"),
    "pptx": ((ZIP,), "ppt/"),
    "jpg": ((b"\xff\xd8\xff",), None),
    "jpeg": ((b"\xff\xd8\xff",), None),
    "png": ((b"\x89PNG\r\n\x1a\n",), None),
    "gif": ((b"GIF87a", b"GIF89a"), None),
    "txt": ((), None),  # checked as text instead
}
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF"}


@dataclass(frozen=True)
class CheckedFile:
    content: SimpleUploadedFile
    original_name: str
    extension: str
    size: int


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _content_matches(ext: str, data: bytes) -> bool:
    if ext == "txt":
        if b"\x00" in data:
            return False
        for encoding in ("utf-8", "cp949"):
            try:
                data.decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
        return False
    prefixes, member = SIGNATURES[ext]
    if not any(data.startswith(p) for p in prefixes):
        return False
    if member is None:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith(member) for name in archive.namelist())
    except zipfile.BadZipFile:
        return False


def _reencode_image(data: bytes, ext: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            edge = settings.BOARD_IMAGE_MAX_EDGE
            if image.width * image.height > edge * edge:
                raise ValidationError(
                    _("이미지가 너무 큽니다. 가로·세로 %(edge)s픽셀 이하로 줄여 주세요.")
                    % {"edge": edge}
                )
            image = ImageOps.exif_transpose(image)
            fmt = IMAGE_FORMATS[ext]
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            # No exif= argument: the saved file carries no EXIF, hence no GPS position.
            image.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("이미지 파일을 읽을 수 없습니다. 손상되지 않은 JPG, PNG, GIF 파일을 올려 주세요.")
        ) from exc


def check_attachment(upload, *, allowed: list[str], max_mb: int) -> CheckedFile:
    """Accept an uploaded file or raise ValidationError with a Korean message saying why."""
    name = upload.name or ""
    ext = extension_of(name)
    if ext not in allowed or ext not in SIGNATURES:
        raise ValidationError(
            _("%(name)s: 올릴 수 없는 형식입니다. 올릴 수 있는 형식: %(allowed)s")
            % {"name": name, "allowed": ", ".join(allowed)}
        )
    limit = min(max_mb, settings.BOARD_MAX_ATTACHMENT_MB) * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s: 파일이 너무 큽니다. 한 파일은 %(mb)sMB 이하여야 합니다.")
            % {"name": name, "mb": limit // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    if not _content_matches(ext, data):
        raise ValidationError(
            _("%(name)s: 파일 내용이 확장자(%(ext)s)와 맞지 않습니다. 원본 파일을 올려 주세요.")
            % {"name": name, "ext": ext}
        )
    if ext in IMAGE_FORMATS:
        data = _reencode_image(data, ext)
    safe_name = name.replace("/", "_").replace("\\", "_")[-200:]
    return CheckedFile(
        content=SimpleUploadedFile(f"upload.{ext}", data),
        original_name=safe_name,
        extension=ext,
        size=len(data),
    )


def check_attachments(uploads, *, board) -> list[CheckedFile]:
    """The checks of every upload route (web form and API): the board's count, then each file
    (`check_attachment`); a ValidationError with a Korean message saying what to fix."""
    uploads = list(uploads or [])
    if uploads and not board.attachments_allowed:
        raise ValidationError(_("이 게시판에는 파일을 첨부할 수 없습니다."))
    if len(uploads) > board.max_attachments:
        raise ValidationError(
            _("첨부파일은 %(n)s개까지 올릴 수 있습니다.") % {"n": board.max_attachments}
        )
    return [
        check_attachment(u, allowed=board.extension_list(), max_mb=board.max_attachment_mb)
        for u in uploads
    ]


def attachment_response(attachment) -> FileResponse:
    """The stored file as a download: its original name, never rendered by the browser
    (nosniff) and never kept by a shared cache."""
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
