"""A small published registry that the portal's tests look at."""

from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType

from concord.registry import models
from concord.registry.tests import factories


@dataclass
class Registry:
    body: models.Body
    instrument: models.Instrument
    corrigendum: models.Instrument
    section: models.Provision
    urging: models.Provision
    bracketed: models.Provision
    child: models.Provision
    france: models.Party
    ukraine: models.Party
    statement: models.Statement
    group: models.Group
    unpublished: models.Instrument


def cite(record, document: str, locator: str, line: int) -> models.Citation:
    return models.Citation.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        document=document,
        locator=locator,
        line_start=line,
        line_end=line + 2,
    )


def build_registry() -> Registry:
    organization = factories.BodyFactory(
        code="osce", name="Organization for Security", kind=models.BodyKind.ORGANIZATION
    )
    body = factories.BodyFactory(code="pc", name="Permanent Council", parent=organization)
    instrument = factories.InstrumentFactory(
        kind=models.InstrumentKind.DECISION,
        title="Decision on combating trafficking",
        symbol="PC.DEC/1107",
        number="1107",
        body=body,
        adopted="2013-12-06",
    )
    instrument.set_translation("fr", "title", "Décision sur la lutte contre la traite")
    instrument.save()
    corrigendum = factories.InstrumentFactory(
        kind=models.InstrumentKind.DECISION,
        title="Decision on combating trafficking, corrigendum",
        symbol="PC.DEC/1107/Corr.1",
        body=body,
        adopted="2013-12",
        revision_of=instrument,
    )
    section = factories.ProvisionFactory(
        instrument=instrument,
        seq=1,
        ref="III",
        number="III.",
        kind=models.ProvisionKind.SECTION,
        heading="Institutions",
        text="",
    )
    urging = factories.ProvisionFactory(
        instrument=instrument,
        parent=section,
        depth=1,
        seq=2,
        ref="III.5",
        number="5.",
        verb="Urges",
        text="Urges the participating States to freeze assets of traffickers.",
    )
    child = factories.ProvisionFactory(
        instrument=instrument,
        parent=urging,
        depth=2,
        seq=3,
        ref="III.5.a",
        number="(a)",
        kind=models.ProvisionKind.POINT,
        text="by sharing information on shell companies;",
    )
    bracketed = factories.ProvisionFactory(
        instrument=instrument,
        parent=section,
        depth=1,
        seq=4,
        ref="III.6",
        number="6.",
        is_bracketed=True,
        has_placeholder=True,
        text="Decides to hold a meeting in [city] in [year].",
    )
    models.ProvisionAddressee.objects.create(provision=urging, label="participating States")
    models.Footnote.objects.create(
        instrument=instrument, provision=urging, marker="1", text="See the Action Plan."
    )
    france = factories.PartyFactory(code="FRA", name="France")
    ukraine = factories.PartyFactory(code="UKR", name="Ukraine")
    participation = factories.ParticipationFactory(
        instrument=instrument, party=france, role=models.ParticipationRole.ENDORSED, start="2001-11"
    )
    factories.ParticipationFactory(
        instrument=instrument,
        party=ukraine,
        role=models.ParticipationRole.OBSERVER,
        start="../2004-05-31",
    )
    statement = factories.StatementFactory(
        instrument=instrument,
        party=france,
        kind=models.StatementKind.INTERPRETATIVE,
        self_described_kind=models.StatementKind.RESERVATION,
        text="France expresses its reservation on paragraph 5.",
    )
    statement.provisions.add(urging)
    # A results framework: the section prints an outcome, paragraph 5 an output of it.
    outcome = models.ResultsNode.objects.create(
        framework=instrument, seq=1, level="outcome", code="A", title="Traffickers prosecuted"
    )
    output = models.ResultsNode.objects.create(
        framework=instrument,
        seq=2,
        level="output",
        code="A1",
        parent=outcome,
        title="Assets frozen",
    )
    models.Provision.objects.filter(pk=section.pk).update(results_node=outcome)
    models.Provision.objects.filter(pk=urging.pk).update(results_node=output)
    cite(instrument, "004-osce.txt", "decision header", 10)
    cite(participation, "000-adb-oecd.txt", "para 19", 40)
    other = factories.InstrumentFactory(title="Action plan against corruption", symbol="AP/2001")
    models.InstrumentRelation.objects.create(
        source=instrument, target=other, kind=models.RelationKind.RECALLS
    )
    group = factories.GroupFactory(slug="osce-states", name="OSCE participating States")
    models.GroupMembership.objects.create(group=group, party=france, since="1995")
    unpublished = factories.InstrumentFactory(
        title="Confidential draft under review",
        symbol="SECRET/1",
        publication=models.Publication.IN_REVIEW,
        body=body,
    )
    factories.ProvisionFactory(instrument=unpublished, ref="op.1", text="Secret freezing text.")
    factories.StatementFactory(instrument=unpublished, party=france, text="A hidden statement.")
    factories.ParticipationFactory(instrument=unpublished, party=ukraine)
    return Registry(
        body=body,
        instrument=instrument,
        corrigendum=corrigendum,
        section=section,
        urging=urging,
        bracketed=bracketed,
        child=child,
        france=france,
        ukraine=ukraine,
        statement=statement,
        group=group,
        unpublished=unpublished,
    )


@pytest.fixture
def registry(db) -> Registry:
    return build_registry()
