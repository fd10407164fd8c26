"""Recording and changing funding modalities and IATI publishers: the services."""

from dataclasses import fields

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.registry.tests import factories
from concord.resources.contributing import (
    ContributionData,
    contribution_create,
    contribution_publish,
)
from concord.resources.modalities import ModalityData, modality_create, modality_update
from concord.resources.models import Earmarking, FundingModality, IatiPublisher
from concord.resources.publishing import publisher_put
from concord.resources.tests.conftest import DAY

pytestmark = pytest.mark.django_db


def _create(user, organization, **changes):
    given = {
        "code": "mdtf",
        "name": "Multi-donor trust fund",
        "earmarking": Earmarking.EARMARKED,
        **changes,
    }
    return modality_create(user=user, organization=organization, data=ModalityData(**given))


def _update(user, modality, **changes):
    held = {field.name: getattr(modality, field.name) for field in fields(ModalityData)}
    return modality_update(user=user, modality=modality, data=ModalityData(**{**held, **changes}))


def _contribution(user, partner, organization, modality, reference="NL-1"):
    return contribution_create(
        user=user,
        partner=partner,
        organization=organization,
        reference=reference,
        status="approved",
        on=DAY,
        data=ContributionData(title="Support", modality=modality),
    )


def test_the_organizations_secretariat_records_a_modality_and_its_window(
    org_secretariat, organization
):
    fund = _create(org_secretariat, organization, aid_type="B021", source="  Annual report ")
    window = _create(
        org_secretariat, organization, code="mdtf-food", name="Food window", parent=fund
    )
    assert (fund.aid_type, fund.source) == ("B021", "Annual report")
    assert list(fund.windows.all()) == [window]
    assert fund.history.get().history_user == org_secretariat
    assert window.history.get().history_type == "+"


def test_another_organizations_secretariat_and_a_partner_are_refused(
    org_secretariat, body_secretariat, dutch_partner, organization, modalities
):
    for person in (body_secretariat, dutch_partner):
        with pytest.raises(PermissionDenied):
            _create(person, organization)
        with pytest.raises(PermissionDenied):
            _update(person, modalities["fmm"], name="Taken over")
    assert not FundingModality.objects.filter(code="mdtf").exists()
    assert FundingModality.objects.get(code="fmm").name == "Multipartner"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "fmm"}, "code"),
        ({"code": "not a slug"}, "code"),
        ({"name": "  "}, "name"),
        ({"earmarking": "tied"}, "earmarking"),
        ({"aid_type": "Z99"}, "aid_type"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    org_secretariat, organization, modalities, changes, field
):
    with pytest.raises(ValidationError) as error:
        _create(org_secretariat, organization, **changes)
    assert field in error.value.message_dict
    assert FundingModality.objects.count() == 3
    with pytest.raises(ValidationError) as error:
        _update(org_secretariat, modalities["sfera"], **changes)
    assert field in error.value.message_dict
    stored = FundingModality.objects.get(pk=modalities["sfera"].pk)
    assert (stored.code, stored.name, stored.history.count()) == ("sfera", "Emergency", 1)


def test_a_window_is_one_level_deep_in_the_same_organization(
    org_secretariat, organization, modalities
):
    elsewhere = FundingModality.objects.create(
        organization=factories.BodyFactory(code="other"),
        code="fund",
        name="Elsewhere",
        earmarking=Earmarking.EARMARKED,
    )
    refused = [
        lambda: _create(org_secretariat, organization, parent=elsewhere),
        lambda: _create(org_secretariat, organization, parent=modalities["airc"]),
        lambda: _update(org_secretariat, modalities["fmm"], parent=modalities["fmm"]),
        lambda: _update(org_secretariat, modalities["sfera"], parent=modalities["fmm"]),
    ]
    for attempt in refused:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert list(error.value.message_dict) == ["parent"]
    assert FundingModality.objects.get(pk=modalities["sfera"].pk).parent is None
    moved = _update(org_secretariat, modalities["airc"], parent=modalities["fmm"])
    assert FundingModality.objects.get(pk=moved.pk).parent == modalities["fmm"]


