"""Small factories for registry records; published unless a test says otherwise."""

import factory

from concord.registry import models


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Party
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"party-{n}")
    kind = models.PartyKind.STATE
    name = factory.Sequence(lambda n: f"Party {n}")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Group

    slug = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Group {n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Body

    code = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"Body {n}")
    kind = models.BodyKind.ORGAN


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Instrument

    kind = models.InstrumentKind.RESOLUTION
    title = factory.Sequence(lambda n: f"Resolution number {n}")
    symbol = factory.Sequence(lambda n: f"TEST/RES/{n}")
    body = factory.SubFactory(BodyFactory)
    adopted = "2012-11-22"
    legal_status = models.LegalStatus.ADOPTED
    publication = models.Publication.PUBLISHED


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Provision

    instrument = factory.SubFactory(InstrumentFactory)
    seq = factory.Sequence(lambda n: n)
    ref = factory.Sequence(lambda n: f"op.{n}")
    number = factory.Sequence(lambda n: f"{n}.")
    kind = models.ProvisionKind.OPERATIVE
    text = factory.Sequence(lambda n: f"Calls upon States Parties to cooperate, paragraph {n}.")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Participation

    party = factory.SubFactory(PartyFactory)
    instrument = factory.SubFactory(InstrumentFactory)
    role = models.ParticipationRole.RATIFIED
    start = "2012-09-25"


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Statement

    party = factory.SubFactory(PartyFactory)
    instrument = factory.SubFactory(InstrumentFactory)
    kind = models.StatementKind.INTERPRETATIVE
    label = factory.Sequence(lambda n: f"Attachment {n}")
    made = "2013-12-06"
    text = "We join the consensus."
