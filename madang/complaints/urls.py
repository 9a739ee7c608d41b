"""URLs of the complaints app."""

from django.urls import path

from . import views
from .desk import views as desk_views
from .handling import citizen_views as handling_views

app_name = "complaints"
urlpatterns = [
    path("", views.start, name="start"),
    path("verify/", views.verify, name="verify"),
    path("write/", views.write, name="write"),
    path("confirm/<uuid:draft_id>/", views.confirm, name="confirm"),
    path("deadline/", views.deadline_preview, name="deadline"),
    path("receipt/<str:receipt_number>/", views.receipt, name="receipt"),
    path("mine/", views.my_complaints, name="mine"),
    path("mine/<str:receipt_number>/", views.my_complaint_detail, name="mine_detail"),
    path("status/<str:receipt_number>/", views.complaint_detail, name="detail"),
    path(
        "status/<str:receipt_number>/supplement/",
        handling_views.supplement_reply,
        name="supplement",
    ),
    path(
        "status/<str:receipt_number>/files/<int:attachment_id>/",
        handling_views.attachment_download,
        name="attachment",
    ),
    path("access/<str:token>/", views.access_link, name="access"),
    path("statistics/", desk_views.public_statistics, name="statistics"),
]
