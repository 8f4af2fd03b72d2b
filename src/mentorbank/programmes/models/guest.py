from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .programme import Programme


class ProgrammeGuest(models.Model):
    """An outside trainer or coach (seed 003's coaching firms, seed 000's bought training) with a guest
    account that sees this one programme: its events, and its matching where they sit on the committee."""

    TRAINER, COACH = "trainer", "coach"
    ROLES = [(TRAINER, _("Trainer")), (COACH, _("Coach"))]
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="guests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_guest_roles")
    name = models.CharField(_("name"), max_length=200)
    employer = models.CharField(_("employer"), max_length=200)
    role = models.CharField(_("role"), max_length=10, choices=ROLES, default=TRAINER)
    on_committee = models.BooleanField(_("sits on the matching committee"), default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "user"], name="one_guest_role_per_programme")]

    def __str__(self) -> str:
        return f"{self.name} ({self.employer})"
