"""Internet broadcasting (조례 제2조 제7호): WebVTT checks, video addresses, video and live
pages."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from wagtail.documents import get_document_model

from madang.pages.models import LiveStatus, LiveStreamPage, VideoCaption, VideoIndexPage, VideoPage
from madang.pages.video_sources import VideoURLError, parse_video_url
from madang.pages.webvtt import WebVTTError, parse_webvtt

GOOD_VTT = (
    "WEBVTT - 동작TV\n\nNOTE 검수 완료\n\n1\n00:00:01.000 --> 00:00:03.500 line:90%\n"
    "<v 진행자>안녕하세요.</v>\n\n00:03.500 --> 00:05.000\n동작구청 &amp; 구의회\n"
)


# --- WebVTT ----------------------------------------------------------------------------------


def test_webvtt_cues_parse_with_identifiers_notes_settings_and_short_timestamps():
    cues = parse_webvtt(GOOD_VTT.encode("utf-8"))
    assert [(c.start, c.end) for c in cues] == [(1.0, 3.5), (3.5, 5.0)]
    assert [c.plain_text for c in cues] == ["안녕하세요.", "동작구청 & 구의회"]


def test_webvtt_accepts_bom_and_windows_line_ends():
    data = ("\ufeff" + GOOD_VTT).replace("\n", "\r\n").encode("utf-8")
    assert len(parse_webvtt(data)) == 2


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"1\n00:00:01,000 --> 00:00:02,000\nhi\n", "첫 줄은 'WEBVTT'"),
        (b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nhi\n", "3번째 줄의 시간 표시"),
        (b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nhi\n", "끝 시간이 시작 시간보다"),
        (b"WEBVTT\n00:00:01.000 --> 00:00:02.000\nhi\n", "빈 줄을 하나"),
        (b"WEBVTT\n\n", "자막이 하나도 없습니다"),
        (b"WEBVTT\n\nintro\nhello\n", "시간 표시가 없습니다"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n안녕\n".encode("cp949"), "UTF-8"),
        (
            b"WEBVTT\n\n00:00:05.000 --> 00:00:06.000\na\n\n00:00:01.000 --> 00:00:02.000\nb\n",
            "시작 시간 순서대로",
        ),
    ],
)
def test_broken_webvtt_is_refused_with_a_korean_fix(data, expected):
    with pytest.raises(WebVTTError) as error:
        parse_webvtt(data)
    assert expected in error.value.message


@given(
    st.lists(
        st.tuples(
            st.integers(0, 36_000_000), st.integers(1, 600_000), st.text("가나다 abc", min_size=1)
        ),
        min_size=1,
        max_size=20,
    )
)
def test_webvtt_written_from_any_timings_reads_back(raw):
    def stamp(ms):
        return (
            f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
        )

    cues = sorted((start, start + length, text.strip() or "x") for start, length, text in raw)
    data = "WEBVTT\n\n" + "\n\n".join(f"{stamp(a)} --> {stamp(b)}\n{t}" for a, b, t in cues)
    parsed = parse_webvtt(data)
    assert [(round(c.start * 1000), round(c.end * 1000)) for c in parsed] == [
        (a, b) for a, b, _t in cues
    ]


# --- YouTube and Naver TV addresses ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10s",
        "https://youtu.be/dQw4w9WgXcQ?si=abc",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube.com/live/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ],
)
def test_youtube_forms_embed_from_nocookie_without_autoplay(url):
    source = parse_video_url(url)
    assert source.provider == "youtube" and source.video_id == "dQw4w9WgXcQ"
    assert source.embed_url.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?")
    assert "autoplay" not in source.embed_url.lower()


@pytest.mark.parametrize(
    "url",
    [
        "https://tv.naver.com/v/12345678",
        "https://m.tv.naver.com/v/12345678/",
        "https://tv.naver.com/embed/12345678",
    ],
)
def test_naver_tv_forms_embed_with_autoplay_off(url):
    source = parse_video_url(url)
    assert source.embed_url == "https://tv.naver.com/embed/12345678?autoPlay=false"
    assert source.watch_url == "https://tv.naver.com/v/12345678"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/@dongjak",
        "https://www.youtube.com/playlist?list=PL123",
        "https://www.youtube.com/watch?v=short",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://tv.naver.com/dongjak",
        "javascript:alert(1)",
        "https://vimeo.com/123",
    ],
)
def test_other_addresses_are_refused_with_examples(url):
    with pytest.raises(VideoURLError) as error:
        parse_video_url(url)
    assert "youtu.be" in error.value.message and "tv.naver.com/v/" in error.value.message


# --- Pages -------------------------------------------------------------------------------------


def _document(title, name, data):
    Document = get_document_model()
    doc = Document(title=title)
    doc.file.save(name, ContentFile(data), save=False)
    doc._set_document_file_metadata()
    doc.save()
    return doc


@pytest.fixture
def small_site(db):
    """A home page as the default site, the demo departments and 동작TV: much faster than the
    whole demo site, which these tests do not need."""
    from django.core.cache import cache
    from wagtail.models import Locale, Page, Site

    from madang.departments.demo import load_departments
    from madang.departments.models import Department
    from madang.pages.demo import _load_broadcasting
    from madang.pages.models import HomePage

    cache.clear()
    locale, _created = Locale.objects.get_or_create(language_code="ko")
    root = Page.get_first_root_node()
    if root is None:  # a transactional test before this one flushed Wagtail's tree root
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage(title="동작구청", slug="small-home", locale=locale)
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    load_departments()
    _load_broadcasting(home, {d.code: d for d in Department.objects.all()})
    yield home
    cache.clear()


@pytest.fixture
def tv(small_site):
    return VideoIndexPage.objects.child_of(small_site).get(slug="dongjak-tv")


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_uploaded_video_has_caption_tracks_and_never_autoplays(client, tv):
    response = client.get("/dongjak-tv/weekly-news/")
    html = response.content.decode()
    assert response.status_code == 200
    video = html[html.index("<video") : html.index("</video>")]
    assert "controls" in video and "autoplay" not in video
    caption = VideoCaption.objects.get(page__slug="weekly-news")
    assert (
        f'<track kind="captions" src="/video-captions/{caption.pk}.vtt" srclang="ko" '
        'label="한국어" default>' in video
    )
    assert "원고(대본)" in html and "동작구청 인터넷방송 동작TV입니다." in html
    vtt = client.get(f"/video-captions/{caption.pk}.vtt")
    assert vtt["Content-Type"] == "text/vtt; charset=utf-8"
    assert vtt.content.startswith(b"WEBVTT")


@pytest.mark.django_db
def test_captions_of_unpublished_videos_are_not_served(client, tv):
    caption = VideoCaption.objects.get(page__slug="weekly-news")
    VideoPage.objects.get(slug="weekly-news").unpublish()
    assert client.get(f"/video-captions/{caption.pk}.vtt").status_code == 404
    assert client.get("/video-captions/999999.vtt").status_code == 404


@pytest.mark.django_db
def test_youtube_video_is_an_iframe_with_a_title_and_transcript_from_captions(client, tv):
    vtt = _document("자막", "c.vtt", GOOD_VTT.encode("utf-8"))
    _publish(
        tv,
        VideoPage(
            title="구청장 신년사",
            slug="new-year",
            video_url="https://youtu.be/dQw4w9WgXcQ",
            owner_department=tv.owner_department,
            captions=[VideoCaption(language="ko", file=vtt)],
        ),
    )
    html = client.get("/dongjak-tv/new-year/").content.decode()
    assert (
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
        '?rel=0&amp;cc_load_policy=1&amp;hl=ko" '
        'title="동영상: 구청장 신년사 (YouTube 플레이어)"' in html
    )
    assert "autoplay=1" not in html.lower()
    # No transcript written: the captions are shown as the transcript.
    assert "<p>안녕하세요.</p><p>동작구청 &amp; 구의회</p>" in html


@pytest.mark.django_db
def test_video_page_model_checks_its_address_and_file_type(tv):
    page = VideoPage(
        title="x", slug="x", video_url="https://vimeo.com/1", owner_department=tv.owner_department
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "YouTube 또는 네이버TV" in error.value.message_dict["video_url"][0]
    page = VideoPage(
        title="x",
        slug="x",
        video_file=_document("표", "a.pdf", b"%PDF-1.4"),
        owner_department=tv.owner_department,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "mp4, webm" in error.value.message_dict["video_file"][0]


@pytest.mark.django_db
def test_caption_file_must_be_valid_webvtt(tv):
    srt = _document("srt", "a.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nhi\n")
    with pytest.raises(ValidationError) as error:
        VideoCaption(file=srt, language="ko").clean()
    assert "첫 줄은 'WEBVTT'" in error.value.message_dict["file"][0]
    wrong_type = _document("txt", "a.txt", b"WEBVTT\n")
    with pytest.raises(ValidationError) as error:
        VideoCaption(file=wrong_type, language="ko").clean()
    assert "WebVTT(.vtt)" in error.value.message_dict["file"][0]
    VideoCaption(file=_document("ok", "ok.vtt", GOOD_VTT.encode()), language="ko").clean()


def _draftail(text: str) -> str:
    """What the admin's rich-text editor posts for one paragraph of `text`."""
    import json

    block = {"key": "a", "type": "unstyled", "text": text, "depth": 0}
    block.update({"inlineStyleRanges": [], "entityRanges": [], "data": {}})
    return json.dumps({"blocks": [block], "entityMap": {}})


