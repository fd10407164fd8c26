"""The demo's fictitious cooperation requests, on the real seeds, played by the demo accounts."""

from io import StringIO

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.demo import create_demo_accounts, demo_code
from concord.cooperation import piecing, statistics
from concord.cooperation.models import CooperationRequest, PersonConcerned
from concord.demo.cooperation import load_cooperation_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(demo, settings):
    settings.DEBUG = True
    create_demo_accounts(stdout=StringIO())
    out = StringIO()
    assert load_cooperation_example(stdout=out)
    return out.getvalue()


def _signed_in(username: str) -> Client:
    device = TOTPDevice.objects.get(user__username=username, name="demo")
    client = Client()
    client.force_login(device.user, backend="concord.accounts.backends.PasswordBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_every_request_and_person_is_marked_fictitious(example):
    assert CooperationRequest.objects.count() == 5
    assert not CooperationRequest.objects.filter(fictitious=False).exists()
    assert not PersonConcerned.objects.filter(fictitious=False).exists()
    page = _signed_in("officer").get("/cooperation/")
    assert b"ictitious" in page.content


def test_two_spellings_of_one_company_and_a_competing_claim(example):
    seen = piecing.pieced(PersonConcerned.objects.get())
    [suggestion] = seen.suggestions
    assert {suggestion.a.source, suggestion.b.source} == {"Kenya", "Switzerland"}
    [claimed] = seen.competing
    assert claimed.request.party.code == "CHE" and claimed.sanctions_measure


def test_each_state_sees_only_its_own_requests(example):
    counts = {
        code: _signed_in(f"central-{code}").get("/api/cooperation/requests").json()["count"]
        for code in ("CHE", "KEN", "NOR")
    }
    assert counts == {"CHE": 2, "KEN": 2, "NOR": 1}
    assert _signed_in("officer").get("/api/cooperation/requests").json()["count"] == 5


def test_the_public_figures_wait_for_the_year_to_end(example):
    figures = statistics.api_statistics()
    # The example was recorded this year: even its request "sent" in 2025 did not stand at the
    # end of 2025, so the one ended year shows nothing.
    [year] = figures["years"]
    assert year["year"] == 2025 and {cell["count"] for cell in year["cells"]} == {None}
    assert figures["includes_fictitious"] is False


def test_a_second_load_leaves_the_example_and_the_demo_code_is_six_digits(example):
    out = StringIO()
    assert not load_cooperation_example(stdout=out)
    assert "already there" in out.getvalue()
    assert len(demo_code("officer")) == 6
