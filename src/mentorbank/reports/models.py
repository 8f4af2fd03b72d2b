"""What a programme cost besides working time: trainers, materials and the like, entered by its coordinators."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.programmes.models import Programme


class ProgrammeCost(models.Model):
    TRAINERS, MATERIALS, VENUES, OTHER = "trainers", "materials", "venues", "other"
    KINDS = [
        (TRAINERS, _("Trainers")),
        (MATERIALS, _("Materials")),
        (VENUES, _("Venues and catering")),
        (OTHER, _("Other")),
    ]
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="costs")
    kind = models.CharField(_("kind"), max_length=12, choices=KINDS)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    spent_on = models.DateField(_("date"), default=timezone.localdate)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-spent_on", "-pk"]
        verbose_name = _("programme cost")
        verbose_name_plural = _("programme costs")

    def __str__(self) -> str:
        return f"{self.description}: {self.amount} €"


class Nudge(models.Model):
    """A reminder a coordinator sent from the programme's health panel: one per concern and day, so
    nobody gets the same nudge twice the same day."""

    QUIET, AGREEMENT, CHECKPOINT, REQUEST = "quiet", "agreement", "checkpoint", "request"
    KINDS = [
        (QUIET, _("Pairs that have not met")),
        (AGREEMENT, _("Agreements waiting")),
        (CHECKPOINT, _("Checkpoints unanswered")),
        (REQUEST, _("Requests about to expire")),
    ]
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="nudges")
    kind = models.CharField(max_length=12, choices=KINDS)
    target_id = models.PositiveIntegerField()  # the mentorship, or the bank request
    sent_on = models.DateField(default=timezone.localdate)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind", "target_id", "sent_on"], name="one_nudge_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id} on {self.sent_on}"
