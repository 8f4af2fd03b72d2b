"""Sign-in throttling: guessing one account's password from one address is stopped; others are not."""

import pytest
from django.urls import reverse

from mentorbank.core.models import AuditEvent

from ..factories import PASSWORD

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def sign_in(client, email, password, address="10.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address, **EN)


def test_guessing_a_password_is_stopped_and_the_right_one_no_longer_helps(world, client):
    email = world.employee.user.email
    for _ in range(2):
        assert sign_in(client, email, "wrong-guess-1").status_code == 200  # the form again, with its error
    locked = sign_in(client, email, "wrong-guess-3")
    assert locked.status_code == 429 and "Sign-in paused" in locked.content.decode()
    again = sign_in(client, email, PASSWORD)
    assert again.status_code == 429 and "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.sign_in_failed").count() >= 3


def test_another_address_and_another_account_still_sign_in(world, client):
    email = world.employee.user.email
    for _ in range(3):
        sign_in(client, email, "wrong")
    assert sign_in(client, email, PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert sign_in(client, world.colleague.user.email, PASSWORD).status_code == 302


def test_a_success_resets_the_count(world, client):
    email = world.employee.user.email
    for _ in range(2):
        sign_in(client, email, "wrong")
    assert sign_in(client, email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        sign_in(client, email, "wrong")
    assert sign_in(client, email, PASSWORD).status_code == 302


def test_behind_a_proxy_the_address_the_proxy_saw_counts(world, client, settings):
    settings.TRUSTED_PROXIES = 1
    email = world.employee.user.email
    for _ in range(3):  # the same proxy, one client: locked
        client.post(
            reverse("accounts:login"),
            {"username": email, "password": "wrong"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.1",
        )
    elsewhere = client.post(
        reverse("accounts:login"),
        {"username": email, "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="192.0.2.2",
    )
    assert elsewhere.status_code == 302  # another client behind the same proxy is not locked out
