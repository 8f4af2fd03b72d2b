"""Benchmark: mentor-bank search in an organisation of 40,000 employees with 3,000 mentors.

Builds the organisation with the demo generator and the HR import, makes 3,000
mentor profiles with competences (analysed as the bank stores them), then times
what the bank page does for several queries (count + first page of 20, with
competences and highlighting), the whole page through Django's test client,
saving one profile (its analysis included) and rebuilding every profile's terms
(the command after a dictionary upgrade). Prints median and 95th percentile.
Targets (issue 17): a search under 50 ms p95, saving under 50 ms, rebuilding
under 60 s. DATABASE_URL picks PostgreSQL (bench/database.py).

    .venv/bin/python bench/bank_search.py [--employees 40000] [--mentors 3000] [--repeat 30]
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from database import benchmark_database  # noqa: E402

QUERIES = [
    "",
    "johtamisesta",
    "perehdytys lapset",
    "muutosjohtaminen",
    "muutoksen",
    "hiljaista tietoa",
    "varhaiskasvatuksessa",
    "varhaiskasvtus",  # one letter missing
    "talous",
    "ledarskapet",
    "kokki",
]
COMPETENCES = [
    "Muutosjohtaminen",
    "Perehdytys",
    "Varhaiskasvatus",
    "Lasten kohtaaminen",
    "Työhyvinvointi",
    "Esihenkilötyö",
    "Asiakaspalvelu",
    "Digitaidot",
    "Ruokapalvelut",
    "Siivoustekniikat",
    "Vanhustyö",
    "Kiinteistöt",
    "Talousosaaminen",
    "Viestintä",
    "Ruotsin kieli",
    "Hiljainen tieto",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=40000)
    parser.add_argument("--mentors", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with benchmark_database():
        run(args)


def build(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from django.db import connection, transaction

    from mentorbank.bank.bank_search import index_profile
    from mentorbank.bank.models import MentorProfile
    from mentorbank.organisations.demo import generate
    from mentorbank.organisations.importing.employees import plan_employee_import
    from mentorbank.organisations.importing.reading import Table
    from mentorbank.organisations.importing.units import plan_unit_import
    from mentorbank.organisations.models import Organisation
    from mentorbank.programmes.models import Competence

    world = generate(
        seed=3,
        employees=args.employees,
        domain="suurkaupunki.example",
        id_prefix="S",
        location="Suurkaupunki",
        root_name="Suurkaupunki",
    )
    organisation = Organisation.objects.create(name="Suurkaupunki", slug="suurkaupunki", business_id="1234567-1")

    def table(rows):  # type: ignore[no-untyped-def]
        return Table(columns=list(rows[0]), rows=list(enumerate(rows, start=2)))

    with transaction.atomic():
        plan_unit_import(organisation, table(world.units)).apply_steps(None)
        plan_employee_import(organisation, table(world.employees)).apply_steps(None)
    competences = [Competence.objects.create(organisation=organisation, name=name) for name in COMPETENCES]
    rng = random.Random(5)
    employees = list(organisation.employees.select_related("unit", "profession_group").order_by("?")[: args.mentors])
    with transaction.atomic():
        profiles = MentorProfile.objects.bulk_create(
            [
                MentorProfile(
                    employee=employee,
                    capacity=rng.randint(1, 3),
                    meeting_mode=rng.choice(["in_person", "remote", "either"]),
                    introduction=f"{employee.job_title}. Autan mielelläni {rng.choice(COMPETENCES).lower()}ssa.",
                )
                for employee in employees
            ]
        )
        through = MentorProfile.competences.through
        through.objects.bulk_create(
            [
                through(mentorprofile_id=profile.pk, competence_id=competence.pk)
                for profile in profiles
                for competence in rng.sample(competences, 3)
            ]
        )
        for profile in MentorProfile.objects.select_related(
            "employee__organisation", "employee__unit", "employee__profession_group"
        ).prefetch_related("competences"):
            index_profile(profile)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    viewer = organisation.employees.exclude(pk__in=[e.pk for e in employees]).select_related("organisation").first()
    return organisation, viewer


def timed(fn, repeat: int) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    samples, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], result


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.test import Client

    from mentorbank.bank.bank_search import attach_load_and_training, index_profile, mark_matches, reindex_all, search
    from mentorbank.bank.models import MentorProfile
    from mentorbank.core import analysis
    from mentorbank.core.pagination import CountedWithPage

    started = time.perf_counter()
    organisation, viewer = build(args)
    print(
        f"database={connection.vendor}  employees={organisation.employees.count()}  "
        f"mentors={args.mentors}  built in {time.perf_counter() - started:.1f} s"
    )
    for query in QUERIES:

        def first_page(query: str = query) -> int:
            page = CountedWithPage(search(viewer, text=query), 20).get_page(1)
            attach_load_and_training(page.object_list)
            mark_matches(page.object_list, query)
            return page.paginator.count

        p50, p95, found = timed(first_page, args.repeat)
        print(f"search {query or '(everything)':<22} found={found:>5}  p50={p50:6.1f} ms  p95={p95:6.1f} ms")
    viewer.user.set_password("bench-password-123")
    viewer.user.save()
    client = Client()
    client.login(username=viewer.user.email, password="bench-password-123")
    url = f"/o/{organisation.slug}/bank/"
    for query in ["", "johtamisesta"]:
        p50, p95, response = timed(lambda q=query: client.get(url, {"q": q}), args.repeat)
        assert response.status_code == 200
        print(f"page   {query or '(everything)':<22} status=200    p50={p50:6.1f} ms  p95={p95:6.1f} ms")
    from django.utils import timezone

    from mentorbank.applications.models import Application
    from mentorbank.matching.recommend import recommended
    from mentorbank.programmes.models import Programme

    programme = Programme.objects.create(owner=organisation, name_fi="Mentorointi", state="open")
    goals = "Haluan oppia muutosjohtamista ja perehdyttämään uusia lastenhoitajia."
    Application.objects.create(
        programme=programme, employee=viewer, role="mentee", goals=goals, consent_at=timezone.now()
    )
    p50, p95, shown = timed(lambda: recommended(viewer), args.repeat)
    print(f"mentors for you (an application)  shown={len(shown):>3}  p50={p50:6.1f} ms  p95={p95:6.1f} ms")
    profiles = list(
        MentorProfile.objects.select_related("employee__organisation", "employee__unit", "employee__profession_group")
        .prefetch_related("competences")
        .order_by("?")[: args.repeat]
    )
    for profile in profiles:  # a changed introduction: new words to analyse, as when someone edits theirs
        profile.introduction += f" Uutena olen opetellut {random.choice(COMPETENCES).lower()}n ja tiimityön."
    saves = iter(profiles)
    p50, p95, _none = timed(lambda: index_profile(next(saves)), len(profiles))
    print(f"save a profile (analysis included)            p50={p50:6.1f} ms  p95={p95:6.1f} ms")

    def cold_save() -> None:  # as the first save after a restart: no word analysed yet in this process
        analysis.finnish_forms.cache_clear()
        analysis.stem.cache_clear()
        index_profile(next(saves))

    saves = iter(profiles)
    p50, p95, _none = timed(cold_save, len(profiles))
    print(f"save a profile, nothing analysed before       p50={p50:6.1f} ms  p95={p95:6.1f} ms")
    analysis.finnish_forms.cache_clear()
    started = time.perf_counter()
    count = reindex_all()
    print(f"rebuild every profile's terms: {count} profiles in {time.perf_counter() - started:.1f} s (from cold)")


if __name__ == "__main__":
    main()
