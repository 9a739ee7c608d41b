"""Board reads."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from . import rules
from .choices import PostStatus
from .models import Attachment, Board, Comment, Objection, Post

LISTED = (PostStatus.PUBLISHED, PostStatus.HIDDEN, PostStatus.DELETED)
LIVE_COMMENT = (PostStatus.PUBLISHED, PostStatus.HIDDEN, PostStatus.HELD)


@dataclass
class PostPage:
    posts: list
    number: int
    num_pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    def page_range(self) -> range:
        start = max(1, self.number - 4)
        return range(start, min(self.num_pages, start + 9) + 1)


def board_get(*, slug: str) -> Board:
    board = Board.objects.filter(slug=slug, is_active=True).first()
    if board is None:
        raise Http404
    return board


def boards_active():
    return Board.objects.filter(is_active=True)


def board_post_page(*, board: Board, page: int = 1, per_page: int | None = None) -> PostPage:
    """One page of a board's list: pinned notices first, then newest. Two queries whatever
    the page size (count and rows); the rows use the boards_post_list index."""
    per_page = per_page or settings.BOARD_POSTS_PER_PAGE
    base = Post.objects.filter(board=board, status__in=LISTED)
    total = base.count()
    num_pages = max(1, -(-total // per_page))
    page = min(max(1, page), num_pages)
    rows = (
        base.select_related("author", "author__department")
        .annotate(
            comment_total=Count("comments", filter=Q(comments__status=PostStatus.PUBLISHED)),
            has_files=Exists(Attachment.objects.filter(post=OuterRef("pk"))),
        )
        .order_by("-is_pinned", "-created_at", "-id")[(page - 1) * per_page : page * per_page]
    )
    return PostPage(posts=list(rows), number=page, num_pages=num_pages, total=total)


def post_access(*, board: Board, public_id: str, user) -> Post:
    """The post if `user` may see it; otherwise 404, so nobody can probe for secret posts."""
    post = (
        Post.objects.select_related("board", "author", "author__department", "deleted_by")
        .filter(board=board, public_id=public_id)
        .first()
    )
    if post is None or not rules.can_read_post(post, user):
        raise Http404
    return post


def post_comments(*, post: Post, user):
    comments = Comment.objects.filter(post=post).select_related("author")
    if not rules.is_moderator(user):
        comments = comments.filter(
            Q(status__in=(PostStatus.PUBLISHED, PostStatus.DELETED, PostStatus.HIDDEN))
            | Q(author_id=user.pk if user.is_authenticated else None)
        )
    return list(comments)


def moderation_queue(*, tab: str):
    """Posts waiting for a moderator: held by screening, hidden or reported by users,
    published with screening findings not yet reviewed, or deleted with an open objection."""
    posts = Post.objects.select_related("board", "author").order_by("-created_at")
    if tab == "held":
        held_comment = Comment.objects.filter(post=OuterRef("pk"), status=PostStatus.HELD)
        return posts.filter(Q(status=PostStatus.HELD) | Exists(held_comment))
    if tab == "reported":
        reported_comment = Comment.objects.filter(
            post=OuterRef("pk"), report_count__gt=0, status__in=LIVE_COMMENT
        )
        return posts.filter(
            Q(status=PostStatus.HIDDEN)
            | Q(report_count__gt=0, findings_reviewed=False)
            | Exists(reported_comment)
        ).exclude(status=PostStatus.WITHDRAWN)
    if tab == "screened":
        return posts.filter(status=PostStatus.PUBLISHED, findings_reviewed=False).exclude(
            findings=[]
        )
    if tab == "objections":
        return posts.filter(
            Exists(Objection.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True))
        )
    if tab == "deleted":
        return posts.filter(status=PostStatus.DELETED)
    raise Http404
