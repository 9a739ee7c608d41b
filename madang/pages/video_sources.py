"""Where a video page's video comes from when it is not an uploaded file: YouTube or Naver TV.

Only addresses whose form is known are accepted, and each becomes an embed address that never
autoplays (KWCAG 2.2 5.4.2): YouTube through youtube-nocookie.com (no tracking cookie until the
reader presses play), Naver TV through its documented `tv.naver.com/embed/<번호>` form with
`autoPlay=false` (its share code turns autoplay on by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext as _

YOUTUBE_HOSTS = {
    "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be",
    "youtube-nocookie.com", "www.youtube-nocookie.com",
}  # fmt: skip
NAVER_TV_HOSTS = {"tv.naver.com", "m.tv.naver.com"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_NAVER_ID = re.compile(r"^\d{1,12}$")
_YOUTUBE_PATH = re.compile(r"^/(?:embed|shorts|live|v)/([^/]+)/?$")
_NAVER_PATH = re.compile(r"^/(?:v|embed)/(\d+)/?$")


class VideoURLError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class VideoSource:
    provider: str  # "youtube" or "navertv"
    video_id: str

    @property
    def provider_name(self) -> str:
        return "YouTube" if self.provider == "youtube" else _("네이버TV")

    @property
    def embed_url(self) -> str:
        if self.provider == "youtube":
            # rel=0: suggestions from the same channel only; cc_load_policy=1: captions on.
            return (
                f"https://www.youtube-nocookie.com/embed/{self.video_id}"
                "?rel=0&cc_load_policy=1&hl=ko"
            )
        return f"https://tv.naver.com/embed/{self.video_id}?autoPlay=false"

    @property
    def watch_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://tv.naver.com/v/{self.video_id}"


def _invalid() -> VideoURLError:
    return VideoURLError(
        _(
            "YouTube 또는 네이버TV 동영상 주소를 넣어 주세요. 예: "
            "https://www.youtube.com/watch?v=동영상ID, https://youtu.be/동영상ID, "
            "https://tv.naver.com/v/12345678. 채널이나 재생목록 주소는 쓸 수 없습니다."
        )
    )


def parse_video_url(url: str) -> VideoSource:
    """The provider and id of a YouTube or Naver TV video address, or VideoURLError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise _invalid()
    host = (parts.hostname or "").lower()
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = parts.path.strip("/")
        elif parts.path in ("/watch", "/watch/"):
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        else:
            match = _YOUTUBE_PATH.match(parts.path)
            candidate = match.group(1) if match else ""
        if _YOUTUBE_ID.match(candidate):
            return VideoSource("youtube", candidate)
        raise _invalid()
    if host in NAVER_TV_HOSTS:
        match = _NAVER_PATH.match(parts.path)
        if match and _NAVER_ID.match(match.group(1)):
            return VideoSource("navertv", match.group(1))
        raise _invalid()
    raise _invalid()
