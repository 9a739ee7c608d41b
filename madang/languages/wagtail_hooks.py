"""Admin screens of the foreign-language homepages: each language's operating department (a
snippet saved through the services), the translation status report and the opinions."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from madang.core.admin_forms import ServiceSaveMixin

from . import admin_views
from .models import LanguageSite, foreign_language_choices
from .services import SITE_FIELDS, language_site_create, language_site_update


class LanguageSiteCreateView(ServiceSaveMixin, CreateView):
    def save_instance(self):
        data = {k: v for k, v in self.form.cleaned_data.items() if k in SITE_FIELDS}
        return language_site_create(acting_user=self.request.user, **data)


class LanguageSiteEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        data = {k: self.form.cleaned_data[k] for k in self.form.changed_data if k in SITE_FIELDS}
        return language_site_update(acting_user=self.request.user, site=self.form.instance, **data)


class LanguageSiteDeleteView(DeleteView):
    """조례 제6조③ requires an operating department for every foreign-language site."""

    def dispatch(self, request, *args, **kwargs):
        messages.warning(
            request,
            _(
                "운영부서 지정은 지울 수 없습니다(조례 제6조③). 부서를 바꾸려면 편집하고, "
                "언어를 닫으려면 MADANG_FOREIGN_LANGUAGES 설정에서 빼세요."
            ),
        )
        return redirect(self.index_url_name)


class LanguageSiteViewSet(SnippetViewSet):
    model = LanguageSite
    icon = "globe"
    menu_label = gettext_lazy("외국어 홈페이지")
    menu_order = 260
    add_to_admin_menu = True
    add_view_class = LanguageSiteCreateView
    edit_view_class = LanguageSiteEditView
    delete_view_class = LanguageSiteDeleteView
    list_display = ["__str__", "operating_department", "contact_phone", "contact_email"]
    ordering = ["language_code"]

    @property
    def panels(self):
        return [
            FieldPanel(
                "language_code",
                widget=forms.Select(choices=[("", "---"), *foreign_language_choices()]),
            ),
            FieldPanel("institution_name"),
            FieldPanel("operating_department"),
            FieldPanel("department_name"),
            FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
            FieldPanel("intro"),
        ]


register_snippet(LanguageSiteViewSet)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "reports/translation-status/",
            admin_views.TranslationStatusReportView.as_view(),
            name="languages_translation_status",
        ),
        path(
            "languages/opinions/",
            admin_views.OpinionListView.as_view(),
            name="languages_opinion_list",
        ),
        path(
            "languages/opinions/<int:pk>/",
            admin_views.OpinionDetailView.as_view(),
            name="languages_opinion_detail",
        ),
    ]


@hooks.register("register_reports_menu_item")
def translation_status_menu_item():
    return MenuItem(
        gettext_lazy("번역 현황"),
        reverse("languages_translation_status"),
        icon_name="globe",
        order=52,
    )


class OpinionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("languages.view_opinion")


@hooks.register("register_admin_menu_item")
def opinion_menu_item():
    return OpinionMenuItem(
        gettext_lazy("외국어 의견"),
        reverse("languages_opinion_list"),
        icon_name="mail",
        order=261,
    )
