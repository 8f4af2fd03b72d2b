from django.urls import path

from . import views

app_name = "installation"

urlpatterns = [
    path("installation/organisations/", views.organisations, name="organisations"),
    path("installation/organisations/new/", views.organisation_create, name="organisation_create"),
    path("installation/organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
