"""The best practice services and selectors."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.directory import practices
from concord.directory.models import BestPractice
from concord.directory.tests.meetings_fixtures import *  # noqa: F403
from concord.directory.tests.meetings_fixtures import make_practice
from concord.registry.tests.factories import ProvisionFactory


def test_practices_filter_by_provision_party_and_words(secretariat, party_a, action_plan):
    served = make_practice(secretariat, parties=["FRA"], provisions=[(action_plan.pk, "III.2")])
    other = make_practice(secretariat, title="Training", description="Courses for judges.")
    assert list(practices.practice_list(instrument=action_plan.pk, ref="III.2")) == [served]
    assert list(practices.practice_list(instrument=action_plan.pk, ref="III.1")) == []
    assert list(practices.practice_list(party="FRA")) == [served]
    assert list(practices.practice_list(q="JUDGES")) == [other]


def test_a_filter_never_matches_through_an_unpublished_instrument(secretariat, draft_decision):
    ProvisionFactory(instrument=draft_decision, ref="1")
    make_practice(secretariat, provisions=[(draft_decision.pk, "1")])
    assert not practices.practice_list(instrument=draft_decision.pk).exists()
    assert practices.practice_list(user=secretariat, instrument=draft_decision.pk).exists()


@pytest.mark.parametrize(
    "persona", ["focal_point", "other_focal_point", "reviewer", "partner", "anonymous"]
)
def test_only_the_secretariat_records_practices(persona, request, db):
    with pytest.raises(PermissionDenied):
        make_practice(request.getfixturevalue(persona))
    assert not BestPractice.objects.exists()


def test_a_bad_practice_is_refused_whole(secretariat, action_plan):
    with pytest.raises(ValidationError) as refused:
        make_practice(
            secretariat, source_url="ftp//nowhere", provisions=[(action_plan.pk, "III.1")]
        )
    assert set(refused.value.message_dict) == {"source_url"}
    assert not BestPractice.objects.exists()


def test_an_update_keeps_provisions_the_writer_cannot_see(
    secretariat, body_secretariat, draft_decision, action_plan
):
    hidden = ProvisionFactory(instrument=draft_decision, ref="1")
    practice = make_practice(secretariat, provisions=[(draft_decision.pk, "1")])
    content = practices.content_changed(
        practices.practice_content(practice), {"provisions": [(action_plan.pk, "III.1")]}
    )
    practices.practice_update(practice=practice, user=body_secretariat, content=content)
    refs = {(p.instrument_id, p.ref) for p in practice.provisions.all()}
    assert refs == {(hidden.instrument_id, "1"), (action_plan.pk, "III.1")}
    assert practice.history.first().history_user == body_secretariat
