import secrets
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.core.tokens import digest


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email=normalise_email(username or ""))


def normalise_email(email: str) -> str:
    """Sign-in is by work e-mail; addresses compare case-insensitively."""
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    """A person who can sign in. Employment rows link it to organisations."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, blank=True)
    last_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)
    announcements_opt_out = models.BooleanField(
        _("no announcements of new programmes"),
        default=False,
        help_text=_("Messages about your own mentoring still come."),
    )
    is_staff = models.BooleanField(_("operator of this installation"), default=False)
    # creates organisations and their first admins on the product's own pages (not the Django admin)
    is_installation_admin = models.BooleanField(_("installation admin"), default=False)
    # a confirmed two-factor device exists (kept by accounts.signals): every request asks, so not a query
    has_second_factor = models.BooleanField(default=False, editable=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.get_full_name()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def find(self, raw_key: str) -> "ApiToken | None":
        return self.select_related("user").filter(key_hash=ApiToken.hash_key(raw_key), user__is_active=True).first()


class ApiToken(models.Model):
    """A personal token for the JSON API; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(raw_key: str) -> str:
        return digest(raw_key)

    @classmethod
    def issue(cls, *, user: "User", name: str) -> tuple["ApiToken", str]:
        raw_key = "mb_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw_key[3:11], key_hash=cls.hash_key(raw_key))
        return token, raw_key
