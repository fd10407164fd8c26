"""Writing proposals into the registry: real seeds, a real database, the real audit trail."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from concord.ingestion.readers import read_document
from concord.ingestion.services import (
    Outcome,
    ProposalNotSaved,
    SaveResult,
    proposal_save,
)
from concord.ingestion.structure import ProposedDocument, ProposedProvision, flatten, propose
from concord.ingestion.tests.conftest import seed_document, seed_path, seed_source
from concord.registry.models import (
    Citation,
    Footnote,
    Instrument,
    InstrumentRelation,
    Provision,
    ProvisionAddressee,
    ResultsNode,
    Statement,
)
from concord.registry.models.instruments import LegalStatus, Publication, RelationKind
from concord.registry.tests.factories import BodyFactory, InstrumentFactory, PartyFactory

pytestmark = pytest.mark.django_db

MODELS = (Instrument, Provision, ProvisionAddressee, Footnote, Statement, Citation)
MODELS += (InstrumentRelation,)


def save_seed(prefix: str, by=None) -> SaveResult:
    return proposal_save(
        proposal=seed_document(prefix),
        source_path=seed_path(prefix),
        by=by,
        source=seed_source(prefix),
    )


def save_file(path: Path, by=None) -> SaveResult:
    source = read_document(path)
    return proposal_save(proposal=propose(source), source_path=path, by=by, source=source)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def snapshot() -> dict[str, list]:
    """Every row of what ingestion writes, and every history record of it."""
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}
    rows |= {
        f"{model.__name__} history": list(model.history.order_by("pk").values_list("pk"))
        for model in MODELS
    }
    return rows


def edited_copy(prefix: str, tmp_path: Path, instrument: int, ref: str, *symbols) -> Path:
    """Copy a seed under its own name into ``tmp_path`` with one paragraph edited.

    A word is added before the last word of provision ``ref`` of the ``instrument``-th
    instrument; each ``(old, new)`` of ``symbols`` replaces the first occurrence of a symbol.
    """
    text = seed_source(prefix).text
    provision = seed_document(prefix).instruments[instrument].find(ref)
    assert provision is not None
    start, end = provision.span
    at = text.rindex(" ", start, end) + 1
    text = text[:at] + "duly " + text[at:]
    for old, new in symbols:
        text = text.replace(old, new, 1)
    copy = tmp_path / seed_path(prefix).name
    copy.write_text(text, encoding="utf-8")
    return copy


def test_each_seed_becomes_proposed_instruments_with_their_provision_trees(any_seed):
    result = save_seed(any_seed)
    proposed = seed_document(any_seed).instruments
    text = seed_source(any_seed).text
    assert [saved.outcome for saved in result.instruments] == [Outcome.CREATED] * len(proposed)
    for saved, expected in zip(result.instruments, proposed, strict=True):
        instrument = Instrument.objects.get(pk=saved.instrument_id)
        assert instrument.publication == Publication.PROPOSED
        assert instrument.source_document == seed_path(any_seed).name
        provisions = list(instrument.provisions.order_by("seq"))
        assert [p.ref for p in provisions] == [p.ref for p in expected.walk()]
        for provision in provisions:
            assert provision.depth == (provision.parent.depth + 1 if provision.parent else 0)
            cut = flatten(text[provision.source_start : provision.source_end])
            assert cut.startswith((provision.heading or provision.text)[:20])
        citation = Citation.objects.get(content_type__model="instrument", object_id=instrument.pk)
        assert citation.document == seed_path(any_seed).name
        assert citation.line_start <= citation.line_end


def test_the_draft_resolution_keeps_its_paragraphs_and_drafting_marks():
    save_seed("002")
    resolution = Instrument.objects.get(title="Draft resolution on cooperation")
    assert resolution.legal_status == LegalStatus.DRAFT
    provisions = resolution.provisions
    assert provisions.filter(kind="preambular").count() == 3
    assert provisions.filter(kind="operative").count() == 24
    assert provisions.get(ref="4").is_bracketed
    assert provisions.get(ref="21").has_placeholder
    assert provisions.get(ref="1").verb == "Welcomes"
    assert Instrument.objects.count() == 4


def test_the_instruments_of_one_document_are_related():
    result = save_seed("004")
    journal, decision, addendum, forwarding = (s.instrument_id for s in result.instruments)
    relations = set(InstrumentRelation.objects.values_list("source", "target", "kind"))
    assert (decision, journal, RelationKind.ANNEXED_TO) in relations
    assert (addendum, decision, RelationKind.ANNEXED_TO) in relations
    assert (forwarding, journal, RelationKind.ANNEXED_TO) in relations


def test_adopted_decisions_are_adopted_and_their_statements_name_registry_parties():
    russia = PartyFactory(code="RUS", name="Russian Federation")
    holy_see = PartyFactory(code="VAT", name="Holy See")
    council = BodyFactory(name="Permanent Council", acronym="PC")
    result = save_seed("004")
    decision = Instrument.objects.get(pk=result.instruments[1].instrument_id)
    assert decision.symbol == "PC.DEC/1107/Corr.1"
    assert decision.legal_status == LegalStatus.ADOPTED
    assert decision.adopted.edtf == "2013-12-06"
    assert decision.body == council
    statements = decision.statements.all()
    assert {s.party for s in statements} == {russia, holy_see}
    assert {s.kind for s in statements} == {"interpretative"}
    # The two statements whose party the registry does not know are reported, not invented.
    assert len(result.warnings) == 2


def test_addressees_are_resolved_to_registry_bodies_and_parties_where_they_exist():
    bureau = BodyFactory(name="Bureau")
    court = BodyFactory(name="International Criminal Court", acronym="Court")
    save_seed("002")
    labels = {a.label: a for a in ProvisionAddressee.objects.all()}
    assert labels["the Bureau"].body == bureau
    assert labels["the Court"].body == court
    assert labels["States Parties"].body is None and labels["States Parties"].party is None
    odihr = BodyFactory(name="Office for Democratic Institutions and Human Rights", acronym="ODIHR")
    save_seed("004")
    assert ProvisionAddressee.objects.filter(label="ODIHR", body=odihr).exists()


def test_an_addressee_naming_a_party_by_an_alias_resolves_to_the_party(tmp_path):
    party = PartyFactory(code="LAO", name="Lao People's Democratic Republic")
    party.aliases.create(name="Lao PDR", normalized="lao pdr")
    document = propose(seed_source("002"))
    document.instruments[1].provisions[3].addressees.append("Lao PDR")
    proposal_save(
        proposal=document, source_path=seed_path("002"), by=None, source=seed_source("002")
    )
    assert ProvisionAddressee.objects.get(label="Lao PDR").party == party


def test_a_second_ingest_changes_nothing(any_seed):
    save_seed(any_seed)
    before = snapshot()
    result = save_seed(any_seed)
    assert {saved.outcome for saved in result.instruments} == {Outcome.UNCHANGED}
    assert snapshot() == before


def test_the_same_file_edited_is_recorded_as_a_revision_with_exactly_that_change(tmp_path):
    first = save_seed("002")
    edited = edited_copy("002", tmp_path, 1, "5")
    second = save_file(edited)
    outcomes = [saved.outcome for saved in second.instruments]
    assert outcomes == [Outcome.UNCHANGED, Outcome.REVISED, Outcome.UNCHANGED, Outcome.UNCHANGED]
    revised = second.instruments[1]
    assert revised.diff.to_json() == {"added": [], "removed": [], "changed": ["5"]}
    assert revised.revision_of == first.instruments[1].instrument_id
    new = Instrument.objects.get(pk=revised.instrument_id)
    assert " duly " in new.provisions.get(ref="5").text
    assert new.publication == Publication.PROPOSED
    # Ingesting the edited file again changes nothing: the newest revision is compared.
    before = counts()
    assert {s.outcome for s in save_file(edited).instruments} == {Outcome.UNCHANGED}
    assert counts() == before


def test_a_higher_corrigendum_becomes_the_next_in_the_chain_with_its_changes(tmp_path):
    first = save_seed("004")
    edited = edited_copy("004", tmp_path, 1, "pp.6", ("PC.DEC/1107/Corr.1", "PC.DEC/1107/Corr.2"))
    second = save_file(edited)
    journal, decision, addendum, forwarding = second.instruments
    assert decision.outcome == Outcome.REVISED
    assert decision.revision_of == first.instruments[1].instrument_id
    assert Instrument.objects.get(pk=decision.instrument_id).symbol == "PC.DEC/1107/Corr.2"
    assert decision.diff.to_json() == {"added": [], "removed": [], "changed": ["pp.6"]}
    # The journal names the decision by its new symbol: that paragraph is its only change.
    assert journal.diff.to_json() == {"added": [], "removed": [], "changed": ["p3"]}
    assert (addendum.outcome, forwarding.outcome) == (Outcome.UNCHANGED, Outcome.UNCHANGED)


def test_a_mentioned_symbol_of_a_registry_instrument_becomes_a_recalls_link():
    earlier = InstrumentFactory(symbol="ICC-ASP/10/Res.5", title="Strengthening the Court")
    result = save_seed("002")
    assert result.links
    assert {link["target"] for link in result.links} == {earlier.pk}
    resolution = result.instruments[1].instrument_id
    assert InstrumentRelation.objects.filter(
        source=resolution, target=earlier, kind=RelationKind.RECALLS
    ).exists()


def test_a_person_without_the_permission_is_refused_and_nothing_is_written(focal_point):
    with pytest.raises(PermissionDenied):
        save_seed("000", by=focal_point)
    assert not any(counts().values())


def test_a_secretariat_may_save_proposals(secretariat):
    result = save_seed("000", by=secretariat)
    assert result.count(Outcome.CREATED) == 1
    # The trail names who ingested it.
    assert {h.history_user for h in Provision.history.all()} == {secretariat}


def test_a_failure_midway_leaves_nothing_and_names_the_file():
    document: ProposedDocument = propose(seed_source("003"))
    last = document.instruments[-1]
    # Two provisions with the same ref in one instrument: the database refuses the second.
    twin = ProposedProvision(
        ref=last.provisions[0].ref, number=None, kind="paragraph", text="again", span=(0, 1)
    )
    last.provisions.append(twin)
    with pytest.raises(ProposalNotSaved, match=seed_path("003").name):
        proposal_save(proposal=document, source_path=seed_path("003"), by=None,
                      source=seed_source("003"))  # fmt: skip
    assert not any(counts().values())


def test_the_audit_trail_says_the_records_came_from_an_import():
    save_seed("001")
    for model in (Instrument, Provision, Citation):
        sources = set(model.history.values_list("history_source", flat=True))
        assert sources == {"import"}


def test_a_proposed_instrument_is_not_public_on_the_portal_or_the_api():
    result = save_seed("000")
    pk = result.instruments[0].instrument_id
    client = Client()
    assert client.get(f"/instruments/{pk}").status_code == 404
    assert client.get(f"/api/instruments/{pk}").status_code == 404
    assert client.get(f"/api/instruments/{pk}/provisions").status_code == 404


def test_the_same_symbol_with_changed_text_is_the_symbols_next_version(tmp_path):
    first = save_seed("004")
    edited = edited_copy("004", tmp_path, 1, "pp.6")
    decision = save_file(edited).instruments[1]
    assert decision.outcome == Outcome.REVISED
    new = Instrument.objects.get(pk=decision.instrument_id)
    old = Instrument.objects.get(pk=first.instruments[1].instrument_id)
    assert (new.symbol, new.version, new.revision_of) == (old.symbol, 2, old)
    assert Instrument.objects.with_symbol("pc.dec/1107/corr.1") == new


def test_re_ingesting_after_a_review_leaves_the_reviewed_instrument_alone():
    first = save_seed("002")
    draft = Instrument.objects.get(pk=first.instruments[1].instrument_id)
    draft.title = "Draft resolution on cooperation (reviewed)"
    draft.kind = "other"
    draft.save()
    draft.provisions.filter(ref="5").update(text="Corrected by a reviewer.")
    before = snapshot()
    again = save_seed("002")
    assert [s.outcome for s in again.instruments] == [Outcome.UNCHANGED] * 4
    assert again.instruments[1].instrument_id == draft.pk
    assert snapshot() == before


def test_a_statement_is_linked_to_the_provisions_it_names_in_another_instrument():
    for code, name in [("VAT", "Holy See"), ("RUS", "Russian Federation"), ("ARM", "Armenia")]:
        PartyFactory(code=code, name=name)
    PartyFactory(code="AZE", name="Azerbaijan", official_name="Republic of Azerbaijan")
    result = save_seed("004")
    decision, addendum = (result.instruments[i].instrument_id for i in (1, 2))
    named = {
        s.party.code: [(p.instrument_id, p.ref) for p in s.provisions.all()]
        for s in Statement.objects.filter(instrument=decision).select_related("party")
    }
    assert named["VAT"] == [(addendum, "III.s2.5")]
    assert named["AZE"] == [(addendum, "III.s1.1.5")]
    assert named["RUS"] == []


def test_the_results_framework_is_recorded_once_for_both_printings_of_an_output():
    result = save_seed("003")
    strategy, work_plan = (result.instruments[i].instrument_id for i in (0, 1))
    nodes = ResultsNode.objects.filter(framework=strategy)
    assert nodes.filter(level="outcome").count() == 4
    assert nodes.filter(level="output").count() == 16
    assert nodes.filter(level="activity").count() == 43
    a1 = nodes.get(level="output", code="A1")
    assert a1.parent.code == "A"
    assert sorted(p.instrument_id for p in a1.provisions.all()) == [strategy, work_plan]
    d4 = nodes.get(level="output", code="D4")
    assert [p.instrument_id for p in d4.provisions.all()] == [strategy]
    # Two different activities printed C.5.2 are two nodes; the second's code tells them apart.
    twins = nodes.filter(level="activity", code__startswith="C.5.2")
    assert sorted(twins.values_list("code", flat=True)) == ["C.5.2", "C.5.2-2"]
    assert {p.number for node in twins for p in node.provisions.all()} == {"C.5.2)"}
    # Ingesting again records no second framework.
    save_seed("003")
    assert ResultsNode.objects.count() == nodes.count()


def test_a_one_word_addressee_resolves_to_the_only_body_named_so():
    court = BodyFactory(name="International Criminal Court", acronym="ICC")
    BodyFactory(name="Bureau of the Assembly of States Parties")
    BodyFactory(name="Bureau of Another Conference")
    result = save_seed("002")
    workshop = result.instruments[2].instrument_id
    to_court = ProvisionAddressee.objects.filter(provision__instrument=workshop, label="the Court")
    assert to_court.count() == 8
    assert {a.body_id for a in to_court} == {court.pk}
    # Two bodies are named Bureau ...: "the Bureau" stays a label.
    resolution = result.instruments[1].instrument_id
    bureau = ProvisionAddressee.objects.get(provision__instrument=resolution, label="the Bureau")
    assert bureau.body is None


def test_a_number_printed_twice_is_kept_twice_and_reported():
    result = save_seed("003")
    assert any("C.5.2" in warning for warning in result.warnings)
