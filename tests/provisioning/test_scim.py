"""SCIM 2.0 provisioning: the request sequence Microsoft Entra ID sends, tokens, and what deactivating a
person does. The outside conformance suite runs in test_conformance.py."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.core.models import AuditEvent
from mentorbank.mentorships.models import Mentorship
from mentorbank.notifications.models import OutgoingEmail
from mentorbank.organisations.models import Employee
from mentorbank.provisioning import tokens

from ..factories import PASSWORD, EmployeeFactory, MentorProfileFactory, ProgrammeFactory, mentorship_of

SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def key(world):
    return tokens.issue(organisation=world.org, name="Entra ID", actor=world.admin.user)[1]


class Provider:
    """What the identity provider sends: JSON with its bearer key, to the organisation's address."""

    def __init__(self, client, key, slug="esimerkkila"):
        self.client, self.key, self.root = client, key, f"/scim/{slug}/v2"

    def send(self, method, path, body=None):
        kwargs = {"content_type": SCIM, "HTTP_AUTHORIZATION": f"Bearer {self.key}"}
        data = json.dumps(body) if body is not None else None
        response = (
            getattr(self.client, method)(self.root + path, data=data, **kwargs)
            if data
            else getattr(self.client, method)(self.root + path, **kwargs)
        )
        return response.status_code, (json.loads(response.content) if response.content else None)


@pytest.fixture
def provider(client, key):
    return Provider(client, key)


