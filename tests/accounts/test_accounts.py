import re

import pytest
from django.core import mail
from django.urls import reverse

from mentorbank.core.models import AuditEvent

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_by_e_mail_goes_to_the_organisation_and_is_audited(world, client):
    response = client.post(reverse("accounts:login"), {"username": world.employee.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("home:home", args=[world.org.slug])
    assert AuditEvent.objects.filter(action="auth.signed_in", actor=world.employee.user).exists()


def test_a_wrong_password_is_refused_and_audited(world, client):
    response = client.post(
        reverse("accounts:login"), {"username": world.employee.email, "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="auth.sign_in_failed", details__email=world.employee.email).exists()


def test_sign_out(world, login):
    client = login(world.employee)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home:home", args=[world.org.slug])).status_code == 302


def test_a_new_person_sets_a_first_password_by_e_mail_in_their_language(world, client):
    user = world.employee.user
    user.set_unusable_password()
    user.language = "sv"
    user.save()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "lösenord" in message.subject.lower()
    link = re.search(r"https?://\S+", message.body).group(0)
    page = client.get(link, follow=True)
    new = "a-new-long-password-123"
    client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_unknown_address_gets_the_same_answer_and_no_mail(world, client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.fi"})
    assert response.status_code == 302 and not mail.outbox


def test_language_choice_is_remembered_on_the_account(world, login):
    client = login(world.employee)
    home = reverse("home:home", args=[world.org.slug])
    client.post(reverse("accounts:set_language"), {"language": "sv", "next": home})
    world.employee.user.refresh_from_db()
    assert world.employee.user.language == "sv"
    client.cookies.clear()
    client.force_login(world.employee.user)
    response = client.get(home, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "sv"
    assert '<html lang="sv">' in response.content.decode()


def test_language_switch_refuses_foreign_redirects(client):
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response.url == "/"


def test_default_language_is_finnish(world, login):
    client = login(world.employee)
    assert '<html lang="fi">' in client.get(reverse("home:home", args=[world.org.slug])).content.decode()


def test_api_tokens_are_shown_once_and_can_be_revoked(world, login):
    client = login(world.employee)
    response = client.post(reverse("accounts:api_tokens"), {"name": "Integration"})
    key = re.search(r"mb_[\w-]+", response.content.decode()).group(0)
    assert client.get("/api/v1/organisations", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token = world.employee.user.api_tokens.get()
    assert key not in client.get(reverse("accounts:api_tokens")).content.decode()
    client.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    client.logout()
    assert client.get("/api/v1/organisations", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_organisation_switch_lists_only_own_organisations(world, login):
    from ..factories import EmployeeFactory

    EmployeeFactory(organisation=world.other_org, email=world.hr.email, user=world.hr.user)
    client = login(world.hr)
    page = client.get(reverse("home:home", args=[world.org.slug])).content.decode()
    assert world.other_org.name in page
    response = client.get(reverse("home:switch"), {"organisation": world.other_org.slug})
    assert response.url == reverse("home:home", args=[world.other_org.slug])
    client.force_login(world.employee.user)
    page = client.get(reverse("home:home", args=[world.org.slug])).content.decode()
    assert world.other_org.name not in page
    assert client.get(reverse("home:switch"), {"organisation": world.other_org.slug}).url == reverse("home:start")
