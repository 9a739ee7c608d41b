"""Ends a contractor's session once the contract is over (조례 제5조②, 제6조③): the sign-in
form refuses new sign-ins; this catches sessions begun before the end date."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect

from madang.accounts.choices import AccountKind

from .services import contractor_login_refusal

SESSION_KEY = "sitegov_contract_checked"


class ContractorTermMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "kind", None) == AccountKind.CONTRACTOR
        ):
            reason = contractor_login_refusal(user)
            if reason:
                logout(request)
                messages.error(request, reason)
                return redirect("wagtailadmin_login")
        return self.get_response(request)
