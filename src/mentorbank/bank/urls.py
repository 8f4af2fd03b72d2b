from django.urls import path

from . import bank_views as bank
from . import guest_views as guest

app_name = "bank"

urlpatterns = [
    path("o/<slug:org_slug>/approvals/bank/<int:request_id>/", bank.bank_request_decide, name="bank_request_decide"),
    path("o/<slug:org_slug>/bank/", bank.bank, name="bank"),
    path("o/<slug:org_slug>/bank/me/", bank.bank_me, name="bank_me"),
    path("o/<slug:org_slug>/bank/ask-from-outside/", guest.ask_outside, name="bank_ask_outside"),
    path("o/<slug:org_slug>/guest-mentors/", guest.guest_requests, name="guest_requests"),
    path("o/<slug:org_slug>/guest-mentors/<int:invitation_id>/decide/", guest.guest_decide, name="guest_decide"),
    path("guest/", guest.guest_home, name="guest_home"),
    path("o/<slug:org_slug>/bank/ask-a-colleague/", bank.bank_ask_colleague, name="bank_ask_colleague"),
    path("o/<slug:org_slug>/bank/requests/", bank.bank_requests, name="bank_requests"),
    path("o/<slug:org_slug>/bank/<int:profile_id>/suggest/", bank.bank_propose, name="bank_propose"),
    path("o/<slug:org_slug>/bank/requests/<int:request_id>/confirm/", bank.proposal_answer, name="proposal_answer"),
    path("o/<slug:org_slug>/bank/requests/<int:request_id>/answer/", bank.bank_answer, name="bank_answer"),
    path("o/<slug:org_slug>/bank/requests/<int:request_id>/cancel/", bank.bank_cancel, name="bank_cancel"),
    path("o/<slug:org_slug>/bank/<int:profile_id>/", bank.bank_profile, name="bank_profile"),
]
