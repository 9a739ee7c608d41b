"""Board writes (조례 제8조·제11조·제12조): each runs in one transaction with an audit row, and
sends notifications only after commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record, model_snapshot, snapshot_diff
from madang.privacy.masking import mask_personal_data

from . import listing, moderation, rules
from .attachments import CheckedFile
from .choices import PostStatus, ScreeningAction
from .models import Attachment, Board, Comment, Objection, Post, Report
from .ratelimit import rate_count, rate_limited
from .sanitize import body_to_text, clean_body
from .screening import SIGNATURE_VERSION, DeletionReason, normalize_for_signature, text_signature


class PostingRefused(ValidationError):
    """The post or comment was not accepted; the message says why in Korean."""


def _ensure_may_write(
    *, user, board: Board, ip: str | None, comment: bool = False, identity_verified: bool = False
) -> None:
    block = moderation.active_block_for(user)
    if block is not None:
        raise PostingRefused(moderation.block_message(block), code="blocked")
    check = rules.can_comment if comment else rules.can_post
    allowed = check(board, user, identity_verified=identity_verified)
    if not allowed:
        if board.real_name_required and user.is_authenticated:
            raise PostingRefused(
                _(
                    "이 게시판은 실명 확인(조례 제8조 제7호)을 마친 분만 글을 쓸 수 있습니다. "
                    "본인확인을 먼저 해 주세요."
                ),
                code="real_name",
            )
        raise PostingRefused(_("이 게시판에 글을 쓸 권한이 없습니다."), code="forbidden")
    if not user.is_staff and rate_limited(user_id=user.pk, ip=ip):
        raise PostingRefused(
            _("짧은 시간에 글을 너무 많이 올렸습니다. %(minutes)s분 뒤에 다시 시도해 주세요.")
            % {"minutes": max(1, settings.BOARD_RATE_LIMIT_WINDOW_SECONDS // 60)},
            code="rate_limited",
        )


# A comment shorter than this is never judged a repetition (제8조 제8호): "동의합니다" on
# several posts is taking part, not flooding.
COMMENT_REPEAT_MIN_CHARS = 20


def _previous_signatures(
    *, author, exclude_post: int | None = None, exclude_comment: int | None = None
) -> list[list[int]]:
    """The same person's recent posts' and comments' signatures (제8조 제8호: "같은 사람이 같거나
    유사한 내용을 반복적으로 올리는 경우"), within BOARD_REPEAT_WINDOW_DAYS."""
    since = timezone.now() - timedelta(days=settings.BOARD_REPEAT_WINDOW_DAYS)
    found = []
    for model, exclude in ((Post, exclude_post), (Comment, exclude_comment)):
        rows = model.objects.filter(
            author=author, created_at__gte=since, signature_version=SIGNATURE_VERSION
        ).exclude(status=PostStatus.WITHDRAWN)
        if exclude is not None:
            rows = rows.exclude(pk=exclude)
        found += [sig for sig in rows.values_list("signature", flat=True) if sig]
    return found


def _screen(*, board: Board, author, title: str, text: str, exclude_id: int | None = None):
    decision = moderation.screening_decide(
        text=f"{title}\n{text}",
        previous_signatures=_previous_signatures(author=author, exclude_post=exclude_id),
        policy_for=board.policy_for,
    )
    if decision.action == ScreeningAction.REFUSE:
        raise PostingRefused(decision.refusal_message, code="screening")
    return decision


def _attach(*, post: Post, files: Sequence[CheckedFile]) -> None:
    if len(files) + post.attachments.count() > post.board.max_attachments:
        raise ValidationError(
            _("첨부파일은 %(n)s개까지 올릴 수 있습니다.") % {"n": post.board.max_attachments}
        )
    for checked in files:
        Attachment.objects.create(
            post=post,
            file=checked.content,
            original_name=checked.original_name,
            extension=checked.extension,
            size=checked.size,
        )


