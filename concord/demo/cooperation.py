"""The demo's cooperation requests: fictitious, and saying so on every page that shows them.

Seed 002 describes requests from the Court to States for the identification, freezing and seizure
of assets, handled by national central authorities. The example plays that through with no real
case and no real person, as the demo accounts (``officer`` of the Court, ``central-XXX`` of three
States), so that the audit trail shows who did what:

- an identification request to Kenya and one to Switzerland about one fictitious person; both
  States report an account of the same shell company, spelt slightly differently, so that the
  officer sees the suggested match;
- Switzerland reports that an asset is already frozen under a Security Council sanctions measure,
  and the Court's later seizure request concerns the same asset: a competing claim;
- a request to Norway under seal until 2028, which changes no public figure;
- a request to Kenya not executed, referred to the non-cooperation procedure.

It is created once: a later ``demo load`` leaves it as people left it.
"""

import datetime as dt
from decimal import Decimal
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from concord.cooperation import answering, requesting
from concord.cooperation.answering import AssetReport
from concord.cooperation.models import PersonConcerned, RequestStatus
from concord.registry.models import Body, Party

FICTITIOUS_PERSON = "Jonas Exempel (fictitious)"
FICTITIOUS_CASE = "Demonstration case 01 (fictitious)"
SANCTIONS_MEASURE = "Security Council sanctions list, entry DEMO-01 (fictitious)"
IDENTIFY = "Identify and trace bank accounts, real estate and company shares held by the person "
IDENTIFY += "concerned, directly or through relatives or companies (fictitious example)."


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def load_cooperation_example(*, stdout: IO[str] | Any) -> bool:
    """Create the example once; return False (and say why) when it is there or cannot be."""
    registry = Body.objects.filter(code="icc-registry").first()
    parties = {p.code: p for p in Party.objects.filter(code__in=("CHE", "KEN", "NOR"))}
    users = get_user_model().objects.filter(
        username__in=["officer", "central-CHE", "central-KEN", "central-NOR"]
    )
    if registry is None or len(parties) < 3 or users.count() < 4:
        stdout.write(_("Cooperation example: skipped, seed 002 is not loaded."))
        return False
    if PersonConcerned.objects.filter(fictitious=True).exists():
        stdout.write(_("Cooperation example: already there, left as it is."))
        return False
    with transaction.atomic():
        _play(registry, parties)
    stdout.write(
        _(
            "Cooperation example: fictitious requests to Kenya, Switzerland and Norway, with "
            "replies, a suggested name match and a competing claim (see docs/demo.md)."
        )
    )
    return True


def _request(officer, registry, party, person, *, sent_on: dt.date, **fields) -> Any:
    values = {
        "kind": "identification",
        "legal_basis": "Article 93(1)(k) of the Rome Statute",
        "asked": IDENTIFY,
        "channel": "central_authority",
        "classification": "confidential",
        "fictitious": True,
    } | fields
    request = requesting.request_create(
        user=officer, requesting_body=registry, party=party, person=person, fields=values
    )
    return requesting.request_update(
        user=officer, request=request, changes={"status": RequestStatus.SENT, "sent_on": sent_on}
    )


def _play(registry: Body, parties: dict[str, Party]) -> None:
    officer = _user("officer")
    person = requesting.person_create(
        user=officer,
        requesting_body=registry,
        name=FICTITIOUS_PERSON,
        case=FICTITIOUS_CASE,
        fictitious=True,
    )
    kenya = _request(
        officer,
        registry,
        parties["KEN"],
        person,
        sent_on=dt.date(2026, 3, 2),
        deadline=dt.date(2026, 6, 30),
    )
    answering.reply_create(
        user=_user("central-KEN"),
        request=kenya,
        text="Two accounts identified; a third bank has not answered yet (fictitious).",
        received_on=dt.date(2026, 4, 14),
        assets=[
            AssetReport(
                kind="bank_account",
                description="Savings account at a bank in Nairobi (fictitious)",
                holder_name="Acacia Holdings Ltd",
                holder_kind="company",
                country="KE",
                estimated_value=Decimal("410000"),
                currency="USD",
            ),
            AssetReport(
                kind="real_estate",
                description="Apartment in Mombasa (fictitious)",
                holder_name="Jonas Exempel",
                holder_kind="person_concerned",
                country="KE",
                estimated_value=Decimal("23000000"),
                currency="KES",
            ),
        ],
    )
    switzerland = _request(
        officer,
        registry,
        parties["CHE"],
        person,
        sent_on=dt.date(2026, 3, 2),
        deadline=dt.date(2026, 6, 30),
    )
    reply = answering.reply_create(
        user=_user("central-CHE"),
        request=switzerland,
        text="One account identified; it is already frozen under sanctions (fictitious).",
        received_on=dt.date(2026, 5, 6),
        assets=[
            AssetReport(
                kind="bank_account",
                description="Current account at a bank in Geneva (fictitious)",
                holder_name="ACACIA HOLDINGS LIMITED",
                holder_kind="company",
                country="CH",
                estimated_value=Decimal("1250000"),
                currency="CHF",
                status="frozen",
                sanctions_measure=SANCTIONS_MEASURE,
            )
        ],
    )
    seizure = _request(
        officer,
        registry,
        parties["CHE"],
        person,
        sent_on=dt.date(2026, 6, 1),
        deadline=dt.date(2026, 9, 30),
        kind="seizure",
        legal_basis="Articles 57(3)(e) and 93(1)(k) of the Rome Statute",
        asked="Seize the account identified in the reply of 6 May 2026 (fictitious example).",
    )
    requesting.request_update(user=officer, request=seizure, changes={"related": [switzerland.pk]})
    answering.asset_update(
        user=officer, asset=reply.assets.get(), changes={"requests": [switzerland.pk, seizure.pk]}
    )
    _request(
        officer,
        registry,
        parties["NOR"],
        person,
        sent_on=dt.date(2026, 9, 15),
        deadline=dt.date(2026, 12, 15),
        classification="sealed",
        unseal_on=dt.date(2028, 1, 1),
        kind="freezing",
        asked="Freeze any asset of the person concerned, without notice (fictitious example).",
    )
    late = _request(
        officer,
        registry,
        parties["KEN"],
        person,
        sent_on=dt.date(2025, 10, 1),
        deadline=dt.date(2026, 1, 31),
        kind="arrest",
        legal_basis="Articles 89 and 91 of the Rome Statute",
        asked="Arrest and surrender the person concerned (fictitious example).",
    )
    requesting.request_update(
        user=officer, request=late, changes={"status": RequestStatus.NOT_EXECUTED}
    )
    requesting.step_add(
        user=officer,
        request=late,
        kind="referred",
        taken_on=dt.date(2026, 3, 16),
        note="Referred after the deadline passed without a reply (fictitious).",
    )
