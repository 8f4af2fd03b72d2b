"""Single sign-on settings without the provider: the client secret is stored encrypted, never shown
again, kept when the form leaves it empty and re-encrypted when the keys rotate; with passwords
switched off, no password reset is sent either."""

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from mentorbank.organisations.models import SingleSignOn

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SECRET = "Qx7-provider-client-secret"


def settings_form(**changes: str) -> dict[str, str]:
    return {
        "enabled": "on", "issuer": "https://login.example.fi/tenant/v2.0", "client_id": "mentorbank",
        "client_secret": SECRET, "link_by": "email", "personal_id_claim": "employeeid", **changes,
    }  # fmt: skip


def stored_secret() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT client_secret_ciphertext FROM organisations_singlesignon")
        return cursor.fetchone()[0]


def test_the_secret_is_encrypted_at_rest_and_never_shown_again(world, client):
    client.force_login(world.admin.user)
    url = reverse("sso:settings", args=[world.org.slug])
    client.post(url, settings_form())
    assert SECRET not in stored_secret()
    assert SingleSignOn.objects.get().client_secret == SECRET
    page = client.get(url, **EN).content.decode()
    assert SECRET not in page and "A secret is saved. Leave this empty to keep it." in page


def test_an_empty_secret_keeps_the_saved_one_but_a_first_setup_needs_one(world, client):
    client.force_login(world.admin.user)
    url = reverse("sso:settings", args=[world.org.slug])
    refused = client.post(url, settings_form(client_secret=""), **EN)
    assert "Enter the client secret the provider gave." in refused.content.decode()
    assert not SingleSignOn.objects.exists()
    client.post(url, settings_form())
    client.post(url, settings_form(client_secret="", client_id="renamed"))
    saved = SingleSignOn.objects.get()
    assert (saved.client_id, saved.client_secret) == ("renamed", SECRET)


def test_the_secret_survives_a_key_rotation(world, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.NOTES_ENCRYPTION_KEYS = [old]
    SingleSignOn.objects.create(organisation=world.org, issuer="https://x.example", client_id="a", client_secret=SECRET)
    settings.NOTES_ENCRYPTION_KEYS = [new, old]
    call_command("rotate_note_keys", verbosity=0)
    settings.NOTES_ENCRYPTION_KEYS = [new]  # the old key removed
    assert SingleSignOn.objects.get().client_secret == SECRET


def test_no_password_reset_for_someone_who_signs_in_only_through_the_provider(world, client):
    SingleSignOn.objects.create(
        organisation=world.org, enabled=True, issuer="https://x.example", client_id="a", client_secret=SECRET,
        passwords_allowed=False,
    )  # fmt: skip
    client.post(reverse("accounts:password_reset"), {"email": world.employee.user.email})
    assert mail.outbox == []
    SingleSignOn.objects.update(passwords_allowed=True)
    client.post(reverse("accounts:password_reset"), {"email": world.employee.user.email})
    assert [m.to for m in mail.outbox] == [[world.employee.user.email]]
