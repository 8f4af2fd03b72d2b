"""Who may apply to a programme, and why not."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.core.dates import add_months
from mentorbank.organisations.models import Employee
from mentorbank.organisations.unit_tree import UnitNode, unit_tree
from mentorbank.programmes.models import Programme

REASONS = {
    "outside": _("This programme is not open to the staff of your organisation."),
    "not_eligible": _("This programme is open only to the staff of certain units or profession groups."),
    "not_open": _("The programme is not taking applications."),
    "not_yet": _("Applications open on %(date)s."),
    "closed": _("The application period closed on %(date)s."),
}


def refusal(programme: Programme, employee: Employee) -> str | None:
    """None when the employee may apply now; otherwise the reason, in the active language."""
    organisations = {programme.owner_id, *programme.participating_organisations.values_list("pk", flat=True)}
    if employee.organisation_id not in organisations:
        return str(REASONS["outside"])
    if not is_eligible(programme, employee):
        return str(REASONS["not_eligible"])
    return window_refusal(programme)


def window_refusal(programme: Programme) -> str | None:
    today = timezone.localdate()
    if programme.state != Programme.OPEN:
        return str(REASONS["not_open"])
    if programme.application_opens and today < programme.application_opens:
        return str(REASONS["not_yet"]) % {"date": programme.application_opens.strftime("%-d.%-m.%Y")}
    if programme.application_closes and today > programme.application_closes:
        return str(REASONS["closed"]) % {"date": programme.application_closes.strftime("%-d.%-m.%Y")}
    return None


def is_eligible(programme: Programme, employee: Employee) -> bool:
    return in_target_group(programme, employee) and in_units_or_groups(programme, employee)


def in_target_group(programme: Programme, employee: Employee) -> bool:
    """The programme's further targeting by HR data: new starters, an HR tag."""
    months = programme.eligible_started_within_months
    if months is not None:
        since = add_months(timezone.localdate(), -months)
        if employee.start_date is None or employee.start_date < since:
            return False
    tag = programme.eligible_hr_tag.strip().lower()
    return not tag or tag in employee.hr_tag_list


def in_units_or_groups(programme: Programme, employee: Employee) -> bool:
    if programme.eligibility == Programme.ELIGIBLE_UNITS:
        return employee.unit_id in eligible_unit_ids(programme)
    if programme.eligibility == Programme.ELIGIBLE_GROUPS:
        names = set(programme.eligible_profession_groups.values_list("name", flat=True))
        return employee.profession_group is not None and employee.profession_group.name in names
    return True


def eligible_unit_ids(programme: Programme) -> set[int]:
    """The chosen units and every unit below them, in each organisation of the programme."""
    chosen = set(programme.eligible_units.values_list("pk", flat=True))
    organisations = {programme.owner, *programme.participating_organisations.all()}
    return set().union(*(units_under(chosen, unit_tree(organisation)) for organisation in organisations))


def units_under(chosen: set[int], nodes: list[UnitNode]) -> set[int]:
    result: set[int] = set()
    inside_depth: int | None = None
    for node in nodes:  # depth-first: a chosen unit's descendants follow it until depth returns
        if inside_depth is not None and node.depth <= inside_depth:
            inside_depth = None
        if inside_depth is None and node.id in chosen:
            inside_depth = node.depth
        if inside_depth is not None:
            result.add(node.id)
    return result


def eligible_employees(programme: Programme) -> QuerySet[Employee]:
    """Everyone who may apply to the programme, as one query (the same rules as is_eligible)."""
    organisations = [programme.owner_id, *programme.participating_organisations.values_list("pk", flat=True)]
    people = Employee.objects.filter(organisation__in=organisations, anonymised_at__isnull=True)
    if programme.eligibility == Programme.ELIGIBLE_UNITS:
        people = people.filter(unit_id__in=eligible_unit_ids(programme))
    elif programme.eligibility == Programme.ELIGIBLE_GROUPS:
        names = programme.eligible_profession_groups.values_list("name", flat=True)
        people = people.filter(profession_group__name__in=list(names))
    if programme.eligible_started_within_months is not None:
        since = add_months(timezone.localdate(), -programme.eligible_started_within_months)
        people = people.filter(start_date__gte=since)
    tag = programme.eligible_hr_tag.strip().lower()
    if tag:
        people = people.filter(
            Q(hr_tags=tag)
            | Q(hr_tags__startswith=f"{tag},")
            | Q(hr_tags__endswith=f",{tag}")
            | Q(hr_tags__contains=f",{tag},")
        )
    return people


def open_programmes_for(employee: Employee):
    """Programmes taking applications that the employee may apply to."""
    candidates = (
        Programme.objects.of_organisation(employee.organisation).filter(state=Programme.OPEN).select_related("owner")
    )
    return [programme for programme in candidates if refusal(programme, employee) is None]
