from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Employee, Organisation, Unit
from mentorbank.programmes.formats import GROUP_FORMATS, Format
from mentorbank.programmes.models import Programme


class Mentorship(models.Model):
    """A pair or a group that mentors together, from matching, a supervisor or the mentor bank."""

    AGREEING, ACTIVE, PAUSED, COMPLETED, ENDED = "agreeing", "active", "paused", "completed", "ended_early"
    STATES = [
        (AGREEING, _("Agreement being made")),
        (ACTIVE, _("Active")),
        (PAUSED, _("Paused")),
        (COMPLETED, _("Completed")),
        (ENDED, _("Ended early")),
    ]
    SOURCES = [("matching", _("Matching")), ("supervisor", _("Formed by a supervisor")), ("bank", _("Mentor bank"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="mentorships")
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="mentorships"
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.PAIR)
    source = models.CharField(max_length=20, choices=SOURCES)
    state = models.CharField(_("state"), max_length=20, choices=STATES, default=AGREEING)
    created_at = models.DateTimeField(default=timezone.now)
    started_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True, max_length=1000)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    checkpoint_passed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)  # the retention rule ran
    bank_request = models.OneToOneField(
        "bank.MentorRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="mentorship"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_format_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state in (self.AGREEING, self.ACTIVE, self.PAUSED)

    @property
    def is_group(self) -> bool:
        return self.format in GROUP_FORMATS


class MemberQuerySet(models.QuerySet["Member"]):
    def current(self) -> "MemberQuerySet":
        return self.filter(left_at__isnull=True)


class Member(models.Model):
    """A person in a mentorship; leaving keeps the row (the group's history)."""

    MENTOR, MENTEE, PEER = "mentor", "mentee", "peer"
    ROLES = [(MENTOR, _("Mentor")), (MENTEE, _("Mentee")), (PEER, _("Peer"))]
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="members")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="mentorship_memberships")
    role = models.CharField(_("role"), max_length=10, choices=ROLES)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "employee"],
                condition=models.Q(left_at__isnull=True),
                name="one_current_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee} ({self.role})"

    @property
    def has_goals(self) -> bool:
        return self.role in (self.MENTEE, self.PEER)


class Agreement(models.Model):
    """One version of the written agreement (mentorointisopimus). A change after someone has
    accepted makes a new version; old versions stay, superseded, with their acceptances."""

    ACCEPTING, APPROVING, APPROVED, RETURNED, SUPERSEDED = (
        "accepting",
        "approving",
        "approved",
        "returned",
        "superseded",
    )
    STATES = [
        (ACCEPTING, _("Waiting for the participants to accept")),
        (APPROVING, _("Waiting for approvals")),
        (APPROVED, _("Approved")),
        (RETURNED, _("Sent back")),
        (SUPERSEDED, _("Replaced by a newer version")),
    ]
    MEETING_FORMS = [
        ("in_person", _("In person")),
        ("teams", _("Teams")),
        ("online", _("Another online link")),
        ("either", _("In person or online")),
    ]
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveIntegerField()
    state = models.CharField(max_length=12, choices=STATES, default=ACCEPTING)
    goals = models.JSONField(default=dict)  # employee id (str) -> [goal, goal]
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    meeting_every_weeks = models.PositiveSmallIntegerField(_("a meeting every … weeks"), default=4)
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length in minutes"), default=60)
    meeting_form = models.CharField(_("meetings"), max_length=12, choices=MEETING_FORMS, default="either")
    meeting_place = models.CharField(_("place or online link"), max_length=300, blank=True)
    working_time = models.TextField(_("working time"), max_length=1000)
    confidentiality = models.TextField(_("confidentiality"), max_length=2000)
    ending = models.TextField(_("how the mentorship ends"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    returned_reason = models.TextField(blank=True, max_length=1000)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["mentorship", "version"], name="one_agreement_version")]

    def __str__(self) -> str:
        return f"{self.mentorship} v{self.version}"

    def goals_of(self, employee: Employee) -> list[str]:
        return list(self.goals.get(str(employee.pk), []))


class Acceptance(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="acceptances")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["accepted_at"]
        constraints = [models.UniqueConstraint(fields=["agreement", "employee"], name="one_acceptance_each")]

    def __str__(self) -> str:
        return f"{self.employee} accepted {self.agreement}"


class Approval(models.Model):
    """A supervisor's approval of one participant's time use, or HR's approval of the agreement."""

    SUPERVISOR, HR = "supervisor", "hr"
    KINDS = [(SUPERVISOR, _("Supervisor")), (HR, _("HR"))]
    WAITING, APPROVED = "waiting", "approved"
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="approvals")
    kind = models.CharField(max_length=10, choices=KINDS)
    participant = models.ForeignKey(Employee, null=True, on_delete=models.PROTECT, related_name="+")  # supervisor's
    approver = models.ForeignKey(Employee, null=True, on_delete=models.PROTECT, related_name="agreement_approvals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")  # HR approvals
    state = models.CharField(max_length=10, default=WAITING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} approval of {self.agreement}"


class Note(models.Model):
    """A private note of the mentorship's participants; `ciphertext` is Fernet-encrypted (see notes.py)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    ciphertext = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"note #{self.pk}"


class CheckpointAnswer(models.Model):
    """After the agreed first meetings, each participant says whether to go on."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="checkpoint_answers")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    wants_to_continue = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mentorship", "employee"], name="one_checkpoint_answer")]

    def __str__(self) -> str:
        return f"{self.employee}: {'continue' if self.wants_to_continue else 'stop'}"


class Insight(models.Model):
    """An idea or development proposal a participant shares with their unit(s); supervisors discuss it."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="insights")
    author = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("idea or development proposal"), max_length=2000)
    units = models.ManyToManyField(Unit, related_name="insights", verbose_name=_("units"))
    created_at = models.DateTimeField(default=timezone.now)
    discussed_at = models.DateTimeField(null=True, blank=True)
    discussed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:50]


class SentReminder(models.Model):
    """One row per reminder sent, keyed by what it was about: a rerun or a retried task skips it."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key
