import secrets
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.core.crypto import decrypt, encrypt

from .validators import validate_business_id, validate_languages


def random_version() -> int:
    return secrets.randbits(62)


class Organisation(models.Model):
    """An employer: a municipality, a city, a joint authority or a state agency."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), unique=True)
    business_id = models.CharField(_("business ID"), max_length=9, unique=True, validators=[validate_business_id])
    default_language = models.CharField(_("default language"), max_length=2, choices=settings.LANGUAGES, default="fi")
    training_day_minutes = models.PositiveSmallIntegerField(
        _("length of a training day (minutes)"),
        default=459,
        validators=[MinValueValidator(60), MaxValueValidator(720)],
        help_text=_(
            "Mentoring counts as training: held hours are reported as training days of this length "
            "(459 minutes is 7 h 39 min)."
        ),
    )
    bank_requests_outside_programmes = models.BooleanField(
        _("mentees may ask a mentor from the bank outside any programme"),
        default=True,
        help_text=_(
            "Such a pair follows the organisation's general rules: the supervisors approve the working time, "
            "and no programme's limits, surveys, reports or compensation apply."
        ),
    )
    # a new random value whenever its people or units change: what is cached of them (the unit tree
    # with its counts) is keyed by it, so every process sees a change at its next request. Random,
    # not counted: a rolled-back change must not leave its value to be reused by the next one
    people_version = models.BigIntegerField(default=random_version, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A work unit; units form a tree (sector › service › daycare centre)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("unit ID"), max_length=50)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unit_code_unique_per_org")]

    def __str__(self) -> str:
        return self.name


class ProfessionGroup(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="profession_groups")
    name = models.CharField(_("name"), max_length=200)
    # what an hour of this group's working time costs the employer, side costs included (reports)
    hourly_cost = models.DecimalField(
        _("hourly cost (€)"), max_digits=7, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("profession group")
        verbose_name_plural = _("profession groups")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="profession_group_unique_per_org")]

    def __str__(self) -> str:
        return self.name


class EmployeeQuerySet(models.QuerySet["Employee"]):
    def with_related(self) -> "EmployeeQuerySet":
        return self.select_related("unit", "profession_group", "supervisor")

    def search(self, text: str) -> "EmployeeQuerySet":
        result = self
        for word in text.split():
            result = result.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(personal_id__iexact=word)
                | Q(job_title__icontains=word)
            )
        return result


class Employee(models.Model):
    """One person's employment in one organisation, as the HR system knows it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="employees")
    personal_id = models.CharField(_("personal ID in the HR system"), max_length=50)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("work e-mail"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="employees", verbose_name=_("unit"))
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    profession_group = models.ForeignKey(
        ProfessionGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
        verbose_name=_("profession group"),
    )
    supervisor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports", verbose_name=_("supervisor")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    languages = models.CharField(_("languages"), max_length=20, blank=True, validators=[validate_languages])
    work_location = models.CharField(_("work location"), max_length=200, blank=True)
    # HR's own markers from the import file (e.g. "retiring", "returning"), comma-separated, lower case:
    # programmes can target them (a tacit-knowledge programme for those retiring soon)
    hr_tags = models.CharField(_("HR tags"), max_length=200, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)  # removed: only statistics remain
    # no longer works here, as the organisation's identity provider said (SCIM): cannot sign in, out of the
    # bank and open applications; everything else stays until the retention rule or HR removes it
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True, editable=False)
    # what the identity provider calls the person and their department (SCIM userName and department),
    # kept as it sent them; the department moves the person to the unit of that name or ID when one exists
    provider_user_name = models.CharField(max_length=200, blank=True, editable=False)
    provider_department = models.CharField(max_length=200, blank=True, editable=False)
    # the provider deleted the person: deactivated, and gone from its view of Mentor Bank (SCIM DELETE)
    provider_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="employments"
    )

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "personal_id"], name="employee_id_unique_per_org"),
            models.UniqueConstraint(fields=["organisation", "email"], name="employee_email_unique_per_org"),
            models.UniqueConstraint(
                fields=["organisation", "provider_user_name"],
                condition=~Q(provider_user_name=""),
                name="employee_provider_user_name_unique_per_org",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "last_name", "first_name"]),
            models.Index(fields=["organisation", "start_date"]),  # new starters: who started lately
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def hr_tag_list(self) -> list[str]:
        return [tag for tag in self.hr_tags.split(",") if tag]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class OrganisationRole(models.Model):
    """A role granted in one organisation. Employee and supervisor are derived, not granted."""

    HR = "hr"
    ADMIN = "admin"
    CHOICES = [(HR, _("HR coordinator")), (ADMIN, _("Organisation admin"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles")
    role = models.CharField(_("role"), max_length=20, choices=CHOICES)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__email"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user", "role"], name="role_unique_per_user_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"

    @classmethod
    def hr_users(cls, organisation: Organisation) -> list[Any]:
        """The organisation's HR coordinators' accounts (whom HR's approvals and notices go to)."""
        return [role.user for role in cls.objects.filter(organisation=organisation, role=cls.HR).select_related("user")]


class ImportBatch(models.Model):
    """One uploaded HR file, from its dry-run preview to its application.

    The file is kept in the database (not on a local disk) so that any web
    process or task worker can read it; it is emptied once applied."""

    UNITS = "units"
    EMPLOYEES = "employees"
    KINDS = [(UNITS, _("Units")), (EMPLOYEES, _("Employees"))]

    PREVIEWING = "previewing"
    READY = "ready"
    INVALID = "invalid"
    APPLYING = "applying"
    APPLIED = "applied"
    FAILED = "failed"
    STATUSES = [
        (PREVIEWING, _("Checking the file")),
        (READY, _("Ready to import")),
        (INVALID, _("Has errors; nothing imported")),
        (APPLYING, _("Importing")),
        (APPLIED, _("Imported")),
        (FAILED, _("Failed; nothing imported")),
    ]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="import_batches")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(_("what to import"), max_length=20, choices=KINDS)
    filename = models.CharField(max_length=255)
    content = models.BinaryField(default=b"")
    status = models.CharField(max_length=20, choices=STATUSES, default=PREVIEWING)
    preview = models.JSONField(default=dict, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.INVALID, self.APPLIED, self.FAILED}

    @property
    def is_busy(self) -> bool:
        return self.status in {self.PREVIEWING, self.APPLYING}


class SingleSignOn(models.Model):
    """An organisation's OpenID Connect provider (e.g. Microsoft Entra ID): its people sign in there."""

    EMAIL, PERSONAL_ID = "email", "personal_id"
    LINKS = [(EMAIL, _("work e-mail")), (PERSONAL_ID, _("personal ID in the HR system"))]
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="single_sign_on")
    enabled = models.BooleanField(_("in use"), default=False)
    issuer = models.URLField(
        _("issuer"), help_text=_("e.g. https://login.microsoftonline.com/<tenant ID>/v2.0"), max_length=300
    )
    client_id = models.CharField(_("client ID"), max_length=200)
    client_secret_ciphertext = models.TextField(blank=True)  # core.crypto: never stored as it is
    link_by = models.CharField(_("accounts are linked by"), max_length=12, choices=LINKS, default=EMAIL)
    personal_id_claim = models.CharField(
        _("claim holding the personal ID"), max_length=100, default="employeeid", blank=True
    )
    passwords_allowed = models.BooleanField(_("people may also sign in with a Mentor Bank password"), default=True)

    class Meta:
        verbose_name = _("single sign-on")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.issuer}"

    @property
    def client_secret(self) -> str:
        return decrypt(self.client_secret_ciphertext) if self.client_secret_ciphertext else ""

    @client_secret.setter
    def client_secret(self, secret: str) -> None:
        self.client_secret_ciphertext = encrypt(secret)
