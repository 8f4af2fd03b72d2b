import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Organisation, ProfessionGroup, Unit
from mentorbank.programmes.formats import PROGRAMME_FORMATS


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def of_organisation(self, organisation: Organisation) -> "ProgrammeQuerySet":
        """Programmes the organisation owns or takes part in (as an accepted partner)."""
        return self.filter(Q(owner=organisation) | Q(participating_organisations=organisation)).distinct()


class Programme(models.Model):
    """A mentoring programme (one cohort) with every rule its life follows."""

    DRAFT, OPEN, MATCHING, RUNNING, CLOSED = "draft", "open", "matching", "running", "closed"
    STATES = [
        (DRAFT, _("Draft")),
        (OPEN, _("Open for applications")),
        (MATCHING, _("Matching")),
        (RUNNING, _("Running")),
        (CLOSED, _("Closed")),
    ]
    NEXT_STATE = {DRAFT: OPEN, OPEN: MATCHING, MATCHING: RUNNING, RUNNING: CLOSED}

    ELIGIBLE_ALL, ELIGIBLE_UNITS, ELIGIBLE_GROUPS = "all", "units", "profession_groups"
    ELIGIBILITY = [
        (ELIGIBLE_ALL, _("All staff")),
        (ELIGIBLE_UNITS, _("Staff of chosen units")),
        (ELIGIBLE_GROUPS, _("Chosen profession groups")),
    ]
    MATCHING_METHODS = [
        ("engine_committee", _("Matching engine with a matching committee")),
        ("supervisor", _("Supervisors form the pairs")),
        ("mentee_choice", _("Mentees choose from the mentor bank")),
        ("mixed", _("A mix of these")),
    ]
    DURATION_KINDS = [("months", _("Months")), ("meetings", _("A number of meetings"))]
    PERIODS = [
        ("", _("No limit")),
        ("week", _("per week")),
        ("two_weeks", _("per two weeks")),
        ("month", _("per month")),
    ]
    COMPENSATIONS = [
        ("none", _("No compensation")),
        ("per_meeting", _("Per meeting held")),
        ("per_group", _("Per group")),
        ("lump_sum", _("Lump sum")),
    ]

    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("owner organisation")
    )
    participating_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="shared_programmes", verbose_name=_("other participating organisations")
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    eligibility = models.CharField(_("who may apply"), max_length=20, choices=ELIGIBILITY, default=ELIGIBLE_ALL)
    eligible_units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("units"))
    eligible_profession_groups = models.ManyToManyField(
        ProfessionGroup, blank=True, related_name="+", verbose_name=_("profession groups")
    )
    eligible_started_within_months = models.PositiveSmallIntegerField(
        _("only those who started within … months"),
        null=True,
        blank=True,
        help_text=_("New starters, by the start date in the HR data. Leave empty for everyone."),
    )
    eligible_hr_tag = models.CharField(
        _("only those with this HR tag"),
        max_length=50,
        blank=True,
        help_text=_("A tag of the HR import file, e.g. retiring or returning. Leave empty for everyone."),
    )
    formats = models.JSONField(_("formats allowed"), default=list)
    group_min_mentees = models.PositiveSmallIntegerField(_("smallest group (mentees)"), default=3)
    group_max_mentees = models.PositiveSmallIntegerField(_("largest group (mentees)"), default=6)
    co_mentoring_max_mentees = models.PositiveSmallIntegerField(_("co-mentoring group at most (mentees)"), default=6)
    groups_within_profession = models.BooleanField(
        _("each group within one profession group"),
        default=False,
        help_text=_("Peer groups of nurses, teachers… rather than mixed groups."),
    )

    application_opens = models.DateField(_("applications open"), null=True, blank=True)
    application_closes = models.DateField(_("applications close"), null=True, blank=True)
    matching_method = models.CharField(
        _("how pairs are formed"), max_length=20, choices=MATCHING_METHODS, default="engine_committee"
    )
    duration_kind = models.CharField(_("duration"), max_length=10, choices=DURATION_KINDS, default="months")
    duration_months = models.PositiveSmallIntegerField(_("months"), default=12)
    duration_meetings = models.PositiveSmallIntegerField(_("meetings"), null=True, blank=True)
    meeting_every_weeks = models.PositiveSmallIntegerField(_("a meeting every … weeks"), default=4)
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length in minutes"), default=60)
    working_time_minutes = models.PositiveSmallIntegerField(_("working time at most (minutes)"), null=True, blank=True)
    working_time_period = models.CharField(_("in a period of"), max_length=10, choices=PERIODS, blank=True)
    substitutes_arranged = models.BooleanField(_("substitutes are arranged for meetings"), default=False)
    compensation = models.CharField(_("mentor compensation"), max_length=20, choices=COMPENSATIONS, default="none")
    compensation_euros = models.DecimalField(
        _("compensation in euros"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cross_organisation_pairs = models.BooleanField(
        _("mentors and mentees may come from different organisations"),
        default=True,
        help_text=_("Applies when several organisations take part."),
    )
    hr_approves_participation = models.BooleanField(_("HR also approves participation"), default=False)
    takes_bank_requests = models.BooleanField(
        _("mentees may ask mentors from the mentor bank under this programme"),
        default=False,
        help_text=_(
            "While the programme is open or running, a request made in the mentor bank can belong to it: "
            "the pair then follows every rule of this programme."
        ),
    )
    requires_trained_mentors = models.BooleanField(
        _("mentors must have completed a mentor training"),
        default=False,
        help_text=_("Mentors who have not attended a mentor training are marked on the applications list."),
    )
    checkpoint_after_meetings = models.PositiveSmallIntegerField(
        _("checkpoint after … meetings"), null=True, blank=True
    )
    follow_up_after_months = models.PositiveSmallIntegerField(
        _("follow-up survey after … months"), null=True, blank=True, default=6
    )
    final_survey = models.BooleanField(_("final survey at the end"), default=True)
    # what the programme's health panel calls late (for its coordinators)
    quiet_after_weeks = models.PositiveSmallIntegerField(
        _("a pair counts as quiet after … weeks without a meeting"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    waiting_after_days = models.PositiveSmallIntegerField(
        _("an agreement or checkpoint counts as waiting too long after … days"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    privacy_notice = models.TextField(_("privacy notice"), blank=True)
    committee_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="committee_programmes",
        verbose_name=_("matching committee"),
    )

    state = models.CharField(_("state"), max_length=10, choices=STATES, default=DRAFT)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)  # the retention rule ran
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.translated("name")

    @property
    def description(self) -> str:
        return self.translated("description")

    def translated(self, field: str) -> str:
        """The text in the active language, else Finnish, else any."""
        language = translation.get_language() or "fi"
        for code in (language[:2], "fi", "sv", "en"):
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return value
        return ""

    @property
    def next_state(self) -> str | None:
        return self.NEXT_STATE.get(self.state)

    def format_labels(self) -> list[str]:
        labels = dict(PROGRAMME_FORMATS)
        return [str(labels[code]) for code in self.formats if code in labels]

    def window_is_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.state != self.OPEN:
            return False
        if self.application_opens and today < self.application_opens:
            return False
        return not (self.application_closes and today > self.application_closes)


class Theme(models.Model):
    """A theme of a programme that applicants choose from (new ways of working, career choices…)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("theme"), max_length=200)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="theme_unique_per_programme")]

    def __str__(self) -> str:
        return self.name


class ProgrammeQuestion(models.Model):
    """An extra question of one programme's application form, defined by its coordinator."""

    KINDS = [("text", _("Free text")), ("choice", _("One of given choices")), ("scale", _("Scale 1–5"))]
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=KINDS, default="text")
    choices = models.TextField(_("choices"), blank=True, help_text=_("For a choice question: one choice per line."))
    required = models.BooleanField(_("an answer is required"), default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
