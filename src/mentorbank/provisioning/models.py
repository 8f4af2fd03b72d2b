import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorbank.core.tokens import digest
from mentorbank.organisations.models import Organisation


class ProvisioningTokenQuerySet(models.QuerySet["ProvisioningToken"]):
    def find(self, raw_key: str) -> "ProvisioningToken | None":
        """The token in force with this key, if any."""
        found = self.filter(key_hash=digest(raw_key), revoked_at__isnull=True).select_related("organisation")
        return found.first()


class ProvisioningToken(models.Model):
    """A bearer token with which an organisation's identity provider keeps its people in step (SCIM).
    Only its hash is stored; the admin sees the key once, when it is made."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="provisioning_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("For example the identity provider's name."))
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProvisioningTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_key() -> str:
        return "mbscim_" + secrets.token_urlsafe(32)
