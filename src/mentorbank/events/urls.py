from django.urls import path

from . import event_views as events

app_name = "events"

urlpatterns = [
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
]
