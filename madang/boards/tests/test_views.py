"""Public board pages and the moderator queue, through the test client."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madang.boards import moderation, services
from madang.boards.choices import PostStatus
from madang.boards.models import Post

pytestmark = pytest.mark.django_db


def make(board, user, n=0, **kw):
    kw.setdefault("title", f"의견 {n}")
    kw.setdefault("body", f"공원 관리 의견 번호 {n} 입니다 {'가' * (n % 7)} {n * 37}")
    return services.post_create(acting_user=user, board=board, **kw)


def list_url(board, **query):
    url = reverse("boards:list", args=[board.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def detail_url(post):
    return reverse("boards:post_detail", args=[post.board.slug, post.public_id])


def test_board_index(client, free_board):
    response = client.get(reverse("boards:index"))
    assert response.status_code == 200
    assert "자유게시판" in response.content.decode()


def _fill(board, user, count, settings):
    settings.BOARD_RATE_LIMIT_PER_ACCOUNT = 1000
    settings.BOARD_RATE_LIMIT_PER_IP = 1000
    board.policy_repeated = "publish"  # generated posts look alike (제8조 제8호)
    board.save()
    for n in range(count):
        make(board, user, n)


def test_list_query_count_does_not_grow(client, free_board, citizen, settings):
    _fill(free_board, citizen, 3, settings)
    client.get(list_url(free_board))  # warm caches (site, settings)
    with CaptureQueriesContext(connection) as few:
        assert client.get(list_url(free_board)).status_code == 200
    _fill(free_board, citizen, 30, settings)
    Post.objects.filter(pk__in=Post.objects.values("pk")[:2]).update(is_secret=True)
    with CaptureQueriesContext(connection) as many:
        assert client.get(list_url(free_board, page=2)).status_code == 200
    assert len(many) == len(few)


def test_list_query_budget(client, free_board, citizen, settings, django_assert_max_num_queries):
    _fill(free_board, citizen, 20, settings)
    client.force_login(citizen)
    client.get(list_url(free_board))
    # session, user, session save (idle tracking), site/menu/identity of the layout (5),
    # board, block check, and the list's three (pinned and newest ids, page ids, rows with
    # authors and counts: madang.boards.listing): 15 whatever the page size or depth.
    with django_assert_max_num_queries(15):
        client.get(list_url(free_board))


def test_pinned_first_and_pagination(client, free_board, citizen, moderator, settings):
    settings.BOARD_POSTS_PER_PAGE = 5
    notice = make(free_board, moderator, 99, title="운영 공지", is_pinned=True)
    _fill(free_board, citizen, 7, settings)
    html = client.get(list_url(free_board)).content.decode()
    assert html.index("운영 공지") < html.index("의견 6")
    assert 'aria-current="page"' in html and "?page=2" in html
    page2 = client.get(list_url(free_board, page=2)).content.decode()
    assert "의견 0" in page2 and notice.title not in page2
    assert client.get(list_url(free_board, page="abc")).status_code == 200


def test_deleted_post_marker_in_list_and_detail(client, free_board, citizen, moderator, settings):
    settings.MADANG_ORDINANCE_NAME = "시험구 조례"
    post = make(free_board, citizen, 1, title="지워질 글")
    services.post_delete_for_reason(acting_user=moderator, post=post, reason=4)
    html = client.get(list_url(free_board)).content.decode()
    assert (
        "이 게시물은 「시험구 조례」 제8조 제4호"
        "(특정인을 비방하거나 명예훼손의 우려가 있는 경우)에 따라" in html
    )
    assert "지워질 글" not in html
    detail = client.get(detail_url(post)).content.decode()
    assert "제8조 제4호" in detail and "지워질 글" not in detail


def test_author_sees_reason_and_can_object(client, free_board, citizen, moderator):
    post = make(free_board, citizen, 1)
    services.post_delete_for_reason(acting_user=moderator, post=post, reason=5)
    client.force_login(citizen)
    html = client.get(detail_url(post)).content.decode()
    assert "작성자 안내" in html and "이의신청" in html
    response = client.post(
        reverse("boards:objection", args=[free_board.slug, post.public_id]),
        {"text": "광고가 아니라 행사 안내입니다"},
    )
    assert response.status_code == 302
    assert post.objections.count() == 1


def test_secret_post_hidden_from_others(client, free_board, citizen, citizen2):
    post = make(free_board, citizen, 1, title="비밀 상담", is_secret=True)
    html = client.get(list_url(free_board)).content.decode()
    assert "비밀 상담" not in html and "비밀글입니다." in html
    client.force_login(citizen2)
    assert client.get(detail_url(post)).status_code == 404
    client.force_login(citizen)
    assert client.get(detail_url(post)).status_code == 200


def test_held_post_visible_only_to_author(client, free_board, citizen, citizen2):
    post = make(free_board, citizen, 1, body="김철수 씨는 사기꾼입니다")
    assert post.status == PostStatus.HELD
    assert "의견 1" not in client.get(list_url(free_board)).content.decode()
    assert client.get(detail_url(post)).status_code == 404
    client.force_login(citizen)
    assert "검토 후 게시" in client.get(detail_url(post)).content.decode()


def test_unknown_post_and_board_404(client, free_board):
    assert client.get(reverse("boards:post_detail", args=["free", "nope"])).status_code == 404
    assert client.get(reverse("boards:list", args=["nope"])).status_code == 404


def test_write_requires_login(client, free_board):
    response = client.get(reverse("boards:post_create", args=[free_board.slug]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_write_form_open_to_citizen(client, free_board, citizen):
    client.force_login(citizen)
    html = client.get(reverse("boards:post_create", args=[free_board.slug])).content.decode()
    assert 'primary">등록</button>' in html and "disabled" not in html
    assert "권한이 없습니다" not in html


def test_write_masks_mobile(client, free_board, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("boards:post_create", args=[free_board.slug]),
        {"title": "연락처 남깁니다", "body": "제 번호는 010-1234-5678 입니다", "category": "교통"},
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "010-****-5678" in html and "010-1234-5678" not in html


def test_refused_post_keeps_typed_text(client, free_board, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("boards:post_create", args=[free_board.slug]),
        {"title": "쓰레기 수거", "body": "씨발 진짜 쓰레기 수거 언제 해 가냐고"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "제8조 제6호" in html
    assert 'value="쓰레기 수거"' in html and "쓰레기 수거 언제 해 가냐고</textarea>" in html
    assert not Post.objects.exists()


def test_missing_title_message(client, free_board, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("boards:post_create", args=[free_board.slug]), {"title": "", "body": "내용"}
    )
    assert response.status_code == 400 and "제목을 적어 주세요." in response.content.decode()


def test_blocked_user_sees_reason_and_until(client, free_board, citizen, moderator):
    block = moderation.block_create(acting_user=moderator, user=citizen, reason=6, days=3)
    client.force_login(citizen)
    html = client.get(reverse("boards:post_create", args=[free_board.slug])).content.decode()
    assert "게시판 이용 제한" in html and "제8조 제6호" in html
    assert block.ends_at.astimezone().strftime("%Y") in html
    response = client.post(
        reverse("boards:post_create", args=[free_board.slug]), {"title": "t", "body": "b"}
    )
    assert response.status_code == 400 and not Post.objects.exists()


def test_real_name_board_sends_writer_to_identity(client, free_board, citizen):
    free_board.real_name_required = True
    free_board.save()
    client.force_login(citizen)
    response = client.get(reverse("boards:post_create", args=[free_board.slug]))
    assert response.status_code in (302, 200)
    if response.status_code == 302:
        assert "identity" in response["Location"] or "purpose" in response["Location"]
    else:  # madang.accounts.identity missing: the form is shown closed
        assert "제8조 제7호" in response.content.decode()


def test_notice_board_no_write_button_for_citizen(client, notice_board, citizen):
    client.force_login(citizen)
    html = client.get(list_url(notice_board)).content.decode()
    assert reverse("boards:post_create", args=[notice_board.slug]) not in html


def test_comment_and_report(client, free_board, citizen, citizen2, settings):
    settings.BOARD_REPORT_HIDE_THRESHOLD = 1
    post = make(free_board, citizen, 1)
    client.force_login(citizen2)
    response = client.post(
        reverse("boards:comment_create", args=[free_board.slug, post.public_id]),
        {"body": "좋은 의견이네요"},
    )
    assert response.status_code == 302
    assert "좋은 의견이네요" in client.get(detail_url(post)).content.decode()
    report_url = reverse("boards:report", args=[free_board.slug, post.public_id])
    assert "제8조 제5호" in client.get(report_url).content.decode()
    assert client.post(report_url, {}).status_code == 400
    assert client.post(report_url, {"reason": "5", "details": "광고"}).status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    assert "검토 중인 게시물" in client.get(list_url(free_board)).content.decode()


def test_refused_comment_keeps_text(client, free_board, citizen, citizen2):
    post = make(free_board, citizen, 1)
    client.force_login(citizen2)
    response = client.post(
        reverse("boards:comment_create", args=[free_board.slug, post.public_id]),
        {"body": "씨발 진짜 답답하네"},
    )
    assert response.status_code == 400
    assert "씨발 진짜 답답하네</textarea>" in response.content.decode()


def test_edit_and_withdraw_own_post(client, free_board, citizen, citizen2):
    post = make(free_board, citizen, 1)
    edit = reverse("boards:post_edit", args=[free_board.slug, post.public_id])
    client.force_login(citizen2)
    assert client.get(edit).status_code == 404
    client.force_login(citizen)
    assert client.post(edit, {"title": "고친 제목", "body": "고친 내용"}).status_code == 302
    post.refresh_from_db()
    assert post.title == "고친 제목"
    withdraw = reverse("boards:post_withdraw", args=[free_board.slug, post.public_id])
    assert client.post(withdraw).status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.WITHDRAWN
    assert "고친 제목" not in client.get(list_url(free_board)).content.decode()


def test_admin_queue_and_delete(client, free_board, citizen, moderator):
    post = make(free_board, citizen, 1, body="김철수 씨는 사기꾼입니다")
    client.force_login(citizen)
    assert client.get(reverse("boards_admin:queue")).status_code in (302, 403)
    client.force_login(moderator)
    html = client.get(reverse("boards_admin:queue") + "?tab=held").content.decode()
    assert "의견 1" in html
    review = reverse("boards_admin:post_review", args=[post.pk])
    assert "제8조 제4호" in client.get(review).content.decode()
    response = client.post(review, {"action": "delete", "del-reason": "9"})
    assert response.status_code == 200  # 제9호 without a note is refused
    post.refresh_from_db()
    assert post.status == PostStatus.HELD
    response = client.post(review, {"action": "delete", "del-reason": "4", "del-note": ""})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.DELETED and post.deleted_reason == 4
    assert client.post(review, {"action": "restore"}).status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_admin_block(client, free_board, citizen, moderator):
    post = make(free_board, citizen, 1)
    client.force_login(moderator)
    review = reverse("boards_admin:post_review", args=[post.pk])
    response = client.post(review, {"action": "block", "blk-reason": "8", "blk-days": "7"})
    assert response.status_code == 302
    assert moderation.active_block_for(citizen) is not None


@pytest.mark.parametrize("tab", ["held", "reported", "screened", "objections", "deleted"])
def test_admin_tabs(client, moderator, tab):
    client.force_login(moderator)
    assert client.get(reverse("boards_admin:queue") + f"?tab={tab}").status_code == 200


def test_board_snippet_admin(client, superuser, free_board):
    client.force_login(superuser)
    response = client.get(reverse("wagtailsnippets_boards_board:list"))
    assert response.status_code == 200 and "자유게시판" in response.content.decode()


def _pdf_post(board, user, **kw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from madang.boards.attachments import check_attachment

    checked = check_attachment(
        SimpleUploadedFile("안내문.pdf", b"%PDF-1.7 test"), allowed=["pdf"], max_mb=1
    )
    return make(board, user, 1, files=[checked], **kw)


def test_attachment_served_by_view_not_media(client, free_board, citizen, settings):
    post = _pdf_post(free_board, citizen)
    attachment = post.attachments.get()
    assert str(settings.BOARD_ATTACHMENT_ROOT) in attachment.file.path
    assert str(settings.MEDIA_ROOT) not in attachment.file.path
    url = reverse("boards:attachment", args=[free_board.slug, post.public_id, attachment.pk])
    assert url in client.get(detail_url(post)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    assert "attachment" in response["Content-Disposition"]


def test_secret_and_deleted_attachments_protected(client, free_board, citizen, citizen2, moderator):
    post = _pdf_post(free_board, citizen, is_secret=True)
    url = reverse(
        "boards:attachment", args=[free_board.slug, post.public_id, post.attachments.get().pk]
    )
    client.force_login(citizen2)
    assert client.get(url).status_code == 404
    client.force_login(citizen)
    assert client.get(url).status_code == 200
    post.is_secret = False
    post.save()
    services.post_delete_for_reason(acting_user=moderator, post=post, reason=5)
    client.force_login(citizen2)
    assert client.get(url).status_code == 404


def test_reported_comment_reaches_queue(free_board, citizen, citizen2, settings):
    from madang.boards.selectors import moderation_queue

    settings.BOARD_REPORT_HIDE_THRESHOLD = 1
    post = make(free_board, citizen, 1)
    comment = services.comment_create(acting_user=citizen2, post=post, body="댓글입니다")
    services.report_create(acting_user=citizen, comment=comment, reason=6)
    assert post in list(moderation_queue(tab="reported"))


def test_admin_deletes_comment_for_reason(client, free_board, citizen, citizen2, moderator):
    post = make(free_board, citizen, 1)
    comment = services.comment_create(acting_user=citizen2, post=post, body="댓글입니다")
    client.force_login(moderator)
    review = reverse("boards_admin:post_review", args=[post.pk])
    response = client.post(
        review,
        {"action": "delete_comment", "comment": comment.pk, f"c{comment.pk}-reason": "6"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.deleted_reason == 6
    html = client.get(detail_url(post)).content.decode()
    assert "이 댓글은 제8조 제6호" in html


def test_demo_boards_load_idempotently(db):
    from madang.boards.demo import load_boards
    from madang.boards.models import Board

    assert load_boards() == (2, 0)
    assert load_boards() == (0, 2)
    assert Post.objects.filter(board__slug="free").count() == 3
    assert Post.objects.filter(board__slug="dialogue", status="published").count() == 2
    assert set(Board.objects.values_list("slug", flat=True)) == {"free", "dialogue"}


def test_dialogue_post_becomes_complaint(client, citizen, moderator):
    from madang.boards.choices import BoardKind
    from madang.boards.models import Board
    from madang.complaints.models import Complaint

    board = Board.objects.create(name="구청장과의 대화방", slug="dialogue", kind=BoardKind.DIALOGUE)
    post = make(board, citizen, 1, title="통학로 안전 대책")
    client.force_login(moderator)
    review = reverse("boards_admin:post_review", args=[post.pk])
    assert "민원으로 접수" in client.get(review).content.decode()
    assert client.post(review, {"action": "to_complaint"}).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.title == "통학로 안전 대책"


def test_held_comment_in_queue_and_approved(client, free_board, citizen, citizen2, moderator):
    from madang.boards.selectors import moderation_queue

    post = make(free_board, citizen, 1)
    comment = services.comment_create(
        acting_user=citizen2, post=post, body="김철수 씨는 사기꾼입니다"
    )
    assert comment.status == PostStatus.HELD
    assert post in list(moderation_queue(tab="held"))
    client.force_login(moderator)
    review = reverse("boards_admin:post_review", args=[post.pk])
    response = client.post(review, {"action": "approve_comment", "comment": comment.pk})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == PostStatus.PUBLISHED