def post_create(
    *,
    acting_user,
    board: Board,
    title: str,
    body: str,
    category: str = "",
    is_secret: bool = False,
    is_pinned: bool = False,
    files: Sequence[CheckedFile] = (),
    ip: str | None = None,
    identity_verified: bool = False,
) -> Post:
    """Publish a post, hold it for review or refuse it (제8조): screening (제4·5·6·8호) under the
    board's policy; personal data masked before anything is stored (조례 제22조①).
    On a real-name board the caller passes `identity_verified` from the session's 본인확인
    (제8조 제7호)."""
    _ensure_may_write(user=acting_user, board=board, ip=ip, identity_verified=identity_verified)
    if files and not board.attachments_allowed:
        raise PostingRefused(_("이 게시판에는 파일을 첨부할 수 없습니다."))
    if category and category not in board.category_list():
        raise ValidationError(_("말머리를 목록에서 고르세요."))
    body_html = clean_body(body)
    text = body_to_text(body_html)
    if not title.strip() or not text:
        raise ValidationError(_("제목과 내용을 모두 적어 주세요."))
    decision = _screen(board=board, author=acting_user, title=title, text=text)
    masked_title = mask_personal_data(title.strip())
    masked_html = mask_personal_data(body_html)
    with transaction.atomic():
        post = Post.objects.create(
            board=board,
            author=acting_user,
            category=category,
            title=masked_title,
            body=masked_html,
            body_text=mask_personal_data(text),
            signature=list(text_signature(f"{title}\n{text}")),
            signature_version=SIGNATURE_VERSION,
            is_secret=bool(is_secret and board.secret_posts_allowed),
            is_pinned=bool(is_pinned and rules.is_staff_writer(acting_user)),
            status=PostStatus.HELD
            if decision.action == ScreeningAction.HOLD
            else PostStatus.PUBLISHED,
            findings=moderation.findings_as_json(decision.findings),
            author_ip=ip,
        )
        _attach(post=post, files=files)
        audit_log_record(
            acting_user=acting_user,
            action="boards.post_create",
            obj=post,
            changes={"status": post.status, "findings": [f["reason"] for f in post.findings]},
        )
    rate_count(user_id=acting_user.pk, ip=ip)
    return post


def post_update(
    *,
    acting_user,
    post: Post,
    title: str,
    body: str,
    category: str = "",
    is_secret: bool = False,
    files: Sequence[CheckedFile] = (),
    ip: str | None = None,
) -> Post:
    """The author edits their own post; it is screened again like a new one (제8조)."""
    if post.author_id != acting_user.pk or post.status not in (
        PostStatus.PUBLISHED,
        PostStatus.HELD,
    ):
        raise PermissionDenied
    block = moderation.active_block_for(acting_user)
    if block is not None:
        raise PostingRefused(moderation.block_message(block), code="blocked")
    board = post.board
    if category and category not in board.category_list():
        raise ValidationError(_("말머리를 목록에서 고르세요."))
    body_html = clean_body(body)
    text = body_to_text(body_html)
    if not title.strip() or not text:
        raise ValidationError(_("제목과 내용을 모두 적어 주세요."))
    decision = _screen(board=board, author=acting_user, title=title, text=text, exclude_id=post.pk)
    with transaction.atomic():
        before = post.status
        post.title = mask_personal_data(title.strip())
        post.body = mask_personal_data(body_html)
        post.body_text = mask_personal_data(text)
        post.category = category
        post.is_secret = bool(is_secret and board.secret_posts_allowed)
        post.signature = list(text_signature(f"{title}\n{text}"))
        post.signature_version = SIGNATURE_VERSION
        post.findings = moderation.findings_as_json(decision.findings)
        post.findings_reviewed = False
        if decision.action == ScreeningAction.HOLD:
            post.status = PostStatus.HELD
        post.save()
        listing.list_membership_changed(post=post, before=before)
        _attach(post=post, files=files)
        audit_log_record(acting_user=acting_user, action="boards.post_update", obj=post)
    return post


def post_withdraw(*, acting_user, post: Post) -> Post:
    """The author takes down their own post. The row stays until the retention purge."""
    if post.author_id != acting_user.pk or post.status == PostStatus.DELETED:
        raise PermissionDenied
    with transaction.atomic():
        before = post.status
        post.status = PostStatus.WITHDRAWN
        post.purge_after = moderation.purge_after_from(timezone.now())
        post.save(update_fields=["status", "purge_after", "updated_at"])
        listing.list_membership_changed(post=post, before=before)
        audit_log_record(acting_user=acting_user, action="boards.post_withdraw", obj=post)
    return post


