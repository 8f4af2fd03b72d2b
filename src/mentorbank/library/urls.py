from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("o/<slug:org_slug>/materials/", views.library, name="library"),
    path("o/<slug:org_slug>/materials/<int:item_id>/", views.item_download, name="download"),
    path("o/<slug:org_slug>/materials/<int:item_id>/remove/", views.item_delete, name="delete"),
]
