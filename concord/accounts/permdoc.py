"""Write ``docs/permissions.md`` from the rules: ``concord permissions doc``.

The personas are the ones every test uses (``concord/conftest.py``); their outcomes are
computed by asking the rules, with each persona's roles held in memory, so the document needs
no database and cannot drift from the code (a test compares it with the committed file).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from concord.accounts import access
from concord.accounts.models import ROLE_SCOPES, Role, RoleKind
from concord.accounts.rules import PERMISSIONS, ROLES_CACHE
from concord.registry.models import Body, Party

# The parties and bodies the personas hold roles for (codes as in the test registry).
SCOPES = {
    "party_a": ("FRA", "France"),
    "party_b": ("UKR", "Ukraine"),
    "donor": ("donor-fund", "Donor Fund"),
    "body": ("osr-cthb", "Office of the Special Representative"),
    "court": ("icc", "International Criminal Court"),
}
BODY_SCOPES = {"body", "court"}
PERSONAS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "anonymous": (),
    "secretariat": ((RoleKind.SECRETARIAT, None),),
    "body_secretariat": ((RoleKind.SECRETARIAT, "body"),),
    "focal_point": ((RoleKind.FOCAL_POINT, "party_a"),),
    "other_focal_point": ((RoleKind.FOCAL_POINT, "party_b"),),
    "reviewer": ((RoleKind.REVIEWER, "party_a"),),
    "partner": ((RoleKind.RESOURCE_PARTNER, "donor"),),
    "officer": ((RoleKind.COOPERATION_OFFICER, "court"),),
    "central_authority": ((RoleKind.CENTRAL_AUTHORITY, "party_a"),),
}


@dataclass(frozen=True)
class Row:
    key: str
    route: str
    access: access.Access | None
    outcomes: dict[str, str]


def persona_in_memory(name: str) -> Any:
    """Return a persona as an unsaved user whose roles are held in memory."""
    if name == "anonymous":
        return AnonymousUser()
    index = list(PERSONAS).index(name)
    user = get_user_model()(pk=10_000 + index, username=name, is_active=True)
    roles = []
    for kind, scope in PERSONAS[name]:
        role = Role(user=user, kind=kind)
        if scope:
            code, label = SCOPES[scope]
            pk = 20_000 + list(SCOPES).index(scope)
            if scope in BODY_SCOPES:
                role.body = Body(pk=pk, code=code, name=label)
            else:
                role.party = Party(pk=pk, code=code, name=label)
        roles.append(role)
    setattr(user, ROLES_CACHE, roles)
    return user


def url_names() -> Iterator[tuple[str, str]]:
    """Yield ``(name, route)`` for every named page in the URLconf, the API's own excepted."""

    def walk(patterns, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "api":
                    continue
                inner = ":".join(p for p in (namespace, pattern.namespace) if p)
                yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route

    seen: set[str] = set()
    for name, route in walk(get_resolver().url_patterns, "/", ""):
        if name not in seen:
            seen.add(name)
            yield name, route


def api_operations() -> Iterator[tuple[str, str]]:
    """Yield ``(method, path)`` for every operation in the API's OpenAPI document."""
    from concord.api import api

    schema = api.get_openapi_schema()
    for path, methods in sorted(schema["paths"].items()):
        for method in sorted(methods):
            yield method.upper(), path


def page_rows() -> list[Row]:
    personas = {name: persona_in_memory(name) for name in PERSONAS}
    rows = []
    for name, route in sorted(url_names()):
        rule = access.page_access(name)
        outcomes = {
            persona: access.outcome(rule, user, api=False) if rule else "undeclared"
            for persona, user in personas.items()
        }
        rows.append(Row(name, route, rule, outcomes))
    return rows


def operation_rows() -> list[Row]:
    personas = {name: persona_in_memory(name) for name in PERSONAS}
    rows = []
    for method, path in api_operations():
        rule = access.operation_access(method, path)
        outcomes = {
            persona: access.outcome(rule, user, api=True) if rule else "undeclared"
            for persona, user in personas.items()
        }
        rows.append(Row(f"{method} {path}", path, rule, outcomes))
    return rows


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table; a ``|`` inside a cell (``(is_owner | is_secretariat)``) is escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += [
        "| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows
    ]
    return lines


def render() -> str:
    """Return the text of ``docs/permissions.md`` (in English, whatever the active language)."""
    with translation.override("en"):
        return _render()


def _render() -> str:
    names = list(PERSONAS)
    personas = {name: persona_in_memory(name) for name in names}
    out = [
        "# Permissions",
        "",
        "<!-- Generated by `concord permissions doc` from concord/accounts/rules.py and",
        "     concord/accounts/access.py. Do not edit: a test fails when it differs. -->",
        "",
        'Concord answers every "may this person do this to this object" question with one set',
        "of rules (`concord/accounts/rules.py`, the `rules` package). A person holds a permission",
        "through a role in force today, within its scope; a staff flag or a Django group grants",
        "nothing. A superuser (made with `concord createsuperuser`) bypasses the rules and is",
        "meant for the operator only.",
        "",
        "Outcomes: **allowed**; **sign-in** (a page sends an anonymous visitor, or someone",
        "without admin access, to the sign-in page); **401** (the API needs a token or a",
        "session); **403** (signed in, but the role does not allow it); **404** (the object is",
        "one the caller may not know exists).",
        "",
        "## Personas",
        "",
        "The named personas of every test (`concord/conftest.py`).",
        "",
    ]
    persona_rows = []
    for name in names:
        roles = PERSONAS[name]
        described = (
            ", ".join(
                str(RoleKind(kind).label) + (f" of {SCOPES[scope][1]}" if scope else " (all)")
                for kind, scope in roles
            )
            or "no account"
        )
        persona_rows.append([f"`{name}`", described])
    out += _table(["persona", "roles"], persona_rows)
    out += [
        "",
        "## Roles and their scopes",
        "",
        "A role is held within a scope; the scope a kind of role needs is checked when it is",
        "granted (422 through the API). A secretariat of a body acts on the instruments of that",
        "body and of its organs (and what hangs on them: provisions, participation, statements);",
        "a secretariat of an instrument on that instrument; a secretariat with no scope on all",
        "of Concord, including the parties, groups and bodies every instrument shares.",
        "",
        "Reads follow the same scopes, in the query: a scoped secretariat's admin lists hold,",
        "count and search only the instruments in its scope and the provisions, participation,",
        "statements and citations that hang on them (`instruments_in_scope` and",
        "`in_secretariat_scope` in `concord/accounts/selectors.py`); a record outside its scope",
        "is one it may not know exists. Parties, groups and bodies are shared reference data:",
        "every secretariat sees them all, and only a secretariat with no scope changes them.",
        "",
        "Only a secretariat with no scope deactivates or reactivates a person",
        "(`accounts.manage_people`): a deactivated person cannot sign in, whatever their",
        "scope, and their API tokens are revoked. Their roles are kept; the change is audited",
        "(`accounts.personstatus`). A person whose roles require two-factor authentication",
        "creates their API tokens themselves, from a session verified with their code; the",
        "command line refuses to create one for them.",
        "",
    ]
    scope_rows = [
        [
            RoleKind(kind).label,
            *(ROLE_SCOPES[kind][field] for field in ("party", "body", "instrument")),
        ]
        for kind in RoleKind.values
    ]
    out += _table(["role", "party", "body", "instrument"], scope_rows)
    out += ["", "## Permissions", "", "Asked without an object (what a list or a form needs).", ""]
    perm_rows = []
    for name in sorted(PERMISSIONS):
        if "." not in name:
            continue
        predicate = PERMISSIONS[name]
        cells = ["yes" if personas[p].has_perm(name) else "no" for p in names]
        perm_rows.append([f"`{name}`", f"`{predicate.name}`", *cells])
    out += _table(["permission", "rule", *names], perm_rows)
    out += [
        "",
        "## Pages",
        "",
        "Every named URL pattern (the permission matrix test opens each as each persona).",
        "",
    ]
    out += _table(
        ["page", "route", "who", *names],
        [
            [
                f"`{r.key}`",
                "`" + r.route.replace("|", "\\|") + "`",
                r.access.describe() if r.access else "UNDECLARED",
                *r.outcomes.values(),
            ]
            for r in page_rows()
        ],
    )
    out += [
        "",
        "## API",
        "",
        "Every operation of `/api/openapi.json` (the test calls each as each persona; a write",
        "sends a valid body).",
        "",
    ]
    out += _table(
        ["operation", "who", *names],
        [
            [f"`{r.key}`", r.access.describe() if r.access else "UNDECLARED", *r.outcomes.values()]
            for r in operation_rows()
        ],
    )
    return "\n".join(out) + "\n"


def parse(text: str, section: str) -> dict[str, dict[str, str]]:
    """Read one table of the document back: ``{key: {persona: outcome}}``."""
    lines = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0].splitlines()
    table = [line for line in lines if line.startswith("|")]
    header = [cell.strip() for cell in _cells(table[0])]
    result = {}
    for line in table[2:]:
        cells = [cell.strip() for cell in _cells(line)]
        result[cells[0].strip("`")] = {
            persona: cells[header.index(persona)] for persona in PERSONAS
        }
    return result


def _cells(line: str) -> list[str]:
    return re.split(r"(?<!\\)\|", line.strip()[1:-1])
