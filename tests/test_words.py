"""Issue 15 (12): words a pilot found wrong — each written for the reader, in the reader's language."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorbank.applications.models import ApplicationImport

from .factories import MentorProfileFactory, ProgrammeFactory
from .programmes.test_programmes import valid_form

pytestmark = pytest.mark.django_db
FI = {"HTTP_ACCEPT_LANGUAGE": "fi"}


def test_the_application_form_has_no_dashes_among_the_roles(world, login):
    programme = ProgrammeFactory(owner=world.org, state="open")
    page = login(world.employee).get(reverse("applications:apply", args=[world.org.slug, programme.pk])).content
    assert b"---------" not in page


def test_the_import_preview_names_the_role_in_the_readers_language(world, login):
    programme = ProgrammeFactory(owner=world.org, state="open")
    client = login(world.hr)
    text = f"email;role;goals;consent\n{world.employee.email};mentee;Tavoite;kyllä\n"
    url = reverse("applications:application_import", args=[world.org.slug, programme.pk])
    client.post(url, {"file": SimpleUploadedFile("lomake.csv", text.encode())})
    item = ApplicationImport.objects.get()
    page = client.get(
        reverse("applications:application_import_map", args=[world.org.slug, programme.pk, item.pk]), **FI
    ).content.decode()
    preview = page[page.index("<tbody>", page.index("Esikatselu")) :]
    assert "<td>Aktori</td>" in preview and "<td>mentee</td>" not in preview


def test_bank_profiles_name_the_languages(world, login):
    world.colleague.languages = "fi,en"
    world.colleague.save()
    profile = MentorProfileFactory(employee=world.colleague)
    page = login(world.employee).get(reverse("bank:bank_profile", args=[world.org.slug, profile.pk]), **FI)
    text = page.content.decode()
    assert "suomi, englanti" in text and "fi,en" not in text


@pytest.mark.parametrize(("kind", "field"), [("months", "duration_months"), ("meetings", "duration_meetings")])
def test_a_programme_of_no_length_is_refused(world, login, kind, field):
    data = valid_form(world, duration_kind=kind, **{field: 0})
    response = login(world.hr).post(reverse("programmes:create", args=[world.org.slug]), data)
    assert field in response.context["form"].errors
