import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.cooperation import answering, piecing
from concord.cooperation.answering import AssetReport
from concord.cooperation.models import Asset
from concord.cooperation.tests.conftest import make_request

pytestmark = pytest.mark.django_db


def _report(holder: str, kind: str = "company", **extra) -> AssetReport:
    return AssetReport(
        kind="bank_account", description="An account", holder_name=holder, holder_kind=kind, **extra
    )


@pytest.fixture
def two_states(replied_request, officer, registry_body, party_b, authority_b, person_concerned):
    """Party B reports the company party A reported, spelt another way, and one near miss."""
    request_b = make_request(officer, registry_body, party_b, person=person_concerned)
    answering.reply_create(
        user=authority_b,
        request=request_b,
        text="Two accounts.",
        assets=[_report("SAHEL TRADING LIMITED"), _report("Sahel Mining Ltd")],
    )
    return request_b


def test_the_same_company_reported_by_two_states_is_suggested_once(two_states, person_concerned):
    seen = piecing.pieced(person_concerned)
    assert len(seen.assets) == 3
    [suggestion] = seen.suggestions
    assert {suggestion.a.text, suggestion.b.text} == {"Sahel Trading Ltd", "SAHEL TRADING LIMITED"}
    assert {suggestion.a.source, suggestion.b.source} == {"France", "Ukraine"}
    assert any("ltd" in reason and "limited" in reason for reason in suggestion.reasons)


def test_a_confirmed_match_groups_the_holders_and_a_rejected_one_is_not_asked_again(
    two_states, person_concerned, officer
):
    first, second, _mining = Asset.objects.order_by("id")
    piecing.match_decide(
        user=officer, person=person_concerned, first=second.pk, second=first.pk, verdict="confirmed"
    )
    seen = piecing.pieced(person_concerned)
    assert not seen.suggestions
    assert sorted(len(group) for group in seen.holders) == [1, 2]
    with pytest.raises(ValidationError):
        piecing.match_decide(
            user=officer,
            person=person_concerned,
            first=first.pk,
            second=second.pk,
            verdict="rejected",
        )


def test_only_the_requesting_bodys_officers_decide(two_states, person_concerned, authority_a):
    first, second, _mining = Asset.objects.order_by("id")
    with pytest.raises(PermissionDenied):
        piecing.match_decide(
            user=authority_a,
            person=person_concerned,
            first=first.pk,
            second=second.pk,
            verdict="confirmed",
        )


def test_an_asset_frozen_under_sanctions_and_sought_by_the_court_is_a_competing_claim(
    sent_request, authority_a, officer, registry_body, party_a, person_concerned
):
    reply = answering.reply_create(
        user=authority_a,
        request=sent_request,
        text="Frozen already.",
        assets=[_report("Sahel Trading Ltd", status="frozen", sanctions_measure="UNSC list X")],
    )
    asset = reply.assets.get()
    assert not piecing.is_competing_claim(asset)
    seizure = make_request(officer, registry_body, party_a, kind="seizure", person=person_concerned)
    answering.asset_update(user=officer, asset=asset, changes={"requests": [seizure.pk]})
    assert [a.pk for a in piecing.pieced(person_concerned).competing] == [asset.pk]
    assert "Article 103" in str(piecing.COMPETING_CLAIM_RULE)
