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


# placeholders that hold a quantity, and what may follow a number without changing with it
QUANTITIES = {
    "count", "counter", "n", "minutes", "hours", "days", "weeks", "months", "total", "alumni", "staff",
    "capacity", "limit", "threshold", "sent", "joined", "left", "used", "matched", "mentors", "shown",
    "answer_days", "load", "part", "seconds",
}  # fmt: skip
UNCHANGING = {"min", "h", "s", "MB", "of", "%", "/", "€"}  # unit symbols do not inflect


def test_no_number_precedes_a_noun_in_a_string_without_plural_forms():
    """'1 tapaamista suunniteltu': a number formatted into a string with one form. Every message where a
    quantity precedes a word must be an ngettext / blocktranslate count message."""
    import re
    from pathlib import Path

    import polib

    catalogue = Path(__file__).resolve().parent.parent / "src/mentorbank/locale/fi/LC_MESSAGES/django.po"
    placeholder = re.compile(r"%\((\w+)\)[sd] ([^\s%]+)")
    offenders = []
    for entry in polib.pofile(str(catalogue)):
        if entry.msgid_plural or entry.obsolete:
            continue
        for name, word in placeholder.findall(entry.msgid):
            if name in QUANTITIES and word.strip(".,;:)") not in UNCHANGING:
                offenders.append(f"{entry.msgid!r} ({entry.occurrences[0][0] if entry.occurrences else '?'})")
    assert not offenders, "use ngettext or {% blocktranslate count %}:\n" + "\n".join(offenders)


@pytest.mark.parametrize(("count", "finnish"), [(1, "1 tapaaminen suunniteltu"), (3, "3 tapaamista suunniteltu")])
def test_a_count_picks_the_right_form_in_finnish(count, finnish):
    from django.utils import translation
    from django.utils.translation import ngettext

    with translation.override("fi"):
        singular, plural = (
            "%(count)s meeting planned; invitations were sent.",
            "%(count)s meetings planned; invitations were sent.",
        )
        text = ngettext(singular, plural, count) % {"count": count}
    assert text.startswith(finnish)
