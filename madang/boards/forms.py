"""Board forms: parse and check input only; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .attachments import check_attachments
from .choices import REASON_CHOICES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class KrdsFormMixin:
    """KRDS input classes, and help text tied to its field for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(
                widget, forms.TextInput | forms.Textarea | forms.Select | forms.NumberInput
            ):
                widget.attrs.setdefault("class", "krds-input")
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}_help"


class PostForm(KrdsFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("말머리"), required=False)
    title = forms.CharField(
        label=_("제목"),
        max_length=200,
        error_messages={"required": _("제목을 적어 주세요.")},
    )
    body = forms.CharField(
        label=_("내용"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        error_messages={"required": _("내용을 적어 주세요.")},
        help_text=_(
            "글자 꾸미기는 굵게·기울임·목록·링크만 쓸 수 있습니다. 전화번호 등 "
            "개인정보는 자동으로 가려집니다."
        ),
    )
    is_secret = forms.BooleanField(label=_("비밀글 (작성자와 담당자만 볼 수 있음)"), required=False)
    files = forms.FileField(
        label=_("첨부파일"), required=False, widget=MultipleFileInput(attrs={"multiple": True})
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        categories = board.category_list()
        if categories:
            self.fields["category"].choices = [("", _("선택하세요"))] + [(c, c) for c in categories]
        else:
            del self.fields["category"]
        if not board.secret_posts_allowed:
            del self.fields["is_secret"]
        if board.attachments_allowed:
            self.fields["files"].help_text = _(
                "%(exts)s 형식, 한 파일 %(mb)sMB 이하, %(n)s개까지"
            ) % {
                "exts": ", ".join(board.extension_list()),
                "mb": board.max_attachment_mb,
                "n": board.max_attachments,
            }
        else:
            del self.fields["files"]

    def clean_files(self):
        uploads = self.files.getlist("files") if self.files else []
        return check_attachments(uploads, board=self.board)


class CommentForm(KrdsFormMixin, forms.Form):
    body = forms.CharField(
        label=_("댓글"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("댓글 내용을 적어 주세요.")},
    )


class ReportForm(KrdsFormMixin, forms.Form):
    reason = forms.TypedChoiceField(
        label=_("신고 사유 (조례 제8조)"),
        choices=REASON_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("신고 사유를 고르세요.")},
    )
    details = forms.CharField(
        label=_("자세한 내용 (선택)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ObjectionForm(KrdsFormMixin, forms.Form):
    text = forms.CharField(
        label=_("이의신청 내용"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("이의신청 내용을 적어 주세요.")},
    )


class DeleteForReasonForm(KrdsFormMixin, forms.Form):
    reason = forms.TypedChoiceField(
        label=_("삭제 사유 (조례 제8조)"),
        choices=REASON_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("제8조 제1호부터 제9호 가운데 하나를 고르세요.")},
    )
    note = forms.CharField(
        label=_("메모 (제9호는 필수)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class BlockForm(KrdsFormMixin, forms.Form):
    reason = forms.TypedChoiceField(
        label=_("차단 사유 (조례 제8조)"),
        choices=REASON_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(label=_("차단 기간(일)"), min_value=1, max_value=3650, initial=30)
    note = forms.CharField(
        label=_("메모"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
