"""Staff screens in the Wagtail admin: 홈페이지 구축 협의 (조례 제4조②) and 위탁업체 계정 현황
(제5조②, 제6조③). Thin: every write goes through madang.sitegov.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from madang.accounts.choices import AccountKind

from .choices import SiteRequestStatus
from .forms import ContractorAccessForm, SiteRequestDecisionForm, SiteRequestForm
from .models import ContractorAccess
from .selectors import (
    can_manage_contractors,
    contractor_accesses,
    site_requests,
    user_decision_roles,
)
from .services import contractor_access_save, site_request_decide, site_request_submit


class StaffOnlyMixin:
    """District staff only: a contractor's account never sees these screens."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or request.user.kind == AccountKind.CONTRACTOR:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ContractorManagerMixin:
    """Contractors are registered by the IT department, the homepage operating department or
    whoever holds the permission to change contractor access."""

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_contractors(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SiteRequestListView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("홈페이지 구축 협의")
    header_icon = "site"
    template_name = "sitegov/admin/site_request_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requests"] = site_requests()
        context["decision_roles"] = user_decision_roles(self.request.user)
        return context


class SiteRequestCreateView(StaffOnlyMixin, WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("홈페이지 구축 협의 요청")
    header_icon = "site"
    template_name = "sitegov/admin/site_request_form.html"
    form_class = SiteRequestForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            site_request = site_request_submit(acting_user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "'%(name)s' 구축 협의를 요청했습니다. 정보화 부서와 누리집 운영부서가 모두 "
                "동의하면 사이트가 만들어집니다."
            )
            % {"name": site_request.site_name},
        )
        return redirect("sitegov_site_request_detail", site_request.pk)


class SiteRequestDetailView(StaffOnlyMixin, WagtailAdminTemplateMixin, FormView):
    header_icon = "site"
    template_name = "sitegov/admin/site_request_detail.html"
    form_class = SiteRequestDecisionForm

    def dispatch(self, request, *args, **kwargs):
        self.site_request = get_object_or_404(site_requests(), pk=kwargs["pk"])
        self.roles = [
            r
            for r in user_decision_roles(request.user)
            if self.site_request.decision_for(r) is None
        ]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("구축 협의: %(name)s") % {"name": self.site_request.site_name}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "roles": self.roles}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["site_request"] = self.site_request
        context["can_decide"] = bool(self.roles) and (
            self.site_request.status == SiteRequestStatus.PENDING
        )
        return context

    def form_valid(self, form):
        if not self.roles:
            raise PermissionDenied
        try:
            site_request_decide(
                site_request=self.site_request,
                acting_user=self.request.user,
                role=form.cleaned_data["role"],
                approved=form.cleaned_data["approved"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("결정을 기록했습니다."))
        return redirect("sitegov_site_request_detail", self.site_request.pk)


class ContractorReportView(ContractorManagerMixin, WagtailAdminTemplateMixin, TemplateView):
    """위탁업체 계정 현황: every contractor, what they may touch and until when."""

    page_title = gettext_lazy("위탁업체 계정 현황")
    header_icon = "group"
    template_name = "sitegov/admin/contractor_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["rows"] = [(a, a.state(today)) for a in contractor_accesses()]
        context["today"] = today
        return context


class ContractorAccessFormView(ContractorManagerMixin, WagtailAdminTemplateMixin, FormView):
    header_icon = "group"
    template_name = "sitegov/admin/contractor_form.html"
    form_class = ContractorAccessForm

    def dispatch(self, request, *args, **kwargs):
        self.access = None
        if "pk" in kwargs:
            self.access = get_object_or_404(ContractorAccess, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        if self.access:
            return _("위탁업체 접근 권한 수정: %(company)s") % {"company": self.access.company}
        return _("위탁업체 접근 권한 등록")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editing": self.access}

    def get_initial(self):
        if self.access is None:
            return {}
        a = self.access
        return {
            "user": a.user_id,
            "company": a.company,
            "contract_name": a.contract_name,
            "contract_start": a.contract_start,
            "contract_end": a.contract_end,
            "supervising_department": a.supervising_department_id,
            "sites": list(a.sites.values_list("pk", flat=True)),
            "sections": list(a.sections.values_list("pk", flat=True)),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            access = contractor_access_save(
                acting_user=self.request.user,
                access=self.access,
                user=data["user"],
                company=data["company"],
                contract_name=data["contract_name"],
                contract_start=data["contract_start"],
                contract_end=data["contract_end"],
                supervising_department=data["supervising_department"],
                sites=list(data["sites"]),
                sections=list(data["sections"]),
            )
        except ValidationError as error:
            _apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(company)s의 접근 권한을 저장했습니다. 계약 종료일: %(end)s")
            % {"company": access.company, "end": access.contract_end.strftime("%Y-%m-%d")},
        )
        return redirect("sitegov_contractor_report")
