"""Loading again: nothing changes, seed facts are restored, other records are left alone."""

import pytest
from django.apps import apps
from django.forms.models import model_to_dict

from concord.demo.services import demo_load
from concord.ingestion.models import SourceDocument
from concord.registry.models import (
    Citation,
    GroupMembership,
    Instrument,
    Participation,
    Party,
    PartyAlias,
    Provision,
    Publication,
    Statement,
)
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list[dict]]:
    """Every registry row, every field (many-to-many included)."""
    return {
        model.__name__: [model_to_dict(row) for row in model.objects.order_by("pk")]
        for model in apps.get_app_config("registry").get_models()
    }


def test_a_second_load_changes_nothing(demo):
    before = snapshot()
    report = demo_load()
    assert (report.tally.total("created"), report.tally.total("updated")) == (0, 0)
    assert report.tally.total("unchanged") > 1000
    assert snapshot() == before


def test_a_seed_fact_edited_in_the_database_is_restored(demo):
    switzerland = Participation.objects.get(party__code="CHE", instrument__short_title="APIC")
    switzerland.start = "2012"
    switzerland.save()
    viet_nam = Party.objects.get(code="VNM")
    viet_nam.name = "Vietnam (edited)"
    viet_nam.save()
    armenia = Statement.objects.get(party__code="ARM")
    armenia.provisions.clear()
    draft = Instrument.objects.get(title="Draft resolution on cooperation")
    draft.title = "A title someone typed"
    draft.save()

    report = demo_load()

    assert report.tally.total("updated") >= 4
    switzerland.refresh_from_db()
    assert switzerland.start.edtf == "2012-09-25"
    assert Party.objects.get(code="VNM").name == "Viet Nam"
    assert [p.ref for p in armenia.provisions.all()] == ["V.s2.2"]
    draft.refresh_from_db()
    assert draft.title == "Draft resolution on cooperation"
    assert Instrument.objects.filter(title__contains="Draft resolution on cooperation").count() == 1


def test_a_reviewers_correction_of_an_ingested_provision_survives_a_load(demo):
    """Provisions come from ingestion: once there, they are the reviewers', not the loader's."""
    provision = Provision.objects.get(instrument__kind="addendum", ref="III.s1.1.5")
    provision.text = "Strengthening efforts, as corrected by a reviewer."
    provision.save()
    draft = Instrument.objects.get(title="Draft resolution on cooperation")
    Provision.objects.filter(instrument=draft, ref="24").delete()
    instruments = Instrument.objects.count()

    report = demo_load()

    assert (report.tally.total("created"), report.tally.total("updated")) == (0, 0)
    provision.refresh_from_db()
    assert provision.text == "Strengthening efforts, as corrected by a reviewer."
    assert not draft.provisions.filter(ref="24").exists()
    assert Instrument.objects.count() == instruments


def test_records_the_loader_does_not_own_survive_a_load(demo):
    viet_nam = Party.objects.get(code="VNM")
    own_party = factories.PartyFactory(code="XKX", name="Kosovo")
    own_alias = PartyAlias.objects.create(party=viet_nam, name="Vietnam", normalized="vietnam")
    draft = Instrument.objects.get(title="Draft resolution on cooperation")
    own_provision = factories.ProvisionFactory(instrument=draft, ref="25", seq=10_001)
    own_participation = factories.ParticipationFactory(party=own_party, instrument=draft)
    own_instrument = factories.InstrumentFactory(title="Our own resolution")
    own_citation = Citation.objects.create(
        record=own_instrument, document="minutes.pdf", locator="page 2"
    )
    asean = GroupMembership.objects.get(group__slug="asean", party=viet_nam).group
    own_membership = GroupMembership.objects.create(group=asean, party=own_party, since="2020")
    draft.publication = Publication.IN_REVIEW  # a secretariat's choice, not a seed fact
    draft.save()
    draft.set_translation("fr", "title", "Projet de résolution sur la coopération")
    draft.save()
    before = snapshot()

    demo_load()

    assert snapshot() == before
    for record in (
        own_party,
        own_alias,
        own_provision,
        own_participation,
        own_instrument,
        own_citation,
        own_membership,
    ):
        assert type(record).objects.filter(pk=record.pk).exists()


def test_each_seed_is_kept_as_the_source_its_instruments_are_reviewed_beside(
    demo, client_as, secretariat
):
    kept = SourceDocument.objects.order_by("original_name")
    assert [d.original_name[:3] for d in kept] == ["000", "001", "002", "003", "004"]
    addendum = Instrument.objects.get(kind="addendum")
    assert kept.get(instruments=addendum).original_name.startswith("004_")
    page = client_as(secretariat).get(f"/ingestion/instruments/{addendum.pk}/review")
    assert page.content.decode().count('<mark class="span"') == addendum.provisions.count()
