"""Who may do what on a board (조례 제8조 제7호, 제11조, 제12조)."""

from __future__ import annotations

from .choices import Audience, PostStatus


def is_moderator(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or (user.is_staff and user.has_perm("boards.change_post")))
    )


def is_staff_writer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def request_identity_verified(request) -> bool:
    """Has this session passed 본인확인 for a real-name board (제8조 제7호)? Uses
    madang.accounts.identity's session check; without that module nobody counts as verified,
    so real-name boards stay closed rather than open to anyone."""
    try:
        from madang.accounts.identity.guard import session_verified_identity
    except ImportError:
        return False
    return session_verified_identity(request, purpose=REAL_NAME_PURPOSE) is not None


REAL_NAME_PURPOSE = "real_name_board"


def _audience_allows(audience: str, user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return audience == Audience.CITIZENS or is_staff_writer(user)


def can_post(board, user, *, identity_verified: bool = False) -> bool:
    """`identity_verified`: the caller checked 본인확인 (request_identity_verified)."""
    if not board.is_active or not _audience_allows(board.who_may_post, user):
        return False
    if board.real_name_required and not is_staff_writer(user):
        return identity_verified
    return True


def can_comment(board, user, *, identity_verified: bool = False) -> bool:
    if not board.comments_enabled or not board.is_active:
        return False
    if not _audience_allows(board.who_may_comment, user):
        return False
    if board.real_name_required and not is_staff_writer(user):
        return identity_verified
    return True


def can_read_post(post, user) -> bool:
    """Secret and held posts: author and moderators only. Everyone else may read the rest
    (deleted posts show only the public marker)."""
    own = user.is_authenticated and post.author_id == user.pk
    if post.status == PostStatus.WITHDRAWN:
        return is_moderator(user)
    if post.is_secret or post.status == PostStatus.HELD:
        return own or is_moderator(user)
    return True


def can_read_body(post, user) -> bool:
    """Hidden and deleted posts show a marker instead of the text, except to moderators; the
    author of a deleted post still sees the text so they can object."""
    if post.status in (PostStatus.DELETED, PostStatus.HIDDEN):
        own = user.is_authenticated and post.author_id == user.pk
        return own or is_moderator(user)
    return can_read_post(post, user)