def test_the_code_stays_once_a_contribution_goes_through_the_modality(
    org_secretariat, organization, netherlands, modalities
):
    renamed = _update(org_secretariat, modalities["fmm"], code="fmm-2")
    assert renamed.code == "fmm-2"
    _contribution(org_secretariat, netherlands, organization, renamed)
    with pytest.raises(ValidationError) as error:
        _update(org_secretariat, renamed, code="fmm-3", name="Renamed")
    assert "code" in error.value.message_dict
    assert FundingModality.objects.get(pk=renamed.pk).name == "Multipartner"
    changed = _update(org_secretariat, renamed, name="Flexible Multipartner Mechanism")
    latest = changed.history.first()
    assert (latest.name, latest.history_user) == (
        "Flexible Multipartner Mechanism",
        org_secretariat,
    )


def test_the_place_stays_once_a_contribution_goes_through_the_modality(
    org_secretariat, organization, netherlands, modalities
):
    fmm, sfera, airc = modalities["fmm"], modalities["sfera"], modalities["airc"]
    _contribution(org_secretariat, netherlands, organization, fmm)
    _contribution(org_secretariat, netherlands, organization, airc, reference="NL-2")
    with pytest.raises(ValidationError) as error:
        _update(org_secretariat, fmm, parent=sfera)
    assert "stays a modality of its own" in error.value.message_dict["parent"][0]
    with pytest.raises(ValidationError) as error:
        _update(org_secretariat, airc, parent=fmm, code="airc-2")
    assert "stays a window of Emergency" in error.value.message_dict["parent"][0]
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _update(org_secretariat, airc, parent=None)
    assert list(error.value.message_dict) == ["parent"]
    held = FundingModality.objects.in_bulk([fmm.pk, airc.pk])
    assert (held[fmm.pk].parent, held[airc.pk].parent) == (None, sfera)
    window = _update(org_secretariat, modalities["airc"], name="Seeds and tools")
    assert (window.parent, window.name) == (sfera, "Seeds and tools")


def test_saving_a_modality_unchanged_writes_no_history(org_secretariat, modalities):
    airc = modalities["airc"]
    before = airc.history.count()
    _update(org_secretariat, airc, name=" Inputs window ", source="")
    assert airc.history.count() == before
    _update(org_secretariat, airc, earmarking=Earmarking.LIGHTLY)
    assert airc.history.count() == before + 1


def test_the_secretariat_registers_and_changes_its_organizations_iati_publisher(
    org_secretariat, organization
):
    publisher = publisher_put(
        user=org_secretariat, body=organization, identifier=" XM-DAC-41301 ", organisation_type="40"
    )
    assert (publisher.identifier, publisher.organisation_type) == ("XM-DAC-41301", "40")
    publisher_put(
        user=org_secretariat, body=organization, identifier="XI-IATI-ORG", organisation_type="90"
    )
    stored = IatiPublisher.objects.get()
    assert (stored.identifier, stored.organisation_type) == ("XI-IATI-ORG", "90")
    assert [row.history_user for row in stored.history.all()] == [org_secretariat] * 2


def test_a_publisher_is_refused_to_others_and_checked(
    org_secretariat, body_secretariat, dutch_partner, organization, scope_body
):
    for person in (body_secretariat, dutch_partner):
        with pytest.raises(PermissionDenied):
            publisher_put(
                user=person, body=organization, identifier="XM-DAC-1", organisation_type="40"
            )
    publisher_put(
        user=body_secretariat, body=scope_body, identifier="XM-DAC-41301", organisation_type="40"
    )
    with pytest.raises(PermissionDenied):
        publisher_put(
            user=org_secretariat, body=scope_body, identifier="XM-DAC-2", organisation_type="40"
        )
    bad = [
        ({"identifier": "XM-DAC-41301"}, "identifier"),  # another organization's
        ({"identifier": "ZZ-NOWHERE-1"}, "identifier"),
        ({"identifier": "XM-DAC"}, "identifier"),
        ({"identifier": "XM-DAC-"}, "identifier"),
        ({"identifier": "XM-DAC-41 301"}, "identifier"),
        ({"identifier": "XM-DAC-1/2"}, "identifier"),
        ({"identifier": ""}, "identifier"),
        ({"organisation_type": "99"}, "organisation_type"),
    ]
    for changes, field in bad:
        arguments = {"identifier": "XM-DAC-7", "organisation_type": "40", **changes}
        with pytest.raises(ValidationError) as error:
            publisher_put(user=org_secretariat, body=organization, **arguments)
        assert list(error.value.message_dict) == [field], changes
    assert IatiPublisher.objects.filter(body=organization).count() == 0


