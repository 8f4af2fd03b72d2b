"""Secrets at rest (mentorships' private notes, single sign-on client secrets), encrypted with
Fernet. The keys come from NOTES_ENCRYPTION_KEYS (else one derived from SECRET_KEY); with several
keys the first encrypts and all decrypt, so keys can be rotated without downtime."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def cipher() -> MultiFernet:
    keys = list(settings.NOTES_ENCRYPTION_KEYS)
    if not keys:
        derived = hashlib.sha256(f"mentorbank-notes:{settings.SECRET_KEY}".encode()).digest()
        keys = [base64.urlsafe_b64encode(derived).decode()]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    """The text, or "" when no key opens it (its key was removed)."""
    try:
        return cipher().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def rotate(token: str) -> str:
    """The same text encrypted with the first key."""
    return cipher().rotate(token.encode()).decode()
