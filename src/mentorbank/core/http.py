"""What the web layer reads off a request for the layers below it."""

from django.conf import settings
from django.http import HttpRequest


def origin_of(request: HttpRequest | None) -> str | None:
    """The client's address, the origin the audit log records: behind TRUSTED_PROXIES reverse proxies,
    the one the outermost of them saw (X-Forwarded-For, counted from the right, so a client cannot
    forge it); else the connection's."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
