"""Issue #5 speed for operators and the API: list snapshots warmed ahead of readers (job and
command, a short wait behind another process's build), board pages in the page cache with
precise invalidation, and attachments through the API."""

import io
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from madang.boards import listing, selectors, services
from madang.boards.choices import LISTED_STATUSES, PostStatus
from madang.boards.models import Attachment, Board, Post
from madang.core.cache import CACHE_HEADER
from madang.core.scheduling import registered_jobs

pytestmark = pytest.mark.django_db
API = "/api/v1/boards"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.BOARD_RATE_LIMIT_PER_ACCOUNT = 10_000
    settings.BOARD_RATE_LIMIT_PER_IP = 10_000


def make(board, user, n, **kw):
    return services.post_create(
        acting_user=user,
        board=board,
        title=f"글 {n}",
        body=f"의견 {n} {'나' * (n % 5)} {n * 7919}",
        **kw,
    )


def listed_ids(board):
    rows = Post.objects.filter(board=board, status__in=LISTED_STATUSES)
    return list(rows.order_by("-is_pinned", "-created_at", "-id").values_list("id", flat=True))


# --- 1. warming the list snapshot ----------------------------------------------------------


def test_warm_builds_rolls_forward_and_keeps_a_current_snapshot(free_board, citizen, monkeypatch):
    monkeypatch.setattr(listing, "ANCHOR_STEP", 4)
    for n in range(6):
        make(free_board, citizen, n)
    board = Board.objects.get(pk=free_board.pk)
    cache.delete(listing._cache_key(board.pk))
    assert listing.warm(board) == "built"
    assert cache.get(listing._cache_key(board.pk))["total"] == 6
    assert listing.warm(board) == "fresh"
    for n in range(6, 9):
        make(free_board, citizen, n)
    assert listing.warm(board) == "rolled"
    snap = cache.get(listing._cache_key(board.pk))
    assert snap["total"] == 9 and snap["v"] == board.list_version
    # The warmed snapshot answers every page exactly as OFFSET would.
    ids = listed_ids(board)
    for page in (1, 2, 3):
        got = selectors.board_post_page(board=board, page=page, per_page=3)
        assert [p.pk for p in got.posts] == ids[(page - 1) * 3 : page * 3]


def test_warm_rebuilds_a_snapshot_of_another_version(free_board, citizen, moderator):
    make(free_board, citizen, 1)
    post = make(free_board, citizen, 2)
    listing.warm(Board.objects.get(pk=free_board.pk))
    stale = cache.get(listing._cache_key(free_board.pk))
    services.post_withdraw(acting_user=citizen, post=post)  # leaves the list: a new version
    cache.set(listing._cache_key(free_board.pk), stale)  # another process's old copy
    board = Board.objects.get(pk=free_board.pk)
    assert listing.warm(board) == "built"
    assert cache.get(listing._cache_key(board.pk))["v"] == board.list_version


def test_job_is_registered_and_warms_every_active_board(free_board, notice_board, citizen):
    from madang.boards.tasks import warm_board_lists

    job = registered_jobs()["madang.boards.tasks.warm_board_lists"]
    assert job.every is not None and job.every.total_seconds() <= 600
    make(free_board, citizen, 1)
    notice_board.is_active = False
    notice_board.save()
    result = warm_board_lists.enqueue().return_value
    assert result == {"free": "built"}
    assert cache.get(listing._cache_key(free_board.pk)) is not None
    assert cache.get(listing._cache_key(notice_board.pk)) is None


def test_command_warms_and_reports(free_board, citizen, capsys):
    make(free_board, citizen, 1)
    call_command("warm_board_lists")
    assert "free: built" in capsys.readouterr().out
    call_command("warm_board_lists", "free")
    assert "free: fresh" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nope"):
        call_command("warm_board_lists", "nope")


def test_reader_does_not_wait_behind_another_build(free_board, citizen, monkeypatch):
    """Another process holds the build lock and has not stored a snapshot yet: an early page
    is answered within the short wait, by OFFSET, and is exactly right."""
    monkeypatch.setattr(listing, "ANCHOR_STEP", 4)
    for n in range(7):
        make(free_board, citizen, n)
    board = Board.objects.get(pk=free_board.pk)
    cache.delete(listing._cache_key(board.pk))
    cache.add(listing._lock_key(board.pk), 1, 30)  # someone else is building
    started = time.monotonic()
    got = selectors.board_post_page(board=board, page=1, per_page=3)
    assert time.monotonic() - started < 1.0
    ids = listed_ids(board)
    assert [p.pk for p in got.posts] == ids[:3]
    assert got.total == 5  # counted only up to ANCHOR_STEP + 1 while the build runs
    assert cache.get(listing._cache_key(board.pk)) is None  # it did not build it too
    # A deep page cannot be answered by a short OFFSET: that reader builds it.
    deep = selectors.board_post_page(board=board, page=3, per_page=3)
    assert [p.pk for p in deep.posts] == ids[6:9] and deep.total == 7
    assert cache.get(listing._cache_key(board.pk))["total"] == 7
    assert cache.get(listing._lock_key(board.pk)) == 1  # the other process's lock is theirs


