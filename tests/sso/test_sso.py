"""Single sign-on against a real OpenID Connect provider (django-oidc-provider) started by the test
in its own process: the whole protocol runs over HTTP — discovery, authorisation with the provider's
own sign-in, the code exchange, the ID token's signature — nothing of it is mocked."""

import json
import re
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.urls import reverse

from mentorbank.core.models import AuditEvent
from mentorbank.organisations.models import Employee, SingleSignOn

from ..factories import PASSWORD

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ROOT = Path(__file__).resolve().parents[2]
CALLBACK = "http://testserver/accounts/sso/esimerkkila/callback/"
SIGNED_OUT = "http://testserver/accounts/login/"
USERS = [
    {"username": "eero", "password": "eeron-salasana-1", "email": "eero.sso@esimerkkila.fi"},
    {"username": "vieras", "password": "vieraan-salasana-1", "email": "vieras@muualla.fi"},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The provider's address and its users' IDs ("sub")."""
    port = free_port()
    client = {"id": "mentorbank", "secret": "provider-secret", "redirect_uri": CALLBACK}
    client["post_logout_redirect_uri"] = SIGNED_OUT
    config = {"users": USERS, "client": client}
    env = {"IDP_DATABASE": str(tmp_path_factory.mktemp("idp") / "idp.sqlite3"), "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen(  # noqa: S603 - our own test provider
        [sys.executable, str(ROOT / "tests" / "oidc_idp" / "serve.py"), str(port), json.dumps(config)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    ids = None
    for line in process.stdout:  # type: ignore[union-attr]
        if line.startswith("ready "):
            ids = json.loads(line[6:])
            break
    assert ids, "the provider did not start"
    yield {"url": f"http://127.0.0.1:{port}", "ids": ids}
    process.terminate()
    process.wait(10)


@pytest.fixture
def single_sign_on(world, provider):
    Employee.objects.filter(pk=world.employee.pk).update(email="eero.sso@esimerkkila.fi")
    return SingleSignOn.objects.create(
        organisation=world.org,
        enabled=True,
        issuer=provider["url"] + "/openid",
        client_id="mentorbank",
        client_secret="provider-secret",
    )


def through_the_provider(client, user, browser=None) -> str:
    """Start at Mentor Bank, sign in at the provider as a browser would (`browser` keeps the provider's
    cookies); return the callback address."""
    start = client.get(reverse("sso:start", args=["esimerkkila"]))
    assert start.status_code == 302
    browser = browser or requests.Session()
    url = start["Location"]
    for _ in range(10):
        if url.startswith("http://testserver/"):
            return url
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "csrfmiddlewaretoken" in response.text:  # the provider's sign-in
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
            following = re.search(r'name="next" value="([^"]*)"', response.text).group(1).replace("&amp;", "&")
            response = browser.post(
                url,
                data={
                    "csrfmiddlewaretoken": token,
                    "username": user["username"],
                    "password": user["password"],
                    "next": following,
                },
                headers={"Referer": url},
                allow_redirects=False,
                timeout=10,
            )
        assert response.status_code in (301, 302), response.text[:500]
        url = urljoin(url, response.headers["Location"])
    raise AssertionError("the provider never sent the browser back")


def back_to(client, url: str):  # type: ignore[no-untyped-def]
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}", **EN)


def test_an_employee_signs_in_with_the_organisations_account(world, client, single_sign_on):
    landed = back_to(client, through_the_provider(client, USERS[0]))
    assert landed.status_code == 302 and landed["Location"] == reverse("home:home", args=[world.org.slug])
    assert int(client.session["_auth_user_id"]) == world.employee.user.pk
    assert AuditEvent.objects.filter(action="auth.signed_in", actor=world.employee.user).exists()


def test_someone_the_organisation_does_not_know_is_refused(world, client, single_sign_on):
    refused = back_to(client, through_the_provider(client, USERS[1]))
    assert refused.status_code == 403 and "has no one with this account" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.sign_in_failed").exists()


def test_a_forged_or_replayed_answer_is_refused(world, client, single_sign_on):
    url = through_the_provider(client, USERS[0])
    forged = back_to(client, re.sub(r"state=[^&]+", "state=forged", url))
    assert forged.status_code == 403 and "_auth_user_id" not in client.session
    assert back_to(client, url).status_code == 302  # the real answer still works, once
    client.logout()
    assert back_to(client, url).status_code == 403  # replayed: the state and the code are used up


def test_people_can_be_linked_by_their_hr_personal_id(world, client, single_sign_on, provider):
    single_sign_on.link_by, single_sign_on.personal_id_claim = "personal_id", "sub"
    single_sign_on.save()
    Employee.objects.filter(pk=world.employee.pk).update(
        email="toinen@esimerkkila.fi", personal_id=str(provider["ids"]["eero"])
    )
    back_to(client, through_the_provider(client, USERS[0]))
    assert int(client.session["_auth_user_id"]) == world.employee.user.pk


def test_an_employee_without_an_account_gets_one(world, client, single_sign_on):
    Employee.objects.filter(pk=world.employee.pk).update(user=None)
    back_to(client, through_the_provider(client, USERS[0]))
    person = Employee.objects.get(pk=world.employee.pk)
    assert person.user is not None and int(client.session["_auth_user_id"]) == person.user.pk


def test_passwords_can_be_switched_off(world, client, single_sign_on):
    single_sign_on.passwords_allowed = False
    single_sign_on.save()
    page = client.get(reverse("accounts:login"), **EN).content.decode()
    assert "Sign in as an employee of Esimerkkilä" in page
    refused = client.post(
        reverse("accounts:login"), {"username": world.employee.user.email, "password": PASSWORD}, **EN
    )
    assert "use its button below" in refused.content.decode() and "_auth_user_id" not in client.session
    # someone who also works for an organisation that allows passwords may still use theirs
    assert client.post(reverse("accounts:login"), {"username": world.other_hr.user.email, "password": PASSWORD})
    assert "_auth_user_id" in client.session


def test_only_the_organisation_admin_sets_it_up(world, client):
    url = reverse("sso:settings", args=[world.org.slug])
    for person, status in ((world.hr, 403), (world.employee, 403), (world.other_hr, 404)):
        client.force_login(person.user)
        assert client.get(url).status_code == status
    client.force_login(world.admin.user)
    client.post(
        url,
        {
            "enabled": "on",
            "issuer": "https://login.example.fi/tenant/v2.0",
            "client_id": "x",
            "client_secret": "y",
            "link_by": "email",
            "personal_id_claim": "employeeid",
            "passwords_allowed": "on",
        },
    )
    assert SingleSignOn.objects.get(organisation=world.org).issuer == "https://login.example.fi/tenant/v2.0"
    assert AuditEvent.objects.filter(action="sso.changed").exists()


def provider_asks_for_a_password(client, browser) -> bool:
    """Whether starting to sign in again stops at the provider's own sign-in (its session is over)."""
    start = client.get(reverse("sso:start", args=["esimerkkila"]))
    url = start["Location"]
    for _ in range(5):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200:
            return "csrfmiddlewaretoken" in response.text
        url = urljoin(url, response.headers["Location"])
        if url.startswith("http://testserver/"):
            return False  # straight back with a code: the provider still knew the browser
    raise AssertionError("no answer from the provider")


def test_signing_out_ends_the_providers_session_too(world, client, single_sign_on, provider):
    """Issue 18 (3): RP-initiated logout against the test provider."""
    browser = requests.Session()
    back_to(client, through_the_provider(client, USERS[0], browser))
    assert not provider_asks_for_a_password(client, browser), "the provider's session is on"
    response = client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and response["Location"].startswith(provider["url"] + "/openid/end-session")
    ended = browser.get(response["Location"], allow_redirects=False, timeout=10)
    assert ended.status_code == 302 and ended.headers["Location"] == SIGNED_OUT
    assert provider_asks_for_a_password(client, browser)


def test_signing_out_after_a_password_stays_here(world, client, single_sign_on):
    client.force_login(world.employee.user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")


def test_someone_the_identity_provider_deactivated_is_refused(world, client, single_sign_on):
    from mentorbank.provisioning.leaving import deactivate

    deactivate(employee=world.employee, actor=None, details={"via": "SCIM"})
    refused = back_to(client, through_the_provider(client, USERS[0]))
    assert refused.status_code == 403 and "no longer lists you" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.get(action="auth.sign_in_failed")
    assert failed.details["reason"] == "deactivated"
