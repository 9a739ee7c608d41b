"""The audit log in the Wagtail admin: a list and a detail, never a form."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AuditLog


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody, superusers included, may add, change or delete an audit row."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


class AuditLogViewSet(ModelViewSet):
    model = AuditLog
    icon = "history"
    menu_label = _("감사 기록")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        "created_at",
        "actor_repr",
        "action",
        "object_type",
        "object_repr",
        "ip_address",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_repr", "action", "object_repr", "object_id"]
    inspect_view_fields = [
        "created_at", "actor_repr", "action", "object_type", "object_id", "object_repr",
        "changes", "ip_address",
    ]  # fmt: skip
    list_per_page = 50

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
        ]


register_permission_policy(AuditLog, ReadOnlyPermissionPolicy(AuditLog))
audit_log_viewset = AuditLogViewSet("audit_log")


@hooks.register("register_admin_viewset")
def register_audit_log_viewset():
    return audit_log_viewset
