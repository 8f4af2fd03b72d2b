"""The organisation's materials library (seed 002's guide and slides for supervisors, seed 000's
materials): HR adds items for an audience; each person sees and downloads only their audiences'."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorbank.library.models import LibraryItem

from .factories import MentorProfileFactory, ProgrammeFactory, mentorship_of

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 supervisors' guide"


def add(client, world, **data):
    return client.post(reverse("library:library", args=[world.org.slug]), data)


def test_hr_adds_items_for_audiences_and_each_sees_their_own(world, login):
    programme = ProgrammeFactory(owner=world.org, state="running", name_fi="Pilotti")
    mentorship_of(world.org, world.employee, None, programme=programme)  # world.employee takes part
    MentorProfileFactory(employee=world.colleague)
    hr = login(world.hr)
    guide = SimpleUploadedFile("opas.pdf", PDF, content_type="application/pdf")
    assert add(hr, world, title="Esihenkilön opas", audience="supervisors", file=guide).status_code == 302
    add(hr, world, title="Mentorin diat", audience="mentors", link="example.fi/diat")
    add(hr, world, title="Kaikille", audience="everyone", link="https://example.fi/kaikille")
    add(hr, world, title="Pilotin ohje", audience="participants", programme=programme.pk, link="https://example.fi/p")
    response = add(hr, world, title="Ilman ohjelmaa", audience="participants", link="https://example.fi/x")
    assert "programme" in response.context["form"].errors, "participants of which programme?"
    assert LibraryItem.objects.count() == 4

    def titles(employee):
        page = login(employee).get(reverse("library:library", args=[world.org.slug])).content.decode()
        return {item.title for item in LibraryItem.objects.all() if item.title in page}

    assert titles(world.supervisor) == {"Esihenkilön opas", "Kaikille"}
    assert titles(world.colleague) == {"Mentorin diat", "Kaikille"}
    assert titles(world.employee) == {"Pilotin ohje", "Kaikille"}
    guide_item = LibraryItem.objects.get(title="Esihenkilön opas")
    download = reverse("library:download", args=[world.org.slug, guide_item.pk])
    assert login(world.supervisor).get(download).content == PDF
    assert login(world.employee).get(download).status_code == 404, "not for this audience"
    assert login(world.other_hr).get(download).status_code == 404, "another organisation"


def test_only_hr_adds_and_removes(world, login):
    item = LibraryItem.objects.create(organisation=world.org, title="Opas", link="https://example.fi")
    employee = login(world.employee)
    assert add(employee, world, title="x", audience="everyone", link="https://example.fi").status_code == 404
    assert employee.post(reverse("library:delete", args=[world.org.slug, item.pk])).status_code == 403
    login(world.hr).post(reverse("library:delete", args=[world.org.slug, item.pk]))
    assert not LibraryItem.objects.exists()


def test_a_file_of_a_wrong_type_is_refused(world, login):
    fake = SimpleUploadedFile("opas.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = add(login(world.hr), world, title="Opas", audience="everyone", file=fake)
    assert "file" in response.context["form"].errors and not LibraryItem.objects.exists()
