"""Demo programmes like the five seeds, a mentor bank and some applications (deterministic)."""

import datetime
import random
from collections.abc import Sequence

from django.utils import timezone

from mentorbank.applications.announcements import new_starters
from mentorbank.applications.models import Application, NewStarterInvitation
from mentorbank.bank.bank_search import index_profile
from mentorbank.bank.models import MentorProfile
from mentorbank.home.mentorship_demo import build_pilot
from mentorbank.organisations.models import Employee, Organisation
from mentorbank.programmes.formats import Format
from mentorbank.programmes.models import Competence, Partnership, Programme, Theme

COMPETENCES = [
    "Muutosjohtaminen",
    "Perehdytys",
    "Varhaiskasvatus",
    "Lasten kohtaaminen",
    "Työhyvinvointi",
    "Esihenkilötyö",
    "Vuorovaikutus",
    "Digitaidot",
    "Ruokapalvelut",
    "Puhtauspalvelut",
    "Vanhustyö",
    "Hiljainen tieto",
    "Asiakaspalvelu",
    "Ruotsin kieli",
]
INTRODUCTIONS = [
    "Olen tehnyt tätä työtä yli 20 vuotta ja jaan mielelläni, mitä olen oppinut.",
    "Olen perehdyttänyt monta uutta työntekijää ja autan mielelläni alkuun.",
    "Olen johtanut yksikköni läpi isojen muutosten ja tiedän, miltä se tuntuu.",
    "Jag har arbetat länge inom kommunen och hjälper gärna nya kolleger.",
]


def programme(owner: Organisation, themes: Sequence[str] = (), **fields: object) -> Programme:
    created = Programme.objects.create(owner=owner, **fields)
    Theme.objects.bulk_create([Theme(programme=created, name=name) for name in themes])
    return created


def build(main: Organisation, neighbour: Organisation, seed: int, demo_emails: set[str]) -> None:
    """demo_emails: the demo logins, kept out of the bank and the applications so they start empty."""
    rng = random.Random(seed)
    today = timezone.localdate()
    vaasa = programme(
        main,
        name_fi="Mentorointi Esimerkkilässä 2027",
        name_sv="Mentorskap i Esimerkkilä 2027",
        name_en="Mentoring in Esimerkkilä 2027",
        state=Programme.OPEN,
        formats=[Format.PAIR, Format.PEER],
        description_fi="Jatkuva mentorointi: kokenut kollega siirtää hiljaista tietoa uudemmalle.",
        application_opens=today - datetime.timedelta(days=10),
        application_closes=today + datetime.timedelta(days=50),
        matching_method="mentee_choice",
        takes_bank_requests=True,
        working_time_minutes=90,
        working_time_period="month",
        hr_approves_participation=True,
        follow_up_after_months=6,
        themes=["Hiljainen tieto", "Perehdytys", "Muutosjohtaminen"],
    )
    ii_pilot = programme(
        main,
        name_fi="Työyhteisömentorointi – pilotti",
        name_en="Workplace mentoring pilot",
        state=Programme.RUNNING,
        formats=[Format.PAIR],
        eligibility=Programme.ELIGIBLE_UNITS,
        matching_method="mixed",
        duration_months=6,
        meeting_every_weeks=2,
        meeting_minutes=90,
        working_time_minutes=120,
        working_time_period="two_weeks",
        substitutes_arranged=True,
        themes=["Työssä jaksaminen", "Ammatti-identiteetti"],
    )
    Partnership.objects.create(programme=ii_pilot, organisation=neighbour, state=Partnership.ACCEPTED)
    ii_pilot.participating_organisations.add(neighbour)
    ii_pilot.eligible_units.set(main.units.filter(name__in=["Varhaiskasvatus", "Ateria- ja puhtauspalvelut"]))
    cohort = programme(
        main,
        name_fi="Mentorointiryhmät, kohortti 5",
        name_en="Mentoring cohort 5",
        state=Programme.MATCHING,
        formats=[Format.PAIR, Format.GROUP],
        matching_method="engine_committee",
        final_survey=True,
        themes=["Uudet työtavat", "Asiantuntijarooli", "Uravalinnat", "Hyvinvointi"],
    )
    programme(
        main,
        name_fi="Varhaiskasvatuksen vertaisryhmät",
        name_en="Peer groups in early childhood education",
        state=Programme.DRAFT,
        formats=[Format.PEER, Format.GROUP, Format.CO_MENTORING, Format.INDIVIDUAL],
        eligibility=Programme.ELIGIBLE_GROUPS,
        matching_method="mixed",
        duration_kind="meetings",
        duration_meetings=7,
        compensation="per_meeting",
        compensation_euros=50,
    ).eligible_profession_groups.set(main.profession_groups.filter(name__in=["Opettajat", "Lastenhoitajat"]))
    build_bank(main, rng, demo_emails)
    build_applications(vaasa, main, rng, demo_emails)
    build_matching_cohort(cohort, main, rng, demo_emails)
    build_pilot(ii_pilot, main, rng, demo_emails)
    # the demo's new starters were invited when they started: the scheduler's first pass in script/server
    # would otherwise print some forty invitation e-mails over the banner
    for organisation in (main, neighbour):
        NewStarterInvitation.objects.bulk_create(
            [NewStarterInvitation(employee=e) for e in new_starters(organisation)], ignore_conflicts=True
        )


