"""A programme's rules in words, for the people who will follow them (agreements, the bank's request page)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorbank.programmes.models import Programme


def working_time_text(programme: Programme | None) -> str:
    if programme is None or not programme.working_time_minutes:
        return _("Meetings are held on working time as agreed with each participant's supervisor.")
    period = dict(Programme.PERIODS).get(programme.working_time_period, "")
    return ngettext(
        "Mentoring may take at most %(minutes)s minute of working time %(period)s.",
        "Mentoring may take at most %(minutes)s minutes of working time %(period)s.",
        programme.working_time_minutes,
    ) % {
        "minutes": programme.working_time_minutes,
        "period": period,
    }


def rules_summary(programme: Programme | None) -> list[str]:
    """The rules a pair of this programme follows (None: a pair outside any programme)."""
    if programme is None:
        return [
            working_time_text(None),
            _("The supervisors of both of you approve the working time; no programme's surveys or reports apply."),
        ]
    rules = [working_time_text(programme)]
    if programme.duration_kind == "meetings" and programme.duration_meetings:
        count = programme.duration_meetings
        rules.append(
            ngettext("The mentoring lasts %(count)s meeting.", "The mentoring lasts %(count)s meetings.", count)
            % {"count": count}
        )
    else:
        count = programme.duration_months
        rules.append(
            ngettext("The agreement is made for %(count)s month.", "The agreement is made for %(count)s months.", count)
            % {"count": count}
        )
    approvers = (
        _("Both supervisors and HR approve the agreement.")
        if programme.hr_approves_participation
        else _("Both supervisors approve the agreement.")
    )
    rules.append(approvers)
    if programme.follow_up_after_months:
        count = programme.follow_up_after_months
        rules.append(
            ngettext(
                "A follow-up survey comes after %(count)s month.",
                "A follow-up survey comes after %(count)s months.",
                count,
            )
            % {"count": count}
        )
    if programme.checkpoint_after_meetings:
        count = programme.checkpoint_after_meetings
        rules.append(
            ngettext("A checkpoint after %(count)s meeting.", "A checkpoint after %(count)s meetings.", count)
            % {"count": count}
        )
    if programme.final_survey:
        rules.append(_("A final survey at the end."))
    return rules
