"""Boards in the API (/api/v1/boards): list, read, post, comment, report, and moderation on the
nine reasons of 조례 제8조.

Posts and comments are addressed by their random public ids, never a sequence; lists page with
an opaque cursor (keyset on the board's list order, so page 5,000 costs what page 1 costs).
Every write goes through the same service as the web pages: screening (제8조 제4·5·6·8호),
masking of personal data, rate limits, blocks and each board's policy.

Who may call:

* reads: anyone; a signed-in session or a token also sees its own secret and held posts, and
  moderators see everything a moderator sees on the web;
* writes (post, comment, report): a signed-in session (CSRF-protected) or a token with the
  scope ``boards:write``, acting as the token's account;
* moderation: a moderator's staff session or a token with ``boards:moderate`` whose account
  holds the boards moderation permission.
"""

from __future__ import annotations

from datetime import datetime

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.security import SessionAuth

from madang.accounts.choices import ApiScope
from madang.accounts.selectors import api_token_authenticate
from madang.core.api_base import ApiError, ApiTokenAuth, ErrorOut, StaffSessionAuth, require_scope
from madang.core.request_context import client_ip_from_request

from . import moderation, rules, selectors, services
from .attachments import attachment_response, check_attachments
from .choices import LISTED_STATUSES, PostStatus
from .models import Board, Comment, Post
from .screening import DeletionReason
from .templatetags.boards_tags import author_label

router = Router(tags=["boards"])
MAX_LIMIT = 50
_CURSOR_SALT = "madang.boards.api.cursor"


# --- authentication -----------------------------------------------------------------------


class BoardTokenAuth(ApiTokenAuth):
    """A token, without making the request look signed in (the idle sign-out middleware
    would write a session row per call); the acting account is `request.api_token.user`."""

    def authenticate(self, request, token):
        api_token = api_token_authenticate(raw=token)
        if api_token is None:
            return None
        request.api_token = api_token
        return api_token


