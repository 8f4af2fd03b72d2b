from django.urls import path

from . import guest_views, partner_views, views

app_name = "programmes"

urlpatterns = [
    path("o/<slug:org_slug>/programmes/", views.programme_list, name="list"),
    path("o/<slug:org_slug>/programmes/new/", views.programme_create, name="create"),
    path("o/<slug:org_slug>/programmes/invitations/", partner_views.invitations, name="invitations"),
    path("o/<slug:org_slug>/programmes/invitations/<int:partnership_id>/", partner_views.invitation, name="invitation"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/partners/", partner_views.programme_partners, name="partners"
    ),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/guests/", guest_views.programme_guests, name="guests"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/guests/<int:guest_id>/remove/",
        guest_views.guest_remove,
        name="guest_remove",
    ),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/partners/<int:partnership_id>/withdraw/",
        partner_views.partner_withdraw,
        name="partner_withdraw",
    ),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/", views.programme_detail, name="detail"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/edit/", views.programme_edit, name="edit"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/advance/", views.programme_advance, name="advance"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/copy/", views.programme_copy, name="copy"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/questions/", views.programme_questions, name="questions"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/questions/<int:question_id>/remove/",
        views.programme_question_delete,
        name="question_delete",
    ),
]
