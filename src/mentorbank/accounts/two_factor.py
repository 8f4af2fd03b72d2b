"""Optional two-factor sign-in (TOTP, django-otp) for HR coordinators and organisation admins.

Turning it on makes an unconfirmed device and shows its key as a QR code; the first right code confirms
it. From then on a sign-in with the password alone reaches only the code page until a code is given
(RequireSecondFactor). django-otp throttles wrong codes on the device."""

import base64
import io
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from mentorbank.core import audit


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


def confirm(request: Any, device: TOTPDevice, code: str) -> bool:
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit.record(actor=request.user, action="auth.two_factor_on", request=request)
    return True


def verify(request: Any, code: str) -> bool:
    device = device_of(request.user)
    if device is None or not device.verify_token(code):
        return False
    otp_login(request, device)
    return True


def turn_off(request: Any, code: str) -> bool:
    """Only with a current code: a stolen session alone cannot switch it off."""
    device = device_of(request.user)
    if device is None or not device.verify_token(code):
        return False
    TOTPDevice.objects.filter(user=request.user).delete()
    audit.record(actor=request.user, action="auth.two_factor_off", request=request)
    return True
