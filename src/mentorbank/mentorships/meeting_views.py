"""Meeting pages: plan, move, cancel, record working time; supervisors' exceptions; calendar feeds."""

import datetime
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentorbank.core.downloads import attachment
from mentorbank.core.http import origin_of
from mentorbank.core.tokens import digest
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.programmes.access import access_programme

from . import compensation, meetings
from .access import PARTICIPANT, access_mentorship
from .calendar import calendar_of
from .forms import ExceptionForm, MeetingForm, MoveForm, PeriodForm, RecordForm, SubstituteForm
from .models import CalendarFeed, Meeting, Mentorship, SubstituteRequest


def participant_only(request: OrganisationRequest, mentorship_id: int) -> Mentorship:
    mentorship, relation = access_mentorship(request.membership, mentorship_id)
    if relation != PARTICIPANT:
        raise PermissionDenied
    return mentorship


def back(request: OrganisationRequest, mentorship: Mentorship) -> HttpResponse:
    return redirect("mentorships:detail", request.organisation.slug, mentorship.pk)


@organisation_view()
def meeting_plan(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    mentorship = participant_only(request, mentorship_id)
    agreement = mentorship.agreements.order_by("-version").first()
    initial = {"minutes": agreement.meeting_minutes, "place": agreement.meeting_place} if agreement else {}
    if agreement:
        initial["every_weeks"] = agreement.meeting_every_weeks
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            planned, skipped = meetings.plan(
                mentorship=mentorship,
                first=data["starts_at"],
                minutes=data["minutes"],
                place=data["place"],
                every_weeks=data["every_weeks"],
                count=data["count"],
                actor=request.user,
                origin=origin_of(request),
            )
        except meetings.MeetingRefused as refused:
            form.add_error(None, refused.message)
        else:
            text = ngettext(
                "%(count)s meeting planned; invitations were sent.",
                "%(count)s meetings planned; invitations were sent.",
                len(planned),
            ) % {"count": len(planned)}
            if skipped:
                days = ", ".join(formats.date_format(day, "SHORT_DATE_FORMAT") for day in skipped)
                text += " " + _("Left out as public holidays: %(days)s.") % {"days": days}
            messages.success(request, text)
            return back(request, mentorship)
    return render(request, "mentorships/meeting_form.html", {"mentorship": mentorship, "form": form, "moving": None})


def meeting_of(mentorship: Mentorship, meeting_id: int) -> Meeting:
    return get_object_or_404(mentorship.meetings, pk=meeting_id)


@organisation_view()
def meeting_move(request: OrganisationRequest, mentorship_id: int, meeting_id: int) -> HttpResponse:
    mentorship = participant_only(request, mentorship_id)
    meeting = meeting_of(mentorship, meeting_id)
    local = timezone.localtime(meeting.starts_at)
    initial = {"day": local.date(), "time": local.time(), "minutes": meeting.minutes, "place": meeting.place}
    form = MoveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meetings.move(
                meeting=meeting,
                starts_at=data["starts_at"],
                minutes=data["minutes"],
                place=data["place"],
                actor=request.user,
                origin=origin_of(request),
            )
        except meetings.MeetingRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The meeting was moved; everyone got an updated invitation."))
            return back(request, mentorship)
    return render(request, "mentorships/meeting_form.html", {"mentorship": mentorship, "form": form, "moving": meeting})


@require_POST
@organisation_view()
def meeting_cancel(request: OrganisationRequest, mentorship_id: int, meeting_id: int) -> HttpResponse:
    mentorship = participant_only(request, mentorship_id)
    try:
        meetings.cancel(meeting=meeting_of(mentorship, meeting_id), actor=request.user, origin=origin_of(request))
    except meetings.MeetingRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The meeting was cancelled; everyone was told."))
    return back(request, mentorship)


@organisation_view()
def meeting_record(request: OrganisationRequest, mentorship_id: int, meeting_id: int) -> HttpResponse:
    mentorship = participant_only(request, mentorship_id)
    meeting = meeting_of(mentorship, meeting_id)
    people = [m.employee for m in mentorship.members.current().select_related("employee")]
    form = RecordForm(request.POST or None, people=people, minutes=meeting.minutes)
    if request.method == "POST" and form.is_valid():
        try:
            meetings.record(meeting=meeting, minutes=form.minutes, actor=request.user, origin=origin_of(request))
        except meetings.MeetingRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The meeting was marked held and the working time recorded."))
            return back(request, mentorship)
    return render(
        request, "mentorships/meeting_record.html", {"mentorship": mentorship, "form": form, "meeting": meeting}
    )


@organisation_view()
def time_exception(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    """A participant's supervisor allows more working time than the programme's limit for one period."""
    membership = request.membership
    mentorship, _relation = access_mentorship(membership, mentorship_id)
    supervisor = membership.employee
    staff = mentorship.members.current().filter(employee__supervisor=supervisor).values("employee")
    if supervisor is None or mentorship.programme is None or not staff.exists():
        raise PermissionDenied
    form = ExceptionForm(request.POST or None, staff=supervisor.reports.filter(pk__in=staff))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meetings.grant_exception(
            supervisor=supervisor,
            employee=data["employee"],
            programme=mentorship.programme,
            day=data["day"],
            extra=data["extra_minutes"],
            reason=data["reason"],
            actor=request.user,
            origin=origin_of(request),
        )
        messages.success(request, _("More working time was allowed."))
        return back(request, mentorship)
    return render(request, "mentorships/time_exception.html", {"mentorship": mentorship, "form": form})


@organisation_view()
def calendar_settings(request: OrganisationRequest) -> HttpResponse:
    """The personal calendar feed: a secret address, shown once when made; making a new one ends the old."""
    address = ""
    if request.method == "POST":
        token = secrets.token_urlsafe(32)
        CalendarFeed.objects.update_or_create(user=request.user, defaults={"token_hash": digest(token)})
        address = request.build_absolute_uri(f"/calendar/{token}.ics")
        messages.success(request, _("A new calendar address was made. Any earlier address no longer works."))
    has_feed = CalendarFeed.objects.filter(user=request.user).exists()
    return render(request, "mentorships/calendar.html", {"address": address, "has_feed": has_feed})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The meetings of every mentorship the feed's owner takes part in, for calendar apps (no sign-in)."""
    feed = CalendarFeed.objects.filter(token_hash=digest(token)).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404
    since = timezone.now() - datetime.timedelta(days=180)
    items = Meeting.objects.filter(
        mentorship__members__employee__user=feed.user,
        mentorship__members__left_at__isnull=True,
        starts_at__gte=since,
    ).distinct()
    response = HttpResponse(calendar_of(items), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_POST
@organisation_view()
def substitute_decide(request: OrganisationRequest, substitute_id: int) -> HttpResponse:
    """The participant's supervisor marks the substitute arranged or not needed."""
    supervisor = request.membership.employee
    item = SubstituteRequest.objects.filter(pk=substitute_id, supervisor=supervisor).first() if supervisor else None
    if item is None:
        raise PermissionDenied
    form = SubstituteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("home:home", request.organisation.slug)
    meetings.substitute_decide(
        item=item,
        state=form.cleaned_data["state"],
        name=form.cleaned_data["substitute_name"],
        minutes=form.minutes(),
        actor=request.user,
        origin=origin_of(request),
    )
    messages.success(request, _("Saved."))
    return redirect("home:home", request.organisation.slug)


@organisation_view()
def compensation_statement(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    """The programme's coordinators: each mentor's compensation for a period, and the payroll export."""
    programme = access_programme(request.membership, programme_id, manage=True)
    form = PeriodForm(request.GET or None)
    today = timezone.localdate()
    start, end = today.replace(day=1), today
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = compensation.statement(programme, start, end)
    wanted = request.GET.get("format", "")
    name = f"compensation-{programme.pk}-{start.isoformat()}-{end.isoformat()}"
    if wanted == "csv":
        return attachment(compensation.as_csv(rows), f"{name}.csv")
    if wanted == "xlsx":
        return attachment(compensation.as_xlsx(rows), f"{name}.xlsx")
    query = f"start={start.isoformat()}&end={end.isoformat()}"
    return render(
        request,
        "mentorships/compensation.html",
        {
            "programme": programme,
            "form": form if form.is_bound else PeriodForm(initial={"start": start, "end": end}),
            "rows": rows,
            "total": sum((r.amount for r in rows), start=compensation.Decimal("0")),
            "query": query,
        },
    )
