"""The HR import and the application import fuzzed with broken files: whatever arrives, the answer is a
page (never a server error), a refusal says why in the user's language, and nothing is saved unless
a whole valid file is confirmed."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mentorbank.applications.models import Application, ApplicationImport
from mentorbank.organisations.importing.examples import template_csv
from mentorbank.organisations.models import Employee, ImportBatch, Unit

from .factories import ProgrammeFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
CELL = st.text(alphabet=st.sampled_from(list('abcåäö;,"\t\r\n 0123456789@.-') + ["\x00", "\ufeff"]), max_size=12)
HEADERS = ["personal_id", "first_name", "last_name", "email", "unit_id", "supervisor_id", "code", "name", "x"]


def csv_of(rows: list[list[str]]) -> bytes:
    return "\n".join(";".join(row) for row in rows).encode("utf-8", "surrogatepass")


BROKEN = st.one_of(
    st.binary(max_size=300),  # anything at all
    st.builds(  # something like a CSV: known and unknown headers, odd cells, quotes, NULs, BOMs
        csv_of,
        st.lists(st.lists(CELL, min_size=1, max_size=6), min_size=0, max_size=6).map(
            lambda rows: [HEADERS[: max(1, len(rows[0]))] if rows else [], *rows]
        ),
    ),
    st.just(b"PK\x03\x04broken zip, not a workbook"),
)
NAMES = st.sampled_from(["people.csv", "people.xlsx", "people.txt", "people.pdf", "people", "p.CSV"])
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(content=BROKEN, name=NAMES, kind=st.sampled_from(["employees", "units"]))
@example(content=template_csv("units"), name="units.csv", kind="units")  # a whole valid file: imported
@example(content=template_csv("units")[:-9], name="units.csv", kind="units")  # cut short
def test_the_hr_import_never_fails_and_never_saves_part_of_a_file(world, client, run_tasks, content, name, kind):
    client.force_login(world.hr.user)
    before = (Employee.objects.count(), Unit.objects.count())
    upload = SimpleUploadedFile(name, content)
    with run_tasks():  # the preview runs as a task after the upload's commit
        response = client.post(
            reverse("organisations:import", args=[world.org.slug]), {"kind": kind, "file": upload}, **EN
        )
    assert response.status_code in (200, 302)
    batch = ImportBatch.objects.order_by("-pk").first()
    if response.status_code == 200:
        assert "errorlist" in response.content.decode() or "error" in response.content.decode()
    elif batch is not None and batch.status == ImportBatch.READY:
        with run_tasks():
            client.post(reverse("organisations:import_confirm", args=[world.org.slug, batch.pk]))
        batch.refresh_from_db()
    if batch is None or batch.status != ImportBatch.APPLIED:
        assert (Employee.objects.count(), Unit.objects.count()) == before  # nothing, not a part
    if content == template_csv("units") and kind == "units":
        assert batch.status == ImportBatch.APPLIED and Unit.objects.count() > before[1]  # the valid file, whole
    ImportBatch.objects.all().delete()


@FUZZ
@given(content=BROKEN, name=NAMES)
def test_the_application_import_never_fails_and_saves_nothing_before_confirming(world, client, content, name):
    programme = ProgrammeFactory(owner=world.org, state="open")
    client.force_login(world.hr.user)
    url = reverse("applications:application_import", args=[world.org.slug, programme.pk])
    response = client.post(url, {"file": SimpleUploadedFile(name, content)}, **EN)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        item = ApplicationImport.objects.get(programme=programme)
        page = client.get(response["Location"], **EN)
        assert page.status_code == 200
        assert item.programme_id == programme.pk
    assert not Application.objects.filter(programme=programme).exists()


def test_a_too_large_application_file_is_refused_before_reading(world, client, settings):
    settings.IMPORT_MAX_FILE_BYTES = 1024 * 1024
    programme = ProgrammeFactory(owner=world.org, state="open")
    client.force_login(world.hr.user)
    url = reverse("applications:application_import", args=[world.org.slug, programme.pk])
    big = SimpleUploadedFile("a.csv", b"email;role\n" + b"x" * (1024 * 1024 + 1))
    response = client.post(url, {"file": big}, **EN)
    assert "The file is larger than 1 MB." in response.content.decode()
    assert not ApplicationImport.objects.exists()
