"""People who read (or may not read) the audit trail."""

import pytest
from django.contrib.auth import get_user_model

from concord.accounts.models import Role, RoleKind


def person(username: str, **extra):
    return get_user_model().objects.create_user(username, f"{username}@example.org", "pw", **extra)


@pytest.fixture
def secretariat(db):
    user = person("secretariat-officer")
    Role.objects.create(user=user, kind=RoleKind.SECRETARIAT)
    return user


@pytest.fixture
def outsider(db):
    """Signed in, with no role that lets them read the trail."""
    return person("outsider")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "pw")
