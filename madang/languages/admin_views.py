"""Staff screens in the Wagtail admin: the translation status of every Korean page per foreign
language, and the opinions received through the foreign-language sites (조례 제6조)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from madang.privacy.models import PIIAccessAction
from madang.privacy.services import pii_access_record

from .choices import OpinionStatus, TranslationState
from .models import LanguageSite, Opinion, foreign_language_choices
from .selectors import opinion_list, translation_report
from .services import opinion_mark_answered

PER_PAGE = 50


class TranslationStatusReportView(WagtailAdminTemplateMixin, TemplateView):
    """번역 현황: each live Korean page and, per enabled language, whether its translation is
    missing, outdated (the Korean page was published again after the translation) or current."""

    page_title = gettext_lazy("번역 현황")
    header_icon = "globe"
    template_name = "languages/admin/translation_status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        codes = dict(foreign_language_choices())
        language = self.request.GET.get("language", "")
        language = language if language in codes else ""
        state = self.request.GET.get("state", "")
        state = state if state in TranslationState.values else ""
        report = translation_report(language_code=language or None, state=state or None)
        shown = [(c, n) for c, n in report.languages if not language or c == language]
        page = Paginator(report.rows, PER_PAGE).get_page(self.request.GET.get("p"))
        for row in page.object_list:
            row.shown = [s for s in row.statuses if not language or s.language_code == language]
        sites = {s.language_code: s for s in LanguageSite.objects.select_related(
            "operating_department")}  # fmt: skip
        context.update(
            report=report,
            shown_languages=shown,
            summary=[
                (
                    code,
                    name,
                    [report.totals.get(code, {}).get(v, 0) for v in TranslationState.values],
                    sites.get(code),
                )
                for code, name in shown
            ],
            page_obj=page,
            language=language,
            state=state,
            languages=report.languages,
            states=TranslationState.choices,
        )
        return context


class OpinionListView(WagtailAdminTemplateMixin, TemplateView):
    """Opinions from the foreign-language sites, newest first (조례 제6조②)."""

    page_title = gettext_lazy("외국어 홈페이지 의견")
    header_icon = "mail"
    template_name = "languages/admin/opinion_list.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("languages.view_opinion"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        codes = dict(foreign_language_choices())
        language = self.request.GET.get("language", "")
        language = language if language in codes else ""
        status = self.request.GET.get("status", "")
        status = status if status in OpinionStatus.values else ""
        page = Paginator(
            opinion_list(language_code=language or None, status=status or None), PER_PAGE
        ).get_page(self.request.GET.get("p"))
        context.update(
            page_obj=page,
            language=language,
            status=status,
            languages=list(codes.items()),
            language_names=codes,
            statuses=OpinionStatus.choices,
        )
        return context


class OpinionDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One opinion. The writer's name and e-mail address are shown only when asked for, and
    that reading is written to the personal-data access log (안전성 확보조치 기준 제8조)."""

    page_title = gettext_lazy("외국어 홈페이지 의견")
    header_icon = "mail"
    template_name = "languages/admin/opinion_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("languages.view_opinion"):
            raise PermissionDenied
        self.opinion = get_object_or_404(
            Opinion.objects.select_related("department", "answered_by"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "answered" in request.POST:
            if not request.user.has_perm("languages.change_opinion"):
                raise PermissionDenied
            opinion_mark_answered(acting_user=request.user, opinion=self.opinion)
            messages.success(request, _("처리 완료로 기록했습니다."))
            return redirect("languages_opinion_detail", self.opinion.pk)
        if "show_contact" in request.POST:
            reason = request.POST.get("reason", "").strip()
            if not reason:
                messages.error(request, _("연락처를 보는 이유를 적어 주세요(예: 답변 발송)."))
                return redirect("languages_opinion_detail", self.opinion.pk)
            pii_access_record(
                actor=request.user,
                subject_user=None,
                action=PIIAccessAction.VIEW,
                obj=self.opinion,
                reason=reason,
            )
            context = self.get_context_data(**kwargs)
            context["contact"] = {"name": self.opinion.name, "email": self.opinion.email}
            return self.render_to_response(context)
        return redirect("languages_opinion_detail", self.opinion.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opinion"] = self.opinion
        context["language_name"] = dict(foreign_language_choices()).get(
            self.opinion.language_code, self.opinion.language_code
        )
        context["has_contact"] = bool(self.opinion.consented_at) and not (
            self.opinion.contact_erased_at
        )
        return context
