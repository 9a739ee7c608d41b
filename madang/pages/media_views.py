"""Caption files of published video pages, served as `text/vtt` for the player's <track>."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from .models import VideoCaption, VideoPage
from .webvtt import WebVTTError, parse_webvtt


@require_safe
def video_caption(request, caption_id: int):
    """A caption file, only while its video page is live and public (else "not found")."""
    caption = VideoCaption.objects.select_related("file").filter(pk=caption_id).first()
    if caption is None:
        raise Http404
    if not VideoPage.objects.live().public().filter(pk=caption.page_id).exists():
        raise Http404
    try:
        with caption.file.file.open("rb") as handle:
            data = handle.read()
        parse_webvtt(data)  # a file changed on disk since it was checked is not served broken
    except (OSError, WebVTTError):
        raise Http404 from None
    response = HttpResponse(data, content_type="text/vtt; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
