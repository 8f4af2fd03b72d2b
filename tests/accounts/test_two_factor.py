"""Two-factor sign-in: HR and admins may turn it on; then the password alone reaches nothing but the code page."""

import time

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from mentorbank.core.models import AuditEvent

from ..factories import PASSWORD

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def code_of(device, later=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later
    return f"{totp.token():06d}"


def turn_on(client):
    url = reverse("accounts:two_factor")
    client.post(url, {"action": "start"})
    page = client.get(url, **EN)
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    client.post(url, {"action": "confirm", "code": code_of(device)})
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_hr_turns_it_on_and_the_next_sign_in_needs_a_code(world, client):
    client.force_login(world.hr.user)
    device = turn_on(client)
    assert AuditEvent.objects.filter(action="auth.two_factor_on", actor=world.hr.user).exists()
    client.logout()
    assert client.login(username=world.hr.user.email, password=PASSWORD)
    home = reverse("home:home", args=[world.org.slug])
    held = client.get(home)
    assert held.status_code == 302 and held.url.startswith(reverse("accounts:two_factor_verify"))
    assert client.get(f"/api/v1/organisations/{world.org.slug}/units").status_code == 403
    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "000000"}, **EN)
    assert "The code is not right" in wrong.content.decode()
    # right after a wrong code even the right one is refused for a moment (django-otp's throttling)
    client.post(reverse("accounts:two_factor_verify"), {"code": code_of(device, later=30)})
    assert client.get(home).status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    client.post(reverse("accounts:two_factor_verify") + f"?next={home}", {"code": code_of(device, later=30)})
    assert client.get(home).status_code == 200


def test_turning_it_off_needs_a_code(world, client):
    client.force_login(world.admin.user)
    device = turn_on(client)
    url = reverse("accounts:two_factor")
    client.post(url, {"action": "off", "code": "123"})
    assert TOTPDevice.objects.filter(user=world.admin.user, confirmed=True).exists()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    client.post(url, {"action": "off", "code": code_of(device, later=30)})
    assert not TOTPDevice.objects.filter(user=world.admin.user).exists()


def test_only_hr_and_admins_are_offered_it(world, client):
    client.force_login(world.employee.user)
    assert client.get(reverse("accounts:two_factor")).status_code == 403


def test_someone_without_it_signs_in_with_the_password_only(world, client):
    assert client.login(username=world.hr.user.email, password=PASSWORD)
    assert client.get(reverse("home:home", args=[world.org.slug])).status_code == 200
