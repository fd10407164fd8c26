"""A secretariat scoped to a body or an instrument sees, counts and finds only its own records."""

from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType

from concord.accounts.models import Role, RoleKind
from concord.accounts.selectors import instruments_in_scope
from concord.conftest import make_person
from concord.registry import models
from concord.registry.tests import factories


@dataclass
class Scoped:
    ours: models.Instrument
    organ_s: models.Instrument
    theirs: models.Instrument


def cite(record, locator: str) -> models.Citation:
    return models.Citation.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        document="seed.txt",
        locator=locator,
    )


@pytest.fixture
def scoped(scope_body) -> Scoped:
    organ = factories.BodyFactory(code="osr-unit", parent=scope_body)
    ours = factories.InstrumentFactory(title="Our action plan", body=scope_body)
    organ_s = factories.InstrumentFactory(title="Our unit's work plan", body=organ)
    theirs = factories.InstrumentFactory(
        title="Their confidential draft", body=factories.BodyFactory(), publication="in_review"
    )
    party = factories.PartyFactory(code="MNG", name="Mongolia")
    for instrument in (ours, organ_s, theirs):
        provision = factories.ProvisionFactory(instrument=instrument, text=f"On {instrument.title}")
        factories.ParticipationFactory(instrument=instrument, party=party)
        factories.StatementFactory(instrument=instrument, party=party, text=instrument.title)
        cite(instrument, f"{instrument.title}, title")
        cite(provision, f"{instrument.title}, para 1")
    cite(party, "Mongolia, the list of parties")
    return Scoped(ours, organ_s, theirs)


def changelist(client, model: str, query: str = ""):
    response = client.get(f"/admin/registry/{model}/{query}")
    assert response.status_code == 200
    return response.context["cl"]


@pytest.mark.parametrize("model", ["instrument", "provision", "participation", "statement"])
def test_a_body_secretariat_lists_and_counts_only_its_body_s_records(
    client_as, body_secretariat, scoped, model
):
    cl = changelist(client_as(body_secretariat), model)
    assert cl.result_count == 2
    assert cl.paginator.count == 2
    instruments = {getattr(row, "instrument", row).pk for row in cl.result_list}
    assert instruments == {scoped.ours.pk, scoped.organ_s.pk}


def test_the_full_count_of_a_scoped_list_is_the_scope_s_too(client_as, body_secretariat, scoped):
    cl = changelist(client_as(body_secretariat), "instrument", "?q=plan")
    assert (cl.result_count, cl.full_result_count) == (2, 2)


def test_a_search_does_not_find_what_is_out_of_scope(client_as, body_secretariat, scoped):
    client = client_as(body_secretariat)
    assert changelist(client, "instrument", "?q=confidential").result_count == 0
    assert changelist(client, "statement", "?q=confidential").result_count == 0
    page = client.get("/admin/registry/instrument/?q=confidential").content.decode()
    assert "Their confidential draft" not in page


def test_a_record_out_of_scope_is_one_that_does_not_exist(client_as, body_secretariat, scoped):
    client = client_as(body_secretariat)
    response = client.get(f"/admin/registry/instrument/{scoped.theirs.pk}/change/")
    assert response["Location"] == "/admin/"
    ours = client.get(f"/admin/registry/instrument/{scoped.ours.pk}/change/")
    assert ours.status_code == 200


def test_citations_follow_the_record_they_cite(client_as, body_secretariat, scoped):
    cl = changelist(client_as(body_secretariat), "citation")
    locators = sorted(c.locator for c in cl.result_list)
    assert locators == [
        "Mongolia, the list of parties",
        "Our action plan, para 1",
        "Our action plan, title",
        "Our unit's work plan, para 1",
        "Our unit's work plan, title",
    ]


@pytest.mark.parametrize("model", ["party", "body"])
def test_shared_reference_data_is_visible_to_every_secretariat(
    client_as, body_secretariat, secretariat, scoped, model
):
    everyone = changelist(client_as(secretariat), model).result_count
    assert changelist(client_as(body_secretariat), model).result_count == everyone


def test_the_secretariat_of_everything_sees_everything(client_as, secretariat, scoped):
    assert changelist(client_as(secretariat), "instrument").result_count == 3
    assert changelist(client_as(secretariat), "provision").paginator.count == 3
    assert changelist(client_as(secretariat), "citation").result_count == 7


def test_a_secretariat_of_an_instrument_sees_that_instrument_only(client_as, scoped):
    officer = make_person("officer")
    Role.objects.create(user=officer, kind=RoleKind.SECRETARIAT, instrument=scoped.theirs)
    assert list(instruments_in_scope(officer)) == [scoped.theirs]
    cl = changelist(client_as(officer), "provision")
    assert [p.instrument_id for p in cl.result_list] == [scoped.theirs.pk]


def test_nobody_but_a_secretariat_has_instruments_in_scope(focal_point, anonymous, scoped):
    assert not instruments_in_scope(focal_point).exists()
    assert not instruments_in_scope(anonymous).exists()


def test_an_ended_scope_takes_its_instruments_with_it(body_secretariat, scoped):
    import datetime as dt

    from django.utils import timezone

    Role.objects.filter(user=body_secretariat).update(
        starts_on=timezone.localdate() - dt.timedelta(days=3), ends_on=timezone.localdate()
    )
    fresh = type(body_secretariat).objects.get(pk=body_secretariat.pk)
    assert not instruments_in_scope(fresh).exists()
