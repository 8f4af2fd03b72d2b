from django.urls import path

from . import announcement_views
from . import application_import_views as application_import
from . import application_views as applications

app_name = "applications"

urlpatterns = [
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
    path("o/<slug:org_slug>/programmes/<int:programme_id>/announce/", announcement_views.announce, name="announce"),
    path(
        "o/<slug:org_slug>/mentoring/applications/<int:application_id>/withdraw/",
        applications.withdraw,
        name="withdraw",
    ),
    path("o/<slug:org_slug>/approvals/<int:application_id>/", applications.decide, name="decide"),
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
]
