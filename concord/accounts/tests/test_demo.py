from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model

from concord.accounts.demo import DemoRefused, create_demo_accounts
from concord.accounts.models import Role
from concord.registry.models import BodyKind, PartyKind
from concord.registry.tests.factories import BodyFactory, ParticipationFactory, PartyFactory


@pytest.fixture
def demo_registry(db):
    viet_nam = PartyFactory(code="VNM", name="Viet Nam")
    BodyFactory(
        code="vnm-mpi",
        name="Ministry of Planning and Investment",
        kind=BodyKind.MINISTRY,
        party=viet_nam,
    )
    PartyFactory(code="eu", name="EU", kind=PartyKind.ORGANIZATION)
    ParticipationFactory(party=PartyFactory(code="MNG", name="Mongolia"))
    ParticipationFactory(party=viet_nam)
    ParticipationFactory(party=PartyFactory(code="syn-1"), instrument__symbol="SYN/1")


def test_demo_accounts_are_created_once_with_the_password_demo(demo_registry, settings, rf):
    settings.DEBUG = True
    out = StringIO()
    names = create_demo_accounts(stdout=out)
    assert set(names) == {
        "secretariat",
        "reviewer",
        "partner",
        "ministry",
        "focal-MNG",
        "focal-VNM",
    }
    assert "focal-MNG" in out.getvalue()
    ministry = Role.objects.get(user__username="ministry")
    assert ministry.body.code == "vnm-mpi"
    create_demo_accounts(stdout=StringIO())
    assert Role.objects.count() == 6
    assert get_user_model().objects.count() == 6
    request = rf.post("/accounts/login")
    assert authenticate(request, username="focal-MNG", password="demo") is not None


def test_demo_accounts_are_refused_in_production(demo_registry, settings):
    settings.DEBUG = False
    with pytest.raises(DemoRefused, match="refused in production"):
        create_demo_accounts(stdout=StringIO())
    assert not get_user_model().objects.exists()
