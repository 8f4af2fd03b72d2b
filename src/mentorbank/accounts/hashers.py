"""Passwords hashed with Argon2id at the parameters OWASP's Password Storage Cheat Sheet gives as its
minimum: 19 MiB of memory, 2 passes, 1 lane. Django's own Argon2 defaults (100 MiB, 8 lanes) cost
several times more memory and time per sign-in on a small server without being needed for this level.
Hashes made with other parameters or other hashers (PBKDF2, the earlier default) still verify, and
are re-hashed with these when their owner next signs in."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    algorithm = "argon2"  # the same stored prefix as Django's: only the parameters differ
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
