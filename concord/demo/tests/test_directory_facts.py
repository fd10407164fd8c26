"""The directory facts the seeds state (issue 10): meetings and Mali's agreement, each cited."""

import datetime as dt

import pytest
from django.apps import apps
from django.conf import settings
from django.forms.models import model_to_dict

from concord.demo.seeds import SeedText
from concord.demo.services import demo_load
from concord.demo.tests.test_citations import QUOTED, SEEDS, meeting_values
from concord.directory.models import BestPractice, Contact, Legislation, Meeting
from concord.registry.models import Citation, Instrument, Participation
from concord.registry.names import normalize_name
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db

CONSULTATION_DAYS = [
    dt.date(2012, 3, 29),
    dt.date(2012, 4, 26),
    dt.date(2012, 5, 15),
    dt.date(2012, 5, 31),
    dt.date(2012, 6, 19),
    dt.date(2012, 9, 18),
    dt.date(2012, 10, 10),
]


def meeting_quote_matches(meeting: Meeting, quote: str) -> bool:
    exact, phrases = meeting_values(meeting)
    if quote in exact:
        return True
    wanted = normalize_name(quote)
    return any(
        len(wanted) >= 4 and (wanted in normalize_name(p) or normalize_name(p) in wanted)
        for p in phrases
    )


def meeting_citations():
    return Citation.objects.filter(document__in=SEEDS, content_type__model="meeting")


def cited_problems(citations) -> list[str]:
    seeds = {name: SeedText(settings.SEEDS_DIR / name) for name in SEEDS}
    problems = []
    for citation in citations:
        where = f"{citation.document}:{citation.line_start}-{citation.line_end} {citation.locator}"
        match = QUOTED.match(citation.locator)
        lines = seeds[citation.document].passage(citation.line_start, citation.line_end)
        if match is None or match["quote"] not in lines:
            problems.append(f"{where}: the lines do not hold the quote")
        elif not meeting_quote_matches(citation.record, match["quote"]):
            problems.append(f"{where}: not a value of {citation.record}")
    return problems


def test_the_hague_working_group_held_seven_consultations_in_2012(demo):
    consultations = Meeting.objects.filter(
        body__code="icc-hague-working-group", kind="consultation"
    ).order_by("starts_on")
    assert [m.starts_on for m in consultations] == CONSULTATION_DAYS
    legislation = consultations.get(starts_on=dt.date(2012, 6, 19))
    assert "implementing legislation" in legislation.title
    assert "national implementing legislation" in legislation.agenda.casefold()
    paper = consultations.get(starts_on=dt.date(2012, 9, 18)).documents.get()
    assert paper.title.startswith("Informal paper on privileges and immunities")
    for meeting in consultations:
        assert meeting.place == "" and not meeting.participants.exists()
        assert Citation.objects.filter(
            object_id=meeting.pk, content_type__model="meeting", line_start=29
        ).exists()


def test_the_workshop_of_1_october_2012_and_its_summary(demo):
    workshop = Meeting.objects.get(kind="workshop", starts_on=dt.date(2012, 10, 1))
    assert workshop.body.code == "icc-hague-working-group"
    assert workshop.title == "Workshop on cooperation"
    assert workshop.documents.get().title.startswith("Summary of the 1 October 2012 workshop")


def test_the_976th_plenary_adopted_decisions_1107_and_1108(demo):
    plenary = Meeting.objects.get(body__code="osce-pc", kind="plenary")
    assert plenary.starts_on == dt.date(2013, 12, 6)
    assert plenary.place == "Kyiv"
    assert sorted(plenary.decisions.values_list("number", flat=True)) == ["1107", "1108"]
    assert plenary.documents.get().kind == "journal"
    assert set(plenary.participants.values_list("code", flat=True)) == {
        "UKR", "RUS", "VAT", "AZE", "ARM", "CAN", "TUR", "FRA",
    }  # fmt: skip
    following = Meeting.objects.get(body__code="osce-pc", starts_on=dt.date(2013, 12, 12))
    assert following.place == "Neuer Saal"