class PersonSessionAuth(SessionAuth):
    """Any signed-in person's browser session (CSRF-protected for writes)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            request.api_token = None
        return user


def _anyone(request):
    """Public reads: no credentials needed; a token or session, when sent, is used."""
    if not hasattr(request, "api_token"):
        request.api_token = None
    return True


READ_AUTH = [BoardTokenAuth(), _anyone]
WRITE_AUTH = [BoardTokenAuth(), PersonSessionAuth()]
MODERATE_AUTH = [BoardTokenAuth(), StaffSessionAuth()]


def _actor(request):
    token = getattr(request, "api_token", None)
    return token.user if token is not None else request.user


def _writer(request):
    require_scope(request, ApiScope.BOARDS_WRITE)
    return _actor(request)


def _moderator(request):
    require_scope(request, ApiScope.BOARDS_MODERATE)
    user = _actor(request)
    if not rules.is_moderator(user):
        raise ApiError(
            403,
            "forbidden",
            _("게시판 관리 권한이 없습니다. 관리자에게 게시물 관리 권한을 요청하세요."),
        )
    return user


def _identity_verified(request) -> bool:
    # A token has no 본인확인 session; staff writers are not asked for one (rules.can_post).
    if getattr(request, "api_token", None) is not None:
        return False
    return rules.request_identity_verified(request)


# --- errors -------------------------------------------------------------------------------

_REFUSAL_STATUS = {
    "blocked": (403, "blocked"),
    "real_name": (403, "real_name_required"),
    "forbidden": (403, "forbidden"),
    "rate_limited": (429, "rate_limited"),
    "screening": (422, "refused_by_screening"),
}


def _refused(exc: ValidationError) -> ApiError:
    """A service's refusal or validation error as the API's one error shape, in Korean."""
    code = getattr(exc, "code", None)
    if code is None and getattr(exc, "error_list", None):
        code = exc.error_list[0].code
    status, api_code = _REFUSAL_STATUS.get(code, (422, "invalid"))
    message = " ".join(exc.messages)
    details = [{"field": "__all__", "message": m} for m in exc.messages]
    return ApiError(status, api_code, message, details)


# --- schemas ------------------------------------------------------------------------------


class BoardOut(Schema):
    slug: str
    name: str
    kind: str
    description: str
    comments_enabled: bool
    real_name_required: bool
    secret_posts_allowed: bool
    categories: list[str]


class PostSummaryOut(Schema):
    id: str = Field(..., description="게시물의 공개 식별자 (무작위, 순번 아님)")
    status: str = Field(..., description="published, hidden(신고로 가림), deleted(제8조 삭제)")
    title: str | None = Field(None, description="삭제·비밀·가림 글은 null")
    category: str
    author: str | None
    created_at: datetime
    is_pinned: bool
    is_secret: bool
    view_count: int
    comment_count: int
    has_attachments: bool
    marker: str | None = Field(None, description="제8조 삭제 표시 (삭제된 글)")
    url: str


class PostPageOut(Schema):
    items: list[PostSummaryOut]
    next_cursor: str | None = Field(None, description="다음 쪽을 받을 때 cursor로 보냅니다")


class CommentOut(Schema):
    id: str
    status: str
    author: str | None
    created_at: datetime
    body: str | None
    marker: str | None = None


class AttachmentOut(Schema):
    name: str = Field(..., description="올린 사람이 붙인 파일 이름")
    extension: str
    size: int = Field(..., description="바이트(이미지는 다시 저장한 뒤의 크기)")
    url: str = Field(..., description="내려받기 주소; 글을 읽을 수 있는 사람만 받을 수 있습니다")


class ComplaintAnswerOut(Schema):
    department: str
    official: str
    answered_at: datetime
    body: str


class ComplaintLinkOut(Schema):
    receipt_number: str | None = Field(None, description="작성자와 담당자에게만 보입니다")
    due_at: datetime | None = Field(None, description="작성자와 담당자에게만 보입니다")
    status: str
    answer: ComplaintAnswerOut | None = None


class PostOut(PostSummaryOut):
    body: str | None = Field(None, description="정제된 HTML; 볼 수 없는 글은 null")
    needs_answer: bool
    complaint: ComplaintLinkOut | None = None
    attachments: list[AttachmentOut]
    comments: list[CommentOut]


class PostIn(Schema):
    title: str = Field(..., max_length=200)
    body: str = Field(..., max_length=20000, description="허용된 HTML(굵게·기울임·목록·링크)")
    category: str = ""
    is_secret: bool = False


class CommentIn(Schema):
    body: str = Field(..., max_length=2000)


class ReportIn(Schema):
    reason: int = Field(..., ge=1, le=9, description="조례 제8조 제N호 (1~9)")
    details: str = Field("", max_length=1000)


class ReportOut(Schema):
    received: bool
    hidden: bool = Field(..., description="신고가 기준 수에 이르러 검토 때까지 가려졌는지")


class DeleteIn(Schema):
    reason: int = Field(..., ge=1, le=9, description="조례 제8조 제N호 (1~9)")
    note: str = Field("", description="제9호일 때는 반드시 적습니다")


class HoldIn(Schema):
    note: str = ""


class BlockIn(Schema):
    reason: int = Field(..., ge=1, le=9, description="조례 제8조 제N호 (1~9)")
    days: int = Field(..., ge=1, le=3650)
    note: str = ""


class BlockOut(Schema):
    starts_at: datetime
    ends_at: datetime
    reason: int
    message: str


class ModerationOut(Schema):
    id: str
    status: str
    marker: str | None = None


class QueueItemOut(Schema):
    id: str
    board: str
    title: str
    status: str
    report_count: int
    findings: list[int]
    created_at: datetime
    url: str


# --- helpers ------------------------------------------------------------------------------


def _board(slug: str) -> Board:
    return selectors.board_get(slug=slug)


def _post(board: Board, public_id: str, user) -> Post:
    return selectors.post_access(board=board, public_id=public_id, user=user)


def _marker(item) -> str | None:
    if item.status != PostStatus.DELETED or item.deleted_reason is None:
        return None
    return moderation.deletion_marker(item.deletion_reason, item.deleted_at)


def _post_url(post: Post, board: Board) -> str:
    return reverse("boards:post_detail", args=[board.slug, post.public_id])


def _summary(post: Post, board: Board, user) -> dict:
    shows_title = (
        post.status == PostStatus.PUBLISHED or rules.can_read_body(post, user)
    ) and rules.can_read_post(post, user)
    if post.purged_at is not None:
        shows_title = False
    deleted = post.status == PostStatus.DELETED
    return {
        "id": post.public_id,
        "status": post.status,
        "title": post.title if shows_title else None,
        "category": post.category if shows_title else "",
        "author": None if deleted else author_label(post, board),
        "created_at": post.created_at,
        "is_pinned": post.is_pinned,
        "is_secret": post.is_secret,
        "view_count": post.view_count,
        "comment_count": getattr(post, "comment_total", 0) or 0,
        "has_attachments": bool(getattr(post, "has_files", False)),
        "marker": _marker(post),
        "url": _post_url(post, board),
    }


def _cursor_dump(post_public_id: str) -> str:
    return signing.dumps(post_public_id, salt=_CURSOR_SALT, compress=False)


def _cursor_load(cursor: str) -> str:
    try:
        return signing.loads(cursor, salt=_CURSOR_SALT)
    except signing.BadSignature:
        raise ApiError(
            422,
            "invalid_cursor",
            _("cursor 값이 올바르지 않습니다. 앞선 응답의 next_cursor를 그대로 보내세요."),
        ) from None


# --- reads --------------------------------------------------------------------------------


@router.get("/boards", response=list[BoardOut], auth=None)
def board_list(request):
    """운영 중인 게시판 목록."""
    return [
        {
            "slug": b.slug,
            "name": b.name,
            "kind": b.kind,
            "description": b.description,
            "comments_enabled": b.comments_enabled,
            "real_name_required": b.real_name_required,
            "secret_posts_allowed": b.secret_posts_allowed,
            "categories": b.category_list(),
        }
        for b in selectors.boards_active()
    ]


@router.get(
    "/boards/{slug}/posts",
    response={200: PostPageOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ_AUTH,
)
def post_list(request, slug: str, cursor: str = "", limit: int = 20):
    """게시판 목록: 공지(상단 고정) 먼저, 그다음 최신 글 순서. 삭제된 글은 제8조 삭제 표시로
    목록에 남습니다. 다음 쪽은 응답의 next_cursor를 cursor로 보내 받습니다."""
    board = _board(slug)
    user = _actor(request)
    limit = max(1, min(limit, MAX_LIMIT))
    rows = Post.objects.filter(board=board, status__in=[s.value for s in LISTED_STATUSES])
    if cursor:
        after = _cursor_load(cursor)
        key = (
            Post.objects.filter(board=board, public_id=after)
            .values_list("is_pinned", "created_at", "id")
            .first()
        )
        if key is None:
            raise ApiError(
                422,
                "invalid_cursor",
                _("cursor가 가리키는 글이 없습니다. 목록을 처음부터 다시 받으세요."),
            )
        table = connection.ops.quote_name(Post._meta.db_table)
        rows = rows.extra(  # noqa: S610 - the model's table name only; values are params
            where=[f"({table}.is_pinned, {table}.created_at, {table}.id) < (%s, %s, %s)"],
            params=[key[0], connection.ops.adapt_datetimefield_value(key[1]), key[2]],
        )
    page = selectors.list_rows_after(
        rows.order_by("-is_pinned", "-created_at", "-id"), limit=limit + 1
    )
    more = len(page) > limit
    page = page[:limit]
    return {
        "items": [_summary(p, board, user) for p in page],
        "next_cursor": _cursor_dump(page[-1].public_id) if more else None,
    }


def _complaint_link(post: Post, user) -> dict | None:
    complaint = post.complaint
    if complaint is None:
        return None
    own = user.is_authenticated and (post.author_id == user.pk or rules.is_moderator(user))
    answer = selectors.complaint_answer_for(complaint)
    return {
        "receipt_number": complaint.receipt_number if own else None,
        "due_at": complaint.due_at if own else None,
        "status": complaint.status,
        "answer": {
            "department": answer.department_name,
            "official": answer.official_name,
            "answered_at": answer.answered_at,
            "body": answer.body,
        }
        if answer is not None
        else None,
    }


def _comment_out(comment: Comment, board: Board, user) -> dict:
    deleted = comment.status == PostStatus.DELETED
    hidden = comment.status == PostStatus.HIDDEN and not rules.is_moderator(user)
    return {
        "id": comment.public_id,
        "status": comment.status,
        "author": None if deleted else author_label(comment, board),
        "created_at": comment.created_at,
        "body": None if deleted or hidden or comment.purged_at else comment.body,
        "marker": _marker(comment),
    }


# Declared before the read route: "/posts/with-files" would otherwise match "/posts/{public_id}".
@router.post(
    "/boards/{slug}/posts/with-files",
    response={201: PostOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=WRITE_AUTH,
)
def post_create_with_files(
    request, slug: str, payload: Form[PostIn], files: File[list[UploadedFile]] = None
):
    """첨부파일과 함께 글쓰기(multipart/form-data; 글 항목은 폼 필드, 파일은 `files`를 여러 번).
    웹 화면과 같은 검사를 거칩니다: 게시판이 허용한 형식과 개수, 한 파일 크기, 확장자와 실제
    내용(매직 바이트)의 일치, 이미지는 다시 저장(메타데이터 제거). 하나라도 맞지 않으면 아무것도
    저장하지 않고 422와 고칠 방법을 알려 줍니다."""
    return _create(request, slug, payload, files=files or [])


@router.get(
    "/boards/{slug}/posts/{public_id}", response={200: PostOut, 404: ErrorOut}, auth=READ_AUTH
)
def post_read(request, slug: str, public_id: str):
    """글 하나와 댓글. 비밀글과 검토 대기 글은 작성자와 담당자만 볼 수 있고(다른 사람에게는
    404), 삭제된 글은 본문 대신 제8조 삭제 표시를 보여 줍니다."""
    board = _board(slug)
    user = _actor(request)
    post = _post(board, public_id, user)
    data = _summary(post, board, user)
    readable = rules.can_read_body(post, user) and post.purged_at is None
    data.update(
        {
            "comment_count": post.comments.filter(status=PostStatus.PUBLISHED).count(),
            "has_attachments": post.attachments.exists(),
            "title": post.title if readable else data["title"],
            "body": post.body if readable else None,
            "needs_answer": post.needs_answer,
            "complaint": _complaint_link(post, user),
            "attachments": [
                {
                    "name": a.original_name,
                    "extension": a.extension,
                    "size": a.size,
                    "url": request.build_absolute_uri(
                        reverse(
                            "api-v1:board_attachment_download",
                            args=[board.slug, post.public_id, a.pk],
                        )
                    ),
                }
                for a in post.attachments.all()
            ]
            if readable
            else [],
            "comments": [
                _comment_out(c, board, user) for c in selectors.post_comments(post=post, user=user)
            ]
            if board.comments_enabled
            else [],
        }
    )
    return data


@router.get(
    "/boards/{slug}/posts/{public_id}/attachments/{attachment_id}",
    response={200: None, 404: ErrorOut},
    auth=READ_AUTH,
    url_name="board_attachment_download",
)
def attachment_download(request, slug: str, public_id: str, attachment_id: int):
    """첨부파일 내려받기. 글 본문을 읽을 수 있는 사람만 받습니다(비밀글은 작성자와 담당자,
    삭제·가림 글은 담당자). 그 밖에는 404."""
    board = _board(slug)
    user = _actor(request)
    post = _post(board, public_id, user)
    attachment = selectors.post_attachment_for_reader(
        post=post, user=user, attachment_id=attachment_id
    )
    return attachment_response(attachment)


# --- writes -------------------------------------------------------------------------------


@router.post(
    "/boards/{slug}/posts",
    response={201: PostOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=WRITE_AUTH,
)
def post_create(request, slug: str, payload: PostIn):
    """글쓰기. 웹과 같은 절차로 자동 선별(제8조 제4·5·6·8호), 개인정보 가림, 작성 제한,
    이용 차단, 게시판 정책을 거칩니다. status가 held이면 담당자 검토 후 게시됩니다.
    첨부파일이 있으면 같은 내용을 multipart로 /boards/{slug}/posts/with-files에 보냅니다."""
    return _create(request, slug, payload, files=[])


def _create(request, slug: str, payload: PostIn, *, files) -> Status:
    board = _board(slug)
    user = _writer(request)
    try:
        checked = check_attachments(files, board=board)
        post = services.post_create(
            acting_user=user,
            board=board,
            title=payload.title,
            body=payload.body,
            category=payload.category,
            is_secret=payload.is_secret,
            files=checked,
            ip=client_ip_from_request(request),
            identity_verified=_identity_verified(request),
        )
    except ValidationError as exc:
        raise _refused(exc) from None
    return Status(201, post_read(request, slug, post.public_id))


@router.post(
    "/boards/{slug}/posts/{public_id}/comments",
    response={201: CommentOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=WRITE_AUTH,
)
def comment_create(request, slug: str, public_id: str, payload: CommentIn):
    """댓글 쓰기 (글쓰기와 같은 선별·가림·제한)."""
    board = _board(slug)
    user = _writer(request)
    post = _post(board, public_id, user)
    try:
        comment = services.comment_create(
            acting_user=user,
            post=post,
            body=payload.body,
            ip=client_ip_from_request(request),
            identity_verified=_identity_verified(request),
        )
    except ValidationError as exc:
        raise _refused(exc) from None
    return Status(201, _comment_out(comment, board, user))


def _report(request, *, post: Post | None, comment: Comment | None, payload: ReportIn):
    user = _writer(request)
    try:
        services.report_create(
            acting_user=user,
            post=post,
            comment=comment,
            reason=payload.reason,
            details=payload.details,
        )
    except PermissionDenied:
        raise
    except ValidationError as exc:
        raise _refused(exc) from None
    target = post or comment
    target.refresh_from_db(fields=["status"])
    return Status(201, {"received": True, "hidden": target.status == PostStatus.HIDDEN})


@router.post(
    "/boards/{slug}/posts/{public_id}/reports",
    response={201: ReportOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=WRITE_AUTH,
)
def post_report(request, slug: str, public_id: str, payload: ReportIn):
    """글 신고: 조례 제8조 제1~9호 가운데 사유 하나. 여러 사람의 신고가 기준 수에 이르면
    검토 때까지 가려집니다. 같은 글은 한 번만 신고할 수 있습니다."""
    board = _board(slug)
    post = _post(board, public_id, _actor(request))
    return _report(request, post=post, comment=None, payload=payload)


@router.post(
    "/boards/{slug}/posts/{public_id}/comments/{comment_id}/reports",
    response={201: ReportOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=WRITE_AUTH,
)
def comment_report(request, slug: str, public_id: str, comment_id: str, payload: ReportIn):
    """댓글 신고 (사유는 제8조 제1~9호)."""
    board = _board(slug)
    post = _post(board, public_id, _actor(request))
    comment = post.comments.filter(public_id=comment_id).first()
    if comment is None:
        raise Http404
    return _report(request, post=None, comment=comment, payload=payload)


# --- moderation ---------------------------------------------------------------------------


def _moderated_post(slug: str, public_id: str) -> Post:
    post = Post.objects.select_related("board", "author").filter(
        board__slug=slug, public_id=public_id
    )
    found = post.first()
    if found is None:
        raise Http404
    return found


def _moderation_out(item) -> dict:
    return {"id": item.public_id, "status": item.status, "marker": _marker(item)}


def _run(action):
    try:
        return action()
    except ValidationError as exc:
        raise _refused(exc) from None


MOD_RESPONSES = {200: ModerationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get(
    "/boards/moderation/queue",
    response={200: list[QueueItemOut], 403: ErrorOut, 404: ErrorOut},
    auth=MODERATE_AUTH,
)
def moderation_queue(request, tab: str = "held", limit: int = 50):
    """담당자 대기열: held(검토 대기), reported(신고됨), screened(자동 선별),
    objections(이의신청), deleted(삭제됨)."""
    _moderator(request)
    posts = selectors.moderation_queue(tab=tab)[: max(1, min(limit, 200))]
    return [
        {
            "id": p.public_id,
            "board": p.board.slug,
            "title": p.title,
            "status": p.status,
            "report_count": p.report_count,
            "findings": [f["reason"] for f in p.findings],
            "created_at": p.created_at,
            "url": _post_url(p, p.board),
        }
        for p in posts
    ]


@router.post(
    "/boards/{slug}/posts/{public_id}/moderation/hold", response=MOD_RESPONSES, auth=MODERATE_AUTH
)
def moderation_hold(request, slug: str, public_id: str, payload: HoldIn):
    """게시 중인 글을 검토 대기로 돌립니다 (작성자와 담당자만 볼 수 있음)."""
    user = _moderator(request)
    post = _moderated_post(slug, public_id)
    return _moderation_out(
        _run(lambda: services.post_hold(acting_user=user, post=post, note=payload.note))
    )


@router.post(
    "/boards/{slug}/posts/{public_id}/moderation/approve",
    response=MOD_RESPONSES,
    auth=MODERATE_AUTH,
)
def moderation_approve(request, slug: str, public_id: str):
    """검토 대기이거나 신고로 가려진 글을 게시합니다."""
    user = _moderator(request)
    post = _moderated_post(slug, public_id)
    return _moderation_out(_run(lambda: services.post_approve(acting_user=user, post=post)))


@router.post(
    "/boards/{slug}/posts/{public_id}/moderation/delete",
    response=MOD_RESPONSES,
    auth=MODERATE_AUTH,
)
def moderation_delete(request, slug: str, public_id: str, payload: DeleteIn):
    """조례 제8조 제N호 사유 하나로 삭제하고, 게시판에 삭제 표시를 남깁니다 (제9호는 메모
    필수). 작성자에게 사유와 이의신청 방법을 알립니다."""
    user = _moderator(request)
    post = _moderated_post(slug, public_id)
    return _moderation_out(
        _run(
            lambda: services.post_delete_for_reason(
                acting_user=user, post=post, reason=payload.reason, note=payload.note
            )
        )
    )


@router.post(
    "/boards/{slug}/posts/{public_id}/moderation/restore",
    response=MOD_RESPONSES,
    auth=MODERATE_AUTH,
)
def moderation_restore(request, slug: str, public_id: str):
    """제8조로 삭제한 글을 되살립니다 (원문이 보관 기간 안에 있을 때)."""
    user = _moderator(request)
    post = _moderated_post(slug, public_id)
    return _moderation_out(_run(lambda: services.post_restore(acting_user=user, post=post)))


@router.post(
    "/boards/{slug}/posts/{public_id}/comments/{comment_id}/moderation/delete",
    response=MOD_RESPONSES,
    auth=MODERATE_AUTH,
)
def moderation_comment_delete(
    request, slug: str, public_id: str, comment_id: str, payload: DeleteIn
):
    """댓글을 조례 제8조 제N호 사유로 삭제합니다 (제9호는 메모 필수)."""
    user = _moderator(request)
    post = _moderated_post(slug, public_id)
    comment = post.comments.filter(public_id=comment_id).first()
    if comment is None:
        raise Http404
    return _moderation_out(
        _run(
            lambda: services.comment_delete_for_reason(
                acting_user=user, comment=comment, reason=payload.reason, note=payload.note
            )
        )
    )


@router.post(
    "/boards/{slug}/posts/{public_id}/moderation/block-author",
    response={201: BlockOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=MODERATE_AUTH,
)
def moderation_block_author(request, slug: str, public_id: str, payload: BlockIn):
    """글쓴이의 게시판 이용을 기간을 정해 제한합니다 (사유는 제8조 제N호; 제9호는 메모 필수).
    차단된 사람은 글을 쓰려 할 때 사유와 종료일시를 봅니다."""
    user = _moderator(request)
    post = _moderated_post(slug, public_id)
    block = _run(
        lambda: moderation.block_create(
            acting_user=user,
            user=post.author,
            reason=payload.reason,
            days=payload.days,
            note=payload.note,
        )
    )
    return Status(
        201,
        {
            "starts_at": block.starts_at,
            "ends_at": block.ends_at,
            "reason": int(DeletionReason(block.reason)),
            "message": moderation.block_message(block),
        },
    )
