"""Staff screens: the 법정민원 처리기준표 and the holiday overrides; every save goes through the
services (audit row, cache cleared)."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from madang.core.admin_forms import ServiceSaveMixin

from .admin_handling import admin_urls as handling_admin_urls  # 민원 처리 page + 분야 snippet
from .desk import wagtail_hooks as desk_hooks  # noqa: F401  (민원 처리 현황·통계 menu and URLs)
from .models import HolidayOverride, StatutoryComplaintType
from .services import (
    HOLIDAY_FIELDS,
    STATUTORY_FIELDS,
    holiday_override_create,
    holiday_override_delete,
    holiday_override_update,
    statutory_type_create,
    statutory_type_update,
)


def _data(form, fields, *, changed_only=False):
    names = form.changed_data if changed_only else form.cleaned_data
    return {k: form.cleaned_data[k] for k in names if k in fields}


class HolidayCreateView(ServiceSaveMixin, CreateView):
    def save_instance(self):
        return holiday_override_create(
            acting_user=self.request.user, **_data(self.form, HOLIDAY_FIELDS)
        )


class HolidayEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        return holiday_override_update(
            acting_user=self.request.user,
            override=self.form.instance,
            **_data(self.form, HOLIDAY_FIELDS, changed_only=True),
        )


class HolidayDeleteView(DeleteView):
    def delete_action(self):
        holiday_override_delete(acting_user=self.request.user, override=self.object)


class HolidayOverrideViewSet(SnippetViewSet):
    model = HolidayOverride
    icon = "date"
    menu_label = gettext_lazy("공휴일 조정")
    add_view_class = HolidayCreateView
    edit_view_class = HolidayEditView
    delete_view_class = HolidayDeleteView
    list_display = ["date", "change", "reason", "source"]
    ordering = ["-date"]
    panels = [FieldPanel("date"), FieldPanel("change"), FieldPanel("reason"), FieldPanel("source")]


class StatutoryCreateView(ServiceSaveMixin, CreateView):
    def save_instance(self):
        return statutory_type_create(
            acting_user=self.request.user, **_data(self.form, STATUTORY_FIELDS)
        )


class StatutoryEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        return statutory_type_update(
            acting_user=self.request.user,
            statutory_type=self.form.instance,
            **_data(self.form, STATUTORY_FIELDS, changed_only=True),
        )


class StatutoryTypeViewSet(SnippetViewSet):
    model = StatutoryComplaintType
    icon = "list-ul"
    menu_label = gettext_lazy("법정민원 처리기준표")
    add_view_class = StatutoryCreateView
    edit_view_class = StatutoryEditView
    list_display = ["name", "period", "legal_basis", "department", "is_active"]
    list_filter = ["is_active", "department"]
    search_fields = ["name", "legal_basis"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("period"),
        FieldPanel("legal_basis"),
        FieldPanel("department"),
        FieldPanel("is_active"),
    ]


register_snippet(HolidayOverrideViewSet)
register_snippet(StatutoryTypeViewSet)

hooks.register("register_admin_urls", handling_admin_urls)  # /admin/complaints/<pk>/
