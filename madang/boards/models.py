"""Boards, posts, comments, attachments, reports, objections, blocks (조례 제8·11·12조)."""

import secrets
import string

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from madang.core.models import TimeStampedModel
from madang.core.storage import PrivateStorage

from .choices import (
    LISTED_STATUSES,
    REASON_CHOICES,
    Audience,
    BoardKind,
    PostStatus,
    ScreeningAction,
)
from .screening import DeletionReason

_ALPHABET = string.ascii_letters + string.digits


def new_public_id() -> str:
    """12 random characters (about 71 bits): post URLs never reveal how many posts exist."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(12))


DEFAULT_EXTENSIONS = "pdf,hwp,hwpx,docx,xlsx,pptx,jpg,jpeg,png,gif,txt"


class Board(TimeStampedModel):
    """A board staff configure in the Wagtail admin (snippet)."""

    name = models.CharField(_("게시판 이름"), max_length=100)
    slug = models.SlugField(_("주소 이름"), max_length=50, unique=True, allow_unicode=False)
    kind = models.CharField(_("종류"), max_length=16, choices=BoardKind.choices)
    description = models.TextField(_("안내문"), blank=True)
    is_active = models.BooleanField(_("사용 중"), default=True)
    who_may_post = models.CharField(
        _("글쓰기 권한"), max_length=16, choices=Audience.choices, default=Audience.CITIZENS
    )
    comments_enabled = models.BooleanField(_("댓글 사용"), default=True)
    who_may_comment = models.CharField(
        _("댓글 권한"), max_length=16, choices=Audience.choices, default=Audience.CITIZENS
    )
    real_name_required = models.BooleanField(
        _("실명 확인 필요 (제8조 제7호)"),
        default=False,
        help_text=_("본인확인을 마친 이용자만 글을 쓸 수 있습니다."),
    )
    anonymous_display = models.BooleanField(
        _("작성자 이름 가림"), default=False, help_text=_("목록과 글에 작성자 이름을 가립니다.")
    )
    secret_posts_allowed = models.BooleanField(
        _("비밀글 허용"), default=False, help_text=_("비밀글은 작성자와 직원만 볼 수 있습니다.")
    )
    attachments_allowed = models.BooleanField(_("첨부파일 허용"), default=True)
    allowed_extensions = models.CharField(
        _("허용 확장자"),
        max_length=200,
        default=DEFAULT_EXTENSIONS,
        help_text=_("쉼표로 구분합니다. 가능한 값: ") + DEFAULT_EXTENSIONS,
    )
    max_attachment_mb = models.PositiveSmallIntegerField(_("파일당 최대 크기(MB)"), default=10)
    max_attachments = models.PositiveSmallIntegerField(_("최대 첨부 개수"), default=3)
    categories = models.TextField(_("말머리"), blank=True, help_text=_("한 줄에 하나씩 씁니다."))
    policy_defamation = models.CharField(
        _("제8조 제4호(비방·명예훼손) 의심 시"),
        max_length=10,
        choices=ScreeningAction.choices,
        default=ScreeningAction.HOLD,
    )
    policy_advertising = models.CharField(
        _("제8조 제5호(상업광고) 의심 시"),
        max_length=10,
        choices=ScreeningAction.choices,
        default=ScreeningAction.HOLD,
    )
    policy_profanity = models.CharField(
        _("제8조 제6호(욕설·음란) 의심 시"),
        max_length=10,
        choices=ScreeningAction.choices,
        default=ScreeningAction.REFUSE,
    )
    policy_repeated = models.CharField(
        _("제8조 제8호(반복 게시) 의심 시"),
        max_length=10,
        choices=ScreeningAction.choices,
        default=ScreeningAction.REFUSE,
    )
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)
    # Bumped whenever an existing post enters or leaves the list (approval, withdrawal, ...):
    # the cached page anchors of madang.boards.listing are only trusted at the same version.
    list_version = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("description")],
            heading=_("게시판"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("who_may_post"), FieldPanel("who_may_comment")]),
                FieldPanel("comments_enabled"),
                FieldPanel("real_name_required"),
                FieldPanel("anonymous_display"),
                FieldPanel("secret_posts_allowed"),
                FieldPanel("categories"),
            ],
            heading=_("권한과 표시"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attachments_allowed"),
                FieldPanel("allowed_extensions"),
                FieldRowPanel([FieldPanel("max_attachment_mb"), FieldPanel("max_attachments")]),
            ],
            heading=_("첨부파일"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("policy_defamation"),
                FieldPanel("policy_advertising"),
                FieldPanel("policy_profanity"),
                FieldPanel("policy_repeated"),
            ],
            heading=_("자동 선별 정책 (제8조)"),
        ),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("sort_order")]),
    ]

    class Meta:
        verbose_name = _("게시판")
        verbose_name_plural = _("게시판")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def category_list(self) -> list[str]:
        return [c.strip() for c in self.categories.splitlines() if c.strip()]

    def extension_list(self) -> list[str]:
        return [
            e.strip().lower().lstrip(".") for e in self.allowed_extensions.split(",") if e.strip()
        ]

    def policy_for(self, reason: DeletionReason) -> str:
        """The board's screening action for a 제8조 reason; reasons screening cannot find are
        held for a person, never refused by a machine."""
        return {
            DeletionReason.DEFAMATION: self.policy_defamation,
            DeletionReason.COMMERCIAL_ADVERTISING: self.policy_advertising,
            DeletionReason.PROFANITY_OBSCENITY: self.policy_profanity,
            DeletionReason.REPEATED_POSTING: self.policy_repeated,
        }.get(reason, ScreeningAction.HOLD)


class ModeratedContent(TimeStampedModel):
    """Fields a post and a comment share: state, screening, reports and a 제8조 deletion."""

    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("작성자"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("상태"), max_length=16, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    findings = models.JSONField(_("자동 선별 결과"), default=list, blank=True)
    findings_reviewed = models.BooleanField(_("선별 결과 검토함"), default=False)
    report_count = models.PositiveIntegerField(_("신고 수"), default=0)
    author_ip = models.GenericIPAddressField(_("작성 IP"), null=True, blank=True)
    deleted_reason = models.PositiveSmallIntegerField(
        _("삭제 사유(제8조 제N호)"), choices=REASON_CHOICES, null=True, blank=True
    )
    deleted_note = models.TextField(_("삭제 메모"), blank=True)
    deleted_at = models.DateTimeField(_("삭제일시"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("삭제한 담당자"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purge_after = models.DateTimeField(_("원문 파기 예정일시"), null=True, blank=True)
    purged_at = models.DateTimeField(_("원문 파기일시"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def deletion_reason(self) -> DeletionReason | None:
        return DeletionReason(self.deleted_reason) if self.deleted_reason else None


class Post(ModeratedContent):
    board = models.ForeignKey(
        Board, verbose_name=_("게시판"), on_delete=models.PROTECT, related_name="posts"
    )
    category = models.CharField(_("말머리"), max_length=50, blank=True)
    title = models.CharField(_("제목"), max_length=200)
    body = models.TextField(_("내용"))  # sanitised HTML (sanitize.py), personal data masked
    body_text = models.TextField(_("내용(텍스트)"), blank=True)
    signature = models.JSONField(_("유사도 서명"), default=list, blank=True)
    signature_version = models.PositiveSmallIntegerField(default=0, editable=False)
    is_pinned = models.BooleanField(_("상단 고정"), default=False)
    is_secret = models.BooleanField(_("비밀글"), default=False)
    view_count = models.PositiveIntegerField(_("조회수"), default=0)
    # 조례 제11조②: a 구청장과의 대화방 post that needs an answer is received as a 민원.
    needs_answer = models.BooleanField(_("답변 필요"), default=False)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("접수된 민원"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("게시물")
        verbose_name_plural = _("게시물")
        indexes = [
            # The list page: pinned first, newest first, within one board, listed posts only.
            # Partial, so a deep page's OFFSET walks only listed rows, index-only (selectors).
            models.Index(
                fields=["board", "-is_pinned", "-created_at", "-id"],
                name="boards_post_listed",
                condition=models.Q(status__in=[s.value for s in LISTED_STATUSES]),
            ),
            models.Index(fields=["author", "created_at"], name="boards_post_author_time"),
            models.Index(fields=["status"], name="boards_post_status"),
        ]

    def __str__(self) -> str:
        return f"{self.board_id}:{self.public_id}"


class Comment(ModeratedContent):
    post = models.ForeignKey(
        Post, verbose_name=_("게시물"), on_delete=models.CASCADE, related_name="comments"
    )
    body = models.TextField(_("댓글"))
    signature = models.JSONField(_("유사도 서명"), default=list, blank=True)
    signature_version = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("댓글")
        verbose_name_plural = _("댓글")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["author", "created_at"], name="boards_comment_author_time"),
        ]

    def __str__(self) -> str:
        return f"comment:{self.public_id}"


class BoardAttachmentStorage(PrivateStorage):
    """Under BOARD_ATTACHMENT_ROOT, never MEDIA_ROOT, so the web server cannot serve a secret or
    deleted post's file."""

    setting_name = "BOARD_ATTACHMENT_ROOT"


