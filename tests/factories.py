import factory

from mentorbank.accounts.models import User
from mentorbank.organisations.models import Employee, Organisation, OrganisationRole, ProfessionGroup, Unit

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Municipality {n}")
    slug = factory.Sequence(lambda n: f"municipality-{n}")
    business_id = factory.Sequence(lambda n: valid_business_id(1000000 + n))


def valid_business_id(number: int) -> str:
    digits = f"{number:07d}"
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if remainder == 1:
        return valid_business_id(number + 5_000_000)  # a block no sequence reaches
    return f"{digits}-{0 if remainder == 0 else 11 - remainder}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.fi")
    full_name = factory.Faker("name", locale="fi_FI")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"U{n}")
    name = factory.Sequence(lambda n: f"Unit {n}")


class ProfessionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfessionGroup

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Group {n}")


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    organisation = factory.SubFactory(OrganisationFactory)
    personal_id = factory.Sequence(lambda n: f"P{n:05d}")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    email = factory.Sequence(lambda n: f"employee{n}@example.fi")
    unit = factory.SubFactory(UnitFactory, organisation=factory.SelfAttribute("..organisation"))
    job_title = "Lastenhoitaja"
    languages = "fi"
    user = factory.SubFactory(UserFactory, email=factory.SelfAttribute("..email"))


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationRole

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = OrganisationRole.HR


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.Programme"

    owner = factory.SubFactory(OrganisationFactory)
    name_fi = factory.Sequence(lambda n: f"Mentorointiohjelma {n}")
    name_sv = factory.Sequence(lambda n: f"Mentorprogram {n}")
    formats = ["pair"]


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bank.MentorProfile"
        skip_postgeneration_save = True

    employee = factory.SubFactory(EmployeeFactory)
    introduction = "Kokenut varhaiskasvatuksen opettaja."
    capacity = 2

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):  # noqa: N805
        from mentorbank.bank.bank_search import index_profile

        if create:
            index_profile(obj)


NEW_PROGRAMME = object()


def mentorship_of(  # type: ignore[no-untyped-def]
    organisation,
    mentee,
    mentor=None,
    *,
    others=(),
    programme=NEW_PROGRAMME,
    format=None,
    state=None,
    actor=None,
    announce=False,
    source="matching",
):
    """A mentorship as the service makes it: the mentor (a new one of the mentee's unit unless
    given) with the mentee and any others as mentees; a pair, or a small group when there are
    others, unless format says; a running programme with a working-time limit of 90 minutes a
    month unless one (or None, outside any programme) is given; no e-mails unless announce; state
    moves it on (e.g. "active") without the agreement's steps."""
    from mentorbank.mentorships.models import Member, Mentorship
    from mentorbank.mentorships.services import create_mentorship

    if programme is NEW_PROGRAMME:
        programme = ProgrammeFactory(
            owner=organisation, state="running", working_time_minutes=90, working_time_period="month"
        )
    mentor = mentor or EmployeeFactory(organisation=organisation, unit=mentee.unit)
    mentorship = create_mentorship(
        organisation=organisation,
        programme=programme,
        format=format or ("group" if others else "pair"),
        source=source,
        members=[(mentor, Member.MENTOR), (mentee, Member.MENTEE), *((other, Member.MENTEE) for other in others)],
        actor=actor,
        announce=announce,
    )
    if state is not None:
        Mentorship.objects.filter(pk=mentorship.pk).update(state=state)
        mentorship.state = state
    return mentorship


def colleague_mentors_employee(world, programme):  # type: ignore[no-untyped-def]
    """The fixed world's usual pair: the colleague mentors the employee (no e-mails sent)."""
    return mentorship_of(world.org, world.employee, world.colleague, programme=programme)


def outsider(world, who, programme):  # type: ignore[no-untyped-def]
    """Someone with no business in a mentorship of `programme`: a colleague in no mentorship ("stranger"),
    a supervisor of other staff, a participant of another mentorship, or a person of the fixed world."""
    from mentorbank.mentorships.models import Member
    from mentorbank.mentorships.services import create_mentorship

    if who == "stranger":
        return EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    if who == "other_supervisor":
        person = EmployeeFactory(organisation=world.org, unit=world.hr.unit)
        EmployeeFactory(organisation=world.org, unit=world.hr.unit, supervisor=person)
        return person
    if who == "other_participant":
        person = EmployeeFactory(organisation=world.org, unit=world.hr.unit)
        create_mentorship(
            organisation=world.org,
            programme=programme,
            format="pair",
            source="matching",
            members=[(world.admin, Member.MENTOR), (person, Member.MENTEE)],
            actor=None,
            announce=False,
        )
        return person
    return getattr(world, who)
