from typing import Any

from django.conf import settings
from django.http import HttpRequest

from mentorbank.organisations.access import organisations_of
from mentorbank.organisations.validators import LANGUAGE_NAMES


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page frame needs: the organisation switch and the languages."""
    return {
        "current_organisation": getattr(request, "organisation", None),
        "membership": getattr(request, "membership", None),
        "my_organisations": organisations_of(request.user) if hasattr(request, "user") else [],
        "language_choices": LANGUAGE_NAMES,
        "debug": settings.DEBUG,
    }
