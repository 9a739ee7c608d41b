"""Department screens in the Wagtail admin; every save goes through the services."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from madang.core.admin_forms import ServiceSaveMixin

from .models import Department
from .services import EDITABLE_FIELDS, department_create, department_update


class DepartmentCreateView(ServiceSaveMixin, CreateView):
    def save_instance(self):
        data = {k: v for k, v in self.form.cleaned_data.items() if k in EDITABLE_FIELDS}
        return department_create(acting_user=self.request.user, **data)


class DepartmentEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        data = {
            k: self.form.cleaned_data[k] for k in self.form.changed_data if k in EDITABLE_FIELDS
        }
        return department_update(
            acting_user=self.request.user, department=self.form.instance, **data
        )


class DepartmentDeleteView(DeleteView):
    """Departments own pages and complaints, so they are retired, never deleted."""

    def dispatch(self, request, *args, **kwargs):
        messages.warning(
            request,
            _("부서는 삭제할 수 없습니다. 더 이상 쓰지 않는 부서는 '사용 중'을 해제하세요."),
        )
        return redirect(self.index_url_name)


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = gettext_lazy("부서")
    menu_order = 250
    add_to_admin_menu = True
    add_view_class = DepartmentCreateView
    edit_view_class = DepartmentEditView
    delete_view_class = DepartmentDeleteView
    list_display = ["name_ko", "name_en", "parent", "phone", "location", "is_active"]
    list_filter = ["is_active", "parent"]
    search_fields = ["name_ko", "name_en", "code"]
    ordering = ["sort_order", "name_ko"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name_ko"), FieldPanel("name_en"), FieldPanel("code")],
            heading=gettext_lazy("이름"),
        ),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("location"),
        FieldPanel("duties"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
    ]


register_snippet(DepartmentViewSet)
