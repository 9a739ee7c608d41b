"""Staff screens: 자주 묻는 질문 and 민원상담관 명단 as snippets whose saves go through the
services (audit row, search index), and the 상담 신청 list under /admin/counselling/."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from madang.core.admin_forms import ServiceSaveMixin

from . import admin_views, services
from .models import Counsellor, FrequentQuestion


class FaqCreateView(ServiceSaveMixin, CreateView):
    def save_instance(self):
        return services.faq_save(
            acting_user=self.request.user,
            faq=self.form.save(commit=False),
            changed=self.form.changed_data,
        )


class FaqEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        return services.faq_save(
            acting_user=self.request.user,
            faq=self.form.save(commit=False),
            changed=self.form.changed_data,
        )


class FaqDeleteView(DeleteView):
    def delete_action(self):
        services.faq_delete(acting_user=self.request.user, faq=self.object)


class FrequentQuestionViewSet(SnippetViewSet):
    model = FrequentQuestion
    icon = "help"
    menu_label = gettext_lazy("자주 묻는 질문")
    add_view_class = FaqCreateView
    edit_view_class = FaqEditView
    delete_view_class = FaqDeleteView
    list_display = ["question", "field", "is_published", "view_count", "updated_at"]
    list_filter = ["is_published", "field"]
    search_fields = ["question", "keywords"]
    ordering = ["question"]
    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("field"),
        FieldPanel("department"),
        FieldPanel("keywords"),
        FieldPanel("is_published"),
    ]


class CounsellorCreateView(ServiceSaveMixin, CreateView):
    def save_instance(self):
        return services.counsellor_save(
            acting_user=self.request.user, counsellor=self.form.save(commit=False)
        )


class CounsellorEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        return services.counsellor_save(
            acting_user=self.request.user, counsellor=self.form.save(commit=False)
        )


class CounsellorDeleteView(DeleteView):
    def delete_action(self):
        services.counsellor_delete(acting_user=self.request.user, counsellor=self.object)


class CounsellorViewSet(SnippetViewSet):
    model = Counsellor
    icon = "user"
    menu_label = gettext_lazy("민원상담관 명단")
    add_view_class = CounsellorCreateView
    edit_view_class = CounsellorEditView
    delete_view_class = CounsellorDeleteView
    list_display = ["display_name", "field", "department", "phone", "is_active"]
    list_filter = ["is_active", "field"]
    ordering = ["field__name", "display_name"]
    panels = [
        FieldPanel("user"),
        FieldPanel("field"),
        FieldPanel("department"),
        FieldPanel("display_name"),
        FieldPanel("phone"),
        FieldPanel("is_active"),
        InlinePanel("shifts", label=gettext_lazy("근무 시간"), min_num=0),
    ]


register_snippet(FrequentQuestionViewSet)
register_snippet(CounsellorViewSet)

hooks.register("register_admin_urls", admin_views.admin_urls)  # /admin/counselling/


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_staff


@hooks.register("register_admin_menu_item")
def register_requests_menu():
    return RequestsMenuItem(
        gettext_lazy("민원상담 신청"),
        reverse("counselling_admin:list"),
        icon_name="mail",
        order=260,
    )