def comment_create(
    *, acting_user, post: Post, body: str, ip: str | None = None, identity_verified: bool = False
) -> Comment:
    """A comment, screened under the board's policy (제8조 제4·5·6호, and 제8호 against the same
    person's recent posts and comments when it is long enough to repeat), with personal data
    masked before it is stored (조례 제22조①)."""
    _ensure_may_write(
        user=acting_user,
        board=post.board,
        ip=ip,
        comment=True,
        identity_verified=identity_verified,
    )
    if post.status != PostStatus.PUBLISHED or not rules.can_read_post(post, acting_user):
        raise PostingRefused(_("이 게시물에는 댓글을 달 수 없습니다."))
    text = (body or "").strip()
    if not text:
        raise ValidationError(_("댓글 내용을 적어 주세요."))
    if len(text) > 2000:
        raise ValidationError(_("댓글은 2,000자까지 쓸 수 있습니다."))
    # Staff answering several posts with the same standard reply are not 반복 게시 (제8호 is
    # about users flooding a board), and very short comments cannot meaningfully repeat.
    judged = (
        not rules.is_staff_writer(acting_user)
        and len(normalize_for_signature(text)) >= COMMENT_REPEAT_MIN_CHARS
    )
    decision = moderation.screening_decide(
        text=text,
        previous_signatures=_previous_signatures(author=acting_user) if judged else (),
        policy_for=post.board.policy_for,
    )
    if decision.action == ScreeningAction.REFUSE:
        raise PostingRefused(decision.refusal_message, code="screening")
    with transaction.atomic():
        comment = Comment.objects.create(
            post=post,
            author=acting_user,
            body=mask_personal_data(text),
            signature=list(text_signature(text)) if judged else [],
            signature_version=SIGNATURE_VERSION if judged else 0,
            status=PostStatus.HELD
            if decision.action == ScreeningAction.HOLD
            else PostStatus.PUBLISHED,
            findings=moderation.findings_as_json(decision.findings),
            author_ip=ip,
        )
        audit_log_record(acting_user=acting_user, action="boards.comment_create", obj=comment)
    rate_count(user_id=acting_user.pk, ip=ip)
    return comment


def report_create(
    *, acting_user, post: Post | None = None, comment: Comment | None = None, reason, details=""
) -> Report:
    """A user reports a post or comment for one of the nine reasons of 제8조. Once
    BOARD_REPORT_HIDE_THRESHOLD different users have reported it, it is hidden pending review.
    Reporting twice is refused."""
    if not acting_user.is_authenticated:
        raise PermissionDenied
    target = post if post is not None else comment
    if target is None or (post is not None and comment is not None):
        raise ValueError("report exactly one of post or comment")
    try:
        parsed = DeletionReason(int(reason))
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _("신고 사유를 제8조 제1호부터 제9호 가운데 하나로 고르세요.")
        ) from exc
    try:
        with transaction.atomic():
            report = Report.objects.create(
                post=post,
                comment=comment,
                reporter=acting_user,
                reason=int(parsed),
                details=mask_personal_data((details or "").strip()[:1000]),
            )
            model = type(target)
            model.objects.filter(pk=target.pk).update(report_count=F("report_count") + 1)
            target.refresh_from_db(fields=["report_count", "status"])
            hidden = False
            if (
                target.report_count >= settings.BOARD_REPORT_HIDE_THRESHOLD
                and target.status == PostStatus.PUBLISHED
            ):
                target.status = PostStatus.HIDDEN
                target.save(update_fields=["status", "updated_at"])
                hidden = True
            audit_log_record(
                acting_user=acting_user,
                action="boards.report_create",
                obj=target,
                changes={"reason": int(parsed), "hidden": hidden},
            )
    except IntegrityError as exc:
        raise ValidationError(_("이미 신고한 글입니다. 담당자가 검토하고 있습니다.")) from exc
    return report


def _author_email(user) -> str:
    profile = getattr(user, "personal_profile", None)
    try:
        return profile.email if profile is not None else ""
    except Exception:  # noqa: BLE001 - a missing profile or unreadable field: no e-mail
        return ""