def test_reader_takes_the_snapshot_another_process_just_built(free_board, citizen, monkeypatch):
    for n in range(3):
        make(free_board, citizen, n)
    board = Board.objects.get(pk=free_board.pk)
    built = listing._build(board).dump()
    cache.delete(listing._cache_key(board.pk))
    cache.add(listing._lock_key(board.pk), 1, 30)
    real_sleep = time.sleep

    def other_process_finishes(seconds):
        cache.set(listing._cache_key(board.pk), built)
        real_sleep(seconds)

    monkeypatch.setattr(listing.time, "sleep", other_process_finishes)
    built_here = []
    monkeypatch.setattr(listing, "_build", lambda b: built_here.append(b) or None)
    snap = listing.snapshot_for(board, shallow=False)
    assert snap.total == 3 and built_here == []


# --- 2. board pages in the page cache ------------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    settings.MADANG_PAGE_CACHE_SECONDS = 300


def list_url(board):
    return reverse("boards:list", args=[board.slug])


def detail_url(post):
    return reverse("boards:post_detail", args=[post.board.slug, post.public_id])


def test_cached_list_shows_a_new_post_at_once(
    client, page_cache_on, free_board, notice_board, citizen, django_capture_on_commit_callbacks
):
    make(free_board, citizen, 1)
    assert client.get(list_url(free_board))[CACHE_HEADER] == "miss"
    assert client.get(list_url(notice_board))[CACHE_HEADER] == "miss"
    assert client.get(list_url(free_board))[CACHE_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(
            acting_user=citizen, board=free_board, title="새 글 공원 벤치", body="벤치가 부서졌어요"
        )
    fresh = client.get(list_url(free_board))
    assert fresh[CACHE_HEADER] == "miss"
    assert "새 글 공원 벤치" in fresh.content.decode()
    # Only that board's pages went stale.
    assert client.get(list_url(notice_board))[CACHE_HEADER] == "hit"


def test_cached_list_and_post_show_the_deletion_marker_at_once(
    client, page_cache_on, free_board, citizen, moderator, django_capture_on_commit_callbacks
):
    post = make(free_board, citizen, 1)
    client.get(list_url(free_board))
    assert client.get(list_url(free_board))[CACHE_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.post_delete_for_reason(acting_user=moderator, post=post, reason=4)
    marker = "madang-deleted-marker"
    listed = client.get(list_url(free_board)).content.decode()
    assert marker in listed and "제8조 제4호" in listed
    detail = client.get(detail_url(post)).content.decode()
    assert marker in detail and post.title not in detail
    with django_capture_on_commit_callbacks(execute=True):
        services.post_restore(acting_user=moderator, post=Post.objects.get(pk=post.pk))
    restored = client.get(list_url(free_board))
    assert restored[CACHE_HEADER] == "miss"
    assert marker not in restored.content.decode() and post.title in restored.content.decode()


def test_post_pages_are_never_stored_so_every_read_counts(
    client, page_cache_on, free_board, citizen
):
    post = make(free_board, citizen, 1)
    for _ in range(3):
        assert CACHE_HEADER not in client.get(detail_url(post))
    assert Post.objects.get(pk=post.pk).view_count == 3


def test_a_comment_and_a_report_hide_refresh_the_post_page(
    client,
    page_cache_on,
    free_board,
    citizen,
    citizen2,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.BOARD_REPORT_HIDE_THRESHOLD = 1
    post = make(free_board, citizen, 1)
    client.get(detail_url(post))
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(acting_user=citizen2, post=post, body="좋은 의견 감사합니다")
    page = client.get(detail_url(post))
    assert "좋은 의견 감사합니다" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_create(acting_user=citizen2, post=post, reason=6)
    assert Post.objects.get(pk=post.pk).status == PostStatus.HIDDEN
    hidden = client.get(detail_url(post))
    assert "의견 1 " not in hidden.content.decode()


def test_secret_posts_and_signed_in_readers_are_not_cached(
    client, page_cache_on, free_board, citizen
):
    secret = make(free_board, citizen, 1, is_secret=True)
    client.force_login(citizen)
    assert CACHE_HEADER not in client.get(detail_url(secret))
    assert CACHE_HEADER not in client.get(list_url(free_board))
    client.logout()
    client.cookies.clear()
    assert client.get(detail_url(secret)).status_code == 404
    post = make(free_board, citizen, 2)
    assert CACHE_HEADER not in client.get(detail_url(post))


# --- 3. attachments through the API --------------------------------------------------------


def png_bytes():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buf, format="PNG", pnginfo=None)
    return buf.getvalue()


def test_api_creates_a_post_with_files_and_lists_them(client, free_board, citizen):
    client.force_login(citizen)
    response = client.post(
        f"{API}/free/posts/with-files",
        {
            "title": "사진 첨부",
            "body": "놀이터 그네가 부서졌어요",
            "files": [
                SimpleUploadedFile("그네.png", png_bytes()),
                SimpleUploadedFile("안내.pdf", b"%PDF-1.7\n..."),
            ],
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert [a["name"] for a in data["attachments"]] == ["그네.png", "안내.pdf"]
    assert data["attachments"][1] == {
        "name": "안내.pdf",
        "extension": "pdf",
        "size": len(b"%PDF-1.7\n..."),
        "url": data["attachments"][1]["url"],
    }
    post = Post.objects.get(public_id=data["id"])
    assert post.attachments.count() == 2
    client.logout()
    read = client.get(f"{API}/free/posts/{post.public_id}").json()
    download = client.get(read["attachments"][1]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7\n..."


def test_api_files_get_the_web_form_checks_and_nothing_is_stored_on_refusal(
    client, free_board, citizen
):
    client.force_login(citizen)
    fake = client.post(
        f"{API}/free/posts/with-files",
        {"title": "t", "body": "공원 의견", "files": [SimpleUploadedFile("a.pdf", b"MZ\x90\0")]},
    )
    assert fake.status_code == 422
    assert "확장자(pdf)와 맞지 않습니다" in fake.json()["message"]
    exe = client.post(
        f"{API}/free/posts/with-files",
        {"title": "t", "body": "공원 의견", "files": [SimpleUploadedFile("a.exe", b"MZ")]},
    )
    assert exe.status_code == 422 and "올릴 수 없는 형식" in exe.json()["message"]
    free_board.max_attachments = 1
    free_board.save()
    too_many = client.post(
        f"{API}/free/posts/with-files",
        {
            "title": "t",
            "body": "공원 의견",
            "files": [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.7") for i in range(2)],
        },
    )
    assert too_many.status_code == 422 and "1개까지" in too_many.json()["message"]
    assert Post.objects.count() == 0 and Attachment.objects.count() == 0


def test_api_images_are_reencoded(client, free_board, citizen):
    client.force_login(citizen)
    original = png_bytes() + b"trailing-data-that-re-encoding-drops"
    response = client.post(
        f"{API}/free/posts/with-files",
        {"title": "사진", "body": "사진 첨부", "files": [SimpleUploadedFile("a.png", original)]},
    )
    assert response.status_code == 201
    stored = Attachment.objects.get()
    with stored.file.open("rb") as f:
        data = f.read()
    assert data.startswith(b"\x89PNG") and b"trailing-data" not in data


def test_secret_post_attachments_only_for_author_and_staff(
    client, free_board, citizen, citizen2, moderator
):
    client.force_login(citizen)
    created = client.post(
        f"{API}/free/posts/with-files",
        {
            "title": "비밀",
            "body": "비밀 의견",
            "is_secret": "true",
            "files": [SimpleUploadedFile("a.pdf", b"%PDF-1.7")],
        },
    ).json()
    url = created["attachments"][0]["url"]
    assert client.get(url).status_code == 200
    read = f"{API}/free/posts/{created['id']}"
    client.force_login(citizen2)
    assert client.get(read).status_code == 404
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(moderator)
    assert len(client.get(read).json()["attachments"]) == 1
    assert client.get(url).status_code == 200


def test_schema_has_the_multipart_create_and_the_download(client):
    schema = client.get("/api/v1/openapi.json").json()
    create = schema["paths"]["/api/v1/boards/{slug}/posts/with-files"]["post"]
    assert "multipart/form-data" in create["requestBody"]["content"]
    assert "/api/v1/boards/{slug}/posts/{public_id}/attachments/{attachment_id}" in schema["paths"]
