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
