def userinfo(claims, user):  # type: ignore[no-untyped-def]
    """What the provider tells about a user: the work e-mail, as Entra ID does."""
    claims["email"] = user.email
    claims["email_verified"] = True
    claims["name"] = user.get_full_name() or user.username
    return claims
