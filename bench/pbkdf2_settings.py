"""`bench/load.py --hasher pbkdf2`: the production settings with the password hasher used before
Argon2id (Django's PBKDF2, 1,000,000 iterations), to measure signing in before and after."""

from mentorbank.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
