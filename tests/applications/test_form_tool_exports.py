"""Exports of real form tools import without hand-editing: Microsoft Forms (XLSX, Finnish headings and
answer words) and Webropol (CSV with semicolons, Swedish). Answer words map to values, every application
field can be mapped, unknown themes are listed to add or drop, and the mapping is remembered."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from mentorbank.applications.models import VALUE_STATEMENTS, Application, ApplicationImport

from ..factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
STATEMENTS = [str(statement) for _key, statement in VALUE_STATEMENTS]


@pytest.fixture
def programme(world):
    programme = ProgrammeFactory(owner=world.org, state="open")
    for name in ("Perehdytys", "Hiljainen tieto"):
        programme.themes.create(name=name)
    programme.questions.create(text="Teetkö vuorotyötä?", kind="choice", choices="Kyllä\nEn")
    return programme


def microsoft_forms_xlsx(world):
    """As Forms writes it: ID, times, e-mail and name first, then one column a question; several
    choices joined with semicolons and a trailing one; the values statements as their own columns."""
    header = [
        "Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi",
        "Haen mukaan", "Mitä toivot mentoroinnilta? (tavoitteet)", "Teemat, jotka kiinnostavat",
        "Osaamista jota haen", "Millä kielillä voit tavata? (kielet)", "Työkokemus vuosina",
        "Tapaamismuoto", "Teetkö vuorotyötä?", "Ei parina (sähköpostit)", *STATEMENTS,
        "Hyväksyn tietojeni käsittelyn tietosuojaselosteen mukaisesti (suostumus)",
    ]  # fmt: skip
    rows = [
        [1, "1.11.2026 9.02", "1.11.2026 9.10", world.employee.email, world.employee.full_name,
         "Aktoriksi", "Haluan oppia perehdyttämään uusia kollegoita.", "Perehdytys;Työhyvinvointi;",
         "Perehdytys;Vuorovaikutus;", "suomi;ruotsi;", "3", "Etänä", "Kyllä", world.colleague.email,
         "Täysin samaa mieltä", "Jokseenkin samaa mieltä", "En samaa enkä eri mieltä",
         "Jokseenkin eri mieltä", "Täysin eri mieltä", "Täysin samaa mieltä", "Kyllä, hyväksyn"],
        [2, "1.11.2026 10.15", "1.11.2026 10.20", world.colleague.email, world.colleague.full_name,
         "Mentoriksi", "Jaan hiljaista tietoa.", "Hiljainen tieto;", "", "suomi;", "25", "Kasvokkain",
         "En", "", "4", "4", "4", "4", "4", "4", "Kyllä, hyväksyn"],
    ]  # fmt: skip
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("Mentorointihaku 2027(1-2).xlsx", buffer.getvalue())


def webropol_csv(world):
    text = (
        "Respondentens nummer;E-post;Fråga 3;Mina mål;Teman;Språk;Samtycke\n"
        f"1;{world.employee.email};Som adept;Jag vill lära mig introducera nya kolleger.;Perehdytys;svenska, finska;"
        "Ja, jag godkänner\n"
        f"2;{world.colleague.email};Båda;Jag delar gärna med mig.;Hiljainen tieto;svenska;Ja, jag godkänner\n"
    )
    return SimpleUploadedFile("webropol_export.csv", text.encode("utf-8-sig"))


def upload(client, world, programme, file):
    url = reverse("applications:application_import", args=[world.org.slug, programme.pk])
    return client.post(url, {"file": file})


def map_url(world, programme, item):
    return reverse("applications:application_import_map", args=[world.org.slug, programme.pk, item.pk])


def test_a_microsoft_forms_export_imports_every_field(world, client, programme, run_tasks):
    client.force_login(world.hr.user)
    upload(client, world, programme, microsoft_forms_xlsx(world))
    item = ApplicationImport.objects.get()
    page = client.get(map_url(world, programme, item), **EN)
    assert page.context["missing"] == []
    rows = page.context["rows"]
    unknown = {target.key: names for target, names in page.context["unknown_items"]}
    assert unknown["themes"] == [("Työhyvinvointi", None)], "an unknown theme is listed, not dropped"
    assert ("Vuorovaikutus", None) in unknown["competences_sought"]
    assert any("Työhyvinvointi" in error for error in rows[0].errors), "undecided: nothing imports yet"
    data = form_data(page)
    data.update({"item__themes__1": "add", "item__competences_sought__1": "drop", "item__competences_sought__2": "add"})
    page = client.post(map_url(world, programme, item), data, **EN)
    assert [row.errors for row in page.context["rows"]] == [[], []]
    with run_tasks():
        client.post(reverse("applications:application_import_confirm", args=[world.org.slug, programme.pk, item.pk]))
    mentee = Application.objects.get(employee=world.employee)
    assert mentee.role == "mentee" and mentee.meeting_mode == "remote" and mentee.experience_years == 3
    assert sorted(t.name for t in mentee.themes.all()) == ["Perehdytys", "Työhyvinvointi"]
    assert mentee.languages == ["fi", "sv"]
    assert mentee.values == {
        "listening": 5,
        "reflection": 4,
        "openness": 3,
        "change": 2,
        "wellbeing": 1,
        "structure": 5,
    }
    question = programme.questions.get()
    assert mentee.answers == {str(question.pk): "Kyllä"}
    assert list(mentee.excluded.all()) == [world.colleague]
    sought = sorted(c.name for c in mentee.competences_sought.all())
    assert len(sought) == 1 and sought[0] in {"Perehdytys", "Vuorovaikutus"}
    assert Application.objects.get(employee=world.colleague).role == "mentor"


def form_data(page):
    """What the mapping form posts as it stands: the chosen columns and answers, with their texts."""
    data = {f"col__{key}": chosen for key, _label, chosen in page.context["targets"]}
    for target, values in page.context["answers"]:
        for index, (text, code) in enumerate(values, start=1):
            data[f"text__{target.key}__{index}"] = text
            data[f"answer__{target.key}__{index}"] = code or ""
    for target, names in page.context["unknown_items"]:
        for index, (name, _decision) in enumerate(names, start=1):
            data[f"text__{target.key}__{index}"] = name
    return data


def test_a_swedish_webropol_export_and_a_remembered_mapping(world, client, programme):
    client.force_login(world.hr.user)
    upload(client, world, programme, webropol_csv(world))
    item = ApplicationImport.objects.get()
    page = client.get(map_url(world, programme, item), **EN)
    assert page.context["missing"] == ["Role (mentor, mentee or both)"], "“Fråga 3” says nothing"
    data = form_data(page)
    data["col__role"] = "fråga_3"
    page = client.post(map_url(world, programme, item), data, **EN)
    assert page.context["missing"] == [] and page.context["error_count"] == 0
    answers = {target.key: dict(values) for target, values in page.context["answers"]}
    assert answers["role"] == {"Som adept": "mentee", "Båda": "both"}
    assert answers["consent"] == {"Ja, jag godkänner": "yes"}
    client.post(reverse("applications:application_import_confirm", args=[world.org.slug, programme.pk, item.pk]))
    assert Application.objects.get(employee=world.employee).languages == ["sv", "fi"]
    # the next file from the same form, with its headings renamed by hand and a new answer word
    text = f"Nummer;E-post;Fråga 3;Mina mål;Samtycke\n3;{world.supervisor.email};Adept, tack;Mål;Ja, jag godkänner\n"
    upload(client, world, programme, SimpleUploadedFile("andra.csv", text.encode()))
    second = ApplicationImport.objects.latest("pk")
    page = client.get(map_url(world, programme, second), **EN)
    assert page.context["targets"][2][2] == "fråga_3", "the column mapped by hand last time"
    assert "not mapped to a value" in page.context["rows"][0].errors[0]
    data = form_data(page)
    data["answer__role__1"] = "mentee"
    page = client.post(map_url(world, programme, second), data, **EN)
    assert page.context["error_count"] == 0
    second.refresh_from_db()
    assert second.answers["values"]["role"]["Adept, tack"] == "mentee"