def test_saving_a_publisher_unchanged_writes_no_history(org_secretariat, organization):
    publisher = publisher_put(
        user=org_secretariat, body=organization, identifier="XM-DAC-41301", organisation_type="40"
    )
    publisher_put(
        user=org_secretariat, body=organization, identifier=" XM-DAC-41301", organisation_type="40"
    )
    assert publisher.history.count() == 1


def test_the_identifier_stays_once_contributions_are_published_under_it(
    org_secretariat, organization, netherlands
):
    organ = factories.BodyFactory(code="organ", name="Organ", parent=organization)
    desk = factories.BodyFactory(code="desk", name="Desk", parent=organ)
    own = factories.BodyFactory(code="own", name="Own", parent=organization)
    publisher = publisher_put(
        user=org_secretariat, body=organization, identifier="XM-DAC-41301", organisation_type="40"
    )
    publisher_put(user=org_secretariat, body=own, identifier="XM-DAC-2", organisation_type="40")
    for n, body in enumerate([organization, own]):
        _contribution(org_secretariat, netherlands, body, None, reference=f"P-{n}")
    elsewhere = _contribution(org_secretariat, netherlands, own, None, reference="OWN")
    contribution_publish(user=org_secretariat, contribution=elsewhere)
    # Unpublished contributions, and those of an organ publishing as itself, do not hold it.
    moved = publisher_put(
        user=org_secretariat, body=organization, identifier="XM-DAC-41302", organisation_type="40"
    )
    assert moved.identifier == "XM-DAC-41302"
    published = _contribution(org_secretariat, netherlands, desk, None, reference="DESK")
    contribution_publish(user=org_secretariat, contribution=published)
    with pytest.raises(ValidationError) as error:
        publisher_put(
            user=org_secretariat, body=organization, identifier="XM-DAC-1", organisation_type="40"
        )
    assert list(error.value.message_dict) == ["identifier"]
    assert "the IATI registry knows their activities" in error.value.messages[0]
    retyped = publisher_put(
        user=org_secretariat, body=organization, identifier="XM-DAC-41302", organisation_type="90"
    )
    stored = IatiPublisher.objects.get(pk=publisher.pk)
    assert (stored.identifier, stored.organisation_type, retyped.history.count()) == (
        "XM-DAC-41302",
        "90",
        3,
    )


def test_an_organ_does_not_publish_on_its_own_once_published_under_its_organization(
    org_secretariat, organization, netherlands
):
    organ = factories.BodyFactory(code="organ", name="Organ", parent=organization)
    publisher_put(
        user=org_secretariat, body=organization, identifier="XM-DAC-41301", organisation_type="40"
    )
    publisher_put(user=org_secretariat, body=organ, identifier="XM-DAC-3", organisation_type="40")
    IatiPublisher.objects.filter(body=organ).delete()
    published = _contribution(org_secretariat, netherlands, organ, None, reference="ORGAN")
    contribution_publish(user=org_secretariat, contribution=published)
    with pytest.raises(ValidationError) as error:
        publisher_put(
            user=org_secretariat, body=organ, identifier="XM-DAC-3", organisation_type="40"
        )
    assert "XM-DAC-41301" in error.value.message_dict["identifier"][0]
    assert not IatiPublisher.objects.filter(body=organ).exists()
