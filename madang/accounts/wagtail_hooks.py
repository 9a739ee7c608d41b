"""Accounts in the Wagtail admin: the idle countdown on every admin page, the person's own
second-factor page in the account menu, and a superuser's "reset second factor" on user rows."""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .mfa import mfa_required_for


@hooks.register("insert_global_admin_css")
def idle_countdown_css():
    return format_html('<link rel="stylesheet" href="{}">', static("accounts/idle.css"))


@hooks.register("insert_global_admin_js")
def idle_countdown():
    # The hook has no request: the markup carries no CSRF token (idle.js reads Wagtail's) and
    # only wakes on pages with the admin sidebar, i.e. for a signed-in, verified person.
    return render_to_string(
        "accounts/idle/countdown.html",
        {
            "idle_require": "#wagtail-sidebar",
            "idle_mount": "#main",
            "idle_logout_url": reverse("wagtailadmin_logout"),
            "idle_login_url": reverse("wagtailadmin_login"),
        },
    )


@hooks.register("register_account_menu_item")
def mfa_account_menu_item(request):
    if not mfa_required_for(request.user):
        return None
    return {
        "url": reverse("madang_mfa:manage"),
        "label": _("2단계 인증 관리"),
        "help_text": _("인증 앱을 다시 등록하거나 새 복구 코드를 만듭니다."),
    }


@hooks.register("register_user_listing_buttons")
def mfa_reset_button(user, request_user):
    if not request_user.is_superuser or user.pk == request_user.pk:
        return []
    return [
        Button(
            _("2단계 인증 초기화"),
            url=reverse("madang_mfa:reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]
