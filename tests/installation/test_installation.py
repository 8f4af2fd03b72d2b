"""Issue 15 (15): an installation admin creates organisations and their first admins on ordinary pages;
nobody else can, not even Django's superuser."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorbank.accounts.models import User
from mentorbank.core.models import AuditEvent
from mentorbank.organisations.models import Organisation, OrganisationRole

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def installer(db):
    return User.objects.create_user("installer@example.fi", "x", is_installation_admin=True)


def new_organisation(**changes):
    return {
        "name": "Kuusamon kaupunki",
        "slug": "",
        "business_id": "0187618-6",
        "default_language": "fi",
        "admin_email": "Paula.Paakayttaja@Kuusamo.example",
        "admin_name": "Paula Pääkäyttäjä",
        **changes,
    }


def test_an_installation_admin_creates_an_organisation_and_its_first_admin(installer, client, run_tasks):
    client.force_login(installer)
    with run_tasks():
        response = client.post(reverse("installation:organisation_create"), new_organisation(), **EN)
    organisation = Organisation.objects.get(business_id="0187618-6")
    assert response.url == reverse("installation:organisation", args=["kuusamon-kaupunki"])
    admin = User.objects.get(email="paula.paakayttaja@kuusamo.example")
    assert OrganisationRole.objects.filter(organisation=organisation, user=admin, role="admin").exists()
    assert not admin.has_usable_password()
    told = [m for m in mail.outbox if m.to == [admin.email]]
    assert len(told) == 1 and "/accounts/reset/" in told[0].body and "Kuusamon kaupunki" in told[0].subject
    actions = set(AuditEvent.objects.filter(organisation=organisation).values_list("action", flat=True))
    assert actions == {"organisation.created", "role.granted"}
    page = client.get(response.url, **EN).content.decode()
    assert "Paula Pääkäyttäjä" in page and "0187618-6" in page


def test_an_existing_account_becomes_an_admin_without_a_new_password(installer, client, world, run_tasks):
    client.force_login(installer)
    url = reverse("installation:organisation", args=[world.other_org.slug])
    with run_tasks():
        client.post(url, {"admin_email": world.hr.email, "admin_name": "Ei käytetä"})
    assert OrganisationRole.objects.filter(organisation=world.other_org, user=world.hr.user, role="admin").exists()
    told = [m for m in mail.outbox if m.to == [world.hr.email]]
    assert len(told) == 1 and "/accounts/reset/" not in told[0].body
    world.hr.user.refresh_from_db()
    assert world.hr.user.has_usable_password()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"business_id": "1234567-8"}, "business_id"),  # a wrong check digit
        ({"admin_email": "not an address"}, "admin_email"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_created(installer, client, changes, field):
    client.force_login(installer)
    response = client.post(reverse("installation:organisation_create"), new_organisation(**changes), **EN)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Organisation.objects.filter(name="Kuusamon kaupunki").exists()
    assert not User.objects.filter(email__startswith="paula").exists()


def test_a_taken_short_name_or_business_id_is_refused(installer, client, world):
    client.force_login(installer)
    taken = new_organisation(slug=world.org.slug, business_id=world.org.business_id)
    errors = client.post(reverse("installation:organisation_create"), taken, **EN).context["form"].errors
    assert {"slug", "business_id"} <= set(errors)


def test_nobody_else_reaches_the_installation_pages(world, client):
    superuser = User.objects.create_superuser("operator@example.fi", "x")
    urls = [
        reverse("installation:organisations"),
        reverse("installation:organisation_create"),
        reverse("installation:organisation", args=[world.org.slug]),
    ]
    for person in (world.admin.user, world.hr.user, superuser):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403, (person, url)
        assert client.post(urls[1], new_organisation()).status_code == 403
    assert not Organisation.objects.filter(name="Kuusamon kaupunki").exists()


def test_the_list_searches_and_does_a_constant_number_of_queries(installer, client, world):
    client.force_login(installer)
    url = reverse("installation:organisations")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for k in range(30):
        Organisation.objects.create(name=f"Kunta {k}", slug=f"kunta-{k}", business_id=f"{1000000 + k}-{k % 10}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, **EN)
    assert len(many) == len(few) and len(page.context["page"].object_list) == 25
    found = client.get(url, {"q": world.other_org.name}, **EN).context["page"].object_list
    assert [o.pk for o in found] == [world.other_org.pk]


def test_the_operator_names_installation_admins(world):
    call_command("installation_admin", "grant", world.hr.email.upper())
    world.hr.user.refresh_from_db()
    assert world.hr.user.is_installation_admin
    call_command("installation_admin", "revoke", world.hr.email)
    world.hr.user.refresh_from_db()
    assert not world.hr.user.is_installation_admin
