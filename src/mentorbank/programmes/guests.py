"""Outside trainers and coaches of a programme: HR adds them (that is the approval), they get a guest
account that sees only this programme, and HR removes them when their part is done."""

from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.accounts.links import set_password_path
from mentorbank.accounts.models import User, normalise_email
from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.notifications.service import notify
from mentorbank.programmes.models import Programme, ProgrammeGuest


class GuestRefused(Refused):
    messages = {
        "staff": _("This person works for a participating organisation: add them to the committee by e-mail instead."),
        "already": _("This person is already a guest of the programme."),
        "closed": _("Guests cannot be added to a closed programme."),
    }


@transaction.atomic
def guest_add(*, programme: Programme, data: dict[str, Any], actor: Any, origin: str | None = None) -> ProgrammeGuest:
    if programme.state == Programme.CLOSED:
        raise GuestRefused("closed")
    email = normalise_email(data["email"])
    user = User.objects.filter(email=email).first()
    organisations = [programme.owner_id, *programme.participating_organisations.values_list("pk", flat=True)]
    if user is not None and user.employments.filter(organisation__in=organisations).exists():
        raise GuestRefused("staff")
    if user is None:
        user = User.objects.create(email=email, full_name=data["name"], password=make_password(None))
    guest, created = ProgrammeGuest.objects.get_or_create(
        programme=programme,
        user=user,
        defaults={"name": data["name"], "employer": data["employer"], "role": data["role"], "added_by": actor},
    )
    if not created and guest.removed_at is None:
        raise GuestRefused("already")
    guest.name, guest.employer, guest.role = data["name"], data["employer"], data["role"]
    guest.on_committee, guest.removed_at, guest.added_by, guest.added_at = (
        data["on_committee"],
        None,
        actor,
        timezone.now(),
    )
    guest.save()
    if guest.on_committee:
        programme.committee_members.add(user)
    audit.record(
        actor=actor,
        action="programme.guest_added",
        organisation=programme.owner,
        origin=origin,
        details={"programme": programme.pk, "guest": email, "committee": guest.on_committee},
    )
    notify(
        user=user,
        template="programme_guest_invitation",
        organisation=programme.owner,
        context={
            "guest": guest,
            "programme": programme,
            "link": "" if user.has_usable_password() else set_password_path(user),
        },
    )
    return guest


@transaction.atomic
def guest_remove(*, guest: ProgrammeGuest, actor: Any, origin: str | None = None) -> None:
    """The guest sees nothing of the programme any more; what they did stays (attendance, decisions)."""
    guest.removed_at = timezone.now()
    guest.save(update_fields=["removed_at"])
    guest.programme.committee_members.remove(guest.user)
    audit.record(
        actor=actor,
        action="programme.guest_removed",
        organisation=guest.programme.owner,
        origin=origin,
        details={"programme": guest.programme_id, "guest": guest.user.email},
    )
