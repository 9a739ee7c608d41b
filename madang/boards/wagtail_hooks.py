"""Boards in the Wagtail admin: board settings (snippet, saved through the services so every
change is audited), the moderator queue, from whose review page moderators delete for a 제8조
reason, restore and block, and the list of blocks in force with a lift action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from madang.core.admin_forms import ServiceSaveMixin

from . import admin_urls, rules
from .models import Board
from .services import BOARD_FIELDS, board_create, board_delete, board_update


def _board_data(form, *, changed_only=False):
    names = form.changed_data if changed_only else form.cleaned_data
    return {k: form.cleaned_data[k] for k in names if k in BOARD_FIELDS}


class BoardCreateView(ServiceSaveMixin, CreateView):
    def save_instance(self):
        return board_create(acting_user=self.request.user, **_board_data(self.form))


class BoardEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        return board_update(
            acting_user=self.request.user,
            board=self.form.instance,
            **_board_data(self.form, changed_only=True),
        )


class BoardDeleteView(DeleteView):
    def delete_action(self):
        board_delete(acting_user=self.request.user, board=self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(self.request, message)
            return redirect(self.get_success_url())


class BoardViewSet(SnippetViewSet):
    model = Board
    icon = "list-ul"
    menu_label = _("게시판 설정")
    menu_order = 310
    add_to_admin_menu = True
    add_view_class = BoardCreateView
    edit_view_class = BoardEditView
    delete_view_class = BoardDeleteView
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


@hooks.register("register_admin_menu_item")
def register_blocks_menu():
    return ModeratorMenuItem(
        _("게시판 이용 차단"), reverse("boards_admin:blocks"), icon_name="lock", order=312
    )
