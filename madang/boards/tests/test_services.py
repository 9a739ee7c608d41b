"""Board services: posting, screening under policy, masking, reports, deletion for a 제8조
reason, objections, restore, purge, blocking, rate limits."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from madang.boards import moderation, rules, services
from madang.boards.choices import PostStatus, ScreeningAction
from madang.boards.models import Objection, Post
from madang.boards.screening import DeletionReason
from madang.core.models import AuditLog
from madang.privacy.models import PersonalProfile

pytestmark = pytest.mark.django_db


def make(board, user, title="공원 벤치 요청", body="동네 공원에 벤치를 더 놓아 주세요.", **kw):
    return services.post_create(acting_user=user, board=board, title=title, body=body, **kw)


def test_clean_post_is_published_with_audit_and_opaque_id(free_board, citizen):
    post = make(free_board, citizen)
    assert post.status == PostStatus.PUBLISHED
    assert len(post.public_id) == 12 and post.public_id != str(post.pk)
    assert len(post.signature) == 64
    assert AuditLog.objects.filter(action="boards.post_create", object_id=str(post.pk)).exists()


def test_public_ids_are_random_not_sequential(free_board, citizen, settings):
    settings.BOARD_RATE_LIMIT_PER_ACCOUNT = 100
    ids = {
        make(free_board, citizen, title=f"제목 {i}", body=f"내용 {i} 번째 다른 글").public_id
        for i in range(5)
    }
    assert len(ids) == 5


def test_mobile_number_masked_before_storage(free_board, citizen):
    post = make(free_board, citizen, body="연락 주세요 010-1234-5678 입니다")
    post.refresh_from_db()
    assert "010-1234-5678" not in post.body and "010-****-5678" in post.body
    assert "1234" not in post.body_text
    assert not Post.objects.filter(body__contains="010-1234-5678").exists()


def test_title_masked_too(free_board, citizen):
    post = make(free_board, citizen, title="제 번호 010-9876-5432")
    assert post.title == "제 번호 010-****-5432"


def test_profanity_refused_with_citation_by_default_policy(free_board, citizen):
    with pytest.raises(services.PostingRefused) as exc:
        make(free_board, citizen, body="씨발 진짜 쓰레기 수거 언제 해 가냐고")
    assert "제8조 제6호" in exc.value.messages[0]
    assert "욕설·음란물" in exc.value.messages[0]
    assert not Post.objects.exists()


def test_defamation_held_for_review(free_board, citizen):
    post = make(free_board, citizen, body="김철수 씨는 사기꾼입니다")
    assert post.status == PostStatus.HELD
    assert post.findings[0]["reason"] == 4


def test_board_policy_decides_per_reason(free_board, citizen):
    free_board.policy_profanity = ScreeningAction.PUBLISH
    free_board.policy_defamation = ScreeningAction.REFUSE
    free_board.save()
    post = make(free_board, citizen, body="씨발 진짜 쓰레기 수거 언제 해 가냐고")
    assert post.status == PostStatus.PUBLISHED and post.findings[0]["reason"] == 6
    with pytest.raises(services.PostingRefused, match="제8조 제4호"):
        make(free_board, citizen, title="다른 글", body="김철수 씨는 사기꾼입니다")


def test_strictest_action_wins():
    policy = {
        DeletionReason.COMMERCIAL_ADVERTISING: "hold",
        DeletionReason.PROFANITY_OBSCENITY: "refuse",
    }
    decision = moderation.screening_decide(
        text="씨발 최저가 대출 상담 카톡 문의", policy_for=lambda r: policy.get(r, "publish")
    )
    assert decision.action == "refuse"
    assert decision.refusal_reason == DeletionReason.PROFANITY_OBSCENITY


def test_repeated_posting_refused_within_window(free_board, citizen):
    body = "우리 동네 버스 정류장에 비가림 시설을 꼭 설치해 주세요. 비 오는 날 너무 힘듭니다."
    make(free_board, citizen, title="정류장 비가림", body=body)
    with pytest.raises(services.PostingRefused, match="제8조 제8호"):
        make(free_board, citizen, title="정류장 비가림", body=body)


def test_repeated_posting_by_another_person_is_not_8ho(free_board, citizen, citizen2):
    body = "우리 동네 버스 정류장에 비가림 시설을 꼭 설치해 주세요. 비 오는 날 너무 힘듭니다."
    make(free_board, citizen, title="정류장 비가림", body=body)
    assert make(free_board, citizen2, title="정류장 비가림", body=body).status == "published"


def test_repeated_posting_outside_window_allowed(free_board, citizen, settings):
    body = "우리 동네 버스 정류장에 비가림 시설을 꼭 설치해 주세요. 비 오는 날 너무 힘듭니다."
    first = make(free_board, citizen, title="정류장 비가림", body=body)
    Post.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(days=settings.BOARD_REPEAT_WINDOW_DAYS + 1)
    )
    assert make(free_board, citizen, title="정류장 비가림", body=body).status == "published"


def test_rate_limit_per_account(free_board, citizen, settings):
    settings.BOARD_RATE_LIMIT_PER_ACCOUNT = 2
    make(free_board, citizen, title="하나", body="첫 번째 의견입니다 공원")
    make(free_board, citizen, title="둘", body="두 번째 의견은 도로 포장")
    with pytest.raises(services.PostingRefused, match="너무 많이"):
        make(free_board, citizen, title="셋", body="세 번째 의견은 가로등 설치")


def test_rate_limit_per_ip(free_board, citizen, citizen2, settings):
    settings.BOARD_RATE_LIMIT_PER_IP = 1
    make(free_board, citizen, ip="203.0.113.5")
    with pytest.raises(services.PostingRefused):
        make(free_board, citizen2, title="다른", body="다른 내용의 의견", ip="203.0.113.5")
    assert make(free_board, citizen2, title="다른", body="다른 내용의 의견", ip="203.0.113.6")


def test_notice_board_staff_only(notice_board, citizen, moderator):
    with pytest.raises(services.PostingRefused):
        make(notice_board, citizen)
    post = make(notice_board, moderator, is_pinned=True)
    assert post.is_pinned


def test_citizen_cannot_pin(free_board, citizen):
    assert make(free_board, citizen, is_pinned=True).is_pinned is False


def test_real_name_board_requires_verified_identity(free_board, citizen):
    free_board.real_name_required = True
    free_board.save()
    with pytest.raises(services.PostingRefused, match="제8조 제7호"):
        make(free_board, citizen)
    assert make(free_board, citizen, identity_verified=True).status == "published"


def test_unknown_category_refused(free_board, citizen):
    with pytest.raises(ValidationError):
        make(free_board, citizen, category="없는말머리")
    assert make(free_board, citizen, category="교통").category == "교통"


def test_secret_post_only_when_board_allows(free_board, notice_board, citizen, moderator):
    assert make(free_board, citizen, is_secret=True).is_secret
    assert not make(notice_board, moderator, is_secret=True).is_secret


def test_secret_post_visibility(free_board, citizen, citizen2, moderator):
    post = make(free_board, citizen, is_secret=True)
    assert rules.can_read_post(post, citizen)
    assert rules.can_read_post(post, moderator)
    assert not rules.can_read_post(post, citizen2)


def test_rich_text_sanitised(free_board, citizen):
    post = make(
        free_board,
        citizen,
        body='<p onclick="x()">좋은 <strong>의견</strong><script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">링크</a><a href="https://example.org">참고</a>',
    )
    assert "<script" not in post.body and "onclick" not in post.body
    assert "javascript:" not in post.body
    assert "<strong>의견</strong>" in post.body
    assert 'rel="noopener noreferrer nofollow ugc"' in post.body


def test_report_threshold_hides(free_board, citizen, settings, django_user_model):
    settings.BOARD_REPORT_HIDE_THRESHOLD = 2
    post = make(free_board, citizen)
    r1 = django_user_model.objects.create_user(username="r1", password="x")
    r2 = django_user_model.objects.create_user(username="r2", password="x")
    services.report_create(acting_user=r1, post=post, reason=4)
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED and post.report_count == 1
    services.report_create(acting_user=r2, post=post, reason=6, details="욕설")
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN


def test_report_twice_refused(free_board, citizen, citizen2):
    post = make(free_board, citizen)
    services.report_create(acting_user=citizen2, post=post, reason=5)
    with pytest.raises(ValidationError, match="이미 신고"):
        services.report_create(acting_user=citizen2, post=post, reason=5)


def test_report_reason_must_be_one_of_nine(free_board, citizen, citizen2):
    post = make(free_board, citizen)
    with pytest.raises(ValidationError):
        services.report_create(acting_user=citizen2, post=post, reason=10)


def test_comment_report_hides_comment(free_board, citizen, citizen2, settings):
    settings.BOARD_REPORT_HIDE_THRESHOLD = 1
    post = make(free_board, citizen)
    comment = services.comment_create(acting_user=citizen2, post=post, body="좋은 의견입니다")
    services.report_create(acting_user=citizen, comment=comment, reason=9)
    comment.refresh_from_db()
    assert comment.status == PostStatus.HIDDEN


def test_delete_requires_moderator(free_board, citizen, citizen2):
    post = make(free_board, citizen)
    with pytest.raises(PermissionDenied):
        services.post_delete_for_reason(acting_user=citizen2, post=post, reason=4)


@pytest.mark.parametrize("reason", [0, 10, None, "x"])
def test_delete_requires_one_of_nine(free_board, citizen, moderator, reason):
    post = make(free_board, citizen)
    with pytest.raises(ValidationError):
        services.post_delete_for_reason(acting_user=moderator, post=post, reason=reason)


def test_delete_for_9ho_requires_note(free_board, citizen, moderator):
    post = make(free_board, citizen)
    with pytest.raises(ValidationError, match="제9호"):
        services.post_delete_for_reason(acting_user=moderator, post=post, reason=9)
    services.post_delete_for_reason(
        acting_user=moderator, post=post, reason=9, note="게시판 취지와 무관한 홍보"
    )
    assert post.status == PostStatus.DELETED


@override_settings(MADANG_ORDINANCE_NAME="시험구 조례")
def test_deletion_marker_text():
    when = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    assert moderation.deletion_marker(DeletionReason.DEFAMATION, when) == (
        "이 게시물은 「시험구 조례」 제8조 제4호(특정인을 비방하거나 명예훼손의 우려가 있는 경우)"
        "에 따라 2026-11-26에 삭제되었습니다."
    )


def test_delete_keeps_text_audits_and_emails_author(
    free_board, citizen, moderator, django_capture_on_commit_callbacks
):
    PersonalProfile.objects.create(user=citizen, email="citizen@example.com")
    post = make(free_board, citizen)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_delete_for_reason(acting_user=moderator, post=post, reason=4)
    post.refresh_from_db()
    assert post.status == PostStatus.DELETED and post.deleted_reason == 4
    assert post.body  # not physically erased before the retention period
    assert post.purge_after > timezone.now() + timedelta(days=300)
    log = AuditLog.objects.get(action="boards.post_delete_for_reason")
    assert log.changes["reason"] == 4
    assert len(mail.outbox) == 1
    assert "제8조 제4호" in mail.outbox[0].body
    assert "이의신청" in mail.outbox[0].body
    assert mail.outbox[0].to == ["citizen@example.com"]


def test_no_email_without_profile(
    free_board, citizen, moderator, django_capture_on_commit_callbacks
):
    post = make(free_board, citizen)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_delete_for_reason(acting_user=moderator, post=post, reason=5)
    assert mail.outbox == []


def test_objection_and_restore(free_board, citizen, citizen2, moderator):
    post = make(free_board, citizen)
    services.post_delete_for_reason(acting_user=moderator, post=post, reason=2)
    with pytest.raises(PermissionDenied):
        services.objection_create(acting_user=citizen2, post=post, text="남의 글")
    services.objection_create(acting_user=citizen, post=post, text="정치적 글이 아닙니다")
    assert post.pk in [
        p.pk
        for p in __import__("madang.boards.selectors", fromlist=["x"]).moderation_queue(
            tab="objections"
        )
    ]
    services.post_restore(acting_user=moderator, post=post)
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED and post.deleted_reason is None
    assert Objection.objects.get(post=post).resolution == "restored"
    assert AuditLog.objects.filter(action="boards.post_restore").exists()


def test_purge_after_retention(free_board, citizen, moderator, settings):
    post = make(free_board, citizen)
    services.post_delete_for_reason(acting_user=moderator, post=post, reason=6)
    assert services.posts_purge_expired() == 0
    later = timezone.now() + timedelta(days=settings.BOARD_DELETED_RETENTION_DAYS + 1)
    assert services.posts_purge_expired(now=later) == 1
    post.refresh_from_db()
    assert post.body == "" and post.title == "" and post.purged_at is not None
    assert post.status == PostStatus.DELETED and post.deleted_reason == 6  # marker stays
    with pytest.raises(ValidationError):
        services.post_restore(acting_user=moderator, post=post)


def test_purge_task_runs(free_board, citizen, moderator):
    from madang.boards.tasks import purge_deleted_posts

    post = make(free_board, citizen)
    services.post_withdraw(acting_user=citizen, post=post)
    Post.objects.filter(pk=post.pk).update(purge_after=timezone.now() - timedelta(seconds=1))
    assert purge_deleted_posts.call() == 1


def test_approve_held_post(free_board, citizen, moderator):
    post = make(free_board, citizen, body="김철수 씨는 사기꾼입니다")
    services.post_approve(acting_user=moderator, post=post)
    assert post.status == PostStatus.PUBLISHED and post.findings_reviewed


def test_block_stops_posting_and_commenting(free_board, citizen, citizen2, moderator):
    post = make(free_board, citizen2)
    block = moderation.block_create(
        acting_user=moderator, user=citizen, reason=8, days=7, note="반복 게시"
    )
    with pytest.raises(services.PostingRefused) as exc:
        make(free_board, citizen, title="새 글", body="새로운 내용")
    message = exc.value.messages[0]
    assert "제8조 제8호" in message
    assert timezone.localtime(block.ends_at).strftime("%Y-%m-%d") in message
    with pytest.raises(services.PostingRefused):
        services.comment_create(acting_user=citizen, post=post, body="댓글")
    moderation.block_lift(acting_user=moderator, block=block)
    assert make(free_board, citizen, title="새 글", body="새로운 내용")


def test_block_expires(citizen, moderator):
    block = moderation.block_create(acting_user=moderator, user=citizen, reason=6, days=1)
    assert moderation.active_block_for(citizen) == block
    assert moderation.active_block_for(citizen, now=timezone.now() + timedelta(days=2)) is None


def test_block_9ho_needs_note(citizen, moderator):
    with pytest.raises(ValidationError):
        moderation.block_create(acting_user=moderator, user=citizen, reason=9, days=1)


def test_comment_masked_and_screened(free_board, citizen, citizen2):
    post = make(free_board, citizen)
    comment = services.comment_create(
        acting_user=citizen2, post=post, body="제 번호는 010-2222-3333"
    )
    assert "010-****-3333" in comment.body
    with pytest.raises(services.PostingRefused, match="제8조 제6호"):
        services.comment_create(acting_user=citizen2, post=post, body="씨발 진짜")


def test_comments_off(notice_board, moderator, citizen):
    post = make(notice_board, moderator)
    with pytest.raises(services.PostingRefused):
        services.comment_create(acting_user=citizen, post=post, body="댓글")


def test_edit_rescreens_and_masks(free_board, citizen, citizen2):
    post = make(free_board, citizen)
    with pytest.raises(PermissionDenied):
        services.post_update(acting_user=citizen2, post=post, title="x", body="y")
    services.post_update(acting_user=citizen, post=post, title="수정", body="번호 010-4444-5555")
    assert "010-****-5555" in post.body
    services.post_update(
        acting_user=citizen, post=post, title="수정", body="김철수 씨는 사기꾼입니다"
    )
    assert post.status == PostStatus.HELD


def test_request_without_identity_session_is_not_verified(rf, citizen):
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/")
    request.user = citizen
    request.session = SessionStore()
    assert rules.request_identity_verified(request) is False