def test_the_adb_oecd_meetings_are_dated_to_the_month_the_seed_gives(demo):
    adb_oecd = Meeting.objects.filter(body__code__startswith="adb-oecd")
    assert {(m.starts_on, m.precision) for m in adb_oecd} == {
        (dt.date(1999, 10, 1), "month"),
        (dt.date(2000, 12, 1), "month"),
        (dt.date(2001, 11, 1), "month"),
        (dt.date(2002, 5, 1), "month"),
        (dt.date(2003, 2, 1), "month"),
        (dt.date(2003, 12, 1), "month"),
    }
    assert adb_oecd.count() == 7
    tokyo = adb_oecd.get(place="Tokyo")
    assert tokyo.participants.count() == 17
    assert not tokyo.participants.filter(code__in=["AUS", "KHM", "HKG", "KAZ"]).exists()
    kuala_lumpur = adb_oecd.get(place="Kuala Lumpur")
    assert set(kuala_lumpur.participants.values_list("code", flat=True)) == {"LKA", "TLS", "VNM"}
    may = adb_oecd.get(body__code="adb-oecd-steering-group", starts_on=dt.date(2002, 5, 1))
    assert [i.kind for i in may.decisions.all()] == ["strategy"]
    assert meeting_citations().filter(object_id=may.pk, locator__endswith='"May 2002"').exists()


def test_mali_concluded_an_agreement_on_enforcement_of_sentences_undated(demo):
    mali = Participation.objects.get(party__code="MLI", instrument__kind="agreement")
    agreement = mali.instrument
    assert agreement.body.code == "icc"
    assert "enforcement of sentences" in agreement.title
    assert agreement.adopted is None and mali.start is None
    assert agreement.publication == "published"
    for record in (agreement, mali):
        citation = Citation.objects.get(
            object_id=record.pk, content_type__model=type(record)._meta.model_name
        )
        assert citation.document.startswith("002_")
        assert (citation.line_start, citation.locator[:7]) == (54, "para 12")


def test_the_seeds_name_no_legislation_contact_or_best_practice(demo):
    assert not Legislation.objects.exists()
    assert not Contact.objects.exists()
    assert not BestPractice.objects.exists()


def test_every_meeting_citation_holds_the_loaded_value(demo):
    citations = list(meeting_citations())
    assert len(citations) > 40
    assert Meeting.objects.count() == 20
    assert not cited_problems(citations)
    cited = {c.object_id for c in citations}
    assert cited == set(Meeting.objects.values_list("pk", flat=True))


def test_a_meeting_cited_on_the_wrong_line_or_edited_away_fails_the_check(demo):
    plenary = Meeting.objects.get(body__code="osce-pc", kind="plenary")
    kyiv = meeting_citations().get(object_id=plenary.pk, locator__endswith='"Kyiv"')
    kyiv.line_start = kyiv.line_end = 9
    assert cited_problems([kyiv])
    kyiv.line_start = kyiv.line_end = 8
    assert not cited_problems([kyiv])
    plenary.place = "Vienna"
    plenary.save()
    kyiv.refresh_from_db()
    assert cited_problems([kyiv])


def directory_snapshot() -> dict[str, list[dict]]:
    return {
        model.__name__: [model_to_dict(row) for row in model.objects.order_by("pk")]
        for model in apps.get_app_config("directory").get_models()
    }


def test_a_second_load_changes_no_directory_fact(demo):
    before = directory_snapshot()
    report = demo_load()
    assert (report.tally.total("created"), report.tally.total("updated")) == (0, 0)
    assert directory_snapshot() == before


def test_an_edited_meeting_is_restored_and_an_editors_additions_stay(demo):
    plenary = Meeting.objects.get(body__code="osce-pc", kind="plenary")
    plenary.title = "A title someone typed"
    plenary.place = ""
    plenary.save()
    plenary.decisions.remove(plenary.decisions.get(number="1108"))
    guest = factories.PartyFactory(code="XKX", name="Kosovo")
    plenary.participants.add(guest)
    extra = factories.InstrumentFactory(title="Our own note")
    plenary.documents.add(extra)
    meetings = Meeting.objects.count()

    report = demo_load()

    assert report.tally.total("created") == 0
    assert report.tally.counts[Meeting]["updated"] == 1
    plenary.refresh_from_db()
    assert plenary.title.startswith("976th Plenary Meeting")
    assert plenary.place == "Kyiv"
    assert sorted(plenary.decisions.values_list("number", flat=True)) == ["1107", "1108"]
    assert guest in plenary.participants.all()
    assert extra in plenary.documents.all()
    assert Meeting.objects.count() == meetings
    assert Instrument.objects.filter(title__startswith="Agreement on enforcement").count() == 1