def build_bank(organisation: Organisation, rng: random.Random, demo_emails: set[str]) -> None:
    competences = [Competence.objects.get_or_create(organisation=organisation, name=n)[0] for n in COMPETENCES]
    experienced = list(
        organisation.employees.filter(start_date__lt=datetime.date(2010, 1, 1))
        .exclude(email__in=demo_emails)
        .order_by("personal_id")
    )
    for employee in rng.sample(experienced, min(60, len(experienced))):
        profile = MentorProfile.objects.create(
            employee=employee,
            introduction=rng.choice(INTRODUCTIONS),
            capacity=rng.randint(1, 3),
            meeting_mode=rng.choice(["in_person", "remote", "either"]),
            visibility=rng.choice([MentorProfile.OWN, MentorProfile.SHARED]),
            last_active_at=timezone.now() - datetime.timedelta(days=rng.randint(0, 60)),
        )
        profile.competences.set(rng.sample(competences, 3))
        index_profile(profile)


def build_applications(vaasa: Programme, organisation: Organisation, rng: random.Random, demo_emails: set[str]) -> None:
    themes = list(vaasa.themes.all())
    people: list[Employee] = list(
        organisation.employees.exclude(email__in=demo_emails)
        .filter(supervisor__isnull=False)
        .order_by("personal_id")[:400]
    )
    for employee in rng.sample(people, 25):
        application = Application.objects.create(
            programme=vaasa,
            employee=employee,
            role=rng.choice(["mentee", "mentee", "mentor", "both"]),
            goals="Haluan oppia uutta ja jakaa kokemuksia.",
            experience_years=rng.randint(0, 30),
            languages=employee.language_list,
            consent_at=timezone.now(),
            hr_decision=Application.PENDING,
            values={
                k: rng.randint(2, 5)
                for k in ["listening", "reflection", "openness", "change", "wellbeing", "structure"]
            },
            supervisor_decision=rng.choice([Application.PENDING, Application.APPROVED]),
        )
        application.themes.set(rng.sample(themes, 2))


GOALS = [
    "Haluan oppia johtamaan muutosta ja tukemaan tiimiäni muutoksessa.",
    "Tavoitteeni on jaksaa työssä paremmin ja löytää keinoja palautumiseen.",
    "Haluan kehittyä asiantuntijana ja oppia viestimään osaamisestani.",
    "Mietin urani seuraavaa askelta ja haluan sparrausta uravalintoihin.",
    "Haluan oppia perehdyttämään uusia työntekijöitä ja jakamaan hiljaista tietoa.",
    "Tavoitteena on vahvistaa vuorovaikutustaitoja asiakastyössä.",
]
HOBBIES = ["kuorolaulu", "kalastus", "suunnistus", "lukeminen", "puutarhanhoito", "hiihto", "leivonta"]


def build_matching_cohort(
    cohort: Programme, organisation: Organisation, rng: random.Random, demo_emails: set[str]
) -> None:
    """Approved applications so the matching committee's pages have something to work on."""
    themes = list(cohort.themes.all())
    competences = list(Competence.objects.filter(organisation=organisation))
    people = list(
        organisation.employees.exclude(email__in=demo_emails)
        .filter(supervisor__isnull=False)
        .order_by("-personal_id")[:400]  # the other end from the open programme's applicants
    )
    for k, employee in enumerate(rng.sample(people, min(45, len(people)))):
        mentor = k < 15
        application = Application.objects.create(
            programme=cohort,
            employee=employee,
            role="mentor" if mentor else "mentee",
            goals=rng.choice(INTRODUCTIONS if mentor else GOALS),
            experience_years=rng.randint(12, 30) if mentor else rng.randint(0, 10),
            languages=employee.language_list,
            interests=", ".join(rng.sample(HOBBIES, 2)),
            mentor_capacity=rng.randint(2, 3) if mentor else 1,
            consent_at=timezone.now(),
            supervisor_decision=Application.APPROVED,
            values={k: rng.randint(1, 5) for k in ["listening", "reflection", "openness", "change", "wellbeing"]},
        )
        application.themes.set(rng.sample(themes, 2))
        if mentor:
            application.competences_offered.set(rng.sample(competences, 3))
        else:
            application.competences_sought.set(rng.sample(competences, 2))
