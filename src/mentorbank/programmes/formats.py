"""The ways mentoring is organised: a programme allows some of them, a matching run forms one of
them, and each mentorship is one. The codes are stored; the words differ by where they are read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    """A mentorship's format, as its page names it."""

    PAIR = "pair", _("Pair")
    PEER = "peer", _("Peer pair")
    GROUP = "group", _("Small group")
    CO_MENTORING = "co_mentoring", _("Co-mentoring group")
    INDIVIDUAL = "individual", _("Individual mentoring")


GROUP_FORMATS = (Format.GROUP, Format.CO_MENTORING)

# What a coordinator chooses among when setting up a programme: each format explained.
PROGRAMME_FORMATS = [
    (Format.PAIR.value, _("Pair (one mentor, one mentee)")),
    (Format.PEER.value, _("Peer mentoring (roles alternate)")),
    (Format.GROUP.value, _("Small group (one mentor, several mentees)")),
    (Format.CO_MENTORING.value, _("Co-mentoring (two mentors, several mentees)")),
    (Format.INDIVIDUAL.value, _("Individual mentoring")),
]

# What a matching run forms (individual mentoring is matched in pairs).
RUN_FORMATS = [
    (Format.PAIR.value, _("Pairs")),
    (Format.GROUP.value, _("Small groups around a mentor")),
    (Format.CO_MENTORING.value, _("Groups around two co-mentors")),
    (Format.PEER.value, _("Peer pairs (roles alternate)")),
]
