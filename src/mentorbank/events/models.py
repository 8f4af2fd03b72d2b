from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme

AUDIENCES = [("all", _("Mentors and mentees")), ("mentors", _("Mentors")), ("mentees", _("Mentees"))]


class ProgrammeEvent(models.Model):
    """A mentor training, coaching day or workshop of a programme (seeds 000, 003, 004)."""

    KINDS = [
        ("training", _("Mentor training")),
        ("coaching", _("Coaching day")),
        ("workshop", _("Mentors' workshop")),
        ("other", _("Other event")),
    ]
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=10, choices=KINDS, default="training")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    audience = models.CharField(_("for whom"), max_length=10, choices=AUDIENCES, default="all")
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )

    class Meta:
        db_table = "programmes_programmeevent"  # the table it had when it lived in programmes
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class EventRegistration(models.Model):
    event = models.ForeignKey(ProgrammeEvent, on_delete=models.CASCADE, related_name="registrations")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="event_registrations")
    registered_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        db_table = "programmes_eventregistration"  # the table it had when it lived in programmes
        ordering = ["registered_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "employee"], name="one_registration_per_event")]

    def __str__(self) -> str:
        return f"{self.employee} @ {self.event}"


class Material(models.Model):
    """A file or link for a programme's participants (and their supervisors where chosen)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    link = models.URLField(_("link"), blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(default=b"", editable=False)
    for_supervisors = models.BooleanField(_("also for the participants' supervisors"), default=False)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "programmes_material"  # the table it had when it lived in programmes
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title
