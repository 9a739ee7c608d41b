"""Forms of the 전자민원창구: they parse input only; rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import (
    ComplaintKind,
    InquirySubkind,
    ReplyChannel,
    SatisfactionScore,
    VerificationChannel,
)
from .models import StatutoryComplaintType


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)]


class KindForm(forms.Form):
    """Step 1: which kind of 민원 fits."""

    kind = forms.ChoiceField(
        label=_("민원 종류"),
        choices=[c for c in ComplaintKind.choices if c[0] != ComplaintKind.STATUTORY],
        widget=forms.RadioSelect,
        error_messages={"required": _("민원 종류를 고르세요.")},
    )


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("민원 종류"),
        choices=ComplaintKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("민원 종류를 고르세요.")},
    )
    inquiry_subkind = forms.ChoiceField(
        label=_("질의 내용"),
        choices=InquirySubkind.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("법령의 설명·해석은 14일, 제도·절차 등은 7일 안에 처리합니다."),
    )
    statutory_type = forms.ModelChoiceField(
        label=_("법정민원 사무"),
        queryset=StatutoryComplaintType.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("선택하세요"),
    )
    title = forms.CharField(
        label=_("제목"),
        max_length=200,
        error_messages={
            "required": _("제목을 입력하세요."),
            "max_length": _("제목은 200자 이내로 줄여 주세요."),
        },
    )
    body = forms.CharField(
        label=_("내용"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        error_messages={"required": _("민원 내용을 입력하세요.")},
    )
    place_address = forms.CharField(
        label=_("발생 장소(선택)"),
        required=False,
        max_length=300,
        help_text=_("예: 동작구 상도로 123 앞 횡단보도"),
    )
    latitude = forms.DecimalField(
        label=_("위도(선택)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
    )
    longitude = forms.DecimalField(
        label=_("경도(선택)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
    )
    name = forms.CharField(
        label=_("이름"), max_length=50, error_messages={"required": _("이름을 입력하세요.")}
    )
    phone = forms.CharField(
        label=_("휴대전화번호"),
        max_length=20,
        required=False,
        help_text=_("예: 010-1234-5678"),
    )
    email = forms.EmailField(
        label=_("전자우편"),
        required=False,
        error_messages={
            "invalid": _("전자우편 주소 형식이 올바르지 않습니다. 예: hong@example.com")
        },
    )
    address = forms.CharField(label=_("주소(선택)"), max_length=300, required=False)
    reply_channel = forms.ChoiceField(
        label=_("답변 받을 방법"),
        choices=ReplyChannel.choices,
        widget=forms.RadioSelect,
        initial=ReplyChannel.WEB,
        error_messages={"required": _("답변 받을 방법을 고르세요.")},
    )
    attachments = MultipleFileField(label=_("첨부파일(선택)"), required=False)
    consent = forms.BooleanField(
        label=_("개인정보 수집·이용에 동의합니다. (필수)"),
        error_messages={
            "required": _("개인정보 수집·이용에 동의해야 전자민원을 신청할 수 있습니다.")
        },
    )

    DRAFT_FIELDS = (
        "kind",
        "inquiry_subkind",
        "statutory_type",
        "title",
        "body",
        "place_address",
        "latitude",
        "longitude",
        "name",
        "phone",
        "email",
        "address",
        "reply_channel",
        "consent",
    )

    def __init__(
        self, *args, fixed_email: str | None = None, fixed_phone: str | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fixed_email = fixed_email
        self.fixed_phone = fixed_phone
        if fixed_email:
            self.fields["email"].disabled = True
            self.fields["email"].initial = fixed_email
            self.fields["email"].help_text = _("본인 확인에 쓴 전자우편입니다.")
        if fixed_phone:
            # The number the guest proved is theirs: kept, not typed again.
            self.fields["phone"].disabled = True
            self.fields["phone"].initial = fixed_phone
            self.fields["phone"].help_text = _("본인 확인에 쓴 휴대전화번호입니다.")

    def clean(self):
        data = super().clean()
        if data.get("reply_channel") == ReplyChannel.EMAIL and not data.get("email"):
            self.add_error("email", _("전자우편으로 답변을 받으려면 전자우편 주소를 입력하세요."))
        if data.get("reply_channel") == ReplyChannel.SMS and not data.get("phone"):
            self.add_error("phone", _("문자메시지로 답변을 받으려면 휴대전화번호를 입력하세요."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("지도 위치는 위도와 경도를 함께 입력하세요."))
        return data

    def draft_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.DRAFT_FIELDS}
        data["statutory_type"] = data["statutory_type"].pk if data["statutory_type"] else None
        for key in ("latitude", "longitude"):
            data[key] = str(data[key]) if data[key] is not None else None
        return data


CHANNEL_LABELS = {
    VerificationChannel.SMS: _("휴대전화 문자메시지로 확인"),
    VerificationChannel.EMAIL: _("전자우편으로 확인"),
}


class GuestContactForm(forms.Form):
    """Where a guest wants the code: e-mail, or a mobile phone by SMS when the SMS gateway is
    configured (`channels`, phone first). Without a `channel` in the data the choice is
    e-mail, as before phones were offered. The format of the number is checked by the
    service (`SmsVerifier.normalise`)."""

    channel = forms.ChoiceField(
        label=_("확인 방법"),
        widget=forms.RadioSelect,
        required=False,
        error_messages={
            "invalid_choice": _(
                "이 방법으로는 아직 본인 확인을 할 수 없습니다. 전자우편을 이용하세요."
            )
        },
    )
    phone = forms.CharField(
        label=_("휴대전화번호"),
        max_length=20,
        required=False,
        help_text=_("예: 010-1234-5678. 문자메시지로 확인 번호를 보냅니다."),
    )
    email = forms.EmailField(
        label=_("전자우편"),
        required=False,
        error_messages={
            "invalid": _("전자우편 주소 형식이 올바르지 않습니다. 예: hong@example.com"),
        },
    )

    def __init__(self, *args, channels=(VerificationChannel.EMAIL,), **kwargs):
        super().__init__(*args, **kwargs)
        order = [VerificationChannel.SMS, VerificationChannel.EMAIL]
        self.channels = [c for c in order if c in channels]
        self.fields["channel"].choices = [(c, CHANNEL_LABELS[c]) for c in self.channels]
        if not self.is_bound:
            self.initial.setdefault("channel", self.channels[0] if self.channels else "")
        if not self.offers_choice:
            # E-mail is the only way: the address is simply required, as it always was.
            self.fields["email"].required = True
            self.fields["email"].error_messages["required"] = _("전자우편 주소를 입력하세요.")

    @property
    def offers_choice(self) -> bool:
        return len(self.channels) > 1

    def clean_channel(self):
        return self.cleaned_data.get("channel") or VerificationChannel.EMAIL

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        if (
            channel == VerificationChannel.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("전자우편 주소를 입력하세요."))
        if channel == VerificationChannel.SMS and not (data.get("phone") or "").strip():
            self.add_error("phone", _("확인 번호를 받을 휴대전화번호를 입력하세요."))
        return data

    @property
    def target_field(self) -> str:
        channel = self.cleaned_data.get("channel") if hasattr(self, "cleaned_data") else None
        return "phone" if channel == VerificationChannel.SMS else "email"

    def target(self) -> str:
        return self.cleaned_data[self.target_field]


class GuestCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("확인 번호 6자리"),
        regex=r"^\s*[0-9]{6}\s*$",
        error_messages={
            "required": _("메일로 받은 확인 번호 6자리를 입력하세요."),
            "invalid": _("확인 번호는 숫자 6자리입니다."),
        },
    )

    def __init__(self, *args, channel: str = VerificationChannel.EMAIL, **kwargs):
        super().__init__(*args, **kwargs)
        if channel == VerificationChannel.SMS:
            self.fields["code"].error_messages["required"] = _(
                "문자메시지로 받은 확인 번호 6자리를 입력하세요."
            )


# --- the citizen's own 민원 after filing (madang.complaints.handling.citizen) ----------------


class SupplementReplyForm(forms.Form):
    """보완 요청에 대한 답 (법 제22조)."""

    reply = forms.CharField(
        label=_("보완 내용"),
        max_length=10000,
        widget=forms.Textarea,
        error_messages={"required": _("보완할 내용을 입력하세요.")},
        help_text=_("요청받은 내용을 적어 주세요. 제출하면 처리기간이 다시 흐릅니다."),
    )


class WithdrawForm(forms.Form):
    """취하 (법 제22조②)."""

    reason = forms.CharField(
        label=_("취하 사유 (선택)"), max_length=1000, required=False, widget=forms.Textarea
    )
    confirm = forms.BooleanField(
        label=_("이 민원을 취하합니다. 취하하면 처리가 끝납니다."),
        error_messages={"required": _("취하하려면 확인란을 선택하세요.")},
    )


class SatisfactionForm(forms.Form):
    """만족도 평가: 다섯 단계와 의견 (법 제26조)."""

    score = forms.TypedChoiceField(
        label=_("답변에 얼마나 만족하십니까?"),
        choices=[(str(v), label) for v, label in reversed(SatisfactionScore.choices)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("만족도를 다섯 단계 중에서 고르세요.")},
    )
    comment = forms.CharField(
        label=_("의견 (선택)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        help_text=_("개인정보(전화번호 등)는 가려서 저장합니다."),
    )
