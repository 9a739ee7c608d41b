"""Citizen accounts: sign-up with consent, sign-in, my data (accounts issue)."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("me/", views.me, name="accounts_me"),
    path("me/download/", views.me_download, name="accounts_me_download"),
    path("me/edit/", views.me_edit, name="accounts_me_edit"),
    path("me/consents/", views.me_consents, name="accounts_me_consents"),
    path("me/delete/", views.me_delete, name="accounts_me_delete"),
    path("deleted/", views.me_deleted, name="accounts_me_deleted"),
    path("under-14/", views.under_14, name="accounts_under_14"),
    path("identity/start/", views.identity_start, name="accounts_identity_start"),
    path("identity/complete/", views.identity_complete, name="accounts_identity_complete"),
    # allauth's own e-mail and phone pages would store contact details in the clear; citizens
    # correct them in 내 정보 (PersonalProfile, encrypted). These shadow allauth's paths.
    path("email/", views.contact_managed_in_me),
    path("phone/change/", views.contact_managed_in_me),
    path("", include("allauth.urls")),
]
