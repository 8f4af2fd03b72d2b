"""Secrets handed out in links and headers (API keys, calendar feeds, survey links) are stored
only as this digest, so a copy of the database does not hold a working secret."""

import hashlib


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
