"""The house's floors: which module may import which, read from the source, so it stays true."""

import ast
import importlib
import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import path

from mentorbank.core.middleware import RefusalMiddleware
from mentorbank.core.refusals import Refused

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "mentorbank"

# Lowest first. An app may import its own floor's apps and the floors below, never above.
FLOORS = [
    {"core"},
    {"accounts", "notifications"},
    {"organisations"},
    {"sso"},
    {"programmes"},
    {"events"},
    {"applications"},
    {"bank"},
    {"mentorships"},
    {"matching", "surveys", "library"},
    {"reports", "privacy", "provisioning"},
    {"api", "home", "installation"},
]
FLOOR_OF = {app: level for level, apps in enumerate(FLOORS) for app in apps}

# Modules that Django calls with a request: they may take one; the rules below them may not.
REQUEST_MODULES = {"views", "urls", "middleware", "context_processors", "errors", "pagination", "http", "signals"}
REQUEST_HOOKS = {"mentorbank.accounts.throttling"}  # an authentication backend: Django passes the request


def modules() -> dict[str, Path]:
    found = {}
    for file in PACKAGE.rglob("*.py"):
        if "migrations" in file.parts:
            continue
        name = ".".join(file.relative_to(SRC).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = file
    return found


MODULES = modules()


def runtime_imports(name: str) -> set[str]:
    """The project's modules this one imports, anywhere in it (also inside functions), except
    imports made only for the type checker."""
    tree = ast.parse(MODULES[name].read_text())
    type_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}
        for inner in ast.walk(node)
    }
    is_package = MODULES[name].name == "__init__.py"
    found = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target not in MODULES and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in MODULES and target != name:
                found.add(target)
    return found


GRAPH = {name: runtime_imports(name) for name in MODULES}


def app_of(name: str) -> str:
    return name.split(".")[1] if name.count(".") else ""


def test_core_imports_no_domain_app():
    leaks = sorted(
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        if app_of(name) == "core"
        for target in targets
        if app_of(target) != "core"
    )
    assert leaks == []


def test_no_app_imports_a_floor_above_its_own():
    upward = sorted(
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        for target in targets
        if app_of(name) in FLOOR_OF and app_of(target) in FLOOR_OF and FLOOR_OF[app_of(target)] > FLOOR_OF[app_of(name)]
    )
    assert upward == []


def test_every_app_has_a_floor():
    apps = {app_of(name) for name in MODULES if name.count(".") > 1 or (PACKAGE / app_of(name)).is_dir()}
    assert apps - {""} <= set(FLOOR_OF) | {"cli", "settings", "urls", "wsgi"}


def test_the_import_graph_has_no_cycle():
    seen: dict[str, int] = {}  # 1 while on the path, 2 when done
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        seen[name] = 1
        for target in GRAPH[name]:
            if seen.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in seen:
                visit(target, [*trail, target])
        seen[name] = 2

    for name in sorted(GRAPH):
        if name not in seen:
            visit(name, [name])
    assert cycles == []


def test_the_matching_engine_imports_no_django():
    engine = [name for name in MODULES if name.startswith("mentorbank.matching.engine")]
    for name in engine:
        tree = ast.parse(MODULES[name].read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(module.split(".")[0] == "django" for module in imported), name
        assert not any(t for t in GRAPH[name] if not t.startswith("mentorbank.matching.engine")), name


REQUEST_TYPE = re.compile(r"\b(Http|Organisation|Authenticated|Api|WSGI|ASGI)Request\b")


def takes_a_request(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    arguments = [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]
    return any(
        argument.arg == "request"
        or (argument.annotation is not None and REQUEST_TYPE.search(ast.unparse(argument.annotation)))
        for argument in arguments
    )


def test_no_rule_module_takes_a_request():
    """Services, models, forms, tasks and the like take the acting user and an origin, never the request."""
    offenders = []
    for name, file in MODULES.items():
        last = name.rsplit(".", 1)[-1]
        if last in REQUEST_MODULES or last.endswith("_views") or app_of(name) == "api" or name in REQUEST_HOOKS:
            continue
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and takes_a_request(node):
                offenders.append(f"{name}.{node.name}")
    # the one exception: organisation_view's wrapper, which turns the request into an
    # OrganisationRequest, lives beside the membership it resolves
    assert offenders == ["mentorbank.organisations.access.wrapped"]


def test_services_modules_never_mention_the_request_type():
    for name, file in MODULES.items():
        if name.endswith(".services"):
            assert "HttpRequest" not in file.read_text(), name


# One way to refuse


class Example(Refused):
    messages = {"full": "It is full.", "limit": "At most %(limit)s."}


def test_a_refusal_carries_its_codes_and_their_messages():
    refused = Example("full", "limit", limit=3)
    assert refused.code == "full" and refused.codes == ("full", "limit")
    assert refused.message == "It is full. At most 3."


def test_a_code_without_a_message_is_a_bug_at_once():
    with pytest.raises(ValueError, match="declares no message"):
        Example("unknown")


def refusing_view(request):
    raise Example("full")


urlpatterns = [path("refuse/", refusing_view)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_refusal_a_page_lets_through_becomes_a_message_on_the_page_the_person_came_from(db):
    client = Client()
    response = client.post("/refuse/", HTTP_REFERER="http://testserver/somewhere/?page=2")
    assert response.status_code == 303 and response.url == "http://testserver/somewhere/?page=2"
    assert [str(m) for m in response.wsgi_request._messages] == ["It is full."]
    elsewhere = client.post("/refuse/", HTTP_REFERER="https://evil.example/")
    assert elsewhere.url == "/refuse/"  # never sent to another site


def test_the_middleware_leaves_other_errors_and_the_api_alone():
    middleware = RefusalMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/x/"), ValueError()) is None
    assert middleware.process_exception(RequestFactory().get("/api/v1/x"), Example("full")) is None


def test_every_domain_refusal_declares_its_messages():
    for module in [
        "mentorbank.bank.banking",
        "mentorbank.events.eventing",
        "mentorbank.programmes.services",
        "mentorbank.applications.applying",
        "mentorbank.surveys.services",
        "mentorbank.mentorships.services",
        "mentorbank.mentorships.course",
        "mentorbank.mentorships.meetings",
        "mentorbank.matching.services",
        "mentorbank.organisations.importing.reading",
        "mentorbank.organisations.importing.service",
        "mentorbank.sso.services",
    ]:
        loaded = importlib.import_module(module)
        kinds = [
            v for v in vars(loaded).values() if isinstance(v, type) and issubclass(v, Refused) and v is not Refused
        ]
        assert kinds and all(kind.messages for kind in kinds), module
