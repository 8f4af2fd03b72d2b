"""Optional two-factor sign-in (TOTP, django-otp) for HR coordinators and organisation admins.

Turning it on makes an unconfirmed device and shows its key as a QR code; the first right code confirms
it. From then on a sign-in with the password alone reaches only the code page until a code is given
(RequireSecondFactor). django-otp throttles wrong codes on the device."""

import base64
import io
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from mentorbank.core import audit

from .models import User


def may_use(user: Any) -> bool:
    """HR coordinators and organisation admins (of any organisation) may turn it on."""
    return user.is_authenticated and user.organisation_roles.exists()


def device_of(user: AbstractBaseUser, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def start(user: AbstractBaseUser) -> TOTPDevice:
    """A fresh unconfirmed device (an earlier unfinished one is replaced)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Mentor Bank", confirmed=False)


def qr_code(device: TOTPDevice) -> str:
    """The device's key as an SVG QR code in a data address (an <img>, so no inline markup or style)."""
    out = io.BytesIO()
    write_qrcode_image(device.config_url, out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def confirm(*, user: User, device: TOTPDevice, code: str, origin: str | None = None) -> bool:
    """Turn two-factor sign-in on with the first code from the new device (the view then marks the
    session verified)."""
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(actor=user, action="auth.two_factor_on", origin=origin)
    return True


def verified_device(*, user: User, code: str) -> TOTPDevice | None:
    """The user's device when the code is right (the view then marks the session verified)."""
    device = device_of(user)
    if device is None or not device.verify_token(code):
        return None
    return device


def turn_off(*, user: User, code: str, origin: str | None = None) -> bool:
    """Only with a current code: a stolen session alone cannot switch it off."""
    device = device_of(user)
    if device is None or not device.verify_token(code):
        return False
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor=user, action="auth.two_factor_off", origin=origin)
    return True
