import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme

from .mentorship import Member, Mentorship


class Meeting(models.Model):
    """A planned meeting; held, moved or cancelled. `sequence` counts changes for calendar updates."""

    shown_times: list["MeetingTime"]  # the recorded times a reader may see, set by the mentorship page

    PLANNED, HELD, CANCELLED = "planned", "held", "cancelled"
    STATES = [(PLANNED, _("Planned")), (HELD, _("Held")), (CANCELLED, _("Cancelled"))]
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("length in minutes"))
    place = models.CharField(_("place or online link"), max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=STATES, default=PLANNED)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    series = models.UUIDField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["mentorship", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.mentorship} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.minutes)


class MeetingTime(models.Model):
    """Working time one participant used in a held meeting (counted against the programme's limit)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="times")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="meeting_times")
    minutes = models.PositiveSmallIntegerField(_("minutes of working time"))
    # what the person was in the mentorship when the time was recorded: the reports sum by it
    # ("" for rows written without it; the reports then look the role up)
    role = models.CharField(_("role"), max_length=10, choices=Member.ROLES, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "employee"], name="one_time_per_person")]

    def __str__(self) -> str:
        return f"{self.employee}: {self.minutes} min"


class TimeException(models.Model):
    """A supervisor lets one of their staff use more working time than the programme's limit in one period."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="time_exceptions")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="time_exceptions")
    period_start = models.DateField()
    extra_minutes = models.PositiveSmallIntegerField(_("extra minutes"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"{self.employee} +{self.extra_minutes} min from {self.period_start}"


class SubstituteRequest(models.Model):
    """A substitute for one participant's meeting, asked of their supervisor where the programme arranges them."""

    NEEDED, ARRANGED, NOT_NEEDED = "needed", "arranged", "not_needed"
    STATES = [(NEEDED, _("Needed")), (ARRANGED, _("Arranged")), (NOT_NEEDED, _("Not needed"))]
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="substitutes")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="substitute_requests")
    state = models.CharField(max_length=12, choices=STATES, default=NEEDED)
    decided_at = models.DateTimeField(null=True, blank=True)
    # what the supervisor records of an arranged substitute: who, and the hours actually worked
    substitute_name = models.CharField(_("substitute's name"), max_length=200, blank=True)
    substitute_minutes = models.PositiveIntegerField(_("substitute's actual minutes"), null=True, blank=True)

    class Meta:
        ordering = ["meeting__starts_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "employee"], name="one_substitute_per_person")]

    def __str__(self) -> str:
        return f"{self.employee} @ {self.meeting}"

    @property
    def substitute_hours(self) -> float | None:
        return None if self.substitute_minutes is None else self.substitute_minutes / 60


class CalendarFeed(models.Model):
    """A personal calendar feed behind a secret address; only its SHA-256 is stored."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar of {self.user}"
