from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from mentorbank.core.audit import record
from mentorbank.core.http import origin_of

from .models import User


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(actor=user, action="auth.signed_in", origin=origin_of(request))


@receiver(user_login_failed)
def audit_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("username") or credentials.get("email") or "")[:254]
    record(actor=None, action="auth.sign_in_failed", origin=origin_of(request), details={"email": email})


@receiver(post_save, sender=TOTPDevice)
@receiver(post_delete, sender=TOTPDevice)
def note_second_factor(sender: Any, instance: TOTPDevice, **kwargs: Any) -> None:
    """Whether the user has a confirmed device, on the user's row, however the device changed."""
    confirmed = TOTPDevice.objects.filter(user_id=instance.user_id, confirmed=True).exists()
    User.objects.filter(pk=instance.user_id).update(has_second_factor=confirmed)
