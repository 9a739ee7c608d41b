"""The page editor's form for pages a department owns: a department editor can only give the
page to their own department (조례 제7조②)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class OwnedPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import is_homepage_operator

        user = self.for_user
        field = self.fields.get("owner_department")
        self._restricted_department = None
        if field is None or user is None or is_homepage_operator(user):
            return
        if getattr(user, "department_id", None) is None:
            return  # contractors and staff without a department: section permissions decide
        self._restricted_department = user.department
        field.queryset = field.queryset.filter(pk=user.department_id)
        if not self.instance.pk or self.instance.owner_department_id is None:
            self.initial.setdefault("owner_department", user.department_id)
        field.help_text = _(
            "부서 편집자는 자기 부서(%(dept)s)의 페이지만 만들고 고칠 수 있습니다. 다른 부서로 "
            "넘기려면 누리집 운영부서에 요청하세요."
        ) % {"dept": user.department.name_ko}

    def clean_owner_department(self):
        value = self.cleaned_data.get("owner_department")
        dept = self._restricted_department
        if dept is not None and value is not None and value.pk != dept.pk:
            raise forms.ValidationError(
                _("자기 부서(%(dept)s)만 담당부서로 고를 수 있습니다.") % {"dept": dept.name_ko}
            )
        return value
