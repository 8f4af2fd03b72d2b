import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
LANGUAGE_CODES = ("fi", "sv", "en")
# Each language by its own name, as a language switch shows it.
LANGUAGE_NAMES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]


def business_id_is_valid(value: str) -> bool:
    """Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit."""
    match = BUSINESS_ID_RE.match(value)
    if not match:
        return False
    weights = (7, 9, 10, 5, 8, 4, 2)
    remainder = sum(int(d) * w for d, w in zip(match.group(1), weights, strict=True)) % 11
    if remainder == 1:
        return False
    check = 0 if remainder == 0 else 11 - remainder
    return check == int(match.group(2))


def validate_business_id(value: str) -> None:
    if not business_id_is_valid(value):
        raise ValidationError(_("Enter a valid Finnish business ID, e.g. 0123456-7 with the right check digit."))


def parse_languages(value: str) -> list[str]:
    """'fi, sv' -> ['fi', 'sv']; raises ValueError for an unknown code."""
    codes = [part.strip().lower() for part in re.split(r"[,;/\s]+", value) if part.strip()]
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if unknown:
        raise ValueError(", ".join(unknown))
    return list(dict.fromkeys(codes))


def validate_languages(value: str) -> None:
    try:
        parse_languages(value)
    except ValueError as error:
        raise ValidationError(
            _("Unknown language code: %(codes)s. Use fi, sv or en."), params={"codes": str(error)}
        ) from error
