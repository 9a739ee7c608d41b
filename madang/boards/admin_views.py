"""The moderator queue in the Wagtail admin (조례 제8조): held, reported, screened posts and
objections; each action calls one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import moderation, rules, selectors, services
from .forms import BlockForm, DeleteForReasonForm
from .models import Comment, Objection, Post

TABS = [
    ("held", gettext_lazy("검토 대기")),
    ("reported", gettext_lazy("신고됨")),
    ("screened", gettext_lazy("자동 선별")),
    ("objections", gettext_lazy("이의신청")),
    ("deleted", gettext_lazy("삭제됨")),
]


def _require_moderator(request) -> None:
    if not rules.is_moderator(request.user):
        raise PermissionDenied


def queue(request):
    _require_moderator(request)
    tab = request.GET.get("tab", "held")
    posts = list(selectors.moderation_queue(tab=tab)[:200])
    return TemplateResponse(
        request,
        "boards/admin/queue.html",
        {"tabs": TABS, "tab": tab, "posts": posts, "header_title": _("게시물 관리")},
    )


def post_review(request, pk):
    _require_moderator(request)
    post = get_object_or_404(Post.objects.select_related("board", "author", "complaint"), pk=pk)
    delete_form = DeleteForReasonForm(prefix="del")
    block_form = BlockForm(prefix="blk")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.post_approve(acting_user=request.user, post=post)
                messages.success(request, _("게시했습니다."))
            elif action == "delete":
                delete_form = DeleteForReasonForm(request.POST, prefix="del")
                if not delete_form.is_valid():
                    raise ValidationError(_("삭제 사유를 고르세요."))
                services.post_delete_for_reason(
                    acting_user=request.user,
                    post=post,
                    reason=delete_form.cleaned_data["reason"],
                    note=delete_form.cleaned_data["note"],
                )
                messages.success(request, _("삭제하고 사유를 게시판에 공개했습니다."))
            elif action == "delete_comment":
                comment = get_object_or_404(Comment, pk=request.POST.get("comment"), post=post)
                form = DeleteForReasonForm(request.POST, prefix=f"c{comment.pk}")
                if not form.is_valid():
                    raise ValidationError(_("삭제 사유를 고르세요."))
                services.comment_delete_for_reason(
                    acting_user=request.user,
                    comment=comment,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("댓글을 삭제하고 사유를 공개했습니다."))
            elif action == "approve_comment":
                comment = get_object_or_404(Comment, pk=request.POST.get("comment"), post=post)
                services.comment_approve(acting_user=request.user, comment=comment)
                messages.success(request, _("댓글을 게시했습니다."))
            elif action == "to_complaint":
                complaint = services.post_convert_to_complaint(acting_user=request.user, post=post)
                messages.success(
                    request,
                    _(
                        "민원으로 접수했습니다. 접수번호: %(number)s, 처리기한: %(due)s. "
                        "작성자에게 접수번호와 처리기한을 알렸습니다."
                    )
                    % {
                        "number": complaint.receipt_number,
                        "due": timezone.localtime(complaint.due_at).strftime("%Y-%m-%d"),
                    },
                )
            elif action == "restore":
                services.post_restore(acting_user=request.user, post=post)
                messages.success(request, _("복원했습니다."))
            elif action == "dismiss_objection":
                objection = get_object_or_404(
                    Objection, pk=request.POST.get("objection"), post=post
                )
                services.objection_dismiss(acting_user=request.user, objection=objection)
                messages.success(request, _("이의신청을 기각했습니다."))
            elif action == "block":
                block_form = BlockForm(request.POST, prefix="blk")
                if not block_form.is_valid():
                    raise ValidationError(_("차단 사유와 기간을 확인하세요."))
                moderation.block_create(
                    acting_user=request.user,
                    user=post.author,
                    reason=block_form.cleaned_data["reason"],
                    days=block_form.cleaned_data["days"],
                    note=block_form.cleaned_data["note"],
                )
                messages.success(request, _("작성자의 게시판 이용을 제한했습니다."))
            else:
                raise ValidationError(_("알 수 없는 요청입니다."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            return redirect("boards_admin:post_review", post.pk)
    return TemplateResponse(
        request,
        "boards/admin/review.html",
        {
            "post": post,
            "reports": list(post.reports.select_related("reporter")),
            "objections": list(post.objections.all()),
            "comments": [
                (c, DeleteForReasonForm(prefix=f"c{c.pk}"))
                for c in post.comments.select_related("author")
            ],
            "delete_form": delete_form,
            "block_form": block_form,
            "active_block": moderation.active_block_for(post.author),
            "header_title": _("게시물 검토"),
            "marker": moderation.deletion_marker(post.deletion_reason, post.deleted_at)
            if post.deleted_at
            else "",
        },
    )


def blocks(request):
    """Blocks in force (제8조, 제15조③), newest first, each with a lift action (audited)."""
    _require_moderator(request)
    if request.method == "POST":
        block = get_object_or_404(moderation.blocks_active(), pk=request.POST.get("block"))
        moderation.block_lift(acting_user=request.user, block=block)
        messages.success(
            request,
            _("%(user)s 계정의 이용 차단을 해제했습니다.") % {"user": block.user.get_username()},
        )
        return redirect("boards_admin:blocks")
    rows = list(moderation.blocks_active().select_related("created_by").order_by("-starts_at"))
    return TemplateResponse(
        request,
        "boards/admin/blocks.html",
        {"blocks": rows, "header_title": _("게시판 이용 차단")},
    )
