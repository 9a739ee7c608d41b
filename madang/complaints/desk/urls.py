"""Admin URLs of the staff desk, under /admin/complaints/ (namespace "complaints_desk")."""

from django.urls import path

from . import views

app_name = "complaints_desk"
urlpatterns = [
    path("desk/", views.queue, name="queue"),
    path("statistics/", views.staff_statistics, name="statistics"),
]
