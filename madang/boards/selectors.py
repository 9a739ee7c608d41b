"""Board reads."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from . import listing, rules
from .choices import LISTED_STATUSES, PostStatus
from .models import Board, Comment, Objection, Post

LISTED = LISTED_STATUSES
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
    """One page of a board's list: pinned notices first, then newest. A fixed number of
    queries whatever the page or the board's size, and no OFFSET walk or COUNT(*) over the
    board (madang.boards.listing)."""
    per_page = per_page or settings.BOARD_POSTS_PER_PAGE
    page = max(1, page)
    chunk = listing.listed_page_ids(board, offset=(page - 1) * per_page, limit=per_page)
    num_pages = max(1, -(-chunk.total // per_page))
    if page > num_pages:
        page = num_pages
        chunk = listing.listed_page_ids(board, offset=(page - 1) * per_page, limit=per_page)
    return PostPage(
        posts=listing.listed_rows(chunk), number=page, num_pages=num_pages, total=chunk.total
    )


def list_rows_after(rows, *, limit: int) -> list[Post]:
    """Keyset page for the API: the first `limit` ids of `rows` (already filtered and ordered
    by the list order, answered from the boards_post_listed index), then their rows."""
    ids = list(rows.values_list("id", flat=True)[:limit])
    return list(listing.with_row_details(Post.objects.filter(pk__in=ids)))


def complaint_answer_for(complaint):
    """The newest answer to the 민원 a post became (조례 제11조②), or None."""
    return complaint.latest_answer if complaint is not None else None


def post_access(*, board: Board, public_id: str, user) -> Post:
    """The post if `user` may see it; otherwise 404, so nobody can probe for secret posts."""
    post = (
        Post.objects.select_related(
            "board", "author", "author__department", "deleted_by", "complaint"
        )
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


def post_attachment_for_reader(*, post: Post, user, attachment_id: int):
    """The attachment of `post` that `user` may download: only who may read the post's text
    (secret posts: author and staff; held or deleted: staff), never after the purge. 404
    otherwise, so nobody learns that a file exists."""
    if not rules.can_read_body(post, user) or post.purged_at is not None:
        raise Http404
    attachment = post.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment
