"""Board list and post pages in the full-page cache for anonymous readers (madang.core.cache,
docs/decisions/0011; docs/developers/boards.md).

Both views call :func:`mark_board_page` first, which tags the page with its board. Whatever
changes what a board's pages show (a post or comment created, edited, withdrawn, held, approved,
hidden by reports, deleted for a 제8조 reason, restored, purged; an attachment; the board's own
settings) makes that board's pages stale after the transaction commits, through the model
signals below: every service saves through the ORM, so none is missed. View counters and report
counters change with ``UPDATE … SET x = x + 1`` (no signal): they invalidate nothing.

The middleware still refuses to store anything personal (signed-in readers, pending messages,
CSRF tokens, cookies), and the post view takes its mark back for secret posts.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from madang.core.cache import mark_cacheable, page_cache_invalidate_tag


def board_tag(slug: str) -> str:
    return f"boards:board:{slug}"


def mark_board_page(request, slug: str) -> None:
    """Before the view reads anything: this page is the same for every anonymous reader and
    shows board `slug`."""
    mark_cacheable(request, tags=(board_tag(slug),))


def invalidate_board(board_id: int) -> None:
    """After commit, make the pages of the board stale (now when not in a transaction)."""
    from .models import Board

    def run():
        slug = Board.objects.filter(pk=board_id).values_list("slug", flat=True).first()
        if slug:
            page_cache_invalidate_tag(board_tag(slug))

    transaction.on_commit(run)


def _post_changed(sender, instance, **kwargs):
    from .models import Post

    if Post.board.is_cached(instance):  # no query when the service loaded the board
        slug = instance.board.slug
        transaction.on_commit(lambda: page_cache_invalidate_tag(board_tag(slug)))
    else:
        invalidate_board(instance.board_id)


def _via_post_changed(sender, instance, **kwargs):
    from .models import Post

    board_id = Post.objects.filter(pk=instance.post_id).values_list("board_id", flat=True).first()
    if board_id is not None:
        invalidate_board(board_id)


def _board_changed(sender, instance, **kwargs):
    # The slug may be gone (deleted) or new; invalidate the tag of the slug it had.
    slug = instance.slug
    transaction.on_commit(lambda: page_cache_invalidate_tag(board_tag(slug)))


def connect() -> None:
    from .models import Attachment, Board, Comment, Post

    for signal in (post_save, post_delete):
        signal.connect(_post_changed, sender=Post, dispatch_uid="boards_page_cache_post")
        signal.connect(_via_post_changed, sender=Comment, dispatch_uid="boards_page_cache_comment")
        signal.connect(
            _via_post_changed, sender=Attachment, dispatch_uid="boards_page_cache_attachment"
        )
        signal.connect(_board_changed, sender=Board, dispatch_uid="boards_page_cache_board")
