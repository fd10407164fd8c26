from concord.registry.models.bodies import Body, BodyKind
from concord.registry.models.citations import Citation
from concord.registry.models.instruments import (
    Instrument,
    InstrumentKind,
    InstrumentRelation,
    LegalStatus,
    Publication,
    RelationKind,
)
from concord.registry.models.participation import Participation, ParticipationRole
from concord.registry.models.parties import Group, GroupMembership, Party, PartyAlias, PartyKind
from concord.registry.models.provisions import (
    DraftingMark,
    Footnote,
    Provision,
    ProvisionAddressee,
    ProvisionKind,
)
from concord.registry.models.results import ResultsLevel, ResultsNode
from concord.registry.models.statements import Statement, StatementKind

__all__ = [
    "Body",
    "BodyKind",
    "Citation",
    "DraftingMark",
    "Footnote",
    "Group",
    "GroupMembership",
    "Instrument",
    "InstrumentKind",
    "InstrumentRelation",
    "LegalStatus",
    "Participation",
    "ParticipationRole",
    "Party",
    "PartyAlias",
    "PartyKind",
    "Provision",
    "ProvisionAddressee",
    "ProvisionKind",
    "Publication",
    "RelationKind",
    "ResultsLevel",
    "ResultsNode",
    "Statement",
    "StatementKind",
]
