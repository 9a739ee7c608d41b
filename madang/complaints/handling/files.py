"""Handing out a 민원's file (staff page and the citizen's own page)."""

from __future__ import annotations

from django.http import FileResponse


def attachment_response(attachment, handle) -> FileResponse:
    """The file as a download under its original name, typed as stored when it was checked
    (the allow-list's MIME type, attachments.py), never sniffed by the browser, never cached."""
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
