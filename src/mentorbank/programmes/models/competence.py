from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Organisation


class Competence(models.Model):
    """A competence tag of an organisation's vocabulary (change leadership, orientation…)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="competences")
    name = models.CharField(_("competence"), max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="competence_unique_per_org")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def named(cls, organisation: Organisation, names: list[str]) -> list["Competence"]:
        """The organisation's vocabulary entries for these names, adding new ones (case-insensitively)."""
        existing = {c.name.lower(): c for c in organisation.competences.all()}
        result = []
        for name in names:
            competence = existing.get(name.lower())
            if competence is None:
                competence = cls.objects.create(organisation=organisation, name=name)
                existing[name.lower()] = competence
            result.append(competence)
        return result
