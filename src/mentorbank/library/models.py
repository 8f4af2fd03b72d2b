from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Organisation
from mentorbank.programmes.models import Programme


class LibraryItem(models.Model):
    """A file or link in an organisation's materials library, for one audience."""

    EVERYONE, SUPERVISORS, MENTORS, PARTICIPANTS = "everyone", "supervisors", "mentors", "participants"
    AUDIENCES = [
        (EVERYONE, _("Everyone in the organisation")),
        (SUPERVISORS, _("Supervisors")),
        (MENTORS, _("Mentors (in the bank or in a mentorship)")),
        (PARTICIPANTS, _("The participants of one programme")),
    ]
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="library_items")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    link = models.URLField(_("link"), blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(default=b"", editable=False)
    audience = models.CharField(_("for whom"), max_length=12, choices=AUDIENCES, default=EVERYONE)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title