def attachment_storage():
    return BoardAttachmentStorage()


def attachment_path(instance, filename: str) -> str:
    return f"boards/{instance.post.public_id}/{secrets.token_hex(8)}.{instance.extension}"


class Attachment(TimeStampedModel):
    post = models.ForeignKey(
        Post, verbose_name=_("게시물"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("파일"), upload_to=attachment_path, storage=attachment_storage, max_length=200
    )
    original_name = models.CharField(_("원래 파일 이름"), max_length=200)
    extension = models.CharField(_("확장자"), max_length=10)
    size = models.PositiveIntegerField(_("크기(바이트)"))

    class Meta:
        verbose_name = _("첨부파일")
        verbose_name_plural = _("첨부파일")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Report(TimeStampedModel):
    """One user's report of a post or comment, for one of the nine reasons (제8조)."""

    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("신고자"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.PositiveSmallIntegerField(_("신고 사유"), choices=REASON_CHOICES)
    details = models.TextField(_("자세한 내용"), blank=True)

    class Meta:
        verbose_name = _("신고")
        verbose_name_plural = _("신고")
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="boards_report_once_post"),
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="boards_report_once_comment"
            ),
            models.CheckConstraint(
                condition=models.Q(post__isnull=False, comment__isnull=True)
                | models.Q(post__isnull=True, comment__isnull=False),
                name="boards_report_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"report {self.pk}"


class Objection(TimeStampedModel):
    """The author's objection to a 제8조 deletion; it goes to the moderator queue."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="objections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("이의 내용"))
    resolved_at = models.DateTimeField(_("처리일시"), null=True, blank=True)
    resolution = models.CharField(_("처리 결과"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("이의신청")
        verbose_name_plural = _("이의신청")

    def __str__(self) -> str:
        return f"objection {self.pk}"


class Block(TimeStampedModel):
    """An account barred from posting and commenting for a period (제8조, 제15조③).

    Shared with social-media moderation, which reuses madang.boards.moderation.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("차단한 계정"),
        on_delete=models.CASCADE,
        related_name="board_blocks",
    )
    reason = models.PositiveSmallIntegerField(_("사유(제8조 제N호)"), choices=REASON_CHOICES)
    note = models.TextField(_("메모"), blank=True)
    starts_at = models.DateTimeField(_("시작일시"))
    ends_at = models.DateTimeField(_("종료일시"))
    lifted_at = models.DateTimeField(_("해제일시"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("이용 차단")
        verbose_name_plural = _("이용 차단")
        indexes = [models.Index(fields=["user", "ends_at"], name="boards_block_user_end")]

    def __str__(self) -> str:
        return f"block {self.user_id} until {self.ends_at:%Y-%m-%d}"
