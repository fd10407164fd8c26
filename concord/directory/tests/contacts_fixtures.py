"""A small instrument of the scoped body, France's and Ukraine's contacts and legislation.

Import the fixtures a test module needs with ``from ...contacts_fixtures import *``. The
instrument ``small_instrument`` has a section heading and five provisions in document order:
article 1, operative 2, a preambular paragraph, recommended action 3 and recommendation 4.
"""

import datetime as dt

import pytest

from concord.directory import contacts, legislation
from concord.directory.models import Contact, ContactKind, Legislation, LegislationKind
from concord.registry.models import ProvisionKind, Publication
from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory

__all__ = [
    "contact_content",
    "draft_instrument",
    "french_contact",
    "french_law",
    "law_content",
    "make_contact",
    "make_law",
    "small_instrument",
    "ukrainian_contact",
]


@pytest.fixture
def small_instrument(db, scope_body):
    instrument = InstrumentFactory(body=scope_body, title="Action plan on asset recovery")
    rows = [
        ("I", "I", ProvisionKind.SECTION, "Legislation", ""),
        ("1", "1.", ProvisionKind.ARTICLE, "", "Criminalise the laundering of proceeds."),
        ("2", "2.", ProvisionKind.OPERATIVE, "", "Freeze assets without delay."),
        ("pp", "", ProvisionKind.PREAMBULAR, "", "Recalling earlier resolutions."),
        ("3", "3.", ProvisionKind.RECOMMENDED_ACTION, "", "Set up an asset recovery office."),
        ("4", "4.", ProvisionKind.RECOMMENDATION, "", "Share information with other parties."),
    ]
    for seq, (ref, number, kind, heading, text) in enumerate(rows):
        ProvisionFactory(
            instrument=instrument,
            seq=seq,
            ref=ref,
            number=number,
            kind=kind,
            heading=heading,
            text=text,
        )
    return instrument


@pytest.fixture
def draft_instrument(db):
    instrument = InstrumentFactory(
        title="Draft protocol under negotiation", publication=Publication.IN_REVIEW
    )
    ProvisionFactory(instrument=instrument, ref="1", kind=ProvisionKind.ARTICLE)
    return instrument


def contact_content(**changes) -> contacts.ContactContent:
    values = {
        "kind": ContactKind.FOCAL_POINT,
        "name": "Jeanne Martin",
        "organization": "Ministry of Justice",
        "function": "Head of the asset recovery office",
        "languages": ["fr", "en"],
        "email": "jeanne.martin@justice.example",
        "phone": "+33 1 00 00 00 00",
        **changes,
    }
    return contacts.ContactContent(**values)


def make_contact(user, party, **changes) -> Contact:
    return contacts.contact_create(user=user, party=party, content=contact_content(**changes))


@pytest.fixture
def french_contact(focal_point, party_a) -> Contact:
    return make_contact(focal_point, party_a)


@pytest.fixture
def ukrainian_contact(other_focal_point, party_b) -> Contact:
    return make_contact(
        other_focal_point,
        party_b,
        name="Oksana Shevchenko",
        organization="Office of the Prosecutor General",
        languages=["uk"],
        email="oksana@prosecutor.example",
    )


def law_content(**changes) -> legislation.LegislationContent:
    values = {
        "title": "Law on the confiscation of criminal assets",
        "kind": LegislationKind.ACT,
        "summary": "Creates an agency that manages seized and confiscated property.",
        "adopted_on": dt.date(2010, 7, 9),
        "language": "fr",
        **changes,
    }
    return legislation.LegislationContent(**values)


def make_law(user, party, **changes) -> Legislation:
    return legislation.legislation_create(user=user, party=party, content=law_content(**changes))


@pytest.fixture
def french_law(focal_point, party_a, small_instrument) -> Legislation:
    implemented = list(small_instrument.provisions.filter(ref__in=["1", "3"]))
    return make_law(focal_point, party_a, provisions=implemented)
