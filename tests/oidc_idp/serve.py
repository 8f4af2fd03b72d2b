"""Start the test provider: python tests/oidc_idp/serve.py PORT CONFIG_JSON

CONFIG_JSON: {"users": [{"username", "password", "email"}], "client": {"id", "secret", "redirect_uri"}}.
Prints "ready" once it serves."""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    port, config = int(sys.argv[1]), json.loads(sys.argv[2])
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_idp.settings"
    os.environ["IDP_URL"] = f"http://127.0.0.1:{port}"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey", verbosity=0)
    ids = {}
    for user in config["users"]:
        made = User.objects.create_user(user["username"], user["email"], user["password"])
        ids[user["username"]] = made.pk
    client = Client.objects.create(
        name="Mentor Bank",
        client_type="confidential",
        client_id=config["client"]["id"],
        client_secret=config["client"]["secret"],
        _redirect_uris=config["client"]["redirect_uri"],
        _post_logout_redirect_uris=config["client"].get("post_logout_redirect_uri", ""),
        require_consent=False,
        jwt_alg="RS256",
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    client.scope = ["openid", "email", "profile"]
    client.save()
    print("ready " + json.dumps(ids), flush=True)
    run("127.0.0.1", port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
