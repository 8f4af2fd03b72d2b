"""Private notes of a mentorship, for its participants alone, encrypted at rest.

The key comes from the settings (NOTES_ENCRYPTION_KEYS, else derived from SECRET_KEY); with
several keys the first encrypts and all decrypt, so keys can be rotated without downtime."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import transaction

from mentorbank.organisations.models import Employee

from .models import Mentorship, Note


def cipher() -> MultiFernet:
    keys = list(settings.NOTES_ENCRYPTION_KEYS)
    if not keys:
        derived = hashlib.sha256(f"mentorbank-notes:{settings.SECRET_KEY}".encode()).digest()
        keys = [base64.urlsafe_b64encode(derived).decode()]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""  # a key that has been removed: the note cannot be read any more


def add(*, mentorship: Mentorship, author: Employee, text: str) -> Note:
    return Note.objects.create(mentorship=mentorship, author=author, ciphertext=encrypt(text))


def readable(mentorship: Mentorship) -> list[tuple[Note, str]]:
    """Every note with its text. Call only for the mentorship's participants (see views)."""
    return [(note, decrypt(note.ciphertext)) for note in mentorship.notes.select_related("author")]


@transaction.atomic
def rotate() -> int:
    """Re-encrypt every note with the first key; returns how many were rewritten."""
    current = cipher()
    count = 0
    for note in Note.objects.select_for_update().only("pk", "ciphertext").iterator(chunk_size=500):
        note.ciphertext = current.rotate(note.ciphertext.encode()).decode()
        note.save(update_fields=["ciphertext"])
        count += 1
    return count
