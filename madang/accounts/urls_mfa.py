"""URLs for the second factor (/admin/mfa/) and the idle-session endpoints (/session/).

Included at the root before Wagtail's admin/ so that these paths win; the /admin/ prefix keeps
the second-factor pages behind the admin IP allow-list.
"""

from django.urls import include, path

from . import idle, mfa_views

mfa_patterns = [
    path("", mfa_views.manage, name="manage"),
    path("enrol/", mfa_views.enrol, name="enrol"),
    path("verify/", mfa_views.verify, name="verify"),
    path("verify/recovery/", mfa_views.verify_recovery, name="verify_recovery"),
    path("recovery-codes/", mfa_views.recovery_codes, name="recovery_codes"),
    path("recovery-codes/new/", mfa_views.recovery_codes_new, name="recovery_codes_new"),
    path("reset/<int:user_id>/", mfa_views.reset, name="reset"),
]

idle_patterns = [
    path("extend/", idle.session_extend, name="extend"),
    path("expired/", idle.session_expired, name="expired"),
    path("logout/", idle.session_logout, name="logout"),
]

urlpatterns = [
    path("admin/mfa/", include((mfa_patterns, "madang_mfa"))),
    path("session/", include((idle_patterns, "madang_idle"))),
]
