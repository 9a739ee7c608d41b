"""Citizen accounts: sign-up with consent, sign-in, my data (accounts issue)."""

from django.urls import include, path

urlpatterns = [
    path("", include("allauth.urls")),
]
