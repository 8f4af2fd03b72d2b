from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Competence, Programme


class MentorProfileQuerySet(models.QuerySet["MentorProfile"]):
    def listed(self) -> "MentorProfileQuerySet":
        """Profiles shown in the bank: joined and not paused (full ones show, marked full)."""
        return self.filter(in_bank=True).exclude(availability=MentorProfile.PAUSED)


class MentorProfile(models.Model):
    """A volunteer mentor in an organisation's lasting mentor bank (outlives programmes)."""

    # set on the profiles a page shows by bank_search.attach_load_and_training and mark_matches, not stored
    load: int
    trained: bool
    marked_competences: str
    snippet: str

    AVAILABLE, FULL, PAUSED = "available", "full", "paused"
    AVAILABILITY = [(AVAILABLE, _("Available")), (FULL, _("Full")), (PAUSED, _("Paused"))]
    OWN, SHARED = "organisation", "shared"
    VISIBILITY = [
        (OWN, _("My own organisation")),
        (SHARED, _("My organisation and the organisations it shares programmes with")),
    ]
    MEETING_MODES = [("in_person", _("In person")), ("remote", _("Remote")), ("either", _("Either"))]

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="mentor_profile")
    introduction = models.TextField(
        _("introduction"), max_length=3000, help_text=_("Who you are, what you know and how you like to mentor.")
    )
    competences = models.ManyToManyField(Competence, blank=True, related_name="mentors", verbose_name=_("competences"))
    themes = models.CharField(_("themes I can help with"), max_length=500, blank=True)
    meeting_mode = models.CharField(_("meetings"), max_length=10, choices=MEETING_MODES, default="either")
    capacity = models.PositiveSmallIntegerField(_("how many mentees at a time"), default=1)
    availability = models.CharField(_("availability"), max_length=10, choices=AVAILABILITY, default=AVAILABLE)
    visibility = models.CharField(_("who can find me"), max_length=12, choices=VISIBILITY, default=OWN)
    # the analysed terms (bank_search.index_profile), space-separated and padded: all, and competences' and themes'
    search_text = models.TextField(editable=False, default="")
    key_terms = models.TextField(editable=False, default="")
    # False for a colleague asked directly by a mentee who has not joined the bank themselves.
    in_bank = models.BooleanField(default=True, editable=False)
    expired_requests = models.PositiveSmallIntegerField(default=0, editable=False)
    last_active_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        db_table = "programmes_mentorprofile"  # the table it had when it lived in programmes
        ordering = ["employee__last_name", "employee__first_name"]

    def __str__(self) -> str:
        return str(self.employee)


class MentorRequestQuerySet(models.QuerySet["MentorRequest"]):
    def open(self) -> "MentorRequestQuerySet":
        return self.filter(state=MentorRequest.PENDING)

    def holding_capacity(self) -> "MentorRequestQuerySet":
        """Accepted requests take a mentor's capacity until a mentorship ends them."""
        return self.filter(state=MentorRequest.ACCEPTED, released_at__isnull=True)


class MentorRequest(models.Model):
    """A mentee asks a mentor of the bank; the mentor accepts or declines; the supervisors approve."""

    PENDING, ACCEPTED, DECLINED, EXPIRED, CANCELLED = "pending", "accepted", "declined", "expired", "cancelled"
    PROPOSED = "proposed"  # a supervisor's suggestion, waiting for the staff member to confirm
    STATES = [
        (PROPOSED, _("Suggested by the supervisor, waiting for your confirmation")),
        (PENDING, _("Waiting for the mentor")),
        (ACCEPTED, _("Accepted")),
        (DECLINED, _("Declined")),
        (EXPIRED, _("Expired")),
        (CANCELLED, _("Cancelled")),
    ]
    WAITING, APPROVED, REFUSED = "waiting", "approved", "refused"
    APPROVALS = [(WAITING, _("Waiting")), (APPROVED, _("Approved")), (REFUSED, _("Declined"))]

    mentee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="mentor_requests")
    mentor = models.ForeignKey(MentorProfile, on_delete=models.CASCADE, related_name="requests")
    # The programme whose rules the pair will follow; None for a request outside any programme.
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="bank_requests"
    )
    message = models.TextField(_("message to the mentor"), max_length=2000)
    state = models.CharField(max_length=10, choices=STATES, default=PENDING)
    answer = models.TextField(_("answer"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    mentee_supervisor_approval = models.CharField(max_length=10, choices=APPROVALS, default=WAITING)
    mentor_supervisor_approval = models.CharField(max_length=10, choices=APPROVALS, default=WAITING)
    released_at = models.DateTimeField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposed_mentor_requests"
    )

    objects = MentorRequestQuerySet.as_manager()

    class Meta:
        db_table = "programmes_mentorrequest"  # the table it had when it lived in programmes
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.mentee} → {self.mentor}"


class GuestInvitation(models.Model):
    """A mentee's wish for a mentor from outside the organisation (special cases
    that HR approves). On approval the person gets a guest account that sees this alone."""

    WAITING, APPROVED, DECLINED, ACCEPTED, REFUSED = "waiting", "approved", "declined", "accepted", "refused"
    STATES = [
        (WAITING, _("Waiting for HR")),
        (APPROVED, _("Approved by HR; invited")),
        (DECLINED, _("Declined by HR")),
        (ACCEPTED, _("The guest agreed to mentor")),
        (REFUSED, _("The guest declined")),
    ]
    mentee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="guest_invitations")
    name = models.CharField(_("name of the person"), max_length=200)
    email = models.EmailField(_("their e-mail"))
    employer = models.CharField(_("their employer"), max_length=200)
    reason = models.TextField(_("why this person"), max_length=2000)
    state = models.CharField(max_length=10, choices=STATES, default=WAITING)
    hr_reason = models.TextField(blank=True, max_length=1000)
    hr_decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hr_decided_at = models.DateTimeField(null=True, blank=True)
    guest = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="guest_invitations"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "programmes_guestinvitation"  # the table it had when it lived in programmes
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} → {self.mentee}"