def _admin_form(tv, user, data):
    form_class = VideoPage.get_edit_handler().get_form_class()
    base = {
        "title": "영상",
        "transcript": _draftail(""),
        "slug": "video",
        "owner_department": tv.owner_department.pk,
        "captions-TOTAL_FORMS": "0",
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
    }
    base.update(data)
    return form_class(base, instance=VideoPage(), parent_page=tv, for_user=user)


@pytest.mark.django_db
def test_admin_form_needs_one_source_and_captions_or_a_transcript(tv, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "x" * 12)
    clip = _document("clip", "clip.webm", b"\x1aE\xdf\xa3")
    vtt = _document("cc", "cc.vtt", GOOD_VTT.encode())

    form = _admin_form(tv, user, {})
    assert not form.is_valid()
    assert "YouTube·네이버TV 주소" in str(form.errors["video_file"])

    form = _admin_form(
        tv, user, {"video_file": clip.pk, "video_url": "https://youtu.be/dQw4w9WgXcQ"}
    )
    assert not form.is_valid()
    assert "하나만" in str(form.errors["video_url"])

    form = _admin_form(tv, user, {"video_file": clip.pk, "transcript": _draftail("원고")})
    assert not form.is_valid()
    assert "자막 파일(.vtt)이 하나 이상" in str(form.errors["video_file"])

    form = _admin_form(tv, user, {"video_url": "https://youtu.be/dQw4w9WgXcQ"})
    assert not form.is_valid()
    assert "원고(대본)를 적거나" in str(form.errors["transcript"])

    two_korean = {
        "video_file": clip.pk,
        "captions-TOTAL_FORMS": "2",
        "captions-0-language": "ko",
        "captions-0-file": vtt.pk,
        "captions-0-ORDER": "1",
        "captions-1-language": "ko",
        "captions-1-file": vtt.pk,
        "captions-1-ORDER": "2",
    }
    form = _admin_form(tv, user, two_korean)
    assert not form.is_valid()
    assert "같은 언어의 자막" in str(form.formsets["captions"].forms[1].errors)

    form = _admin_form(tv, user, {**two_korean, "captions-1-language": "en"})
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["captions"].forms])


