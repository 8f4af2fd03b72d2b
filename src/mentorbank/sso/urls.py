from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    # the callback's address is registered at each organisation's provider: it must not change
    path("accounts/sso/<slug:org_slug>/", views.sso_start, name="start"),
    path("accounts/sso/<slug:org_slug>/callback/", views.sso_callback, name="callback"),
    path("o/<slug:org_slug>/single-sign-on/", views.sso_settings, name="settings"),
]
