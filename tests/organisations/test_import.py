"""HR import: what HR sees in the preview and what gets saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from mentorbank.core.models import AuditEvent
from mentorbank.organisations.models import Employee, ImportBatch, Unit

pytestmark = pytest.mark.django_db

EMPLOYEE_HEADER = (
    "personal_id,first_name,last_name,email,unit_id,job_title,profession_group,supervisor_id,start_date,languages"
)


def csv_file(text: str, name: str = "people.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows: list[list[object]], name: str = "people.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def upload(world, login, run_tasks):
    client = login(world.hr)

    def send(kind: str, file: SimpleUploadedFile) -> ImportBatch:
        with run_tasks():
            response = client.post(reverse("organisations:import", args=[world.org.slug]), {"kind": kind, "file": file})
        assert response.status_code == 302, response.content.decode()[:2000]
        return ImportBatch.objects.latest("id")

    def confirm(batch: ImportBatch) -> ImportBatch:
        with run_tasks():
            client.post(reverse("organisations:import_confirm", args=[world.org.slug, batch.pk]))
        batch.refresh_from_db()
        return batch

    send.confirm = confirm
    send.client = client
    return send


def employees_csv(*rows: str) -> str:
    return "\n".join([EMPLOYEE_HEADER, *rows]) + "\n"


def test_preview_counts_rows_and_saves_nothing(world, upload):
    batch = upload(
        "employees",
        csv_file(
            employees_csv(
                "N1,Maija,Meikäläinen,maija@example.fi,PIKKU,Lastenhoitaja,Lastenhoitajat,N2,2024-08-01,fi",
                'N2,Pekka,Päällikkö,pekka@example.fi,VAKA,Johtaja,Esihenkilöt,,1.2.2020,"fi,sv"',
            )
        ),
    )
    assert batch.status == ImportBatch.READY
    assert batch.preview["counts"] == {"new": 2, "changed": 0, "unchanged": 0, "error": 0}
    assert not Employee.objects.filter(personal_id__in=["N1", "N2"]).exists()
    page = upload.client.get(reverse("organisations:import_batch", args=[world.org.slug, batch.pk]))
    assert "Import these changes" in page.content.decode() or "Tuo nämä muutokset" in page.content.decode()


def test_confirm_saves_and_resolves_supervisors_in_any_order(world, upload):
    batch = upload(
        "employees",
        csv_file(
            employees_csv(
                "N1,Maija,Meikäläinen,Maija@Example.fi,PIKKU,Lastenhoitaja,Lastenhoitajat,N2,2024-08-01,fi",
                'N2,Pekka,Päällikkö,pekka@example.fi,VAKA,Johtaja,Esihenkilöt,,1.2.2020,"fi,sv"',
            )
        ),
    )
    batch = upload.confirm(batch)
    assert batch.status == ImportBatch.APPLIED
    maija = Employee.objects.get(organisation=world.org, personal_id="N1")
    assert maija.supervisor.personal_id == "N2"
    assert maija.email == "maija@example.fi"
    assert maija.user.email == "maija@example.fi"
    assert not maija.user.has_usable_password()
    assert maija.profession_group.name == "Lastenhoitajat"
    pekka = Employee.objects.get(organisation=world.org, personal_id="N2")
    assert str(pekka.start_date) == "2020-02-01" and pekka.language_list == ["fi", "sv"]
    created = AuditEvent.objects.get(action="employee.created", subject=maija, actor=world.hr.user)
    assert created.subject_label == f"{maija.full_name} (N1)" and created.organisation == world.org
    assert AuditEvent.objects.filter(action="import.applied", organisation=world.org).count() == 1


def test_importing_the_same_file_again_changes_nothing(world, upload):
    text = employees_csv("N1,Maija,Meikäläinen,maija@example.fi,PIKKU,Lastenhoitaja,Lastenhoitajat,,2024-08-01,fi")
    upload.confirm(upload("employees", csv_file(text)))
    again = upload("employees", csv_file(text))
    assert again.preview["counts"] == {"new": 0, "changed": 0, "unchanged": 1, "error": 0}
    changed = upload("employees", csv_file(text.replace("Lastenhoitaja,", "Varhaiskasvatuksen opettaja,")))
    assert changed.preview["counts"]["changed"] == 1
    assert changed.preview["rows"][0]["changes"] == ["job_title"]
    upload.confirm(changed)
    assert Employee.objects.get(personal_id="N1").job_title == "Varhaiskasvatuksen opettaja"
    assert Employee.objects.filter(organisation=world.org, personal_id="N1").count() == 1


def test_one_bad_row_saves_nothing_and_names_the_row(world, upload):
    batch = upload(
        "employees",
        csv_file(
            employees_csv(
                "N1,Maija,Meikäläinen,maija@example.fi,PIKKU,,,,,fi",
                "N2,Pekka,Päällikkö,not-an-email,PIKKU,,,,31.2.2020,xx",
            )
        ),
    )
    assert batch.status == ImportBatch.INVALID
    error_row = batch.preview["rows"][-1]
    assert error_row["row"] == 3 and error_row["status"] == "error"
    assert {m["code"] for m in error_row["messages"]} == {"invalid_email", "invalid_date", "invalid_languages"}
    assert upload.confirm(batch).status == ImportBatch.INVALID
    assert not Employee.objects.filter(personal_id="N1").exists()


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        (["N1,A,B,a@example.fi,PIKKU,,,,,", "N1,C,D,c@example.fi,PIKKU,,,,,"], "duplicate_id"),
        (["N1,A,B,same@example.fi,PIKKU,,,,,", "N2,C,D,same@example.fi,PIKKU,,,,,"], "duplicate_email"),
        (["N1,A,B,a@example.fi,PIKKU,,,N2,,", "N2,C,D,c@example.fi,PIKKU,,,N1,,"], "supervisor_cycle"),
        (["N1,A,B,a@example.fi,PIKKU,,,N1,,"], "supervisor_cycle"),
        (["N1,A,B,a@example.fi,NOWHERE,,,,,"], "unknown_unit"),
        (["N1,A,B,a@example.fi,PIKKU,,,NOBODY,,"], "unknown_supervisor"),
        ([",A,B,a@example.fi,PIKKU,,,,,"], "missing_value"),
    ],
)
def test_bad_rows_get_a_reason(world, upload, rows, code):
    batch = upload("employees", csv_file(employees_csv(*rows)))
    assert batch.status == ImportBatch.INVALID
    codes = {m["code"] for row in batch.preview["rows"] for m in row["messages"]}
    assert code in codes


def test_e_mail_of_another_existing_employee_is_refused(world, upload):
    batch = upload("employees", csv_file(employees_csv(f"N1,A,B,{world.colleague.email},PIKKU,,,,,")))
    message = batch.preview["rows"][0]["messages"][0]
    assert message == {
        "code": "email_taken",
        "params": {"value": world.colleague.email, "other_id": world.colleague.personal_id},
    }


def test_a_cycle_through_existing_people_is_found(world, upload):
    # The file makes the supervisor report to their own employee.
    row = (
        f"{world.supervisor.personal_id},Sari,Esihenkilö,{world.supervisor.email},PIKKU,,,"
        f"{world.employee.personal_id},,"
    )
    batch = upload("employees", csv_file(employees_csv(row)))
    assert batch.preview["rows"][0]["messages"][0]["code"] == "supervisor_cycle"


@pytest.mark.parametrize(
    ("file", "code"),
    [
        (
            csv_file(
                "personal_id;first_name;last_name;email;unit_id\nN1;Åsa;Öberg;a@example.fi;PIKKU\n", encoding="cp1252"
            ),
            "wrong_encoding",
        ),
        (csv_file("personal_id,first_name,email\nN1,A,a@example.fi\n"), "missing_columns"),
        (csv_file("\n\n"), "empty_file"),
        (csv_file(EMPLOYEE_HEADER + "\n"), "no_rows"),
        (SimpleUploadedFile("people.xlsx", b"this is not a workbook"), "unreadable_xlsx"),
        (SimpleUploadedFile("people.pdf", b"%PDF-1.4"), "unsupported_file_type"),
    ],
)
def test_bad_files_get_a_clear_message(world, upload, file, code):
    batch = upload("employees", file)
    assert batch.status == ImportBatch.INVALID
    assert [m["code"] for m in batch.preview["file_errors"]] == [code]
    page = upload.client.get(
        reverse("organisations:import_batch", args=[world.org.slug, batch.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200


def test_semicolon_csv_with_bom_and_xlsx_are_read(world, upload):
    text = (
        "\ufeffpersonal_id;first_name;last_name;email;unit_id;start_date\nN1;Åsa;Öberg;asa@example.fi;PIKKU;1.8.2024\n"
    )
    assert upload("employees", csv_file(text)).preview["counts"]["new"] == 1
    import datetime

    workbook = xlsx_file(
        [
            ["Personal ID", "First name", "Last name", "Email", "Unit ID", "Start date"],
            [12345, "Åsa", "Öberg", "asa@example.fi", "PIKKU", datetime.datetime(2024, 8, 1)],
        ]
    )
    batch = upload.confirm(upload("employees", workbook))
    employee = Employee.objects.get(personal_id="12345")
    assert batch.status == ImportBatch.APPLIED and str(employee.start_date) == "2024-08-01"


def test_units_import_builds_the_tree(world, upload):
    text = (
        "unit_id,name,parent_unit_id\nSOTE,Sosiaali- ja terveyspalvelut,\n"
        "KOTI,Kotihoito,SOTE\nPIKKU,Päiväkoti Pikkulintu,VAKA\n"
    )
    batch = upload("units", csv_file(text, "units.csv"))
    assert batch.preview["counts"] == {"new": 2, "changed": 0, "unchanged": 1, "error": 0}
    upload.confirm(batch)
    assert Unit.objects.get(organisation=world.org, code="KOTI").parent.code == "SOTE"


def test_units_import_refuses_a_loop(world, upload):
    batch = upload("units", csv_file("unit_id,name,parent_unit_id\nVAKA,Varhaiskasvatus,PIKKU\n", "units.csv"))
    assert batch.status == ImportBatch.INVALID
    assert batch.preview["rows"][0]["messages"][0]["code"] == "parent_cycle"


def test_a_batch_is_applied_once(world, upload):
    batch = upload("employees", csv_file(employees_csv("N1,A,B,a@example.fi,PIKKU,,,,,")))
    upload.confirm(batch)
    response = upload.client.post(reverse("organisations:import_confirm", args=[world.org.slug, batch.pk]))
    assert response.status_code == 302
    assert Employee.objects.filter(personal_id="N1").count() == 1
    assert AuditEvent.objects.filter(action="import.applied").count() == 1


def test_templates_download_in_both_formats(world, upload):
    for kind in ("units", "employees"):
        csv_response = upload.client.get(reverse("organisations:import_template", args=[world.org.slug, kind, "csv"]))
        assert csv_response.status_code == 200 and csv_response.content.startswith(b"\xef\xbb\xbf")
        xlsx = upload.client.get(reverse("organisations:import_template", args=[world.org.slug, kind, "xlsx"]))
        assert xlsx.content[:2] == b"PK"


def test_the_downloadable_template_imports_as_it_is(world, upload):
    units = upload.client.get(reverse("organisations:import_template", args=[world.org.slug, "units", "xlsx"]))
    assert upload.confirm(upload("units", SimpleUploadedFile("u.xlsx", units.content))).status == ImportBatch.APPLIED
    people = upload.client.get(reverse("organisations:import_template", args=[world.org.slug, "employees", "csv"]))
    batch = upload("employees", SimpleUploadedFile("e.csv", people.content))
    # The example's supervisor 100101 is not in the organisation: the preview says so.
    assert batch.preview["rows"][0]["messages"][0]["code"] == "unknown_supervisor"


def test_a_zero_byte_file_is_refused_by_the_form(world, login):
    client = login(world.hr)
    response = client.post(
        reverse("organisations:import", args=[world.org.slug]),
        {"kind": "employees", "file": csv_file("")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "The submitted file is empty." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_reimport_moves_people_to_another_supervisor_and_unit(world, upload):
    rows = [
        f"{world.employee.personal_id},Eero,Työntekijä,{world.employee.email},VAKA,,,{world.colleague.personal_id},,",
    ]
    from mentorbank.organisations.unit_tree import unit_tree

    def head_count(code: str) -> int:
        world.org.refresh_from_db()
        return next(node.employee_count for node in unit_tree(world.org) if node.code == code)

    before = head_count("VAKA")
    batch = upload("employees", csv_file(employees_csv(*rows)))
    assert batch.preview["rows"][0]["changes"] == ["unit_id", "job_title", "supervisor_id", "languages"]
    upload.confirm(batch)
    world.employee.refresh_from_db()
    assert world.employee.supervisor == world.colleague and world.employee.unit.code == "VAKA"
    assert head_count("VAKA") == before + 1, "the import's bulk writes refresh the unit tree too"


def test_e_mail_addresses_may_swap_between_two_people_in_one_file(world, upload):
    a, b = world.employee, world.colleague
    rows = [
        f"{a.personal_id},{a.first_name},{a.last_name},{b.email},PIKKU,,,,,",
        f"{b.personal_id},{b.first_name},{b.last_name},{a.email},PIKKU,,,,,",
    ]
    batch = upload.confirm(upload("employees", csv_file(employees_csv(*rows))))
    assert batch.status == ImportBatch.APPLIED
    a.refresh_from_db()
    assert a.email == b.email and a.user.email == b.email


def with_saved_results(file: SimpleUploadedFile, results: dict[str, str]) -> SimpleUploadedFile:
    """The workbook as Excel saves it: each formula cell keeps the result it computed."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(file.read()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for cell, value in results.items():
                    text = re.sub(
                        rf'<c r="{cell}"><f>(.*?)</f><v\s*/>', rf'<c r="{cell}" t="str"><f>\1</f><v>{value}</v>', text
                    )
                data = text.encode()
            target.writestr(item, data)
    return SimpleUploadedFile(file.name, buffer.getvalue())


def test_formulas_are_read_by_their_saved_results_or_the_file_is_refused_saying_why(world, upload):
    rows = [
        ["personal_id", "first_name", "last_name", "email", "unit_id"],
        ["N7", "Aino", "Kaava", '=LOWER("AINO.KAAVA@EXAMPLE.FI")', "PIKKU"],
    ]
    refused = upload("employees", xlsx_file(rows))
    assert refused.status == ImportBatch.INVALID
    assert [m["code"] for m in refused.preview["file_errors"]] == ["formulas_without_values"]
    assert refused.preview["file_errors"][0]["params"]["cells"] == "D2"
    page = upload.client.get(
        reverse("organisations:import_batch", args=[world.org.slug, refused.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "formulas whose results were not saved" in page and "D2" in page and "is empty" not in page
    saved = upload.confirm(upload("employees", with_saved_results(xlsx_file(rows), {"D2": "aino.kaava@example.fi"})))
    assert saved.status == ImportBatch.APPLIED
    assert Employee.objects.get(personal_id="N7").email == "aino.kaava@example.fi"
