"""Internet broadcasting (인터넷방송, 조례 제2조 제7호): video pages and live-stream pages.

A video comes from an uploaded file (a Wagtail document) or a YouTube or Naver TV address. Each
video carries captions (WebVTT files, one per language) and/or a transcript, as KWCAG 2.2 5.2.1
asks (자막·원고). Nothing autoplays (KWCAG 5.4.2): the player has no `autoplay` attribute and the
embed addresses turn autoplay off.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page

from ..video_sources import VideoSource, VideoURLError, parse_video_url
from ..webvtt import Cue, WebVTTError, parse_webvtt
from .mixins import OwnedContentMixin

VIDEO_EXTENSIONS = ("mp4", "webm", "ogv", "m4v")
TRANSCRIPT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
CAPTION_LANGUAGES = [
    ("ko", _("한국어")),
    ("en", _("영어")),
    ("zh-hans", _("중국어(간체)")),
    ("ja", _("일본어")),
    ("vi", _("베트남어")),
]


def _extension(document) -> str:
    return document.file_extension.lower() if document is not None else ""


def caption_cues(document) -> list[Cue]:
    """The cues of a caption document, read once per file version and then cached."""
    key = f"madang:vtt:{document.pk}:{document.file_hash or document.file.name}"
    cues = cache.get(key)
    if cues is None:
        with document.file.open("rb") as handle:
            cues = parse_webvtt(handle.read())
        cache.set(key, cues, 60 * 60 * 24)
    return cues


class VideoIndexPage(OwnedContentMixin, Page):
    """A list of video and live-stream pages (동작TV, 인터넷방송)."""

    intro = models.CharField(_("소개"), max_length=300, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = ["pages.VideoPage", "pages.LiveStreamPage"]
    template = "pages/video_index_page.html"
    per_page = 12

    class Meta:
        verbose_name = _("영상 목록")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        children = (
            self.get_children().live().public().specific().order_by("-first_published_at", "-pk")
        )
        context["items"] = Paginator(children, self.per_page).get_page(request.GET.get("page"))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The list shows each live stream's status: not stored in the page cache when one of
        # the listed streams starts or ends before the entry would expire.
        items = getattr(response, "context_data", None) or {}
        streams = [i for i in items.get("items", []) if isinstance(i, LiveStreamPage)]
        if streams and status_changes_within_cache_lifetime(streams):
            from django.utils.cache import patch_cache_control

            patch_cache_control(response, no_cache=True)
        return response


# Whatever form every owned page uses (it may restrict the departments an editor can choose).
_OwnedPageForm = getattr(OwnedContentMixin, "base_form_class", None) or WagtailAdminPageForm


class VideoPageForm(_OwnedPageForm):
    """Checks what spans the page and its caption rows: one source, and 자막 or 원고."""

    def clean(self):
        cleaned = super().clean()
        video_file = cleaned.get("video_file")
        video_url = (cleaned.get("video_url") or "").strip()
        if video_file and video_url:
            self.add_error(
                "video_url",
                _("동영상 파일과 주소 중 하나만 넣어 주세요. 올린 파일을 쓰려면 주소를 지우세요."),
            )
        elif not video_file and not video_url:
            self.add_error(
                "video_file",
                _("동영상 파일을 고르거나 YouTube·네이버TV 주소를 넣어 주세요."),
            )
        captions = self.formsets.get("captions")
        languages = []
        if captions is not None:
            # The page form is cleaned before its formsets; clean the caption rows first.
            captions.is_valid()
            for form in captions.forms:
                if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                    continue
                if form.cleaned_data.get("DELETE"):
                    continue
                language = form.cleaned_data.get("language")
                if language in languages:
                    form.add_error(
                        "language",
                        _(
                            "같은 언어의 자막이 두 개 있습니다. 언어마다 자막 파일은 "
                            "하나만 넣어 주세요."
                        ),
                    )
                languages.append(language)
        if video_file and not languages:
            self.add_error(
                "video_file",
                _(
                    "올린 동영상에는 자막 파일(.vtt)이 하나 이상 있어야 합니다(KWCAG 5.2.1). "
                    "아래 '자막'에서 자막 파일을 추가해 주세요."
                ),
            )
        transcript = cleaned.get("transcript") or ""
        if not languages and not _has_text(transcript):
            self.add_error(
                "transcript",
                _(
                    "원고(대본)를 적거나 자막 파일을 올려 주세요. 영상의 말과 소리를 글로도 "
                    "볼 수 있어야 합니다(KWCAG 5.2.1)."
                ),
            )
        return cleaned


def _has_text(html: str) -> bool:
    from django.utils.html import strip_tags

    return bool(strip_tags(html).strip())


class VideoPage(OwnedContentMixin, Page):
    """One video (VOD, 맞춤형영상정보) with captions and a transcript (조례 제2조 제7호)."""

    summary = models.CharField(_("요약"), max_length=300, blank=True)
    recorded_on = models.DateField(_("촬영일"), null=True, blank=True)
    video_file = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("동영상 파일"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("mp4, webm 파일을 문서로 올린 뒤 고르세요. 주소를 넣을 때는 비워 둡니다."),
    )
    video_url = models.URLField(
        _("동영상 주소"),
        max_length=300,
        blank=True,
        help_text=_(
            "YouTube(https://www.youtube.com/watch?v=…, https://youtu.be/…) 또는 "
            "네이버TV(https://tv.naver.com/v/…) 주소. 파일을 올렸으면 비워 둡니다."
        ),
    )
    poster = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("대표 이미지"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("올린 동영상을 재생하기 전에 보이는 이미지입니다."),
    )
    transcript = RichTextField(
        _("원고(대본)"),
        features=TRANSCRIPT_FEATURES,
        blank=True,
        help_text=_(
            "영상에서 하는 말과 중요한 소리를 글로 적습니다. 비워 두면 자막 파일의 글을 "
            "원고로 보여 줍니다."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("video_file"), FieldPanel("video_url"), FieldPanel("poster")],
            heading=_("동영상"),
        ),
        FieldPanel("recorded_on"),
        InlinePanel("captions", heading=_("자막"), label=_("자막 파일")),
        FieldPanel("transcript"),
        *OwnedContentMixin.ownership_panels,
    ]
    base_form_class = VideoPageForm
    parent_page_types = ["pages.VideoIndexPage"]
    subpage_types = []
    template = "pages/video_page.html"

    class Meta:
        verbose_name = _("동영상")

    def clean(self):
        super().clean()
        errors = {}
        if self.video_url:
            try:
                parse_video_url(self.video_url)
            except VideoURLError as exc:
                errors["video_url"] = exc.message
        if self.video_file is not None and _extension(self.video_file) not in VIDEO_EXTENSIONS:
            errors["video_file"] = _(
                "동영상 파일은 %(extensions)s 형식이어야 합니다. 고른 파일: %(name)s"
            ) % {"extensions": ", ".join(VIDEO_EXTENSIONS), "name": self.video_file.filename}
        if errors:
            raise ValidationError(errors)

    @cached_property
    def source(self) -> VideoSource | None:
        """The YouTube or Naver TV video, when the video is not an uploaded file."""
        if self.video_file_id or not self.video_url:
            return None
        try:
            return parse_video_url(self.video_url)
        except VideoURLError:
            return None

    def caption_tracks(self, language: str) -> list[VideoCaption]:
        """Captions in display order, the one in the reader's language marked as default."""
        tracks = list(self.captions.select_related("file").all())
        default = next((t for t in tracks if t.language == language), tracks[0] if tracks else None)
        for track in tracks:
            track.is_default = track is default
        return tracks

    def get_context(self, request, *args, **kwargs):
        from django.utils.translation import get_language

        context = super().get_context(request, *args, **kwargs)
        language = (get_language() or settings.LANGUAGE_CODE).lower()
        tracks = self.caption_tracks(language)
        context["caption_tracks"] = tracks
        context["source"] = self.source
        if not _has_text(self.transcript):
            default = next((t for t in tracks if t.is_default), None)
            lines = []
            if default is not None:
                try:
                    lines = [c.plain_text for c in caption_cues(default.file) if c.plain_text]
                except (WebVTTError, OSError):
                    lines = []
            context["caption_transcript"] = lines
        return context


