"""Repeated comments (제8조 제8호), the blocks list, audited board settings, and a 대화방 post
received as a 민원 that later shows its answer (제11조②)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from madang.boards import moderation, services
from madang.boards.choices import BoardKind, PostStatus
from madang.boards.models import Block, Board, Post
from madang.boards.services import PostingRefused
from madang.core.models import AuditLog

pytestmark = pytest.mark.django_db

SPAM = "우리 동네 최고의 맛집 정보를 알려드려요 매일 새로운 메뉴가 나옵니다"


def make(board, user, n=0, **kw):
    kw.setdefault("title", f"의견 {n}")
    kw.setdefault("body", f"공원 관리 의견 번호 {n} 입니다 {n * 37}")
    return services.post_create(acting_user=user, board=board, **kw)


# --- 제8조 제8호 on comments ----------------------------------------------------------------


def test_repeated_comment_is_refused_by_the_board_policy(free_board, citizen, citizen2):
    first, second = make(free_board, citizen, 1), make(free_board, citizen, 2)
    comment = services.comment_create(acting_user=citizen2, post=first, body=SPAM)
    assert comment.signature and comment.signature_version > 0
    with pytest.raises(PostingRefused) as caught:
        services.comment_create(acting_user=citizen2, post=second, body=SPAM + "!!")
    assert "제8조 제8호" in caught.value.messages[0]


def test_repeated_comment_can_be_held_instead(free_board, citizen, citizen2):
    free_board.policy_repeated = "hold"
    free_board.save()
    first, second = make(free_board, citizen, 1), make(free_board, citizen, 2)
    services.comment_create(acting_user=citizen2, post=first, body=SPAM)
    again = services.comment_create(acting_user=citizen2, post=second, body=SPAM)
    assert again.status == PostStatus.HELD
    assert 8 in [f["reason"] for f in again.findings]


def test_comment_repeating_the_authors_post_is_caught(free_board, citizen, citizen2):
    make(free_board, citizen2, 1, title="맛집 안내", body=SPAM)
    target = make(free_board, citizen, 2)
    with pytest.raises(PostingRefused):
        services.comment_create(acting_user=citizen2, post=target, body=SPAM)


def test_short_comments_may_repeat(free_board, citizen, citizen2):
    first, second = make(free_board, citizen, 1), make(free_board, citizen, 2)
    services.comment_create(acting_user=citizen2, post=first, body="동의합니다")
    again = services.comment_create(acting_user=citizen2, post=second, body="동의합니다")
    assert again.status == PostStatus.PUBLISHED and again.signature == []


def test_staff_standard_replies_are_not_repetition(free_board, citizen, moderator):
    first, second = make(free_board, citizen, 1), make(free_board, citizen, 2)
    services.comment_create(acting_user=moderator, post=first, body=SPAM)
    again = services.comment_create(acting_user=moderator, post=second, body=SPAM)
    assert again.status == PostStatus.PUBLISHED


def test_other_peoples_comments_do_not_count(free_board, citizen, citizen2):
    first = make(free_board, citizen, 1)
    services.comment_create(acting_user=citizen, post=first, body=SPAM)
    other = services.comment_create(acting_user=citizen2, post=first, body=SPAM)
    assert other.status == PostStatus.PUBLISHED


# --- blocks in the admin ---------------------------------------------------------------


def test_active_blocks_listed_and_lifted_with_audit(client, citizen, citizen2, moderator):
    block = moderation.block_create(acting_user=moderator, user=citizen, reason=5, days=7)
    old = moderation.block_create(acting_user=moderator, user=citizen2, reason=6, days=1)
    Block.objects.filter(pk=old.pk).update(ends_at=timezone.now() - timezone.timedelta(hours=1))
    client.force_login(moderator)
    url = reverse("boards_admin:blocks")
    html = client.get(url).content.decode()
    assert "citizen1" in html and "citizen2" not in html
    assert "제8조 제5호" in html
    response = client.post(url, {"block": block.pk})
    assert response.status_code == 302
    block.refresh_from_db()
    assert block.lifted_at is not None
    assert moderation.active_block_for(citizen) is None
    assert AuditLog.objects.filter(action="boards.block_lift", actor=moderator).exists()
    assert client.post(url, {"block": block.pk}).status_code == 404  # already lifted


def test_blocks_list_is_for_moderators_only(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("boards_admin:blocks")).status_code in (302, 403)


# --- board settings through the services -------------------------------------------------


def board_form(**over):
    data = {
        "name": "참여마당",
        "slug": "forum",
        "kind": BoardKind.FREE,
        "description": "",
        "who_may_post": "citizens",
        "who_may_comment": "citizens",
        "comments_enabled": "on",
        "allowed_extensions": "pdf,jpg",
        "max_attachment_mb": "10",
        "max_attachments": "3",
        "categories": "",
        "policy_defamation": "hold",
        "policy_advertising": "hold",
        "policy_profanity": "refuse",
        "policy_repeated": "refuse",
        "is_active": "on",
        "sort_order": "0",
    }
    data.update(over)
    return data


def test_board_snippet_saves_are_audited(client, superuser):
    client.force_login(superuser)
    base = "/admin/snippets/boards/board/"
    response = client.post(base + "add/", board_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    board = Board.objects.get(slug="forum")
    created = AuditLog.objects.get(action="boards.board_create")
    assert created.actor == superuser and created.changes["policy_profanity"] == "refuse"
    response = client.post(
        base + f"edit/{board.pk}/", board_form(real_name_required="on", policy_profanity="hold")
    )
    assert response.status_code == 302
    update = AuditLog.objects.get(action="boards.board_update")
    assert update.changes["real_name_required"] == [False, True]
    assert update.changes["policy_profanity"] == ["refuse", "hold"]
    assert client.post(base + f"delete/{board.pk}/").status_code == 302
    assert AuditLog.objects.filter(action="boards.board_delete").exists()


def test_board_snippet_error_keeps_what_was_typed(client, superuser, free_board):
    client.force_login(superuser)
    response = client.post(
        "/admin/snippets/boards/board/add/", board_form(slug="free", name="두 번째 자유게시판")
    )
    assert response.status_code == 200
    assert "두 번째 자유게시판" in response.content.decode()
    assert not AuditLog.objects.filter(action="boards.board_create").exists()


# --- 구청장과의 대화방 → 민원 (제11조②) -------------------------------------------------------


@pytest.fixture
def dialogue(db):
    return Board.objects.create(name="구청장과의 대화방", slug="dialogue", kind=BoardKind.DIALOGUE)


def test_convert_marks_links_and_tells_the_author(client, dialogue, citizen, moderator):
    post = make(dialogue, citizen, 1, title="통학로 안전 대책")
    client.force_login(moderator)
    review = reverse("boards_admin:post_review", args=[post.pk])
    response = client.post(review, {"action": "to_complaint"}, follow=True)
    post.refresh_from_db()
    complaint = post.complaint
    assert post.needs_answer and complaint is not None
    assert complaint.receipt_number in response.content.decode()
    assert complaint.source_object_id == post.public_id
    assert AuditLog.objects.filter(action="boards.post_convert_to_complaint").exists()
    # the button is gone; converting twice is refused
    assert "to_complaint" not in client.get(review).content.decode()
    with pytest.raises(Exception, match="이미 민원으로 접수된 글"):
        services.post_convert_to_complaint(acting_user=moderator, post=post)
    # the author sees the receipt number and deadline on the post, others do not
    url = reverse("boards:post_detail", args=[dialogue.slug, post.public_id])
    client.force_login(citizen)
    mine = client.get(url).content.decode()
    assert complaint.receipt_number in mine and "처리기한" in mine
    assert timezone.localtime(complaint.due_at).strftime("%Y-%m-%d") in mine
    client.logout()
    public = client.get(url).content.decode()
    assert "답변 필요" in public and complaint.receipt_number not in public
    assert "아직 답변 전입니다" in public


def test_the_answer_appears_under_the_post(client, dialogue, citizen, moderator):
    from madang.complaints.models import ComplaintAnswer

    post = make(dialogue, citizen, 1, title="가로등 설치 요청")
    complaint = services.post_convert_to_complaint(acting_user=moderator, post=post)
    ComplaintAnswer.objects.create(
        complaint=complaint,
        body="다음 달까지 가로등 2개를 설치하겠습니다.",
        official_name="홍길동",
        department_name="도로과",
        official_contact="02-820-0000",
        answered_at=timezone.now(),
    )
    url = reverse("boards:post_detail", args=[dialogue.slug, post.public_id])
    html = client.get(url).content.decode()
    assert "다음 달까지 가로등 2개를 설치하겠습니다." in html
    assert "도로과" in html and "홍길동" in html
    api = client.get(f"/api/v1/boards/dialogue/posts/{post.public_id}").json()
    assert api["needs_answer"] is True
    assert api["complaint"]["answer"]["department"] == "도로과"
    assert api["complaint"]["receipt_number"] is None  # not the author
    client.force_login(citizen)
    mine = client.get(f"/api/v1/boards/dialogue/posts/{post.public_id}").json()
    assert mine["complaint"]["receipt_number"] == complaint.receipt_number


def test_only_moderators_convert(dialogue, citizen):
    post = make(dialogue, citizen, 1)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.post_convert_to_complaint(acting_user=citizen, post=post)
    assert Post.objects.get(pk=post.pk).complaint is None
