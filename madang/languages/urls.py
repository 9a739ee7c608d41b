from django.urls import path

from . import views

app_name = "languages"

urlpatterns = [
    path("", views.opinion_form, name="opinion"),
    path("received/", views.opinion_receipt, name="opinion_receipt"),
]