class VideoCaption(Orderable):
    """One caption file (WebVTT) of a video, in one language."""

    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("언어"), max_length=10, choices=CAPTION_LANGUAGES, default="ko")
    label = models.CharField(
        _("표시 이름"),
        max_length=40,
        blank=True,
        help_text=_("플레이어의 자막 메뉴에 보이는 이름입니다. 비워 두면 언어 이름을 씁니다."),
    )
    file = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("자막 파일(.vtt)"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("language"), FieldPanel("label"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("자막")
        verbose_name_plural = _("자막")

    @property
    def display_label(self) -> str:
        return self.label or str(dict(CAPTION_LANGUAGES).get(self.language, self.language))

    def clean(self):
        super().clean()
        if self.file_id is None:
            return
        if _extension(self.file) != "vtt":
            raise ValidationError(
                {
                    "file": _(
                        "자막은 WebVTT(.vtt) 파일이어야 합니다. 고른 파일: %(name)s. SRT 자막은 "
                        "첫 줄에 WEBVTT를 넣고 시간의 쉼표를 마침표로 바꿔 .vtt로 저장하세요."
                    )
                    % {"name": self.file.filename}
                }
            )
        try:
            with self.file.file.open("rb") as handle:
                parse_webvtt(handle.read())
        except WebVTTError as exc:
            raise ValidationError({"file": exc.message}) from None
        except OSError:
            raise ValidationError(
                {"file": _("자막 파일을 읽을 수 없습니다. 파일을 다시 올려 주세요.")}
            ) from None


class LiveStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("예정")
    LIVE = "live", _("방송 중")
    ENDED = "ended", _("종료")


class LiveStreamPage(OwnedContentMixin, Page):
    """A live broadcast (실시간 중계, 조례 제2조 제7호): when it runs, where to watch, and the
    replay once it is over."""

    summary = models.CharField(_("요약"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("방송 시작"))
    ends_at = models.DateTimeField(_("방송 종료"))
    stream_url = models.URLField(
        _("방송 주소"),
        max_length=300,
        blank=True,
        help_text=_(
            "YouTube 또는 네이버TV 방송 주소. YouTube·네이버TV 동영상 주소면 이 페이지 안에서 "
            "보여 주고, 그 밖의 주소는 새 창 링크로 보여 줍니다. 아직 없으면 비워 둡니다."
        ),
    )
    fallback_text = RichTextField(
        _("방송을 볼 수 없을 때 안내"),
        features=TRANSCRIPT_FEATURES,
        blank=True,
        help_text=_("수어·문자통역 제공 여부, 다시보기 일정, 문의 전화 등을 적습니다."),
    )
    replay_page = models.ForeignKey(
        "pages.VideoPage",
        verbose_name=_("다시보기"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("방송이 끝난 뒤 올린 동영상 페이지를 고르세요."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("방송 시간")),
        FieldPanel("stream_url"),
        FieldPanel("fallback_text"),
        FieldPanel("replay_page"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.VideoIndexPage"]
    subpage_types = []
    template = "pages/live_stream_page.html"

    class Meta:
        verbose_name = _("생중계")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("방송 종료 시각은 시작 시각보다 늦어야 합니다.")
        if self.stream_url and not self.stream_url.lower().startswith("https://"):
            errors["stream_url"] = _("방송 주소는 https://로 시작해야 합니다.")
        if errors:
            raise ValidationError(errors)

    def status_at(self, moment) -> LiveStatus:
        if moment < self.starts_at:
            return LiveStatus.SCHEDULED
        if moment < self.ends_at:
            return LiveStatus.LIVE
        return LiveStatus.ENDED

    @property
    def status(self) -> LiveStatus:
        return self.status_at(timezone.now())

    @cached_property
    def source(self) -> VideoSource | None:
        if not self.stream_url:
            return None
        try:
            return parse_video_url(self.stream_url)
        except VideoURLError:
            return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        status = self.status
        context["status"] = status
        context["source"] = self.source if status != LiveStatus.ENDED else None
        replay = self.replay_page
        context["replay"] = replay if replay is not None and replay.live else None
        return context

    def next_status_change(self, moment):
        """When the status next changes (start or end), or None once the broadcast ended."""
        return next((t for t in (self.starts_at, self.ends_at) if t and t > moment), None)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The status (예정 → 방송 중 → 종료) changes with the clock, not with a publish: shared
        # caches may keep this page for a minute at most, and the page cache (madang.core.cache,
        # entries live MADANG_PAGE_CACHE_SECONDS) must not keep it past the next change.
        # Publishing (a new time, an early end) invalidates the page cache at once.
        from django.utils.cache import patch_cache_control

        if status_changes_within_cache_lifetime([self]):
            patch_cache_control(response, no_cache=True)
        else:
            patch_cache_control(response, max_age=60)
        return response


def status_changes_within_cache_lifetime(streams) -> bool:
    """True when one of these live streams starts or ends before a page-cache entry made now
    would expire: such a page is not stored (`Cache-Control: no-cache`), so readers never see a
    stale 예정/방송 중 status."""
    from datetime import timedelta

    from madang.core.cache import cache_seconds

    seconds = cache_seconds()
    if seconds <= 0:
        return False
    now = timezone.now()
    horizon = now + timedelta(seconds=seconds)
    for stream in streams:
        change = stream.next_status_change(now)
        if change is not None and change <= horizon:
            return True
    return False
