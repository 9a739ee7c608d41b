"""Public board views: parse input, call one service or selector, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madang.core.request_context import client_ip_from_request

from . import moderation, page_cache, rules, selectors, services
from .attachments import attachment_response
from .choices import REASON_CHOICES, PostStatus
from .forms import CommentForm, ObjectionForm, PostForm, ReportForm


def _errors_into(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def _common(request, board) -> dict:
    block = moderation.active_block_for(request.user)
    return {
        "board": board,
        "active_block": block,
        "block_message": moderation.block_message(block) if block else "",
        "ordinance_name": settings.MADANG_ORDINANCE_NAME,
        "reason_choices": REASON_CHOICES,
    }


def board_index(request):
    return render(request, "boards/index.html", {"boards": selectors.boards_active()})


def board_list(request, slug):
    page_cache.mark_board_page(request, slug)
    board = selectors.board_get(slug=slug)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = selectors.board_post_page(board=board, page=number)
    rows = []
    per_page = settings.BOARD_POSTS_PER_PAGE
    for index, post in enumerate(page.posts):
        rows.append(
            {
                "post": post,
                "number": page.total - (page.number - 1) * per_page - index,
                "marker": moderation.deletion_marker(post.deletion_reason, post.deleted_at)
                if post.status == PostStatus.DELETED
                else "",
                "readable_title": not post.is_secret or rules.can_read_post(post, request.user),
            }
        )
    return render(
        request,
        "boards/list.html",
        {
            **_common(request, board),
            "page": page,
            "rows": rows,
            "can_post": rules.can_post(
                board, request.user, identity_verified=_needs_identity(request, board)
            ),
        },
    )


def post_detail(request, slug, public_id):
    # Not in the page cache: every read counts in the post's 조회수, which a stored copy would skip.
    board = selectors.board_get(slug=slug)
    post = selectors.post_access(board=board, public_id=public_id, user=request.user)
    if post.status == PostStatus.PUBLISHED:
        services.post_mark_viewed(post=post)
    is_author = request.user.is_authenticated and post.author_id == request.user.pk
    return render(
        request,
        "boards/detail.html",
        {
            **_common(request, board),
            "post": post,
            "is_author": is_author,
            "show_body": rules.can_read_body(post, request.user),
            "marker": moderation.deletion_marker(post.deletion_reason, post.deleted_at)
            if post.status == PostStatus.DELETED
            else "",
            "comments": selectors.post_comments(post=post, user=request.user),
            "comment_form": CommentForm(),
            "can_comment": post.status == PostStatus.PUBLISHED
            and rules.can_comment(
                board, request.user, identity_verified=rules.request_identity_verified(request)
            ),
            "objection_form": ObjectionForm() if is_author else None,
            "attachments": list(post.attachments.all()),
            "is_moderator": rules.is_moderator(request.user),
            **_complaint_context(post, request.user, is_author),
        },
    )


def _complaint_context(post, user, is_author) -> dict:
    """A 구청장과의 대화방 post received as a 민원 (조례 제11조②): its receipt number and
    deadline for the author and staff, and the answer for every reader once there is one."""
    complaint = post.complaint
    if complaint is None:
        return {}
    return {
        "complaint": complaint,
        "complaint_private": is_author or rules.is_moderator(user),
        "complaint_answer": selectors.complaint_answer_for(complaint),
    }


def _needs_identity(request, board) -> bool:
    return board.real_name_required and not rules.is_staff_writer(request.user)


def _through_identity(view, request, *args):
    """Real-name boards (제8조 제7호) send the writer through 본인확인 first."""
    try:
        from madang.accounts.identity.guard import require_verified_identity
    except ImportError:
        return view(request, *args)
    return require_verified_identity(view, purpose=rules.REAL_NAME_PURPOSE)(request, *args)


def post_create(request, slug):
    board = selectors.board_get(slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if _needs_identity(request, board):
        return _through_identity(_post_create, request, board)
    return _post_create(request, board)


def _post_create(request, board):
    verified = rules.request_identity_verified(request)
    form = PostForm(request.POST or None, request.FILES or None, board=board)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = services.post_create(
                acting_user=request.user,
                board=board,
                title=data["title"],
                body=data["body"],
                category=data.get("category", ""),
                is_secret=data.get("is_secret", False),
                is_pinned=bool(request.POST.get("is_pinned")),
                files=data.get("files") or [],
                ip=client_ip_from_request(request),
                identity_verified=verified,
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            if post.status == PostStatus.HELD:
                messages.info(request, _("글이 접수되었습니다. 담당자 검토 후 게시됩니다."))
            else:
                messages.success(request, _("글을 등록했습니다."))
            return redirect("boards:post_detail", board.slug, post.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "boards/form.html",
        {
            **_common(request, board),
            "form": form,
            "can_post": rules.can_post(board, request.user, identity_verified=verified),
            "heading": _("글쓰기"),
        },
        status=status,
    )


def post_edit(request, slug, public_id):
    board = selectors.board_get(slug=slug)
    post = selectors.post_access(board=board, public_id=public_id, user=request.user)
    if post.author_id != request.user.pk or post.status not in (
        PostStatus.PUBLISHED,
        PostStatus.HELD,
    ):
        raise Http404
    initial = {
        "title": post.title,
        "body": post.body,
        "category": post.category,
        "is_secret": post.is_secret,
    }
    form = PostForm(request.POST or None, request.FILES or None, board=board, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.post_update(
                acting_user=request.user,
                post=post,
                title=data["title"],
                body=data["body"],
                category=data.get("category", ""),
                is_secret=data.get("is_secret", False),
                files=data.get("files") or [],
                ip=client_ip_from_request(request),
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("글을 고쳤습니다."))
            return redirect("boards:post_detail", board.slug, post.public_id)
    return render(
        request,
        "boards/form.html",
        {
            **_common(request, board),
            "form": form,
            "post": post,
            "can_post": True,
            "heading": _("글 고치기"),
        },
        status=400 if request.method == "POST" else 200,
    )


def post_withdraw(request, slug, public_id):
    board = selectors.board_get(slug=slug)
    post = selectors.post_access(board=board, public_id=public_id, user=request.user)
    if post.author_id != request.user.pk:
        raise Http404
    if request.method == "POST":
        try:
            services.post_withdraw(acting_user=request.user, post=post)
        except PermissionDenied as exc:
            raise Http404 from exc
        messages.success(request, _("글을 삭제했습니다."))
        return redirect("boards:list", board.slug)
    return render(
        request, "boards/confirm_withdraw.html", {**_common(request, board), "post": post}
    )


@require_POST
def comment_create(request, slug, public_id):
    board = selectors.board_get(slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = selectors.post_access(board=board, public_id=public_id, user=request.user)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_create(
                acting_user=request.user,
                post=post,
                body=form.cleaned_data["body"],
                ip=client_ip_from_request(request),
                identity_verified=rules.request_identity_verified(request),
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("댓글을 등록했습니다."))
            return redirect("boards:post_detail", board.slug, post.public_id)
    return render(
        request,
        "boards/comment_error.html",
        {**_common(request, board), "post": post, "comment_form": form},
        status=400,
    )


def report(request, slug, public_id, comment_id=None):
    board = selectors.board_get(slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = selectors.post_access(board=board, public_id=public_id, user=request.user)
    comment = None
    if comment_id:
        comment = post.comments.filter(public_id=comment_id).first()
        if comment is None:
            raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                acting_user=request.user,
                post=None if comment else post,
                comment=comment,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("신고를 접수했습니다. 담당자가 검토합니다."))
            return redirect("boards:post_detail", board.slug, post.public_id)
    return render(
        request,
        "boards/report.html",
        {**_common(request, board), "post": post, "comment": comment, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def objection_create(request, slug, public_id):
    board = selectors.board_get(slug=slug)
    if not request.user.is_authenticated:
        raise Http404
    post = selectors.post_access(board=board, public_id=public_id, user=request.user)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            services.objection_create(
                acting_user=request.user, post=post, text=form.cleaned_data["text"]
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(
                request, _("이의신청을 접수했습니다. 담당자가 검토한 뒤 알려 드립니다.")
            )
            return redirect("boards:post_detail", board.slug, post.public_id)
    messages.error(request, _("이의신청 내용을 적어 주세요."))
    return redirect("boards:post_detail", board.slug, post.public_id)


def attachment_download(request, slug, public_id, attachment_id):
    """An attachment, only for those who may read the post's text (secret, held, deleted)."""
    board = selectors.board_get(slug=slug)
    post = selectors.post_access(board=board, public_id=public_id, user=request.user)
    attachment = selectors.post_attachment_for_reader(
        post=post, user=request.user, attachment_id=attachment_id
    )
    return attachment_response(attachment)
