from django.contrib import admin

from .models import Organisation, OrganisationRole


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "business_id", "default_language"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(admin.ModelAdmin):
    list_display = ["organisation", "user", "role"]
    list_filter = ["organisation", "role"]
    autocomplete_fields = ["user"]
