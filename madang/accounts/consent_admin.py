"""Wagtail admin for consent notices: staff add versions; a version already answered by
someone is never edited or deleted (the record must show exactly what was consented to,
개인정보 보호법 제22조). docs/staff/accounts.md explains the workflow in Korean."""

from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from madang.privacy.models import ConsentNotice


class ConsentNoticeForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.initial.get("version"):
            kind = self.initial.get("kind") or self.data.get("kind")
            if kind:
                latest = ConsentNotice.objects.filter(kind=kind).aggregate(m=Max("version"))["m"]
                self.initial["version"] = (latest or 0) + 1

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and self.instance.records.exists():
            raise forms.ValidationError(
                _(
                    "이미 시민이 동의하거나 철회한 버전은 고칠 수 없습니다. "
                    "같은 종류로 새 버전(더 큰 버전 번호)을 만들어 주세요."
                ),
                code="notice_in_use",
            )
        kind, version = cleaned.get("kind"), cleaned.get("version")
        if self.instance.pk is None and kind and version:
            latest = ConsentNotice.objects.filter(kind=kind).aggregate(m=Max("version"))["m"]
            if latest is not None and version <= latest:
                self.add_error(
                    "version",
                    _("새 버전 번호는 지금 가장 큰 버전(%(latest)s)보다 커야 합니다.")
                    % {"latest": latest},
                )
        return cleaned


class ConsentNoticeViewSet(SnippetViewSet):
    model = ConsentNotice
    icon = "doc-full"
    menu_label = _("동의 안내문")
    add_to_admin_menu = False
    list_display = ["title", "kind", "version", "required", "effective_at"]
    list_filter = ["kind", "required"]
    ordering = ["kind", "-version"]

    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("version"),
            FieldPanel("title"),
            FieldPanel("required"),
            FieldPanel("purpose"),
            FieldPanel("items"),
            FieldPanel("retention"),
            FieldPanel("refusal_consequence"),
            FieldPanel("effective_at"),
            FieldPanel("display_order"),
        ],
        base_form_class=ConsentNoticeForm,
    )
