from django.urls import path, re_path

from . import scim_views, views

app_name = "provisioning"

urlpatterns = [
    path("o/<slug:org_slug>/provisioning/", views.provisioning, name="tokens"),
    path("o/<slug:org_slug>/provisioning/<int:provisioning_token_id>/revoke/", views.revoke, name="revoke"),
    # each organisation's SCIM 2.0 service (RFC 7644 §6.1, a tenant by URL prefix); its address is entered
    # at the identity provider, so it must not change
    path("scim/<slug:org_slug>/v2", scim_views.scim, name="scim_root"),
    re_path(r"^scim/(?P<org_slug>[-\w]+)/v2/(?P<path>.*)$", scim_views.scim, name="scim"),
]
