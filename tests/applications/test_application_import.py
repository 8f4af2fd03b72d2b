import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorbank.applications.models import Application, ApplicationImport
from mentorbank.core.models import AuditEvent

from ..factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

HEADER = "Sähköposti;Rooli;Tavoitteet;Teemat;Kielet;Suostumus;Aikaleima\n"


@pytest.fixture
def programme(world):
    programme = ProgrammeFactory(owner=world.org, state="open")
    programme.themes.create(name="Perehdytys")
    return programme


def upload(client, world, programme, text):
    url = reverse("applications:application_import", args=[world.org.slug, programme.pk])
    return client.post(url, {"file": SimpleUploadedFile("lomake.csv", text.encode())})


def test_upload_guesses_the_columns_and_previews_then_imports(world, client, programme, run_tasks, mailoutbox):
    client.force_login(world.hr.user)
    text = HEADER + (
        f"{world.employee.email.upper()};aktori;Haluan oppia perehdyttämään;perehdytys;fi;kyllä;2026-11-01\n"
        f"{world.colleague.email};mentori;Jaan kokemustani;;fi,sv;x;2026-11-02\n"
    )
    response = upload(client, world, programme, text)
    item = ApplicationImport.objects.get()
    assert response.url == reverse("applications:application_import_map", args=[world.org.slug, programme.pk, item.pk])
    assert item.mapping["email"] == "sähköposti" and item.mapping["role"] == "rooli"
    assert item.mapping["consent"] == "suostumus"
    page = client.get(response.url)
    assert [r.errors for r in page.context["rows"]] == [[], []]
    assert not Application.objects.exists(), "the preview saves nothing"
    with run_tasks():
        client.post(reverse("applications:application_import_confirm", args=[world.org.slug, programme.pk, item.pk]))
    mentee = Application.objects.get(employee=world.employee)
    assert mentee.role == "mentee" and [t.name for t in mentee.themes.all()] == ["Perehdytys"]
    assert mentee.supervisor_decision == "pending"
    assert Application.objects.get(employee=world.colleague).languages == ["fi", "sv"]
    assert world.supervisor.email in {m.to[0] for m in mailoutbox}
    assert AuditEvent.objects.filter(action="application.imported").count() == 1
    client.post(reverse("applications:application_import_confirm", args=[world.org.slug, programme.pk, item.pk]))
    assert Application.objects.count() == 2, "a file is imported once"


def test_one_bad_row_imports_nothing(world, client, programme):
    client.force_login(world.hr.user)
    text = HEADER + (
        f"{world.employee.email};aktori;Tavoite;;fi;kyllä;\n"
        "stranger@example.org;boss;;;de;ei;\n"
        f"{world.employee.email};mentori;Toinen;;fi;kyllä;\n"
    )
    upload(client, world, programme, text)
    item = ApplicationImport.objects.get()
    page = client.get(
        reverse("applications:application_import_map", args=[world.org.slug, programme.pk, item.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    rows = page.context["rows"]
    assert page.context["error_count"] == 2
    assert len(rows[1].errors) == 5  # nobody, role, goals, consent, language
    assert "also on row 2" in rows[2].errors[0] or "rivillä 2" in rows[2].errors[0]
    client.post(reverse("applications:application_import_confirm", args=[world.org.slug, programme.pk, item.pk]))
    assert not Application.objects.exists()


def test_mapping_can_be_chosen_by_hand(world, client, programme):
    client.force_login(world.hr.user)
    upload(client, world, programme, "A;B;C;D\n" + f"{world.employee.email};mentee;Tavoite;yes\n")
    item = ApplicationImport.objects.get()
    url = reverse("applications:application_import_map", args=[world.org.slug, programme.pk, item.pk])
    assert client.get(url).context["missing"]
    page = client.post(
        url,
        {"col__email": "a", "col__role": "b", "col__goals": "c", "col__consent": "d", "col__themes": "not-a-column"},
    )
    assert page.context["missing"] == [] and page.context["error_count"] == 0
    item.refresh_from_db()
    assert item.mapping["themes"] == ""


def test_a_broken_file_gets_a_clear_message(world, client, programme):
    client.force_login(world.hr.user)
    url = reverse("applications:application_import", args=[world.org.slug, programme.pk])
    response = client.post(
        url, {"file": SimpleUploadedFile("x.csv", "Nimi\nÅsa\n".encode("cp1252"))}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "UTF-8" in response.content.decode() and not ApplicationImport.objects.exists()


@pytest.mark.parametrize("who", ["employee", "supervisor", "admin"])
def test_only_coordinators_import(world, client, programme, who):
    client.force_login(getattr(world, who).user)
    assert upload(client, world, programme, HEADER).status_code == 403
