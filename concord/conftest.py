"""Fixtures shared by every app's tests."""

import pytest

from concord.registry.tests import factories


@pytest.fixture(scope="session", autouse=True)
def session_uploads_dir(tmp_path_factory):
    """Keep the files tests ingest (the demo's seeds too) out of the data directory."""
    from django.conf import settings

    previous = settings.UPLOADS_DIR
    settings.UPLOADS_DIR = tmp_path_factory.mktemp("uploads")
    yield settings.UPLOADS_DIR
    settings.UPLOADS_DIR = previous


@pytest.fixture
def published_instrument(db):
    return factories.InstrumentFactory()


@pytest.fixture
def unpublished_instrument(db):
    return factories.InstrumentFactory(
        title="Confidential draft under review", publication="in_review"
    )


# Personas -----------------------------------------------------------------------------------
# The people every test speaks of, as docs/permissions.md lists them (concord/accounts/permdoc.py
# holds their roles): the secretariat, a secretariat of one body (the Office of the Special
# Representative), a focal point of party A (France), a focal point of party B (Ukraine), a
# reviewer of party A, a resource partner, a cooperation officer of the International Criminal
# Court, the central authority of party A, and the anonymous public.

PERSONAS = (
    "anonymous",
    "secretariat",
    "body_secretariat",
    "focal_point",
    "other_focal_point",
    "reviewer",
    "partner",
    "officer",
    "central_authority",
)


def make_person(username: str, *roles: tuple[str, object]):
    """Create a person (password "pw") holding each ``(kind, party or body)`` role from today."""
    from django.contrib.auth import get_user_model

    from concord.accounts.models import Role
    from concord.registry.models import Body

    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    for kind, scope in roles:
        field = "body" if isinstance(scope, Body) else "party"
        Role.objects.create(user=user, kind=kind, **{field: scope})
    return user


def persona_scope(name: str):
    """Return the party (or body) a persona's role is held for, creating it if needed."""
    from concord.accounts.permdoc import BODY_SCOPES, SCOPES
    from concord.registry.models import Body, PartyKind

    code, label = SCOPES[name]
    if name in BODY_SCOPES:
        return Body.objects.filter(code=code).first() or factories.BodyFactory(
            code=code, name=label
        )
    kind = PartyKind.FOUNDATION if name == "donor" else PartyKind.STATE
    return factories.PartyFactory(code=code, name=label, kind=kind)


def make_persona(name: str):
    """Create the named persona (None for ``anonymous``) with the roles permdoc gives it."""
    from concord.accounts.permdoc import PERSONAS as ROLES

    if name == "anonymous":
        return None
    roles = [(kind, persona_scope(scope) if scope else None) for kind, scope in ROLES[name]]
    return make_person(name.replace("_", "-"), *roles)


@pytest.fixture
def party_a(db):
    return persona_scope("party_a")


@pytest.fixture
def party_b(db):
    return persona_scope("party_b")


@pytest.fixture
def secretariat(db):
    return make_persona("secretariat")


@pytest.fixture
def scope_body(db):
    return persona_scope("body")


@pytest.fixture
def body_secretariat(db, scope_body):
    return make_persona("body_secretariat")


@pytest.fixture
def focal_point(db, party_a):
    return make_persona("focal_point")


@pytest.fixture
def other_focal_point(db, party_b):
    return make_persona("other_focal_point")


@pytest.fixture
def reviewer(db, party_a):
    return make_persona("reviewer")


@pytest.fixture
def partner(db):
    return make_persona("partner")


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def client_as(db):
    """Return a function giving a test client signed in as a person (anonymous for None)."""
    from django.test import Client

    def signed_in(person) -> Client:
        client = Client()
        if person is not None and person.is_authenticated:
            client.force_login(person, backend="concord.accounts.backends.PasswordBackend")
        return client

    return signed_in


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords quickly; Argon2 is slow on purpose, and tests make many people."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def language_of_record():
    """Start and end every test in English: a request in another language leaves it active."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
