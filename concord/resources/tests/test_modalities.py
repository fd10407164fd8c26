"""Recording and changing funding modalities and IATI publishers: the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.registry.tests import factories
from concord.resources.contributing import ContributionData, contribution_create
from concord.resources.modalities import modality_create, modality_update
from concord.resources.models import Earmarking, FundingModality, IatiPublisher
from concord.resources.publishing import publisher_put
from concord.resources.tests.conftest import DAY

pytestmark = pytest.mark.django_db


def _create(user, organization, **changes):
    arguments = {
        "user": user,
        "organization": organization,
        "code": "mdtf",
        "name": "Multi-donor trust fund",
        "earmarking": Earmarking.EARMARKED,
        **changes,
    }
    return modality_create(**arguments)


def _update(user, modality, **changes):
    arguments = {
        "code": modality.code,
        "name": modality.name,
        "earmarking": modality.earmarking,
        "parent": modality.parent,
        "description": modality.description,
        "aid_type": modality.aid_type,
        "source": modality.source,
        **changes,
    }
    return modality_update(user=user, modality=modality, **arguments)


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
    contribution_create(
        user=org_secretariat,
        partner=netherlands,
        organization=organization,
        reference="NL-1",
        status="approved",
        on=DAY,
        data=ContributionData(title="Support", modality=renamed),
    )
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
