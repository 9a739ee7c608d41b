from django.urls import path

from . import views

app_name = "counselling"

urlpatterns = [
    path("", views.index, name="index"),
    path("faq/<int:pk>/", views.faq_detail, name="faq"),
    path("request/", views.request_form, name="request"),
    path("request/<int:pk>/done/", views.request_done, name="done"),
]