# Microsoft's published examples (learn.microsoft.com, "Tutorial: Develop a sample SCIM endpoint" and
# "Known issues and resolutions with SCIM 2.0 protocol compliance"): the values are theirs, but the
# e-mail and userName, which must be unique per organisation here.
ENTRA_CREATE = {
    "schemas": [USER, ENTERPRISE],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
    "active": True,
    "emails": [
        {"primary": True, "type": "work", "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"}
    ],
    "meta": {"resourceType": "User"},
    "name": {"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
    "roles": [],
}


def test_entra_ids_sequence_creates_finds_changes_and_deactivates_an_employee(world, provider):
    # Entra looks for the person first, by the attribute it matches on
    assert provider.send("get", '/Users?filter=userName eq "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"') == (
        200,
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": 0,
            "startIndex": 1,
            "itemsPerPage": 0,
            "Resources": [],
        },
    )
    status, created = provider.send("post", "/Users", ENTRA_CREATE)
    assert status == 201, created
    employee = Employee.objects.get(pk=created["id"])
    assert (employee.personal_id, employee.first_name, employee.last_name) == (
        "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
        "givenName",
        "familyName",
    )
    assert employee.email == "test_user_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"
    assert employee.organisation == world.org and employee.user is not None
    assert created["userName"] == ENTRA_CREATE["userName"] and created["active"] is True

    status, found = provider.send("get", f'/Users?filter=externalId eq "{ENTRA_CREATE["externalId"]}"')
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == created["id"]

    # Entra's casing of the operations ("Replace"), a filtered path, and a manager by its bare id
    status, _ = provider.send(
        "patch",
        f"/Users/{created['id']}",
        {
            "schemas": [PATCH_OP],
            "Operations": [
                {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "updatedEmail@microsoft.com"},
                {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"},
                {"op": "Add", "path": f"{ENTERPRISE}:department", "value": "Päiväkoti Pikkulintu"},
                {"op": "Add", "path": f"{ENTERPRISE}:manager", "value": str(world.supervisor.pk)},
            ],
        },
    )
    assert status in (200, 204)
    employee.refresh_from_db()
    assert (employee.email, employee.last_name) == ("updatedemail@microsoft.com", "updatedFamilyName")
    assert employee.unit.code == "PIKKU" and employee.supervisor == world.supervisor

    # leaving: Entra sets active to false (as a string in older tenants)
    status, _ = provider.send(
        "patch",
        f"/Users/{created['id']}",
        {"schemas": [PATCH_OP], "Operations": [{"op": "Replace", "path": "active", "value": "False"}]},
    )
    assert status in (200, 204)
    employee.refresh_from_db()
    assert employee.deactivated_at is not None
    status, read = provider.send("get", f"/Users/{created['id']}")
    assert status == 200 and read["active"] is False
    assert AuditEvent.objects.filter(action="employee.deactivated", subject=employee).exists()


def test_people_hr_imported_are_found_by_their_work_email_as_user_name(world, provider):
    status, found = provider.send("get", f'/Users?filter=userName eq "{world.employee.email.upper()}"')
    assert status == 200 and [r["id"] for r in found["Resources"]] == [str(world.employee.pk)]
    person = found["Resources"][0]
    assert person["externalId"] == world.employee.personal_id
    assert person[ENTERPRISE]["manager"]["value"] == str(world.supervisor.pk)
    assert "department" not in person[ENTERPRISE]  # only what the provider said


def test_lists_page_and_stay_within_the_organisation(world, provider):
    status, first = provider.send("get", "/Users?startIndex=1&count=2")
    assert status == 200 and first["totalResults"] == 5 and len(first["Resources"]) == 2
    _, rest = provider.send("get", "/Users?startIndex=3&count=10")
    ids = {r["id"] for r in first["Resources"] + rest["Resources"]}
    assert ids == {str(e.pk) for e in Employee.objects.filter(organisation=world.org)}
    assert provider.send("get", f"/Users/{world.other_hr.pk}")[0] == 404  # another organisation's


def test_errors_come_in_scims_own_format(world, provider):
    status, error = provider.send("post", "/Users", {**ENTRA_CREATE, "userName": world.employee.email})
    assert status == 409 and error["scimType"] == "uniqueness"
    assert error["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    taken_id = {**ENTRA_CREATE, "externalId": world.colleague.personal_id}
    status, error = provider.send("post", "/Users", taken_id)
    assert status == 409 and error["scimType"] == "uniqueness" and "externalId" in error["detail"]
    taken_email = {**ENTRA_CREATE, "emails": [{"value": world.colleague.email.upper()}]}
    assert provider.send("post", "/Users", taken_email)[1]["detail"].endswith("this work e-mail.")
    status, error = provider.send("post", "/Users", {**ENTRA_CREATE, "emails": [{"value": "not an address"}]})
    assert status == 400 and error["status"] == "400"
    status, error = provider.send("get", "/Users?filter=userName eq")
    assert status == 400 and error["scimType"] == "invalidFilter"
    status, error = provider.send("get", "/Users/999999")
    assert status == 404
    assert not Employee.objects.filter(personal_id=ENTRA_CREATE["externalId"]).exists()


def test_a_filter_the_database_cannot_answer_is_still_answered(world, provider):
    _, found = provider.send("get", '/Users?filter=name.givenName sw "Eer"')
    assert [r["id"] for r in found["Resources"]] == [str(world.employee.pk)]


def test_without_a_valid_token_nothing_is_read_or_changed(world, client, key):
    assert Provider(client, "mbscim_wrong").send("get", "/Users")[0] == 401
    assert Provider(client, key, slug="muualla").send("get", "/Users")[0] == 401  # another organisation's
    token = world.org.provisioning_tokens.get()
    tokens.revoke(token=token, actor=world.admin.user)
    assert Provider(client, key).send("get", "/Users")[0] == 401
    assert client.get("/scim/esimerkkila/v2/ServiceProviderConfig").status_code == 200  # needs no token
    assert AuditEvent.objects.filter(action="provisioning.token_revoked").exists()


def test_the_admin_makes_a_token_sees_it_once_and_revokes_it(world, login):
    client = login(world.admin)
    url = reverse("provisioning:tokens", args=[world.org.slug])
    made = client.post(url, {"name": "Entra ID"}, HTTP_ACCEPT_LANGUAGE="en")
    key = made.context["new_key"]
    assert key.startswith("mbscim_") and key in made.content.decode()
    assert key not in client.get(url).content.decode()  # shown once
    token = world.org.provisioning_tokens.get()
    assert token.key_hash != key and key not in json.dumps(list(token.__dict__.values()), default=str)
    assert AuditEvent.objects.filter(action="provisioning.token_created", actor=world.admin.user).exists()
    revoke_url = reverse("provisioning:revoke", args=[world.org.slug, token.pk])
    assert "cannot be undone" in client.get(revoke_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post(revoke_url)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_only_the_admin_manages_tokens(world, login):
    url = reverse("provisioning:tokens", args=[world.org.slug])
    assert login(world.hr).get(url).status_code == 403
    assert login(world.employee).get(url).status_code == 403


def test_a_deactivated_person_leaves_the_bank_applications_and_mentorships_and_cannot_sign_in(world, client, provider):
    employee = world.employee
    profile = MentorProfileFactory(employee=employee)
    asker = EmployeeFactory(organisation=world.org, unit=employee.unit)
    waiting = MentorRequest.objects.create(mentee=asker, mentor=profile, message="Hei")
    programme = ProgrammeFactory(owner=world.org, state="open")
    application = Application.objects.create(
        programme=programme, employee=employee, role="mentee", consent_at=timezone.now()
    )
    pair = mentorship_of(world.org, employee, world.colleague, state="active")
    OutgoingEmail.objects.all().delete()

    status, _ = provider.send(
        "patch",
        f"/Users/{employee.pk}",
        {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "value": {"active": False}}]},
    )
    assert status in (200, 204)
    profile.refresh_from_db()
    waiting.refresh_from_db()
    application.refresh_from_db()
    pair.refresh_from_db()
    assert not profile.in_bank and waiting.state == MentorRequest.CANCELLED
    assert application.withdrawn_at is not None
    assert pair.state == Mentorship.ENDED
    told = OutgoingEmail.objects.get(recipient=world.colleague.email)
    assert employee.full_name in told.subject
    assert Employee.objects.filter(pk=employee.pk).exists() and MentorProfile.objects.filter(pk=profile.pk).exists()

    assert not client.login(username=employee.user.email, password=PASSWORD)  # by password
    home = reverse("home:home", args=[world.org.slug])
    assert (
        client.post(reverse("accounts:login"), {"username": employee.user.email, "password": PASSWORD}).status_code
        == 200
    )

    status, _ = provider.send(
        "patch",
        f"/Users/{employee.pk}",
        {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "active", "value": True}]},
    )
    assert client.login(username=employee.user.email, password=PASSWORD)  # reactivated
    assert client.get(home).status_code == 200


