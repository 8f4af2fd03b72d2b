from django.urls import path

from . import application_import_views as application_import
from . import application_views as applications
from . import bank_views as bank
from . import event_views as events
from . import guest_views as guest
from . import views

app_name = "programmes"

urlpatterns = [
    path("o/<slug:org_slug>/programmes/", views.programme_list, name="list"),
    path("o/<slug:org_slug>/programmes/new/", views.programme_create, name="create"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/", views.programme_detail, name="detail"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/edit/", views.programme_edit, name="edit"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/advance/", views.programme_advance, name="advance"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/copy/", views.programme_copy, name="copy"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/applications/",
        applications.programme_applications,
        name="applications",
    ),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/applications/<int:application_id>/",
        applications.programme_application,
        name="application",
    ),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/apply/", applications.apply, name="apply"),
    path("o/<slug:org_slug>/mentoring/", applications.mentoring, name="mentoring"),
    path(
        "o/<slug:org_slug>/mentoring/applications/<int:application_id>/withdraw/",
        applications.withdraw,
        name="withdraw",
    ),
    path("o/<slug:org_slug>/approvals/<int:application_id>/", applications.decide, name="decide"),
    path("o/<slug:org_slug>/approvals/bank/<int:request_id>/", bank.bank_request_decide, name="bank_request_decide"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/events/", events.events, name="events"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/events/<int:event_id>/",
        events.event_detail,
        name="event_detail",
    ),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/events/<int:event_id>/remove/",
        events.event_delete,
        name="event_delete",
    ),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/events/<int:event_id>/register/",
        events.event_register,
        name="event_register",
    ),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/materials/", events.materials, name="materials"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/materials/<int:material_id>/remove/",
        events.material_delete,
        name="material_delete",
    ),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/materials/<int:material_id>/download/",
        events.material_download,
        name="material_download",
    ),
    path("o/<slug:org_slug>/mentoring/programmes/<int:programme_id>/", events.participant_page, name="participant"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/applications/import/",
        application_import.upload,
        name="application_import",
    ),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/applications/import/<int:import_id>/",
        application_import.map_and_preview,
        name="application_import_map",
    ),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/applications/import/<int:import_id>/confirm/",
        application_import.confirm,
        name="application_import_confirm",
    ),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/questions/", views.programme_questions, name="questions"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/questions/<int:question_id>/remove/",
        views.programme_question_delete,
        name="question_delete",
    ),
    path("o/<slug:org_slug>/bank/", bank.bank, name="bank"),
    path("o/<slug:org_slug>/bank/me/", bank.bank_me, name="bank_me"),
    path("o/<slug:org_slug>/bank/ask-from-outside/", guest.ask_outside, name="bank_ask_outside"),
    path("o/<slug:org_slug>/guest-mentors/", guest.guest_requests, name="guest_requests"),
    path("o/<slug:org_slug>/guest-mentors/<int:invitation_id>/decide/", guest.guest_decide, name="guest_decide"),
    path("guest/", guest.guest_home, name="guest_home"),
    path("o/<slug:org_slug>/bank/ask-a-colleague/", bank.bank_ask_colleague, name="bank_ask_colleague"),
    path("o/<slug:org_slug>/bank/requests/", bank.bank_requests, name="bank_requests"),
    path("o/<slug:org_slug>/bank/requests/<int:request_id>/answer/", bank.bank_answer, name="bank_answer"),
    path("o/<slug:org_slug>/bank/requests/<int:request_id>/cancel/", bank.bank_cancel, name="bank_cancel"),
    path("o/<slug:org_slug>/bank/<int:profile_id>/", bank.bank_profile, name="bank_profile"),
]
