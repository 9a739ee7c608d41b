"""Choices of the boards app, named in the ordinance's terms."""

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .screening import DeletionReason


class BoardKind(models.TextChoices):
    NOTICE = "notice", _("공지사항")
    FREE = "free", _("자유게시판·참여마당 (제12조)")
    DIALOGUE = "dialogue", _("구청장과의 대화방 (제11조)")
    QNA = "qna", _("묻고 답하기")


class Audience(models.TextChoices):
    STAFF = "staff", _("직원만")
    CITIZENS = "citizens", _("로그인한 이용자")


class ScreeningAction(models.TextChoices):
    """What a board does with a post on which screening found a 제8조 reason."""

    PUBLISH = "publish", _("게시")
    HOLD = "hold", _("검토 후 게시")
    REFUSE = "refuse", _("등록 거부")


class PostStatus(models.TextChoices):
    PUBLISHED = "published", _("게시")
    HELD = "held", _("검토 대기")
    HIDDEN = "hidden", _("신고로 임시 가림")
    DELETED = "deleted", _("삭제(제8조)")
    WITHDRAWN = "withdrawn", _("작성자 삭제")


# What a board's list shows: deleted posts stay as their public marker (제8조 후단).
LISTED_STATUSES = (PostStatus.PUBLISHED, PostStatus.HIDDEN, PostStatus.DELETED)


def _reason_choice_label(reason: DeletionReason) -> str:
    return f"{reason.citation} {reason.label}"


# Lazy: built once at import, but worded in the language of the page that shows it.
REASON_CHOICES = [(int(r), lazy(_reason_choice_label, str)(r)) for r in DeletionReason]
