"""URLs of the boards app. Posts are addressed by a random public id, never a sequence."""

from django.urls import path

from . import views

app_name = "boards"
urlpatterns = [
    path("", views.board_index, name="index"),
    path("<slug:slug>/", views.board_list, name="list"),
    path("<slug:slug>/write/", views.post_create, name="post_create"),
    path("<slug:slug>/<str:public_id>/", views.post_detail, name="post_detail"),
    path("<slug:slug>/<str:public_id>/edit/", views.post_edit, name="post_edit"),
    path("<slug:slug>/<str:public_id>/delete/", views.post_withdraw, name="post_withdraw"),
    path("<slug:slug>/<str:public_id>/comment/", views.comment_create, name="comment_create"),
    path("<slug:slug>/<str:public_id>/report/", views.report, name="report"),
    path(
        "<slug:slug>/<str:public_id>/comments/<str:comment_id>/report/",
        views.report,
        name="comment_report",
    ),
    path("<slug:slug>/<str:public_id>/objection/", views.objection_create, name="objection"),
    path(
        "<slug:slug>/<str:public_id>/files/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
]