def _notify_deletion(post: Post) -> None:
    from django.urls import reverse

    email = _author_email(post.author)
    if not email:
        return
    reason = post.deletion_reason
    url = reverse("boards:post_detail", args=[post.board.slug, post.public_id])
    send_mail(
        subject=_("[%(site)s] 게시물이 삭제되었습니다") % {"site": settings.WAGTAIL_SITE_NAME},
        message=_(
            "작성하신 게시물 '%(title)s'에 대한 안내입니다.\n%(marker)s\n\n"
            "이의가 있으면 게시물 화면(%(url)s)에서 이의신청을 할 수 있습니다."
        )
        % {
            "title": post.title,
            "marker": moderation.deletion_marker(reason, post.deleted_at),
            "url": url,
        },
        from_email=None,
        recipient_list=[email],
    )


def post_delete_for_reason(*, acting_user, post: Post, reason, note: str = "") -> Post:
    """Delete a post for exactly one of the nine reasons of 제8조 and publish the reason on the
    board (제8조 후단). The text is kept until BOARD_DELETED_RETENTION_DAYS for objections; the
    author is told by e-mail (if they gave one) and on their post page."""
    if not rules.is_moderator(acting_user):
        raise PermissionDenied
    parsed = moderation.validate_deletion_reason(reason, note)
    now = timezone.now()
    with transaction.atomic():
        before = post.status
        post.status = PostStatus.DELETED
        post.deleted_reason = int(parsed)
        post.deleted_note = note.strip()
        post.deleted_at = now
        post.deleted_by = acting_user
        post.purge_after = moderation.purge_after_from(now)
        post.findings_reviewed = True
        post.save()
        listing.list_membership_changed(post=post, before=before)
        audit_log_record(
            acting_user=acting_user,
            action="boards.post_delete_for_reason",
            obj=post,
            changes={"status": [before, post.status], "reason": int(parsed), "note": note},
        )
        transaction.on_commit(lambda: _notify_deletion(post))
    return post


def comment_delete_for_reason(*, acting_user, comment: Comment, reason, note: str = "") -> Comment:
    """Delete a comment for one of the nine reasons of 제8조; a marker stays in its place."""
    if not rules.is_moderator(acting_user):
        raise PermissionDenied
    parsed = moderation.validate_deletion_reason(reason, note)
    now = timezone.now()
    with transaction.atomic():
        comment.status = PostStatus.DELETED
        comment.deleted_reason = int(parsed)
        comment.deleted_note = note.strip()
        comment.deleted_at = now
        comment.deleted_by = acting_user
        comment.purge_after = moderation.purge_after_from(now)
        comment.save()
        audit_log_record(
            acting_user=acting_user,
            action="boards.comment_delete_for_reason",
            obj=comment,
            changes={"reason": int(parsed), "note": note},
        )
    return comment


def post_approve(*, acting_user, post: Post) -> Post:
    """A moderator publishes a held or report-hidden post, and marks its findings reviewed."""
    if not rules.is_moderator(acting_user):
        raise PermissionDenied
    if post.status not in (PostStatus.HELD, PostStatus.HIDDEN, PostStatus.PUBLISHED):
        raise ValidationError(_("삭제된 글은 '복원'으로 되살리세요."))
    with transaction.atomic():
        before = post.status
        post.status = PostStatus.PUBLISHED
        post.findings_reviewed = True
        post.save(update_fields=["status", "findings_reviewed", "updated_at"])
        listing.list_membership_changed(post=post, before=before)
        audit_log_record(
            acting_user=acting_user,
            action="boards.post_approve",
            obj=post,
            changes={"status": [before, post.status]},
        )
    return post


def post_hold(*, acting_user, post: Post, note: str = "") -> Post:
    """A moderator takes a published or report-hidden post off the board for review (제8조: a
    person decides any deletion); only the author and moderators see it until it is approved
    or deleted for a reason."""
    if not rules.is_moderator(acting_user):
        raise PermissionDenied
    if post.status not in (PostStatus.PUBLISHED, PostStatus.HIDDEN):
        raise ValidationError(_("게시 중이거나 신고로 가려진 글만 검토 대기로 돌릴 수 있습니다."))
    with transaction.atomic():
        before = post.status
        post.status = PostStatus.HELD
        post.findings_reviewed = False
        post.save(update_fields=["status", "findings_reviewed", "updated_at"])
        listing.list_membership_changed(post=post, before=before)
        audit_log_record(
            acting_user=acting_user,
            action="boards.post_hold",
            obj=post,
            changes={"status": [before, post.status], "note": note.strip()},
        )
    return post


