from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Organisation

from .programme import Programme


class Partnership(models.Model):
    """An organisation invited into another's programme (a consortium). Only an accepted partnership
    puts the organisation among the programme's participating organisations; nothing of either
    organisation's people is shared before that."""

    INVITED, ACCEPTED, DECLINED, LEFT, WITHDRAWN = "invited", "accepted", "declined", "left", "withdrawn"
    STATES = [
        (INVITED, _("Invited")),
        (ACCEPTED, _("Taking part")),
        (DECLINED, _("Declined")),
        (LEFT, _("Left the programme")),
        (WITHDRAWN, _("Invitation withdrawn")),
    ]
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships")
    state = models.CharField(_("state"), max_length=10, choices=STATES, default=INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="partnership_unique_per_programme")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.programme}"