def test_a_signed_in_person_is_signed_out_when_deactivated(world, login, provider):
    client = login(world.employee)
    home = reverse("home:home", args=[world.org.slug])
    assert client.get(home).status_code == 200
    provider.send(
        "patch",
        f"/Users/{world.employee.pk}",
        {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "active", "value": False}]},
    )
    assert client.get(home).status_code == 302  # to the sign-in page


def test_someone_who_also_works_elsewhere_keeps_that_organisation_only(world, login, provider):
    elsewhere = EmployeeFactory(organisation=world.other_org, user=world.employee.user, email=world.employee.email)
    provider.send("delete", f"/Users/{world.employee.pk}")
    client = login(world.employee)
    assert client.get(reverse("home:home", args=[world.org.slug])).status_code == 404
    assert client.get(reverse("home:home", args=[world.other_org.slug])).status_code == 200
    assert elsewhere.deactivated_at is None


def test_delete_deactivates_hides_and_keeps_everything(world, provider):
    assert provider.send("delete", f"/Users/{world.colleague.pk}") == (204, None)
    assert provider.send("get", f"/Users/{world.colleague.pk}")[0] == 404
    world.colleague.refresh_from_db()
    assert world.colleague.deactivated_at is not None and world.colleague.first_name == "Kalle"
    # the provider creates them again (they came back): the same record, active again
    body = {
        "schemas": [USER],
        "externalId": world.colleague.personal_id,
        "userName": "kalle@esimerkkila.fi",
        "name": {"givenName": "Kalle", "familyName": "Kollega"},
        "emails": [{"value": world.colleague.email}],
    }
    status, created = provider.send("post", "/Users", body)
    assert status == 201 and created["id"] == str(world.colleague.pk) and created["active"] is True


def test_hr_sees_who_the_provider_deactivated(world, login, provider):
    provider.send("delete", f"/Users/{world.colleague.pk}")
    client = login(world.hr)
    people = client.get(reverse("organisations:people", args=[world.org.slug]), HTTP_ACCEPT_LANGUAGE="en")
    assert people.content.decode().count('<span class="badge">deactivated</span>') == 1
    person = client.get(
        reverse("organisations:person", args=[world.org.slug, world.colleague.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Deactivated by the identity provider on" in person.content.decode()