def comment_approve(*, acting_user, comment: Comment) -> Comment:
    """A moderator publishes a held or report-hidden comment."""
    if not rules.is_moderator(acting_user):
        raise PermissionDenied
    if comment.status not in (PostStatus.HELD, PostStatus.HIDDEN):
        raise ValidationError(_("검토 대기이거나 신고로 가려진 댓글만 게시할 수 있습니다."))
    with transaction.atomic():
        before = comment.status
        comment.status = PostStatus.PUBLISHED
        comment.findings_reviewed = True
        comment.save(update_fields=["status", "findings_reviewed", "updated_at"])
        audit_log_record(
            acting_user=acting_user,
            action="boards.comment_approve",
            obj=comment,
            changes={"status": [before, comment.status]},
        )
    return comment


def post_restore(*, acting_user, post: Post) -> Post:
    """Undo a 제8조 deletion (for example after an objection), while the text is still kept."""
    if not rules.is_moderator(acting_user):
        raise PermissionDenied
    if post.status != PostStatus.DELETED or post.purged_at is not None:
        raise ValidationError(
            _("복원할 수 없는 글입니다. 삭제 상태가 아니거나 원문이 파기되었습니다.")
        )
    with transaction.atomic():
        reason = post.deleted_reason
        before = post.status
        post.status = PostStatus.PUBLISHED
        post.deleted_reason = None
        post.deleted_note = ""
        post.deleted_at = None
        post.deleted_by = None
        post.purge_after = None
        post.save()
        listing.list_membership_changed(post=post, before=before)
        Objection.objects.filter(post=post, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolution="restored"
        )
        audit_log_record(
            acting_user=acting_user,
            action="boards.post_restore",
            obj=post,
            changes={"previous_reason": reason},
        )
    return post


def objection_create(*, acting_user, post: Post, text: str) -> Objection:
    """The author objects to a 제8조 deletion; the objection reaches the moderator queue."""
    if post.author_id != acting_user.pk or post.status != PostStatus.DELETED:
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("이의신청 내용을 적어 주세요."))
    with transaction.atomic():
        objection = Objection.objects.create(
            post=post, author=acting_user, text=mask_personal_data(text[:4000])
        )
        audit_log_record(acting_user=acting_user, action="boards.objection_create", obj=objection)
    return objection


def objection_dismiss(*, acting_user, objection: Objection) -> Objection:
    """A moderator keeps the deletion after reading the objection."""
    if not rules.is_moderator(acting_user):
        raise PermissionDenied
    with transaction.atomic():
        objection.resolved_at = timezone.now()
        objection.resolution = "dismissed"
        objection.save(update_fields=["resolved_at", "resolution", "updated_at"])
        audit_log_record(acting_user=acting_user, action="boards.objection_dismiss", obj=objection)
    return objection


def posts_purge_expired(*, now: datetime | None = None) -> int:
    """Erase the text and files of deleted and withdrawn posts past BOARD_DELETED_RETENTION_DAYS.
    The row and its public marker stay; only the content goes."""
    now = now or timezone.now()
    count = 0
    due = Post.objects.filter(purge_after__lte=now, purged_at__isnull=True)
    for post in due.iterator():
        with transaction.atomic():
            for attachment in post.attachments.all():
                attachment.file.delete(save=False)
                attachment.delete()
            post.title = ""
            post.body = ""
            post.body_text = ""
            post.signature = []
            post.findings = []
            post.author_ip = None
            post.purged_at = now
            post.save()
            audit_log_record(acting_user=None, action="boards.post_purge", obj=post)
            count += 1
    due_comments = Comment.objects.filter(purge_after__lte=now, purged_at__isnull=True)
    for comment in due_comments.iterator():
        with transaction.atomic():
            comment.body = ""
            comment.signature = []
            comment.findings = []
            comment.author_ip = None
            comment.purged_at = now
            comment.save()
            audit_log_record(acting_user=None, action="boards.comment_purge", obj=comment)
            count += 1
    return count


def post_mark_viewed(*, post: Post) -> None:
    """Count a view; no audit row (not a change anyone answers for)."""
    Post.objects.filter(pk=post.pk).update(view_count=F("view_count") + 1)


