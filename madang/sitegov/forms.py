from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.models import Page, Site

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.departments.models import Department

from .choices import DecisionRole
from .models import SiteRequest
from .services import SITE_REQUEST_FIELDS, contractor_login_refusal


class StaffLoginForm(LoginForm):
    """WAGTAILADMIN_USER_LOGIN_FORM: refuses a contractor whose contract is not running, with
    the reason and whom to ask (조례 제5조②, 제6조③)."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        reason = contractor_login_refusal(user)
        if reason:
            raise forms.ValidationError(reason, code="contract_ended")


class SiteRequestForm(forms.ModelForm):
    class Meta:
        model = SiteRequest
        fields = SITE_REQUEST_FIELDS
        widgets = {
            "planned_launch": forms.DateInput(attrs={"type": "date"}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "maintenance_plan": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        active = Department.objects.filter(is_active=True)
        self.fields["requesting_department"].queryset = active
        self.fields["operating_department"].queryset = active
        if user is not None and getattr(user, "department_id", None):
            self.initial.setdefault("requesting_department", user.department_id)
            self.initial.setdefault("operating_department", user.department_id)

    def clean_hostname(self):
        return self.cleaned_data["hostname"].strip().lower()


class SiteRequestDecisionForm(forms.Form):
    role = forms.ChoiceField(label=_("협의 부서"), choices=DecisionRole.choices)
    approved = forms.TypedChoiceField(
        label=_("결정"),
        choices=[("1", _("동의")), ("0", _("반려"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("의견"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("반려할 때에는 꼭 사유를 적어 주세요."),
    )

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [c for c in DecisionRole.choices if c[0] in roles]
        if len(roles) == 1:
            self.initial["role"] = roles[0]


class ContractorAccessForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("계정"),
        queryset=User.objects.none(),
        help_text=_("위탁업체 직원의 계정입니다. 먼저 '사용자'에서 계정을 만드세요."),
    )
    company = forms.CharField(label=_("업체명"), max_length=100)
    contract_name = forms.CharField(label=_("계약명"), max_length=200)
    contract_start = forms.DateField(
        label=_("계약 시작일"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contract_end = forms.DateField(
        label=_("계약 종료일"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("이 날짜가 지나면 로그인할 수 없습니다(종료일 당일까지 사용 가능)."),
    )
    supervising_department = forms.ModelChoiceField(
        label=_("감독 부서"), queryset=Department.objects.filter(is_active=True)
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("맡은 사이트"),
        queryset=Site.objects.order_by("site_name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sections = forms.ModelMultipleChoiceField(
        label=_("맡은 메뉴(섹션)"),
        queryset=Page.objects.filter(depth__in=(2, 3)).order_by("path"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("사이트 일부만 맡는 경우, 그 메뉴의 최상위 페이지를 고릅니다."),
    )

    def __init__(self, *args, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = User.objects.filter(is_superuser=False, is_active=True).exclude(
            kind=AccountKind.CITIZEN
        )
        if editing is None:
            users = users.filter(contractor_access__isnull=True)
        self.fields["user"].queryset = users.order_by("username")
        self.fields["sections"].label_from_instance = lambda p: "— " * max(p.depth - 2, 0) + p.title

    def clean(self):
        data = super().clean()
        if not data.get("sites") and not data.get("sections"):
            self.add_error(None, _("맡은 사이트나 메뉴(섹션)를 하나 이상 골라 주세요."))
        start, end = data.get("contract_start"), data.get("contract_end")
        if start and end and end < start:
            self.add_error("contract_end", _("계약 종료일은 시작일과 같거나 그 뒤여야 합니다."))
        return data
