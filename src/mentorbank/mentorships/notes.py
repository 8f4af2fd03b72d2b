"""Private notes of a mentorship, for its participants alone, encrypted at rest (core.crypto)."""

from django.db import transaction

from mentorbank.core import crypto
from mentorbank.core.crypto import decrypt, encrypt
from mentorbank.organisations.models import Employee

from .models import Mentorship, Note


def add(*, mentorship: Mentorship, author: Employee, text: str) -> Note:
    return Note.objects.create(mentorship=mentorship, author=author, ciphertext=encrypt(text))


def readable(mentorship: Mentorship) -> list[tuple[Note, str]]:
    """Every note with its text. Call only for the mentorship's participants (see views)."""
    return [(note, decrypt(note.ciphertext)) for note in mentorship.notes.select_related("author")]


@transaction.atomic
def rotate() -> int:
    """Re-encrypt every note with the first key; returns how many were rewritten."""
    count = 0
    for note in Note.objects.select_for_update().only("pk", "ciphertext").iterator(chunk_size=500):
        note.ciphertext = crypto.rotate(note.ciphertext)
        note.save(update_fields=["ciphertext"])
        count += 1
    return count