def post_convert_to_complaint(*, acting_user, post: Post):
    """Mark a post 답변 필요 and receive it as a 민원 in one step (조례 제11조②: "민원사무에
    준하여 접수·처리"), starting the legal clock. The intake service tells the author the
    receipt number and deadline (e-mail or SMS when they gave one); the post shows them to the
    author and links to the 민원, whose answer later appears under the post."""
    from django.urls import reverse

    from madang.complaints.services import complaint_from_board_post

    if not rules.is_moderator(acting_user):
        raise PermissionDenied
    if post.status not in (PostStatus.PUBLISHED, PostStatus.HELD, PostStatus.HIDDEN):
        raise ValidationError(_("게시 중인 글만 민원으로 접수할 수 있습니다."))
    if post.complaint_id is not None:
        raise ValidationError(
            _("이미 민원으로 접수된 글입니다. 접수번호: %(number)s")
            % {"number": post.complaint.receipt_number}
        )
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        if locked.complaint_id is not None:
            raise ValidationError(_("이미 민원으로 접수된 글입니다."))
        complaint = complaint_from_board_post(
            acting_user=acting_user,
            post_type_label=post.board.name,
            post_id=post.public_id,
            post_url=reverse("boards:post_detail", args=[post.board.slug, post.public_id]),
            author=post.author,
            title=post.title,
            body=post.body_text,
            source_object=post,
        )
        post.needs_answer = True
        post.complaint = complaint
        post.save(update_fields=["needs_answer", "complaint", "updated_at"])
        audit_log_record(
            acting_user=acting_user,
            action="boards.post_convert_to_complaint",
            obj=post,
            changes={"needs_answer": True, "complaint": complaint.receipt_number},
        )
    return complaint


# --- board settings (the Wagtail snippet saves through these) ------------------------------

BOARD_FIELDS = (
    "name",
    "slug",
    "kind",
    "description",
    "is_active",
    "who_may_post",
    "comments_enabled",
    "who_may_comment",
    "real_name_required",
    "anonymous_display",
    "secret_posts_allowed",
    "attachments_allowed",
    "allowed_extensions",
    "max_attachment_mb",
    "max_attachments",
    "categories",
    "policy_defamation",
    "policy_advertising",
    "policy_profanity",
    "policy_repeated",
    "sort_order",
)


def _check_fields(fields) -> None:
    if unknown := set(fields) - set(BOARD_FIELDS):
        raise TypeError(f"unknown fields: {sorted(unknown)}")


@transaction.atomic
def board_create(*, acting_user, **fields) -> Board:
    """Open a board (조례 제11조·제12조) with who may post, real-name rule (제8조 제7호) and
    screening policy; audited."""
    _check_fields(fields)
    board = Board(**fields)
    board.full_clean()
    board.save()
    audit_log_record(
        acting_user=acting_user,
        action="boards.board_create",
        obj=board,
        changes=model_snapshot(board, BOARD_FIELDS),
    )
    return board


@transaction.atomic
def board_update(*, acting_user, board: Board, **fields) -> Board:
    """Change a board's settings; the audit row lists each changed field (old, new), so a
    change of screening policy or real-name rule can be traced to the person who made it."""
    _check_fields(fields)
    before = model_snapshot(Board.objects.select_for_update().get(pk=board.pk), BOARD_FIELDS)
    for name, value in fields.items():
        setattr(board, name, value)
    board.full_clean()
    board.save()
    changes = snapshot_diff(before, model_snapshot(board, BOARD_FIELDS))
    if changes:
        audit_log_record(
            acting_user=acting_user, action="boards.board_update", obj=board, changes=changes
        )
    return board


@transaction.atomic
def board_delete(*, acting_user, board: Board) -> None:
    """Remove a board that never had a post; a board with posts is closed (is_active off)
    instead, since posts and their 제8조 markers are kept (PROTECT)."""
    if Post.objects.filter(board=board).exists():
        raise ValidationError(
            _("글이 있는 게시판은 삭제할 수 없습니다. '사용 중'을 끄면 게시판이 닫힙니다.")
        )
    audit_log_record(
        acting_user=acting_user,
        action="boards.board_delete",
        obj=board,
        changes=model_snapshot(board, BOARD_FIELDS),
    )
    board.delete()
