from django.contrib import admin
from django.urls import include, path

from mentorbank.api.v1 import api

urlpatterns = [
    path("", include("mentorbank.home.urls")),
    path("", include("mentorbank.organisations.urls")),
    path("", include("mentorbank.programmes.urls")),
    path("", include("mentorbank.applications.urls")),
    path("", include("mentorbank.events.urls")),
    path("", include("mentorbank.bank.urls")),
    path("", include("mentorbank.matching.urls")),
    path("", include("mentorbank.mentorships.urls")),
    path("", include("mentorbank.surveys.urls")),
    path("", include("mentorbank.library.urls")),
    path("", include("mentorbank.reports.urls")),
    path("", include("mentorbank.privacy.urls")),
    path("", include("mentorbank.provisioning.urls")),
    path("", include("mentorbank.sso.urls")),
    path("", include("mentorbank.installation.urls")),
    path("accounts/", include("mentorbank.accounts.urls")),
    path("api/v1/", api.urls),
    path("operators/", admin.site.urls),
]

handler500 = "mentorbank.core.errors.server_error"
