from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mentorbank.accounts.models import User
from mentorbank.home.programme_demo import build as build_programmes
from mentorbank.organisations.demo import DemoOrganisation, generate
from mentorbank.organisations.importing.employees import plan_employee_import
from mentorbank.organisations.importing.plan import ImportPlan
from mentorbank.organisations.importing.reading import Table
from mentorbank.organisations.importing.units import plan_unit_import
from mentorbank.organisations.models import Organisation, OrganisationRole

DEMO_PASSWORD = "mentoripankki-demo"

# email -> (organisation slug, which generated person, roles)
DEMO_USERS = [
    ("admin@esimerkkila.example", "esimerkkila", "head:Henkilöstöpalvelut", [OrganisationRole.ADMIN]),
    ("hr@esimerkkila.example", "esimerkkila", "staff:Henkilöstöpalvelut", [OrganisationRole.HR]),
    ("supervisor@esimerkkila.example", "esimerkkila", "head:Päiväkoti Pikkulintu", []),
    ("employee@esimerkkila.example", "esimerkkila", "staff:Päiväkoti Pikkulintu", []),
    ("admin@naapurila.example", "naapurila", "head:Henkilöstöpalvelut", [OrganisationRole.ADMIN]),
]
INSTALLATION_ADMIN = "installation@mentoripankki.example"


class Command(BaseCommand):
    help = "Build the demo municipalities Esimerkkilä and Naapurila with people and demo users (deterministic)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--employees", type=int, default=2000, help="Employees of Esimerkkilä (default 2000).")
        parser.add_argument("--neighbour-employees", type=int, default=600, help="Employees of Naapurila.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when any organisation exists.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Organisation.objects.exists():
            self.stdout.write("The database has data already; the demo was not loaded.")
            return
        if Organisation.objects.filter(slug__in=["esimerkkila", "naapurila"]).exists():
            raise CommandError("The demo organisations exist already. Use an empty database.")
        with transaction.atomic():
            main = Organisation.objects.create(
                name="Esimerkkilän kunta", slug="esimerkkila", business_id="1234567-1", default_language="fi"
            )
            neighbour = Organisation.objects.create(
                name="Naapurilan kunta", slug="naapurila", business_id="7654321-2", default_language="fi"
            )
            worlds = {
                "esimerkkila": (
                    main,
                    generate(
                        seed=options["seed"],
                        employees=options["employees"],
                        domain="esimerkkila.example",
                        id_prefix="E",
                        location="Esimerkkilä",
                        root_name=main.name,
                    ),
                ),
                "naapurila": (
                    neighbour,
                    generate(
                        seed=options["seed"] + 1,
                        employees=options["neighbour_employees"],
                        domain="naapurila.example",
                        id_prefix="N",
                        location="Naapurila",
                        root_name=neighbour.name,
                        swedish_share=0.2,
                    ),
                ),
            }
            for slug, (organisation, world) in worlds.items():
                assign_demo_emails(world, slug)
                run(plan_unit_import(organisation, table(world.units)))
                run(plan_employee_import(organisation, table(world.employees)))
                self.stdout.write(f"{organisation.name}: {len(world.units)} units, {len(world.employees)} employees")
            # The HR coordinator of Esimerkkilä also coordinates the joint programme in Naapurila.
            hr_row = next(r for r in worlds["esimerkkila"][1].employees if r["email"] == "hr@esimerkkila.example")
            neighbour_hr_head = worlds["naapurila"][1].heads["Henkilöstöpalvelut"]
            shared = {
                **hr_row,
                "personal_id": "N900001",
                "unit_id": neighbour_hr_head["unit_id"],
                "supervisor_id": neighbour_hr_head["personal_id"],
            }
            run(plan_employee_import(neighbour, table([shared])))
            for email, slug, _who, roles in DEMO_USERS:
                user = User.objects.get(email=email)
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                for role in roles:
                    OrganisationRole.objects.create(organisation=worlds[slug][0], user=user, role=role)
            OrganisationRole.objects.create(
                organisation=neighbour, user=User.objects.get(email="hr@esimerkkila.example"), role=OrganisationRole.HR
            )
            build_programmes(main, neighbour, options["seed"], {email for email, *_rest in DEMO_USERS})
            # no organisation of its own: creates organisations and their first admins
            User.objects.create_user(
                INSTALLATION_ADMIN, DEMO_PASSWORD, full_name="Asennuksen ylläpitäjä", is_installation_admin=True
            )
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Demo logins (password: {DEMO_PASSWORD}):"))
        for email in [*(email for email, *_rest in DEMO_USERS), INSTALLATION_ADMIN]:
            self.stdout.write(f"  {email}")


def assign_demo_emails(world: DemoOrganisation, slug: str) -> None:
    for email, organisation_slug, who, _roles in DEMO_USERS:
        if organisation_slug != slug:
            continue
        kind, unit_name = who.split(":", 1)
        head = world.heads[unit_name]
        staff = (r for r in world.employees if r["supervisor_id"] == head["personal_id"])
        row = head if kind == "head" else next(staff)
        row["email"] = email


def table(rows: list[dict[str, str]]) -> Table:
    columns = list(rows[0].keys())
    return Table(columns=columns, rows=[(number, row) for number, row in enumerate(rows, start=2)])


def run(plan: ImportPlan) -> None:
    if not plan.is_valid or plan.apply_steps is None:
        raise CommandError(f"The generated {plan.kind} did not pass the import checks: {plan.to_json()['rows'][:3]}")
    plan.apply_steps(None)
