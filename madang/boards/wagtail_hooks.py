"""Boards in the Wagtail admin: board settings (snippet) and the moderator queue, from whose
review page moderators delete for a 제8조 reason, restore and block (through the services)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls, rules
from .models import Board


class BoardViewSet(SnippetViewSet):
    model = Board
    icon = "list-ul"
    menu_label = _("게시판 설정")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug", "kind", "who_may_post", "is_active"]


register_snippet(BoardViewSet)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("boards/moderation/", include(admin_urls, namespace="boards_admin"))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu():
    return ModeratorMenuItem(
        _("게시물 관리"), reverse("boards_admin:queue"), icon_name="warning", order=311
    )