@pytest.mark.django_db
def test_live_stream_status_follows_the_clock(tv):
    now = timezone.now()
    page = LiveStreamPage(starts_at=now, ends_at=now + timedelta(hours=2))
    assert page.status_at(now - timedelta(seconds=1)) == LiveStatus.SCHEDULED
    assert page.status_at(now) == LiveStatus.LIVE
    assert page.status_at(now + timedelta(hours=2)) == LiveStatus.ENDED
    page = LiveStreamPage(
        title="x", slug="x", starts_at=now, ends_at=now, stream_url="http://example.com/live",
        owner_department=tv.owner_department,
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"ends_at", "stream_url"}


@pytest.mark.django_db
def test_live_pages_show_their_status_and_what_to_watch(client, tv):
    ended = client.get("/dongjak-tv/budget-briefing-live/")
    html = ended.content.decode()
    assert "종료" in html and "다시보기: 이번 주 동작 소식" in html and "<iframe" not in html
    assert "max-age=60" in ended["Cache-Control"]
    scheduled = client.get("/dongjak-tv/council-session-live/").content.decode()
    assert "예정" in scheduled and "방송 주소는 방송 시작 전에" in scheduled
    now = timezone.now()
    _publish(
        tv,
        LiveStreamPage(
            title="구청장 현장 소통",
            slug="on-air",
            starts_at=now - timedelta(minutes=5),
            ends_at=now + timedelta(hours=1),
            stream_url="https://www.youtube.com/live/dQw4w9WgXcQ",
            owner_department=tv.owner_department,
        ),
    )
    live = client.get("/dongjak-tv/on-air/").content.decode()
    assert "방송 중" in live
    assert 'title="생중계: 구청장 현장 소통 (YouTube 플레이어)"' in live
    assert "autoplay" not in live.lower()
    index = client.get("/dongjak-tv/").content.decode()
    assert "구청장 현장 소통" in index and "이번 주 동작 소식" in index
