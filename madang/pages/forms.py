"""Forms of the public feedback widgets (parsing only; the services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Satisfaction

COMMENT_MAX = 500


class PageFeedbackForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("이 페이지에서 제공하는 정보에 대하여 만족하십니까?"),
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("만족도를 하나 고르세요.")},
    )
    comment = forms.CharField(
        label=_("의견(선택)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("의견은 %(limit_value)d자 이내로 적어 주세요.")},
    )


class SiteFeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("의견"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("의견을 적어 주세요."),
            "max_length": _("의견은 %(limit_value)d자 이내로 적어 주세요."),
        },
    )
